// `ccsim compare`: reads run directories, hands the tables to model/compare, writes the result.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "model/compare/compare.hpp"
#include "model/error.hpp"
#include "model/io/csv.hpp"
#include "model/io/gzip.hpp"
#include "model/json_text.hpp"

namespace ccsim::cli {

namespace {

namespace fs = std::filesystem;
namespace po = boost::program_options;

constexpr const char* kUsage = "usage: ccsim compare BASE_DIR OTHER_DIR... [options]";

struct RunInfo {
  compare::Run run;
  std::string scenario_name;
};

// Reads what compare needs from a run directory; every problem is an InputError naming the
// directory or file.
RunInfo read_run(const std::string& arg, compare::By by) {
  const fs::path dir(arg);
  std::error_code ec;
  if (!fs::exists(dir, ec)) throw InputError(arg, "", "no such directory");
  if (!fs::is_directory(dir, ec)) throw InputError(arg, "", "not a directory");
  const fs::path manifest_path = dir / "manifest.json";
  if (!fs::is_regular_file(manifest_path, ec))
    throw InputError(arg, "", "not a ccsim run directory: it has no manifest.json");
  const std::string manifest_name = manifest_path.string();
  std::ifstream min(manifest_path, std::ios::binary);
  if (!min) throw InputError(manifest_name, "", "cannot open the file");
  std::ostringstream text;
  text << min.rdbuf();
  // Located problems, and the nesting limit that every JSON input has.
  const nlohmann::json manifest = parse_json(text.str(), manifest_name);
  if (!manifest.is_object()) throw InputError(manifest_name, "", "not a JSON object");
  std::vector<Issue> issues;
  const auto program = manifest.find("program");
  if (program == manifest.end() || !program->is_string() || *program != "ccsim")
    issues.push_back({manifest_name, "/program", "not a ccsim run manifest: expected \"ccsim\""});
  const auto name = manifest.find("scenario_name");
  if (name == manifest.end() || !name->is_string())
    issues.push_back({manifest_name, "/scenario_name", "missing or not a string"});
  const auto seed = manifest.find("seed");
  if (seed == manifest.end() || !seed->is_number_unsigned())
    issues.push_back({manifest_name, "/seed", "missing or not an unsigned integer"});
  if (!issues.empty()) throw InputError(std::move(issues));

  RunInfo info;
  info.scenario_name = name->get<std::string>();
  info.run.dir = arg;
  info.run.seed = seed->get<std::uint64_t>();
  const auto params = manifest.find("parameters");
  info.run.parameters = params != manifest.end() && params->is_object()
                            ? params->value("ensemble", nlohmann::json()).dump()
                            : std::string();
  // The table plain or gzip (ccsim run --compress), streamed: never held whole.
  const std::string table = std::string(compare::table_file(by));
  fs::path table_path = dir / table;
  if (!fs::is_regular_file(table_path, ec)) table_path = dir / (table + ".gz");
  info.run.table_path = table_path.string();
  if (!fs::is_regular_file(table_path, ec)) {
    const std::string detail = manifest.value("detail", std::string("full"));
    if (detail != "full")
      throw InputError(arg, "",
                       "the run was made with --detail " + detail + ", which leaves " + table +
                           " out; compare --by " + std::string(compare::by_name(by)) +
                           " pairs its replications: run it again with --detail full");
    throw InputError((dir / table).string(), "", "missing: the run has no " + table + "(.gz)");
  }
  info.run.open = [path = info.run.table_path] { return io::open_table(path); };
  return info;
}

// "2017-2030" or "2030".
bool parse_years(const std::string& text, int& from, int& to) {
  auto parse_int = [](const char* b, const char* e, int& v) {
    const auto res = std::from_chars(b, e, v);
    return res.ec == std::errc() && res.ptr == e && b != e;
  };
  const char* b = text.data();
  const char* e = b + text.size();
  const auto dash = text.find('-', 1);
  if (dash == std::string::npos) {
    if (!parse_int(b, e, from)) return false;
    to = from;
    return true;
  }
  return parse_int(b, b + dash, from) && parse_int(b + dash + 1, e, to);
}

std::vector<std::string> split_metrics(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    std::stringstream ss(v);
    std::string item;
    while (std::getline(ss, item, ',')) {
      const auto b = item.find_first_not_of(" \t");
      const auto e = item.find_last_not_of(" \t");
      if (b == std::string::npos) throw po::error("--metrics has an empty name in '" + v + "'");
      out.push_back(item.substr(b, e - b + 1));
    }
  }
  return out;
}

void print_help(std::ostream& os, const po::options_description& visible) {
  os << kUsage << "\n\n"
     << "Compares each OTHER run with BASE: means, difference, relative difference and a 95%\n"
        "confidence interval of the difference across replications, for every metric and year\n"
        "and summed over the years (cumulative view). Runs with the same seed are paired by\n"
        "replication (common random numbers); others get a Welch interval.\n\n"
        "Without --out the CSV goes to stdout and a summary table to stderr when stderr is a\n"
        "terminal; with --out the CSV goes to FILE and the summary to stdout.\n\n"
     << visible << "\nOutput columns (see docs/compare.md):\n";
  for (const auto& c : compare::output_columns()) os << "  " << c.name << "\n";
}

}  // namespace

