#include <boost/program_options.hpp>
#include <chrono>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "model/io/outputs.hpp"
#include "model/simulate.hpp"

namespace po = boost::program_options;

namespace ccsim::cli {

int cmd_run(const Args& args) {
  std::string file, out;
  int replications = -1, threads = 1;
  std::string seed;
  std::vector<std::string> sets;
  bool no_detail = false, force = false;
  po::options_description opts("ccsim run SCENARIO.json [options]");
  opts.add_options()("help,h", "show this help")(
      "out,o", po::value(&out), "output directory (default outputs/<scenario name>)")(
      "replications,r", po::value(&replications),
      "replications (overrides simulation.replications)")(
      "seed,s", po::value(&seed), "master seed (overrides simulation.seed)")(
      "threads,t", po::value(&threads)->default_value(1),
      "worker threads (0: all cores); results do not depend on it")(
      "set", po::value(&sets)->composing(), "override a parameter: path.to.key=value (repeatable)")(
      "no-detail", po::bool_switch(&no_detail), "skip countries.csv and sectors.csv")(
      "force", po::bool_switch(&force), "replace an earlier output of `ccsim run` at --out");
  po::options_description hidden;
  hidden.add_options()("scenario", po::value(&file));
  po::options_description all;
  all.add(opts).add(hidden);
  po::positional_options_description pos;
  pos.add("scenario", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "ccsim run: " << e.what() << "\n" << opts;
    return 2;
  }
  if (vm.count("help")) {
    std::cout << opts;
    return 0;
  }
  if (file.empty()) {
    std::cerr << "ccsim run: no scenario file given\n" << opts;
    return 2;
  }
  if (replications >= 0) sets.push_back("simulation.replications=" + std::to_string(replications));
  if (!seed.empty()) sets.push_back("simulation.seed=" + seed);
  if (threads < 0) {
    std::cerr << "ccsim run: --threads must be 0 or more\n";
    return 2;
  }

  Loaded loaded;
  try {
    loaded = load_scenario(file, sets);
  } catch (const InputError& e) {
    return report(e, "run");
  }
  const Scenario& sc = loaded.scenario;
  if (out.empty()) out = "outputs/" + sc.name;
  const OutputOptions output{OutputKind::kRun, force};
  out = check_output(out, output).string();  // before the work, which may take hours

  const auto t0 = std::chrono::steady_clock::now();
  RunOptions ro;
  ro.threads = threads;
  ro.detail = !no_detail;
  const RunResult result = run(sc, loaded.world, ro);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  write_directory(out, output, [&](const fs::path& dir) {
    auto file_out = [&](const char* name, const std::function<void(std::ostream&)>& f) {
      write_new_file(dir / name, f);  // every write and the close checked
    };
    file_out("yearly.csv", [&](std::ostream& os) { io::write_yearly(os, result); });
    file_out("yearly_stats.csv", [&](std::ostream& os) { io::write_yearly_stats(os, result); });
    if (ro.detail) {
      file_out("countries.csv",
               [&](std::ostream& os) { io::write_countries(os, result, loaded.world); });
      file_out("sectors.csv", [&](std::ostream& os) { io::write_sectors(os, result); });
    }
    file_out("manifest.json", [&](std::ostream& os) {
      os << io::manifest(sc, result, wall, threads, file).dump(2) << "\n";
    });
  });
  std::cerr << "ccsim run: " << sc.name << ": " << result.replications.size() << " replications, "
            << sc.start_year() << "-" << sc.end_year() << " in " << wall << " s -> " << out << "\n";
  return 0;
}

}  // namespace ccsim::cli
