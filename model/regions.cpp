#include "model/regions.hpp"

namespace ccsim {

CountryMetricRow region_metrics(const World& world, const Eigen::Ref<const Eigen::ArrayXXd>& year,
                                int region) {
  CountryMetricRow sum = CountryMetricRow::Zero(), weighted = CountryMetricRow::Zero();
  double gdp = 0;
  for (int c = 0; c < world.countries(); ++c) {
    if (!(world.br64(c) > 0) || world.region(c) != region) continue;
    const auto row = year.row(c);
    sum += row;
    weighted += row * row(cm_gdp);
    gdp += row(cm_gdp);
  }
  for (int m = 0; m < kCountryMetrics; ++m)
    if (kCountryMetricDefs[static_cast<std::size_t>(m)].aggregate == Aggregate::GdpMean)
      sum(m) = gdp > 0 ? weighted(m) / gdp : 0.0;
  return sum;
}

}  // namespace ccsim
