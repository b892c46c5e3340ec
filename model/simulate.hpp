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

// Replications 0..R-1 of a scenario, `threads` at a time (0: all cores).
RunResult run(const Scenario& scenario, const World& world, const RunOptions& options = {});

// The threads parallel_for uses for `count` jobs when asked for `threads` (0: all cores).
int worker_count(int count, int threads);

// Runs `count` independent jobs over worker_count(count, threads) threads: job(i, worker), where
// `worker` names the thread (for its own scratch memory); job i's result depends only on i.
void parallel_for(int count, int threads, const std::function<void(int, int)>& job);

}  // namespace ccsim
