#include <boost/program_options.hpp>
#include <chrono>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "model/cost.hpp"
#include "model/io/outputs.hpp"
#include "model/simulate.hpp"

namespace po = boost::program_options;

namespace ccsim::cli {

int cmd_run(const Args& args) {
  std::string file, out;
  int replications = -1, threads = 1;
  std::string seed;
  std::vector<std::string> sets;
  bool no_detail = false;
  po::options_description opts("ccsim run SCENARIO.json [options]");
  opts.add_options()("help,h", "show this help")(
      "out,o", po::value(&out), "output directory (default outputs/<scenario name>)")(
      "replications,r", po::value(&replications),
      "replications (overrides simulation.replications)")(
      "seed,s", po::value(&seed), "master seed (overrides simulation.seed)")(
      "threads,t", po::value(&threads)->default_value(1),
      "worker threads (0: all cores); results do not depend on it")(
      "set", po::value(&sets)->composing(), "override a parameter: path.to.key=value (repeatable)")(
      "no-detail", po::bool_switch(&no_detail), "skip countries.csv and sectors.csv");
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
  if (vm.count("replications")) {
    if (replications < 1) {
      std::cerr << "ccsim run: --replications must be 1 or more, found " << replications << "\n";
      return 2;
    }
    sets.push_back("simulation.replications=" + std::to_string(replications));
  }
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
  const int workers = worker_count(sc.replications(), threads);
  if (!fits_in_memory(workers * replication_cost(sc, loaded.world).bytes,
                      std::to_string(workers) + " threads of " + sc.name, "run"))
    return 2;

  const auto t0 = std::chrono::steady_clock::now();
  RunOptions ro;
  ro.threads = threads;
  ro.detail = !no_detail;
  const RunResult result = run(sc, loaded.world, ro);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  write_directory(out, [&](const fs::path& dir) {
    auto file_out = [&](const char* name, const std::function<void(std::ostream&)>& f) {
      std::ofstream os(dir / name, std::ios::binary);
      f(os);
      if (!os) throw std::runtime_error(std::string("cannot write ") + name);
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
