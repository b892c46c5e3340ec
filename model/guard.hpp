#pragma once
// Numerical guards: each year's values checked against their definitions (model/metrics.hpp), so
// that a wrong number stops its replication with a ModelError instead of reaching the outputs.
#include <Eigen/Core>

#include "model/metrics.hpp"
#include "model/state.hpp"
#include "model/world.hpp"

namespace ccsim {

// The lowest and highest value a metric of bound `b` can take; every value must also be finite.
constexpr double lower_bound(Bound) {
  return 0.0;
}
constexpr double upper_bound(Bound b) {
  return b == Bound::Unit ? 1.0 : 1.7976931348623157e308;  // the largest double: not infinity
}

// Checks the year's country and sector metrics and the country stocks of `s` (odi_stock, loans,
// npl, capacity, policy support, shock, risk, GDP); throws ModelError naming `phase`, the variable,
// the year and the country or sector of the first value out of bounds. Before the record
// (`recorded` false) the sectors' market share holds won value, not yet a share, and the columns
// the record copies from the state are still zero: only their lower bound applies.
void check_year(const World& w, const State& s, const char* phase, bool recorded);

// Checks a recorded year's totals (a row of kYearlyDefs); the error names the phase "record".
void check_totals(const Eigen::ArrayXd& row, int year);

}  // namespace ccsim
