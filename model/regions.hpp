#pragma once
// A region's country metrics, as regions_stats.csv and a sweep's regional metrics report them:
// over the region's partners only, flows, stocks and counts summed, an index (capacity, risk,
// shock, policy support: MetricDef::aggregate) as the GDP-weighted mean.
#include <Eigen/Core>

#include "model/metrics.hpp"
#include "model/world.hpp"

namespace ccsim {

using CountryMetricRow = Eigen::Array<double, 1, kCountryMetrics>;

// `year` is one year's block of ReplicationResult::countries (countries x kCountryMetrics);
// `region` an index into kRegionKeys.
CountryMetricRow region_metrics(const World& world, const Eigen::Ref<const Eigen::ArrayXXd>& year,
                                int region);

}  // namespace ccsim