int cmd_compare(const Args& args) {
  po::options_description visible("options");
  auto add = visible.add_options();
  add("help,h", "show this help");
  add("metrics,m", po::value<std::vector<std::string>>()->composing()->value_name("LIST"),
      "comma-separated metrics to compare (default: all; the runs must then have the same "
      "metric columns)");
  add("by", po::value<std::string>()->default_value("year")->value_name("year|country|sector"),
      "which run table to compare");
  add("years", po::value<std::string>()->value_name("A-B"),
      "years to compare and to sum over (default: the years all runs share); every run must "
      "cover them");
  add("out,o", po::value<std::string>()->value_name("FILE"),
      "write the CSV to FILE (atomically) instead of stdout ('-': stdout)");
  add("force", po::bool_switch(), "replace an earlier CSV of `ccsim compare` at --out");
  add("unpaired", po::bool_switch(), "Welch intervals even for runs with the same seed");
  add("quiet,q", po::bool_switch(), "no summary table");

  compare::Options options;
  std::vector<std::string> dirs;
  std::string out_path;
  bool quiet = false, force = false;
  try {
    const po::variables_map vm = parse_operands(args, visible, dirs);
    if (vm.count("help")) {
      print_help(std::cout, visible);
      return 0;
    }
    if (dirs.size() < 2) throw po::error("give a base run directory and at least one other");
    const auto by = compare::parse_by(vm["by"].as<std::string>());
    if (!by) throw po::error("--by must be year, country or sector");
    options.by = *by;
    if (vm.count("metrics"))
      options.metrics = split_metrics(vm["metrics"].as<std::vector<std::string>>());
    if (vm.count("years")) {
      int from = 0, to = 0;
      if (!parse_years(vm["years"].as<std::string>(), from, to))
        throw po::error("--years must be A-B or A, e.g. 2017-2030");
      if (from > to) throw po::error("--years " + vm["years"].as<std::string>() + " is empty");
      options.year_from = from;
      options.year_to = to;
    }
    if (vm.count("out")) out_path = vm["out"].as<std::string>();
    if (out_path == "-") out_path.clear();
    force = vm["force"].as<bool>();
    if (vm["unpaired"].as<bool>()) options.pairing = compare::Pairing::kNever;
    quiet = vm["quiet"].as<bool>();
  } catch (const po::error& e) {
    std::cerr << "ccsim compare: " << e.what() << "\n" << kUsage << "\n";
    return 2;
  }

  const OutputOptions output{OutputKind::kCompare, force};
  if (!out_path.empty()) out_path = check_output(out_path, output).string();

  compare::Comparison result;
  try {
    std::vector<RunInfo> runs;
    std::vector<Issue> issues;
    for (const auto& d : dirs) {
      try {
        runs.push_back(read_run(d, options.by));
      } catch (const InputError& e) {
        issues.insert(issues.end(), e.issues().begin(), e.issues().end());
      }
    }
    if (!issues.empty()) throw InputError(std::move(issues));
    // Scenario names label the rows; when two runs share one (seeds or code versions of the same
    // scenario) the directories as given label them instead, so that rows stay distinct.
    std::map<std::string, int> uses;
    for (const auto& r : runs) ++uses[r.scenario_name];
    bool unique = true;
    for (const auto& [name, n] : uses) unique = unique && n == 1;
    for (auto& r : runs) r.run.label = unique ? r.scenario_name : r.run.dir;
    std::vector<compare::Run> others;
    for (std::size_t i = 1; i < runs.size(); ++i) others.push_back(std::move(runs[i].run));
    result = compare::compare_runs(runs[0].run, others, options);
  } catch (const InputError& e) {
    for (const auto& issue : e.issues())
      std::cerr << "ccsim compare: " << issue.to_string() << "\n";
    std::cerr << "ccsim compare: nothing written\n";
    return 2;
  }

  if (out_path.empty()) {
    compare::write_csv(std::cout, result.rows);
    std::cout.flush();
    if (!std::cout) {
      std::cerr << "ccsim compare: failed writing to stdout\n";
      return 1;
    }
    if (!quiet && isatty(STDERR_FILENO)) compare::write_summary(std::cerr, result);
    return 0;
  }

  // Written beside the target and renamed into place, so that a reader never sees half a file
  // and a failure leaves the previous file, if any, alone.
  write_file(out_path, output, [&](std::ostream& os) { compare::write_csv(os, result.rows); });
  if (!quiet) compare::write_summary(std::cout, result);
  return 0;
}

}  // namespace ccsim::cli
