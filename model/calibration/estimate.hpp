#pragma once
// Estimation of the free parameters by the method of simulated moments.
//
// Moments: for each target used in the fit, the error e_i(x) of the model's mean over R
// replications (a log ratio for magnitudes, a difference for correlations and shares). Weights:
// w_i = 1 / (s_i^2 + v_i / R), s_i the data's standard deviation (the band read as a 90%
// interval) and v_i the variance of one replication's value (simulation noise); the weights are
// set at the starting point and again at the estimate (two steps). Loss: J(x) = sum w_i e_i^2,
// minimised over the box of the free parameters (damped fixed-point rounds, then NLopt's
// Subplex). Uncertainty: V = (G' W G)^-1 with G the Jacobian of the moments in the transformed
// parameters (central differences under common random numbers); a direction of G'WG whose
// standard deviation is large is reported as not identified. J at the estimate is compared with
// chi-squared(m - p). Held-out targets enter no step and are reported beside the fitted ones.
#include <Eigen/Core>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/calibration/spec.hpp"
#include "model/calibration/targets.hpp"
#include "model/scenario.hpp"
#include "model/simulate.hpp"
#include "model/world.hpp"

namespace ccsim::calibration {

struct TargetStat {
  double mean = 0, sd = 0, p05 = 0, p95 = 0;  // over replications, on the figure's scale
  double error = 0;                           // on the comparison scale
  double sd_total = 0;                        // data and simulation noise of the mean
  bool in_band = false;
};

struct TraceRow {
  int evaluation = 0;
  std::string stage;  // start, fixed_point, optimiser, jacobian, estimate
  double loss = 0;
  std::vector<double> values;  // natural scale
};

struct Direction {
  double sd = 0;                // standard deviation along it (transformed units)
  std::vector<double> loading;  // unit eigenvector over the free parameters
};

struct Estimate {
  std::vector<double> values;         // natural scale
  std::vector<double> x;              // transformed scale
  std::vector<double> se;             // transformed scale (inf where not identified)
  std::vector<double> low90, high90;  // natural scale, clipped to the bounds
  std::vector<bool> at_bound;
  Eigen::MatrixXd covariance;         // p x p, transformed scale
  std::vector<Direction> directions;  // every eigen-direction of G'WG, least identified first
  std::vector<Direction> flat;        // those whose sd exceeds kFlatSd
  double loss = 0, j_pvalue = 0;
  int dof = 0, evaluations = 0;
  std::vector<TargetStat> stats;          // every target at the estimate (fit and held out)
  std::vector<CrossSectionReport> cross;  // per target (zero unless rank_correlation)
  std::vector<TraceRow> trace;
};

// A direction is reported as not identified when its standard deviation exceeds this (a factor
// of e^0.5 = 1.65 for a log-scale parameter).
inline constexpr double kFlatSd = 0.5;

struct Progress {
  int evaluations = 0, budget = 0;
  double best_loss = 0;
  const char* stage = "";
};
using ProgressFn = std::function<void(const Progress&)>;

// The statistics of every target in a run.
std::vector<TargetStat> target_stats(const std::vector<Target>& targets, const RunResult& run,
                                     const World& world);

// What one evaluation at a parameter vector yields: every target's statistics.
struct Evaluation {
  std::vector<TargetStat> stats;
  std::vector<CrossSectionReport> cross;
};
using Evaluator = std::function<Evaluation(const std::vector<double>& values)>;

// The estimation over any evaluator (the model's, or a test's with known moments), from `start`
// (natural scale).
Estimate estimate_with(const Evaluator& evaluate, const std::vector<double>& start,
                       const std::vector<Target>& targets, const Spec& spec,
                       const ProgressFn& progress = {});

// Who runs an evaluation's replications: `doc` is the scenario document evaluated (parsed as
// `scenario`), run with `options`. Default: run() on this process's threads; under MPI, the
// ranks (model/batch/mpi.hpp, run_on_ranks). The result must not depend on who ran it.
using Runner = std::function<RunResult(const nlohmann::json& doc, const Scenario& scenario,
                                       const RunOptions& options)>;

// The model's estimation of `scenario_doc` (the resolved scenario), from each free parameter's
// start (FreeParameter::start): the result does not depend on values an earlier fit wrote.
Estimate estimate(const nlohmann::json& scenario_doc, const std::string& scenario_file,
                  const World& world, const std::vector<Target>& targets, const Spec& spec,
                  const ProgressFn& progress = {}, const Runner& runner = {});

// Parameter sets drawn from N(x, V) on the transformed scale, each kept within the bounds (a draw
// outside is redrawn, up to 100 times, then clipped), from a counter-based stream of `seed`.
std::vector<std::vector<double>> draw_ensemble(const Spec& spec, const Estimate& e, int size,
                                               std::uint64_t seed);

// The scenario fragment of the fitted values (what --write-baseline writes).
nlohmann::json fitted_fragment(const Spec& spec, const Estimate& e, const std::string& provenance);

// The ensemble file: parameter pointers, the estimate, and the sets.
nlohmann::json ensemble_document(const Spec& spec, const Estimate& e,
                                 const std::vector<std::vector<double>>& sets,
                                 const std::string& provenance);

}  // namespace ccsim::calibration
