#pragma once
// From a sweep spec to its runs: the design's points, each factor's value at every point, each
// run's seed and scenario, and the metrics a finished run yields.
//
// Runs are numbered point-major: run i is replication i mod R of point i / R. Everything about
// run i (its values, seed, scenario and hence its row of runs.csv) is a function of the spec and
// i alone, which is what makes the outputs independent of threads, shards and resumes.
#include <Eigen/Core>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/cost.hpp"
#include "model/simulate.hpp"
#include "model/state.hpp"
#include "model/sweep/design.hpp"
#include "model/sweep/spec.hpp"
#include "model/world.hpp"

namespace ccsim::sweep {

struct Plan {
  int points = 0;
  int replications = 0;
  Eigen::MatrixXd unit;                    // points x factors: design coordinates in [0, 1]
  Eigen::MatrixXd values;                  // points x factors: parameter values
  std::optional<MorrisDesign> morris;      // for a morris design
  std::optional<SaltelliDesign> saltelli;  // for a sobol design

  std::int64_t runs() const { return std::int64_t(points) * replications; }
  int point_of(std::int64_t run) const { return static_cast<int>(run / replications); }
  int replication_of(std::int64_t run) const { return static_cast<int>(run % replications); }
};

// Throws InputError (pointer into the sweep file) if the design cannot be built.
Plan make_plan(const Spec& spec);

// What a sweep will take, from the spec and its base scenario alone (no design is built), for
// `--dry-run` and for refusing, before starting, what the machine cannot hold.
struct Estimate {
  std::int64_t points = 0, runs = 0;
  double design_bytes = 0;  // the plan and the per-point means, held by every process
  ReplicationCost run;      // one run, at the factors' costliest values (firm_agents, spinup)
  double seconds = 0;       // every run, on one core
};
Estimate estimate(const Spec& spec, const Scenario& base, const World& world);

// "design 1.2 MB, 85 MB a thread; about 3h20m on one core, 1h40m on 2 threads".
std::string describe(const Estimate& e, int threads, std::int64_t runs);

// The points whose runs share seeds: a Saltelli base row (its A, B and AB_i points) or a Morris
// trajectory when the design keeps common random numbers, else the point alone.
int seed_group(const Spec& spec, int point);

// Seed of a run: derive_seed(master, seed_group(point), replication) kept to 53 bits, the largest
// a scenario's simulation.seed takes. Each run stays re-runnable alone from its seed.
std::uint64_t run_seed(const Spec& spec, int point, int replication);

// A deterministic slice of the runs for a batch job: shard `index` of `count` (1-based, as
// `--shard K/N`) holds the runs i with i mod count == index - 1. Round-robin rather than blocks,
// so that every shard gets a similar mix of cheap and costly points.
struct Shard {
  int index = 1;
  int count = 1;

  std::int64_t size(std::int64_t total_runs) const;  // runs in this shard
  std::int64_t run(std::int64_t local) const { return (index - 1) + local * std::int64_t(count); }
};

// Parses "K/N" with 1 <= K <= N; nullopt otherwise.
std::optional<Shard> parse_shard(const std::string& text);

// The scenario document of one run: the base (overrides already applied) with the point's
// values written at the factors' pointers, simulation.seed = seed and simulation.replications
// = 1. `ccsim run BASE --seed SEED --replications 1 --set OVERRIDES... --set COLUMN=VALUE...`
// builds the same document.
nlohmann::json run_document(const Spec& spec, const Plan& plan, const nlohmann::json& base,
                            int point, std::uint64_t seed);

// The `--set` arguments that give a point's values, in factor order ("policy.x=0.35"), for
// factors that hold from the first simulated year (scheduled ones need rerun_sets' timeline).
std::vector<std::string> point_sets(const Spec& spec, const Plan& plan, int point);

// The `--set` arguments with which `ccsim run BASE` rebuilds any run's document, each factor's
// value written as the placeholder VALUE(column): one "column=VALUE(column)" per factor that
// holds from the first simulated year, then, when some start later, one "timeline=[...]" holding
// the base's timeline entries and the factors' (as run_document writes them).
std::vector<std::string> rerun_sets(const Spec& spec, const nlohmann::json& base);

// One run's outcome: what a row of runs.csv holds.
struct RunRecord {
  std::int64_t run = 0;
  int point = 0, replication = 0;
  std::uint64_t seed = 0;
  std::vector<double> values;   // one per factor
  std::vector<double> metrics;  // one per metric; NaN when the run failed
  bool ok = true;
  std::string error;  // why it failed, on one line
};

// Runs one run of the plan: parses its scenario (a combination of values that the scenario's
// cross-field checks reject fails the run, not the sweep), prepares and simulates replication 0,
// and collects the metrics. Never throws for a failing run: the record says failed and why.
// A worker passes its `workspace` (see simulate) to reuse its memory from one run to the next.
RunRecord execute_run(const Spec& spec, const Plan& plan, const nlohmann::json& base,
                      const World& world, std::int64_t run, State* workspace = nullptr);

// Whether some metric is taken by place (a run then keeps its country and sector tables).
bool needs_detail(const Spec& spec);

// The spec's metrics from a replication's tables (row = year - start_year); metrics by place
// need the country and sector tables (simulate with detail).
std::vector<double> collect_metrics(const Spec& spec, const ReplicationResult& result,
                                    int start_year, const World& world);

}  // namespace ccsim::sweep
