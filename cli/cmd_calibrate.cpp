#include <boost/program_options.hpp>
#include <filesystem>
#include <iomanip>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "model/calibrate.hpp"

namespace po = boost::program_options;

namespace ccsim::cli {

namespace {

std::string relative_to(const std::string& spec_file, const std::string& path) {
  const fs::path p(path);
  return p.is_absolute() ? path
                         : (fs::path(spec_file).parent_path() / p).lexically_normal().string();
}

void print_checks(const std::vector<TargetCheck>& checks) {
  std::cout << std::left << std::setw(26) << "target" << std::right << std::setw(14) << "model"
            << std::setw(14) << "low" << std::setw(14) << "high"
            << "  met\n";
  for (const auto& c : checks)
    std::cout << std::left << std::setw(26) << c.target.id << std::right << std::setw(14) << c.value
              << std::setw(14) << c.target.low() << std::setw(14) << c.target.high() << "  "
              << (c.met ? "yes" : "NO") << "\n";
}

}  // namespace

int cmd_calibrate(const Args& args) {
  std::string spec_file;
  int threads = 1;
  bool check_only = false, force = false;
  po::options_description opts("ccsim calibrate SPEC.json [options]");
  opts.add_options()("help,h", "show this help")("threads,t", po::value(&threads)->default_value(1),
                                                 "worker threads (results do not depend on it)")(
      "check", po::bool_switch(&check_only),
      "only report the targets at the scenario's current values")(
      "force", po::bool_switch(&force),
      "replace the spec's output file, if `ccsim calibrate` wrote it");
  po::options_description hidden;
  hidden.add_options()("spec", po::value(&spec_file));
  po::options_description all;
  all.add(opts).add(hidden);
  po::positional_options_description pos;
  pos.add("spec", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "ccsim calibrate: " << e.what() << "\n" << opts;
    return 2;
  }
  if (vm.count("help")) {
    std::cout << opts;
    return 0;
  }
  if (spec_file.empty()) {
    std::cerr << "ccsim calibrate: no calibration spec given\n" << opts;
    return 2;
  }
  try {
    CalibrationFiles files;
    CalibrationSpec spec = parse_calibration_spec(load_json_file(spec_file), spec_file, files);
    spec.threads = threads;
    const std::string scenario_file = relative_to(spec_file, files.scenario);
    const std::string targets_file = relative_to(spec_file, files.targets);
    const std::string output_file = relative_to(spec_file, files.output);
    const std::vector<Target> targets = parse_targets(load_json_file(targets_file), targets_file);
    const Loaded loaded = load_scenario(scenario_file, {});
    if (check_only) {
      RunOptions ro;
      ro.threads = threads;
      ro.detail = false;
      const auto checks = check_targets(targets, run(loaded.scenario, loaded.world, ro));
      print_checks(checks);
      for (const auto& c : checks)
        if (!c.met) return 1;
      return 0;
    }
    const OutputOptions output{OutputKind::kCalibration, force};
    check_output(output_file, output);  // before the fit, which takes minutes
    const CalibrationResult r =
        calibrate(loaded.scenario.resolved, scenario_file, loaded.world, targets, spec);
    print_checks(r.checks);
    const std::string provenance = kCalibrationProvenance + (" " + spec_file) + "` to " +
                                   targets_file + " (" + std::to_string(r.evaluations) +
                                   " evaluations, objective " + std::to_string(r.objective) +
                                   "). Regenerate with that command; do not edit by hand.";
    write_file(output_file, output, [&](std::ostream& os) {
      os << calibration_fragment(spec, r, provenance).dump(2) << "\n";
    });
    std::cerr << "ccsim calibrate: objective " << r.objective << " after " << r.evaluations
              << " evaluations -> " << output_file << "\n";
  } catch (const InputError& e) {
    return report(e, "calibrate");
  }
  return 0;
}

}  // namespace ccsim::cli
