#pragma once
// What a replication will cost, known before it runs: memory and time from the scenario's size,
// with constants measured on the reference machine (see docs/sweep.md, "Limits"). Estimates for
// refusing what cannot be done and for `--dry-run`, not promises: a slower machine, or a scenario
// whose firms start many more projects, takes longer.
#include <string>

#include "model/scenario.hpp"
#include "model/world.hpp"

namespace ccsim {

struct ReplicationCost {
  double bytes = 0;    // memory of one worker thread simulating it
  double seconds = 0;  // on one core
};

// Measured with `ccsim run baseline.json -r 1 --set simulation.firm_agents=N` (N = 2,000 ...
// 400,000; /usr/bin/time): about 155 bytes of peak memory an agent plus 7 MB, and 0.5 us an agent
// and simulated year plus 1 ms a year. Rounded up.
inline constexpr double kBytesPerAgent = 170;
inline constexpr double kBytesPerThread = 16e6;
inline constexpr double kSecondsPerAgentYear = 0.5e-6;
inline constexpr double kSecondsPerYear = 1e-3;

ReplicationCost replication_cost(const Scenario& s, const World& w);

// "1.5 GB", "320 MB", "12 kB".
std::string format_bytes(double bytes);

// "3h20m", "4m05s", "12s", "0.3s".
std::string format_seconds(double seconds);

}  // namespace ccsim
