#pragma once
// Summary statistics across replications.
#include <vector>

namespace ccsim {

struct Summary {
  double mean, sd, p05, p25, p50, p75, p95;
  int n;
};

// Mean, sample sd and quantiles (linear interpolation between order statistics, as R's type 7
// and numpy's default). NaN values are left out; n counts the rest.
Summary summarise(std::vector<double> values);

// The q-quantile of sorted values (type 7).
double quantile_sorted(const std::vector<double>& sorted, double q);

}  // namespace ccsim
