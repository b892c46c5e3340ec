#pragma once
// Parsing a command's arguments: what the commands that take a list of operands share.
#include <boost/program_options.hpp>
#include <string>
#include <vector>

namespace ccsim::cli {

// Parses `args` against the command's `visible` options, and its operands (every argument that
// is not an option, in order) into `operands`; notifies the variables map. Throws
// boost::program_options::error on a malformed command line.
inline boost::program_options::variables_map parse_operands(
    const std::vector<std::string>& args,
    const boost::program_options::options_description& visible,
    std::vector<std::string>& operands) {
  namespace po = boost::program_options;
  po::options_description hidden;
  hidden.add_options()("operands", po::value(&operands)->composing());
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("operands", -1);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
  po::notify(vm);
  return vm;
}

}  // namespace ccsim::cli
