// The scenario-file commands: validate, schema, resolve.
#include <boost/program_options.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "model/calibration/spec.hpp"
#include "model/calibration/targets.hpp"
#include "model/schema.hpp"

namespace po = boost::program_options;

namespace ccsim::cli {

namespace {

enum class FileKind { kScenario, kSweep, kCalibration, kTargets };

// A file's kind by its schema's name, else by the keys only its kind has: a sweep's design or
// factors, a calibration spec's targets file, a targets file's list of targets.
FileKind file_kind(const nlohmann::json& doc) {
  if (!doc.is_object()) return FileKind::kScenario;  // reported by the scenario's rules
  const std::string schema = doc.value("$schema", std::string());
  auto ends = [&](const std::string& tail) {
    return schema.size() >= tail.size() &&
           schema.compare(schema.size() - tail.size(), tail.size(), tail) == 0;
  };
  if (ends("calibration.schema.json")) return FileKind::kCalibration;
  if (ends("targets.schema.json")) return FileKind::kTargets;
  if (ends("scenario.schema.json")) return FileKind::kScenario;
  if (doc.contains("design") || (doc.contains("parameters") && doc["parameters"].is_array()))
    return FileKind::kSweep;
  if (doc.contains("targets") && doc["targets"].is_string()) return FileKind::kCalibration;
  if (doc.contains("targets") && doc["targets"].is_array()) return FileKind::kTargets;
  return FileKind::kScenario;
}

}  // namespace

int cmd_validate(const Args& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    (args.empty() ? std::cerr : std::cout)
        << "usage: ccsim validate FILE...\n"
           "Checks scenario, sweep, calibration spec and targets files, each by its own rules,\n"
           "and reports every problem with its file and JSON pointer. '-' is standard input.\n";
    return args.empty() ? 2 : 0;
  }
  // Every file is checked, whatever happened to the ones before it.
  int bad = 0, failed = 0;
  for (const auto& file : args) {
    try {
      const char* kind = "scenario";
      switch (file_kind(load_json_file(file))) {
        case FileKind::kSweep:
          validate_sweep_file(file);
          kind = "sweep";
          break;
        case FileKind::kCalibration:
          validate_calibration_file(file);
          kind = "calibration spec";
          break;
        case FileKind::kTargets:
          validate_targets_file(file);
          kind = "targets";
          break;
        case FileKind::kScenario:
          load_scenario(file, {});
          break;
      }
      std::cout << file << ": ok (" << kind << ")\n";
    } catch (const InputError& e) {
      ++bad;
      std::cerr << file << ": ";
      print_issues(e);
    } catch (const std::exception& e) {
      ++failed;
      std::cerr << file << ": " << e.what() << "\n";
    }
  }
  return bad ? 2 : failed ? 1 : 0;
}

int cmd_schema(const Args& args) {
  if (args.size() == 1 && args[0] == "--markdown") {
    std::cout << parameter_reference();
    return 0;
  }
  if (args.size() == 1 && args[0] == "--outputs") {
    std::cout << output_reference();
    return 0;
  }
  if (args.size() == 1 && args[0] == "--calibration") {
    std::cout << calibration::spec_schema().dump(2) << "\n";
    return 0;
  }
  if (args.size() == 1 && args[0] == "--targets") {
    std::cout << calibration::targets_schema().dump(2) << "\n";
    return 0;
  }
  if (!args.empty()) {
    std::cerr << "usage: ccsim schema [--markdown | --outputs | --calibration | --targets]\n"
                 "Prints the JSON Schema (draft 2020-12) of scenario files; with --markdown the\n"
                 "parameter reference; with --outputs the output columns; with --calibration or\n"
                 "--targets the JSON Schema of calibration specs or targets files.\n";
    return args[0] == "--help" || args[0] == "-h" ? 0 : 2;
  }
  std::cout << scenario_schema().dump(2) << "\n";
  return 0;
}

int cmd_resolve(const Args& args) {
  std::string file;
  std::vector<std::string> sets;
  po::options_description opts("ccsim resolve FILE [--set path.to.key=value]...");
  opts.add_options()("help,h", "show this help")("set", po::value(&sets)->composing(),
                                                 "override a parameter");
  po::options_description hidden;
  hidden.add_options()("file", po::value(&file));
  po::options_description all;
  all.add(opts).add(hidden);
  po::positional_options_description pos;
  pos.add("file", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "ccsim resolve: " << e.what() << "\n" << opts;
    return 2;
  }
  if (vm.count("help")) {
    std::cout << opts;
    return 0;
  }
  if (file.empty()) {
    std::cerr << "ccsim resolve: no file given\n" << opts;
    return 2;
  }
  try {
    const Loaded l = load_scenario(file, sets);
    std::cout << l.scenario.resolved.dump(2) << "\n";
  } catch (const InputError& e) {
    return report(e, "resolve");
  }
  return 0;
}

}  // namespace ccsim::cli
