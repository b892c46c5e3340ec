#include <algorithm>
#include <cmath>

#include "model/phases/phases.hpp"
#include "model/rng.hpp"

namespace ccsim {

namespace {

void open_zone(State& s, int country, int sector, int year, double quality) {
  s.zones.push_back({country, sector, year, quality, 0.0, 0.0, 0.0});
}

}  // namespace

// Zones: the named ones open in their year; others open where clusters of Chinese greenfield
// investment build up (faster with park support); quality rises with investment and support and
// depreciates; each sector's entrants pick the best zone of their country.
void parks(Context& cx) {
  const Params& p = cx.p;
  State& s = cx.s;
  const World& w = cx.world;
  const int n = w.countries();

  for (const auto& seed : w.zones)
    if (seed.open_year == cx.year)
      open_zone(s, seed.country, seed.sector, cx.year, p.zone_quality_initial);

  const Stream st(cx.setup.seed, cx.replication, Purpose::kPark, cx.year);
  const double rate = p.zone_open_rate + p.zone_support_open_effect * p.park_support_usd_bn;
  Eigen::ArrayXi zones_in = Eigen::ArrayXi::Zero(n);
  for (const auto& z : s.zones) ++zones_in(z.country);
  for (int c = 0; c < n; ++c) {
    const double cluster = s.cluster.row(c).sum();
    if (cluster <= 0 || p.zone_cluster_threshold <= 0) continue;
    // A host's economy bounds how many zones it holds.
    if (zones_in(c) >= 1 + static_cast<int>(s.gdp(c) / 200)) continue;
    const double prob = std::min(0.9, rate * cluster / p.zone_cluster_threshold);
    if (st.uniforms(static_cast<std::uint32_t>(c))[0] < prob) {
      Eigen::Index focus;
      s.cluster_sector.row(c).maxCoeff(&focus);
      open_zone(s, c, static_cast<int>(focus), cx.year, p.zone_quality_initial);
      s.cluster.row(c).setZero();  // the cluster moved into the zone
    }
  }

  const double support =
      s.zones.empty() ? 0.0 : p.park_support_usd_bn / static_cast<double>(s.zones.size());
  for (auto& z : s.zones) {
    z.quality = std::clamp(
        z.quality * (1 - p.zone_quality_decay) + p.zone_quality_gain * (z.invested + support), 0.0,
        1.0);
    z.invested = 0;
    z.members_last = z.members;
  }

  // Next year's entrants: the zone of best quality in their country, sector-focused zones doubled.
  s.best_zone.setConstant(-1);
  Eigen::ArrayXXd best = Eigen::ArrayXXd::Zero(n, kSectors);
  for (std::size_t zi = 0; zi < s.zones.size(); ++zi) {
    const Zone& z = s.zones[zi];
    // Zones are industrial parks: the infrastructure segments do not locate in them.
    for (int k = 0; k < static_cast<int>(kIndustrialSectors); ++k) {
      const double score = z.quality * (z.sector == k ? 2.0 : 1.0);
      if (score > best(z.country, k)) {
        best(z.country, k) = score;
        s.best_zone(z.country, k) = static_cast<int>(zi);
      }
    }
  }

  // Clusters count the last three years.
  for (Eigen::Index j = s.cluster.cols() - 1; j > 0; --j) s.cluster.col(j) = s.cluster.col(j - 1);
  s.cluster.col(0).setZero();
}

}  // namespace ccsim
