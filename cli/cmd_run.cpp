#include <algorithm>
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/parameters.hpp"
#include "cli/progress.hpp"
#include "model/cost.hpp"
#include "model/io/datapackage.hpp"
#include "model/io/outputs.hpp"
#include "model/io/table_writer.hpp"
#include "model/simulate.hpp"

namespace po = boost::program_options;

namespace ccsim::cli {

namespace {

// Passes each replication on to the tables and shows how far the run is: replications written of
// the total, their rate and the time left. write() is called on the calling thread, in order.
class ProgressSink : public ReplicationSink {
 public:
  ProgressSink(ReplicationSink& inner, ProgressLine& line, std::string name)
      : inner_(inner), line_(line), name_(std::move(name)) {}
  void begin(int start_year, int end_year, int replications, int slots) override {
    total_ = replications;
    inner_.begin(start_year, end_year, replications, slots);
  }
  void take(int replication, ReplicationResult&& result, int slot) override {
    inner_.take(replication, std::move(result), slot);
  }
  void write(int replication, int slot) override {
    inner_.write(replication, slot);
    const int done = replication + 1;
    const double el = line_.elapsed(), rate = done / std::max(el, 1e-9);
    line_.show("ccsim run: " + name_ + ": " + std::to_string(done) + "/" + std::to_string(total_) +
                   " replications, " + format_rate(rate) + "/s, " + ProgressLine::duration(el) +
                   " elapsed, " + ProgressLine::duration((total_ - done) / rate) + " left",
               done == total_);
  }

 private:
  static std::string format_rate(double r) {
    char buf[32];
    std::snprintf(buf, sizeof buf, r >= 100 ? "%.0f" : (r >= 10 ? "%.1f" : "%.2f"), r);
    return buf;
  }
  ReplicationSink& inner_;
  ProgressLine& line_;
  std::string name_;
  int total_ = 0;
};

}  // namespace

int cmd_run(const Args& args) {
  std::string file, out;
  int replications = -1, threads = 1;
  std::string seed, parameters;
  std::vector<std::string> sets;
  bool no_detail = false, force = false, quiet = false;
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
      "parameters,p", po::value(&parameters),
      "a parameter ensemble (ccsim calibrate's ensemble.json): each replication draws its set by "
      "(seed, replication), so intervals carry parameter uncertainty")(
      "force", po::bool_switch(&force), "replace an earlier output of `ccsim run` at --out")(
      "quiet,q", po::bool_switch(&quiet), "no progress line and no closing summary");
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
  // The summaries keep every replication's country and sector values until the run ends.
  const double summary_bytes = static_cast<double>(io::SummaryTables::replication_bytes(
                                   loaded.world, sc.end_year() - sc.start_year() + 1)) *
                               sc.replications();
  if (!fits_in_memory(workers * replication_cost(sc, loaded.world).bytes + summary_bytes,
                      std::to_string(workers) + " threads of " + sc.name + " and its summaries",
                      "run"))
    return 2;
  const OutputOptions output{OutputKind::kRun, force};
  out = check_output(out, output).string();  // before the work, which may take hours
  Variants variants;
  if (!parameters.empty()) {
    try {
      variants = load_variants(parameters, loaded);
    } catch (const InputError& e) {
      return report(e, "run");
    }
  }

  RunOptions ro;
  ro.variants = parameters.empty() ? nullptr : &variants.scenarios;
  ro.threads = threads;
  ro.detail = true;  // the summaries need every replication's country and sector tables
  double wall = 0;
  ProgressLine line(quiet);

  // The run happens inside the fill: the tables stream into the temporary directory as the
  // replications finish, so memory does not grow with the replications.
  write_directory(out, output, [&](const fs::path& dir) {
    auto open_file = [&](const char* name) {
      std::ofstream os(dir / name, std::ios::binary);
      if (!os) throw std::runtime_error(std::string("cannot write ") + name);
      return os;
    };
    auto close = [&](std::ofstream& os, const char* name) {
      close_checked(os, dir / name);  // every write and the close checked: a full disk fails
    };
    const auto t0 = std::chrono::steady_clock::now();
    std::ofstream yearly = open_file("yearly.csv"), countries, sectors;
    if (!no_detail) {
      countries = open_file("countries.csv");
      sectors = open_file("sectors.csv");
    }
    io::SummaryTables summaries(loaded.world);
    io::TableWriter tables(loaded.world, yearly, no_detail ? nullptr : &countries,
                           no_detail ? nullptr : &sectors, &summaries);
    ProgressSink progress(tables, line, sc.name);
    run(sc, loaded.world, ro, progress);
    line.end();
    close(yearly, "yearly.csv");
    if (!no_detail) {
      close(countries, "countries.csv");
      close(sectors, "sectors.csv");
    }
    std::ofstream stats = open_file("yearly_stats.csv");
    io::write_yearly_stats(stats, tables.yearly_table());
    close(stats, "yearly_stats.csv");
    std::ofstream country_stats = open_file("countries_stats.csv");
    summaries.write_countries(country_stats);
    close(country_stats, "countries_stats.csv");
    std::ofstream region_stats = open_file("regions_stats.csv");
    summaries.write_regions(region_stats);
    close(region_stats, "regions_stats.csv");
    std::ofstream sector_stats = open_file("sectors_stats.csv");
    summaries.write_sectors(sector_stats);
    close(sector_stats, "sectors_stats.csv");
    wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::ofstream package = open_file("datapackage.json");
    package << io::run_data_package(sc.name, !no_detail).dump(2) << "\n";
    close(package, "datapackage.json");
    std::ofstream manifest = open_file("manifest.json");
    nlohmann::json m = io::manifest(sc, wall, threads, file);
    if (no_detail) {  // the manifest lists the files written
      m["files"].erase("countries.csv");
      m["files"].erase("sectors.csv");
    }
    m["parameters"] =
        parameters.empty() ? nlohmann::json() : parameters_manifest(parameters, variants);
    manifest << m.dump(2) << "\n";
    close(manifest, "manifest.json");
  });
  if (quiet) return 0;
  std::cerr << "ccsim run: " << sc.name << ": " << sc.replications() << " replications, "
            << sc.start_year() << "-" << sc.end_year() << " in " << wall << " s -> " << out << "\n";
  return 0;
}

}  // namespace ccsim::cli
