#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/output.hpp"
#include "cli/progress.hpp"
#include "model/batch/mpi.hpp"
#include "model/calibration/estimate.hpp"
#include "model/calibration/report.hpp"
#include "model/cost.hpp"
#include "model/revision.hpp"
#include "model/simulate.hpp"

namespace po = boost::program_options;

namespace ccsim::cli {

namespace {

namespace cal = ccsim::calibration;

std::string relative_to(const std::string& spec_file, const std::string& path) {
  const fs::path p(path);
  return p.is_absolute() ? path
                         : (fs::path(spec_file).parent_path() / p).lexically_normal().string();
}

// A fitted target is met when its model mean lies in the band or within three standard deviations
// of the figure (the data's and the simulation's): an over-identified fit need not put every
// target inside its band (with 21 targets, a few fall outside two standard deviations by chance),
// but none may be far outside.
bool met(const cal::TargetStat& s) {
  return s.in_band || std::abs(s.error / s.sd_total) <= 3;
}

}  // namespace

void validate_calibration_file(const std::string& file) {
  const cal::Spec spec = cal::parse_spec(load_json_file(file), file);
  std::vector<Issue> issues;
  auto collect = [&](const InputError& e) {
    issues.insert(issues.end(), e.issues().begin(), e.issues().end());
  };
  std::optional<Loaded> loaded;
  try {
    loaded = load_scenario(relative_to(file, spec.scenario), {});
  } catch (const InputError& e) {
    collect(e);
  }
  if (loaded) {
    const std::string targets = relative_to(file, spec.targets);
    try {
      cal::parse_targets(load_json_file(targets), targets, loaded->world);
    } catch (const InputError& e) {
      collect(e);
    }
  }
  if (!issues.empty()) throw InputError(std::move(issues));
}

// A targets file names countries, checked against the data tables of the library it sits in
// (scenarios/targets/ beside scenarios/data/).
void validate_targets_file(const std::string& file) {
  const nlohmann::json doc = load_json_file(file);
  const World world =
      load_world((fs::path(file).parent_path() / ".." / "data").lexically_normal().string());
  cal::parse_targets(doc, file, world);
}

namespace {

// Tells ranks 1..K-1 that no more evaluations come, however rank 0 leaves (an input error, a
// finished fit).
struct EndRuns {
  explicit EndRuns(bool on) : on(on) {}
  ~EndRuns() {
    if (on) batch::mpi::end_runs();
  }
  bool on;
};

}  // namespace

int cmd_calibrate(const Args& args) {
  std::string spec_file, out;
  int threads = 0;
  bool check_only = false, write_baseline = false, quiet = false, force = false;
  po::options_description opts(
      "ccsim calibrate SPEC.json [options]\n  (mpirun -np K ccsim calibrate ...: each evaluation's "
      "replications run on ranks 1..K-1)");
  opts.add_options()("help,h", "show this help")(
      "out,o", po::value(&out), "output directory (default outputs/calibration/<spec name>)")(
      "threads,t", po::value(&threads)->default_value(0),
      "worker threads (default 0: all cores); results do not depend on it")(
      "check", po::bool_switch(&check_only),
      "only report the targets at the scenario's current values (exit 1 if a fitted one is "
      "neither in its band nor within 3 sd)")(
      "write-baseline", po::bool_switch(&write_baseline),
      "also write the fitted parameters and the ensemble where the spec names them "
      "(baseline_output, ensemble_output)")(
      "force", po::bool_switch(&force),
      "replace an earlier output of `ccsim calibrate` (the directory, and with --write-baseline "
      "the two files)")("quiet,q", po::bool_switch(&quiet), "no progress line");
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
  if (threads < 0) {
    std::cerr << "ccsim calibrate: --threads must be 0 or more\n";
    return 2;
  }
  // Under mpirun every rank reads the spec, scenario and targets; rank 0 fits and writes, and
  // each evaluation's replications run on ranks 1..K-1 (model/batch/mpi.hpp, run_on_ranks).
  const int rank = batch::mpi::rank(), ranks = batch::mpi::size();
  cal::Spec spec;
  std::string scenario_file, targets_file;
  std::optional<Loaded> loaded_on;
  std::vector<cal::Target> targets;
  bool ok = true;
  try {
    spec = cal::parse_spec(load_json_file(spec_file), spec_file);
    spec.threads = threads;
    scenario_file = relative_to(spec_file, spec.scenario);
    targets_file = relative_to(spec_file, spec.targets);
    loaded_on.emplace(load_scenario(scenario_file, {}));
    targets = cal::parse_targets(load_json_file(targets_file), targets_file, loaded_on->world);
  } catch (const InputError& e) {
    if (rank == 0) report(e, "calibrate");
    ok = false;
  }
  if (!batch::mpi::all(ok)) return 2;
  const Loaded& loaded = *loaded_on;
  if (rank > 0) {
    batch::mpi::serve_runs(loaded.world);
    return 0;
  }
  EndRuns end_runs_at_exit(ranks > 1);
  cal::Runner runner;
  if (ranks > 1)
    runner = [&](const nlohmann::json& doc, const Scenario& sc, const RunOptions& ro) {
      return batch::mpi::run_on_ranks(doc, scenario_file, sc, ro);
    };
  try {
    const int workers = worker_count(spec.replications, threads);
    if (!fits_in_memory(workers * replication_cost(loaded.scenario, loaded.world).bytes,
                        std::to_string(workers) + " threads of " + loaded.scenario.name,
                        "calibrate"))
      return 2;
    if (check_only) {
      nlohmann::json doc = loaded.scenario.resolved;
      doc["simulation"]["replications"] = spec.replications;
      doc["simulation"]["seed"] = spec.seed;
      RunOptions ro;
      ro.threads = threads;
      const Scenario sc = parse_scenario(doc, scenario_file, loaded.world.iso3);
      const RunResult r = runner ? runner(doc, sc, ro) : run(sc, loaded.world, ro);
      const auto stats = cal::target_stats(targets, r, loaded.world);
      cal::print_fit(std::cout, targets, stats);
      int missed = 0;
      for (std::size_t i = 0; i < targets.size(); ++i)
        if (targets[i].fit && !met(stats[i])) ++missed;
      if (missed > 0)
        std::cerr << "ccsim calibrate: " << missed
                  << " fitted target(s) neither in band nor within 3 sd\n";
      return missed > 0 ? 1 : 0;
    }
    if (out.empty()) out = "outputs/calibration/" + spec.name;
    // Checked before the fit, which takes minutes.
    const OutputOptions dir_output{OutputKind::kCalibrationDir, force};
    const OutputOptions file_output{OutputKind::kCalibration, force};
    const std::string baseline_file = relative_to(spec_file, spec.baseline_output);
    const std::string ensemble_file = relative_to(spec_file, spec.ensemble_output);
    check_output(out, dir_output);
    if (write_baseline) {
      check_output(baseline_file, file_output);
      check_output(ensemble_file, file_output);
    }

    ProgressLine line(quiet);
    const cal::Estimate e = cal::estimate(
        loaded.scenario.resolved, scenario_file, loaded.world, targets, spec,
        [&](const cal::Progress& p) {
          std::ostringstream os;
          const double el = line.elapsed();
          os << "ccsim calibrate " << spec.name << ": " << p.stage << ", " << p.evaluations
             << " evaluations (at most " << p.budget << "), best loss " << std::setprecision(4)
             << p.best_loss << ", " << ProgressLine::duration(el) << " elapsed, at most "
             << ProgressLine::duration(el / p.evaluations * (p.budget - p.evaluations)) << " left";
          line.show(os.str());
        },
        runner);
    line.end();
    const auto sets = cal::draw_ensemble(spec, e, spec.ensemble_size, spec.seed);
    const std::string provenance =
        kCalibrationProvenance + (" " + spec_file) + "` (method of simulated moments on " +
        targets_file + ", " + std::to_string(e.evaluations) + " evaluations, loss " +
        std::to_string(e.loss) + " on " + std::to_string(e.dof) +
        " degrees of freedom) at revision " + git_revision() +
        ". Regenerate with that command and --write-baseline; do not edit by hand.";
    const nlohmann::json fitted = cal::fitted_fragment(spec, e, provenance);
    const nlohmann::json ensemble = cal::ensemble_document(spec, e, sets, provenance);
    write_directory(out, dir_output, [&](const fs::path& dir) {
      auto file = [&](const char* name, const std::function<void(std::ostream&)>& f) {
        write_new_file(dir / name, f);
      };
      file("fit.csv", [&](std::ostream& os) { cal::write_fit(os, targets, e.stats, e.cross); });
      file("parameters.csv", [&](std::ostream& os) { cal::write_parameters(os, spec, e); });
      file("identification.csv", [&](std::ostream& os) { cal::write_identification(os, spec, e); });
      file("trace.csv", [&](std::ostream& os) { cal::write_trace(os, spec, e); });
      file("fitted.json", [&](std::ostream& os) { os << fitted.dump(2) << "\n"; });
      file("ensemble.json", [&](std::ostream& os) { os << ensemble.dump(2) << "\n"; });
      file("manifest.json", [&](std::ostream& os) {
        nlohmann::json m = {
            {"program", "ccsim"},
            {"kind", "calibrate"},
            {"version", CCSIM_VERSION},
            {"git_revision", git_revision()},
            {"spec_file", spec_file},
            {"targets_file", targets_file},
            {"scenario_file", scenario_file},
            {"evaluations", e.evaluations},
            {"loss", e.loss},
            {"degrees_of_freedom", e.dof},
            {"j_test_p_value", e.j_pvalue},
            {"not_identified_directions", e.flat.size()},
            {"wall_time_s", line.elapsed()},
            {"mpi_ranks", ranks},
            {"files",
             {{"fit.csv",
               "every target: figure, band, model mean and interval, error, z, in band, fit or "
               "held out"},
              {"parameters.csv", "estimates with standard errors and 90% intervals"},
              {"identification.csv", "directions of the loss and their standard deviations"},
              {"trace.csv", "every evaluation: stage, loss, parameter values"},
              {"fitted.json", "the fitted parameters as a scenario fragment"},
              {"ensemble.json", "parameter sets drawn from the estimate's uncertainty"}}}};
        os << m.dump(2) << "\n";
      });
    });
    if (write_baseline) {
      write_file(baseline_file, file_output,
                 [&](std::ostream& os) { os << fitted.dump(2) << "\n"; });
      write_file(ensemble_file, file_output,
                 [&](std::ostream& os) { os << ensemble.dump(2) << "\n"; });
    }
    cal::print_fit(std::cout, targets, e.stats);
    std::cout << "loss " << e.loss << " on " << e.dof
              << " degrees of freedom (J-test p = " << e.j_pvalue << "); " << e.flat.size()
              << " direction(s) not identified (see identification.csv)\n";
    std::cerr << "ccsim calibrate: " << e.evaluations << " evaluations in "
              << ProgressLine::duration(line.elapsed()) << " -> " << out
              << (write_baseline ? " and " + baseline_file : "") << "\n";
  } catch (const InputError& e) {
    return report(e, "calibrate");
  }
  return 0;
}

}  // namespace ccsim::cli
