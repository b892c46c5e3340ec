#pragma once
// Reading a run's results in tests: per-replication totals of a yearly metric.
#include <catch2/catch.hpp>
#include <vector>

#include "model/metrics.hpp"
#include "model/simulate.hpp"

namespace ccsim::test {

// Per-replication sum (or, with `mean`, the mean over the years) of a yearly metric over
// [from, to].
inline std::vector<double> per_rep(const RunResult& r, const char* metric, int from, int to,
                                   bool mean = false) {
  const int m = yearly_index(metric);
  REQUIRE(m >= 0);
  std::vector<double> v;
  for (const auto& rep : r.replications) {
    double s = 0;
    for (int y = from; y <= to; ++y) s += rep.yearly(y - r.start_year, m);
    v.push_back(mean ? s / (to - from + 1) : s);
  }
  return v;
}

}  // namespace ccsim::test
