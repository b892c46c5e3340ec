#pragma once
// Running a scenario: replications of the yearly step, in parallel over replications only, so
// that results do not depend on the thread count.
#include <Eigen/Core>
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

// One simulated year, the phases of MODEL.md section 3 in order, then the year's record.
void one_year(const Setup& setup, State& state, std::uint32_t replication, int year);

// One replication from the first simulated year to end_year.
ReplicationResult simulate(const Setup& setup, std::uint32_t replication, bool detail = true);

// Replications 0..R-1 of a scenario, `threads` at a time (0: all cores).
RunResult run(const Scenario& scenario, const World& world, const RunOptions& options = {});

// Runs `count` independent jobs over `threads` threads; job i's result depends only on i.
void parallel_for(int count, int threads, const std::function<void(int)>& job);

}  // namespace ccsim
