// Zones (model/phases/parks.cpp, their enterprises in model/phases/projects.cpp): openings are
// Poisson with a mean linear in the cluster, and a zone's enterprises are distinct firms of any
// investment mode.
#include <catch2/catch.hpp>
#include <cmath>

#include "model/metrics.hpp"
#include "model/phases/phases.hpp"
#include "tests/support/bench.hpp"

using ccsim::test::Bench;
using nlohmann::json;

namespace {

// Mean and standard error of the zones opened in one year by `draws` replications' streams, in a
// host with `cluster` investment starts over three years.
std::pair<double, double> openings(Bench& b, double cluster, bool holds_zone, int draws) {
  auto& s = b.state;
  double sum = 0, sum2 = 0;
  for (int r = 0; r < draws; ++r) {
    s.zones.clear();
    if (holds_zone) s.zones.push_back({0, 0, 2000, 0.5, 0, 0, 0});
    const auto before = static_cast<double>(s.zones.size());
    s.cluster.setZero();
    s.cluster(0, 1) = cluster;
    ccsim::Context cx{b.setup, b.world, b.setup.at(2013), s, static_cast<std::uint32_t>(r), 2013};
    ccsim::parks(cx);
    const double x = static_cast<double>(s.zones.size()) - before;
    sum += x;
    sum2 += x * x;
  }
  const double mean = sum / draws, var = (sum2 - draws * mean * mean) / (draws - 1);
  return {mean, std::sqrt(var / draws)};
}

}  // namespace

TEST_CASE("parks: openings are Poisson, their mean linear in the cluster and raised by policy",
          "[parks]") {
  // lambda = (rate + support effect * budget) * (1 + policy effect * policy support)
  //          * (1 + host effect * [holds a zone]) * cluster / threshold
  //        = (0.1 + 0.05 * 2) * (1 + 1 * 0.5) * 1 * cluster / 20 = 0.015 cluster.
  Bench b({100}, {{"policy", {{"park_support_usd_bn", 2}}},
                  {"zones",
                   {{"zone_open_rate", 0.1},
                    {"zone_support_open_effect", 0.05},
                    {"zone_policy_open_effect", 1},
                    {"zone_host_open_effect", 3},
                    {"zone_cluster_threshold", 20}}}});
  b.state.policy_support << 0.5;
  const int draws = 20000;
  for (double cluster : {10.0, 40.0, 200.0}) {  // lambda 0.15, 0.6, 3: far beyond min(0.9, .)
    const double lambda = 0.015 * cluster;
    const auto [mean, se] = openings(b, cluster, false, draws);
    CHECK(std::abs(mean - lambda) < 4 * se);
    CHECK(se == Approx(std::sqrt(lambda / draws)).epsilon(0.1));  // Poisson: variance = mean
  }
  // A host that holds a zone opens (1 + 3) times as many.
  const auto [mean, se] = openings(b, 40, true, draws);
  CHECK(std::abs(mean - 4 * 0.6) < 4 * se);
}

TEST_CASE("projects: a zone's enterprises are its distinct firms, of any investment mode",
          "[projects][parks]") {
  Bench b({100}, {{"risk", {{"project_hazard", 0}, {"shock_hazard", 0}}}});
  auto& s = b.state;
  s.zones.assign(2, {0, -1, 2010, 0.5, 0, 0, 0});
  s.crowding.setZero();
  auto& pr = s.projects;
  auto add = [&](std::uint32_t firm, std::uint8_t mode, std::int16_t zone) {
    const auto i = pr.add();
    pr.stage[i] = ccsim::kOperation;
    pr.mode[i] = mode;
    pr.country[i] = 0;
    pr.sector[i] = ccsim::kSteel;
    pr.firm[i] = firm;
    pr.zone[i] = zone;
    pr.cost[i] = pr.value[i] = 1.0f;
  };
  add(7, ccsim::kGreenfield, 0);
  add(3, ccsim::kAcquisition, 1);
  add(7, ccsim::kGreenfield, 1);
  add(7, ccsim::kAcquisition, 0);  // firm 7's second project in zone 0: the same enterprise
  add(5, ccsim::kAcquisition, 0);
  add(9, ccsim::kGreenfield, -1);  // outside zones
  auto cx = b.context();
  ccsim::run_projects(cx);
  CHECK(s.zones[0].members == 2);  // firms 7 and 5
  CHECK(s.zones[1].members == 2);  // firms 3 and 7
  // Output of the five zone projects (an acquisition's as a greenfield's) is zone output.
  CHECK(s.cm(0, ccsim::cm_zone_jobs) == Approx(s.cm(0, ccsim::cm_jobs) * 5 / 6));
}
