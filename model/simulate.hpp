#pragma once
// Running a scenario: replications of the yearly step, in parallel over replications only, so
// that results do not depend on the thread count.
#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <functional>
#include <vector>

#include "model/scenario.hpp"
#include "model/setup.hpp"
#include "model/world.hpp"

namespace ccsim {

struct ReplicationResult {
  Eigen::ArrayXXd yearly;     // recorded years x kYearlyMetrics
  Eigen::ArrayXXd countries;  // (recorded years * countries) x kCountryMetrics, year-major
  Eigen::ArrayXXd sectors;    // (recorded years * kSectors) x kSectorMetrics, year-major
};

struct RunOptions {
  int threads = 1;
  bool detail = true;  // keep country and sector tables (yearly totals are always kept)
  // Replications started but not yet handed to a sink, at most (0: twice the threads). This, not
  // the replication count, bounds a streamed run's memory.
  int window = 0;
  // A parameter ensemble as scenarios, one per parameter set (the run's scenario with that set's
  // values): replication r runs variants[ensemble_index(seed, r, size)] (model/calibration/
  // ensemble.hpp), a pure function of (seed, replication). Null or empty: every replication runs
  // the scenario itself. The variants must share its years and seed.
  const std::vector<Scenario>* variants = nullptr;
};

struct RunResult {
  int start_year = 0, end_year = 0;
  std::vector<ReplicationResult> replications;
};

// Wall time of each part of a replication, summed over its years: the profile by phase that
// bench/ccsim_bench --phases prints. Timing is off (no clock read) unless one is passed.
struct PhaseTimes {
  static constexpr std::size_t kParts = 11;  // the initial state, the nine phases, the record
  static const std::array<const char*, kParts> kNames;
  std::array<double, kParts> seconds{};
};

// One simulated year, the phases of MODEL.md section 3 in order, then the year's record; the
// year's values are then checked against their definitions (model/guard.hpp), after every phase
// when `check_phases` is set. A value out of bounds throws ModelError.
void one_year(const Setup& setup, State& state, std::uint32_t replication, int year,
              PhaseTimes* times = nullptr, bool check_phases = false);

// One replication from the first simulated year to end_year. A value out of bounds throws
// ModelError naming the phase that produced it: the check runs once a year, and when it finds
// one the replication runs again (the same numbers) with a check after every phase.
ReplicationResult simulate(const Setup& setup, std::uint32_t replication, bool detail = true,
                           PhaseTimes* times = nullptr);
// The same in `workspace`, a state whose memory a previous replication left allocated (see reset):
// how run() and sweeps go from one replication to the next. The results are those of a fresh state.
ReplicationResult simulate(const Setup& setup, std::uint32_t replication, State& workspace,
                           bool detail = true, PhaseTimes* times = nullptr);

// Receives a run's replications as they finish. The run calls begin() once, then for each
// replication take() on the worker thread that made it (concurrently for different
// replications: the place to format its rows), then write() on the calling thread in replication
// order 0, 1, 2, ... (the place to append the formatted text to streams). `slot` (0..slots-1)
// names the caller-owned buffer the replication is in between the two calls: no two
// replications in flight share one, so a sink with `slots` buffers needs no locking.
class ReplicationSink {
 public:
  virtual ~ReplicationSink() = default;
  virtual void begin(int start_year, int end_year, int replications, int slots) = 0;
  virtual void take(int replication, ReplicationResult&& result, int slot) = 0;
  virtual void write(int replication, int slot) = 0;
};

// Replications 0..R-1 of a scenario, `threads` at a time (0: all cores), each handed to `sink`,
// with at most options.window of them in flight: memory O(window), not O(replications).
void run(const Scenario& scenario, const World& world, const RunOptions& options,
         ReplicationSink& sink);

// All replications in memory (the same results): for callers that need them all at once.
RunResult run(const Scenario& scenario, const World& world, const RunOptions& options = {});

// The threads parallel_for uses for `count` jobs when asked for `threads` (0: all cores).
int worker_count(int count, int threads);

// Runs `count` independent jobs over worker_count(count, threads) threads: job(i, worker), where
// `worker` names the thread (for its own scratch memory); job i's result depends only on i.
void parallel_for(int count, int threads, const std::function<void(int, int)>& job);

// The slots ordered_for uses: `window` (0: twice the workers) bounded by 1 and `count`.
int ordered_window(int count, int threads, int window);

// Like parallel_for, then hands each job to `deliver(i, slot)` on the calling thread in job order.
// make(i, worker, slot) runs job i on a worker; job i may start only once job i - window has been
// delivered, so at most `window` jobs (ordered_window slots) are made and not yet delivered, and
// slot = i % window is free for job i's result. An exception from either stops the jobs not yet
// started and is rethrown here once the workers are done.
void ordered_for(int count, int threads, int window,
                 const std::function<void(int i, int worker, int slot)>& make,
                 const std::function<void(int i, int slot)>& deliver);

}  // namespace ccsim
