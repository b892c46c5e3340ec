#include "model/guard.hpp"

#include <cmath>
#include <string>

#include "model/error.hpp"

namespace ccsim {

namespace {

// Index of the first of n values outside [lo, hi] (NaN included), or -1. First a test in three
// vectorised reductions (a sum is finite only if every value is; the least and the greatest
// value), as the check runs every year of every replication; a search only when it fails.
Eigen::Index first_outside(const double* x, Eigen::Index n, double lo, double hi) {
  if (n == 0) return -1;
  const Eigen::Map<const Eigen::ArrayXd> a(x, n);
  if (std::isfinite(a.sum()) && a.minCoeff() >= lo &&
      (hi >= upper_bound(Bound::NonNegative) || a.maxCoeff() <= hi))
    return -1;
  for (Eigen::Index i = 0; i < n; ++i)
    if (!(x[i] >= lo && x[i] <= hi)) return i;
  return -1;  // a sum past the largest double, of values each within bounds
}

// What the value broke: the range [lo, hi] checked.
[[noreturn]] void fail(const char* phase, const char* variable, int year, std::string where,
                       double value, double hi) {
  throw ModelError(
      phase, variable, year, std::move(where), value,
      hi == 1.0 ? "a share or index must lie in [0, 1]" : "must be finite and not negative");
}

// A country x metric array, or one state column (`metric` names its metric for the bound).
void check_countries(const World& w, const double* x, int metric, int year, const char* phase,
                     bool upper) {
  const MetricDef& d = kCountryMetricDefs[static_cast<std::size_t>(metric)];
  const double lo = lower_bound(d.bound), hi = upper_bound(upper ? d.bound : Bound::NonNegative);
  const Eigen::Index i = first_outside(x, w.countries(), lo, hi);
  if (i >= 0) fail(phase, d.name, year, w.iso3[static_cast<std::size_t>(i)], x[i], hi);
}

}  // namespace

void check_year(const World& w, const State& s, const char* phase, bool recorded) {
  const int year = s.year;
  // Stocks carried from year to year, checked before the metrics that the record copies of them.
  const std::pair<const Eigen::ArrayXd*, int> stocks[] = {{&s.odi_stock, cm_odi_stock},
                                                          {&s.loans, cm_loans_outstanding},
                                                          {&s.npl, cm_npl},
                                                          {&s.capacity, cm_capacity},
                                                          {&s.risk, cm_risk},
                                                          {&s.shock, cm_shock},
                                                          {&s.policy_support, cm_policy_support},
                                                          {&s.gdp, cm_gdp}};
  for (const auto& [a, m] : stocks) check_countries(w, a->data(), m, year, phase, true);
  // Every metric's lower bound at once over the whole table; column by column only the shares'
  // upper bounds, or to find where a value broke one.
  const double kMax = upper_bound(Bound::NonNegative);
  const bool cm_ok = first_outside(s.cm.data(), s.cm.size(), 0.0, kMax) < 0;
  for (int m = 0; m < kCountryMetrics; ++m)
    if (!cm_ok || (recorded && kCountryMetricDefs[std::size_t(m)].bound == Bound::Unit))
      check_countries(w, &s.cm(0, m), m, year, phase, recorded);
  const bool sm_ok = first_outside(s.sm.data(), s.sm.size(), 0.0, kMax) < 0;
  for (int m = 0; m < kSectorMetrics; ++m) {
    const MetricDef& d = kSectorMetricDefs[static_cast<std::size_t>(m)];
    if (sm_ok && !(recorded && d.bound == Bound::Unit)) continue;
    const double lo = lower_bound(d.bound),
                 hi = recorded ? upper_bound(d.bound) : upper_bound(Bound::NonNegative);
    const Eigen::Index k = first_outside(&s.sm(0, m), s.sm.rows(), lo, hi);
    if (k >= 0)
      fail(phase, d.name, year, std::string("sector ") + std::string(kSectorKeys[std::size_t(k)]),
           s.sm(k, m), hi);
  }
}

void check_totals(const Eigen::ArrayXd& row, int year) {
  for (int m = 0; m < kYearlyMetrics; ++m) {
    const MetricDef& d = kYearlyDefs[static_cast<std::size_t>(m)].def;
    const double lo = lower_bound(d.bound), hi = upper_bound(d.bound), x = row(m);
    if (!(x >= lo && x <= hi)) fail("record", d.name, year, "the 64 partners", x, hi);
  }
}

}  // namespace ccsim
