#include <algorithm>
#include <cmath>

#include "model/phases/phases.hpp"
#include "model/rng.hpp"

namespace ccsim {

namespace {

void open_zone(State& s, int country, int sector, int year, double quality) {
  s.zones.push_back({country, sector, year, quality, 0.0, 0.0, 0.0});
}

constexpr int kMaxOpenings = 1000;

}  // namespace

// Zones: the named ones open in their year; others open where clusters of Chinese investment
// build up, faster with the park support budget and with the host's agreements in force (policy);
// quality rises with investment and support and depreciates; each sector's entrants pick the best
// zone of their country.
//
// Openings in host c are Poisson with mean
//   lambda_c = (zone_open_rate + zone_support_open_effect * park_support_usd_bn)
//              * (1 + zone_policy_open_effect * policy_support_c)
//              * (1 + zone_host_open_effect * [c holds a zone]) * cluster_c /
//              zone_cluster_threshold
// (cluster_c: the investment starts of any mode, inside zones too, in c over three years), with
// no cap (a cap of 1 + GDP/200 zones made hosts below US$200bn GDP hold one zone at most, which
// spread zones over too many hosts: Laos and Cambodia host several). The mean is linear in the
// cluster, so the expected openings do not depend on how many agents the cluster is made of; a
// single draw of min(0.9, ...) a year was concave in a quantity that moves in lumps of one agent's
// weight (issue 15, point 6). The cluster is not emptied by an opening: Chinese enterprises stay;
// and a host that holds a zone opens more (the zone agreements, developers and host agencies
// already in place; not per zone held, a feedback that compounds without bound), so hosts with
// zones get more: 56 zones in 20 hosts at end-2016 (MOFCOM),
// zone_host_open_effect fitted to the host count.
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
    const double lambda = rate * (1 + p.zone_policy_open_effect * s.policy_support(c)) *
                          (1 + p.zone_host_open_effect * (zones_in(c) > 0)) * cluster /
                          p.zone_cluster_threshold;
    const double u = st.uniforms(static_cast<std::uint32_t>(c))[0];
    const int openings = poisson_by_inversion(u, lambda, std::exp(-lambda), kMaxOpenings);
    if (openings == 0) continue;
    Eigen::Index focus;
    s.cluster_sector.row(c).maxCoeff(&focus);
    for (int o = 0; o < openings; ++o)
      open_zone(s, c, static_cast<int>(focus), cx.year, p.zone_quality_initial);
  }

  const double support =
      s.zones.empty() ? 0.0 : p.park_support_usd_bn / static_cast<double>(s.zones.size());
  for (auto& z : s.zones) {
    // Investment closes a share 1 - exp(-gain * investment) of the gap to the frontier 1: no cap
    // at 1, whose kink biased quality by the lumps of agents' investment (issue 15, point 6);
    // in [0, 1] by construction (a convex combination of the decayed quality and 1).
    const double closed = 1 - std::exp(-p.zone_quality_gain * (z.invested + support));
    z.quality = z.quality * (1 - p.zone_quality_decay) * (1 - closed) + closed;
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
