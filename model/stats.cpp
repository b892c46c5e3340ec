#include "model/stats.hpp"

#include <algorithm>
#include <cmath>

namespace ccsim {

double quantile_sorted(const std::vector<double>& v, double q) {
  if (v.empty()) return std::nan("");
  const double h = (static_cast<double>(v.size()) - 1) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

Summary summarise(std::vector<double> values) {
  values.erase(std::remove_if(values.begin(), values.end(), [](double x) { return std::isnan(x); }),
               values.end());
  Summary s{};
  s.n = static_cast<int>(values.size());
  if (values.empty()) {
    s.mean = s.sd = s.p05 = s.p25 = s.p50 = s.p75 = s.p95 = std::nan("");
    return s;
  }
  double sum = 0;
  for (double x : values) sum += x;
  s.mean = sum / s.n;
  double ss = 0;
  for (double x : values) ss += (x - s.mean) * (x - s.mean);
  s.sd = s.n > 1 ? std::sqrt(ss / (s.n - 1)) : std::nan("");
  std::sort(values.begin(), values.end());
  s.p05 = quantile_sorted(values, 0.05);
  s.p25 = quantile_sorted(values, 0.25);
  s.p50 = quantile_sorted(values, 0.5);
  s.p75 = quantile_sorted(values, 0.75);
  s.p95 = quantile_sorted(values, 0.95);
  return s;
}

}  // namespace ccsim
