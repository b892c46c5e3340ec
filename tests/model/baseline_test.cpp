// The baseline against the documents' figures, and the comparative statics of MODEL.md section 6,
// all under common random numbers.
#include <catch2/catch.hpp>
#include <cmath>
#include <set>
#include <string>

#include "model/metrics.hpp"
#include "model/simulate.hpp"
#include "model/stats.hpp"
#include "tests/support/runs.hpp"
#include "tests/support/worlds.hpp"

using nlohmann::json;

namespace {

const ccsim::World& world() {
  static const ccsim::World w = ccsim::test::data_world();
  return w;
}

ccsim::RunResult run_baseline(const json& patch, int threads = 2) {
  const auto sc = ccsim::test::repo_scenario("scenarios/baseline.json", world(), patch);
  ccsim::RunOptions o;
  o.threads = threads;
  return ccsim::run(sc, world(), o);
}

using ccsim::test::per_rep;

struct Paired {
  double mean, se;
};

// Mean and standard error of the paired differences other - base.
Paired paired(const std::vector<double>& base, const std::vector<double>& other) {
  std::vector<double> d(base.size());
  for (std::size_t i = 0; i < d.size(); ++i) d[i] = other[i] - base[i];
  const auto s = ccsim::summarise(d);
  return {s.mean, s.sd / std::sqrt(static_cast<double>(s.n))};
}

const json kShort = {{"simulation", {{"end_year", 2025}, {"replications", 12}}}};

json with(json patch) {
  json p = kShort;
  ccsim::deep_merge(p, patch);
  return p;
}

}  // namespace

TEST_CASE("baseline: same seed gives identical results whatever the thread count",
          "[baseline][determinism]") {
  const json p = with({{"simulation", {{"replications", 5}}}});
  const auto one = run_baseline(p, 1);
  const auto two = run_baseline(p, 2);
  REQUIRE(one.replications.size() == two.replications.size());
  for (std::size_t r = 0; r < one.replications.size(); ++r) {
    CHECK((one.replications[r].yearly == two.replications[r].yearly).all());
    CHECK((one.replications[r].countries == two.replications[r].countries).all());
    CHECK((one.replications[r].sectors == two.replications[r].sectors).all());
  }
  // And different replications really differ.
  CHECK_FALSE((one.replications[0].yearly == one.replications[1].yearly).all());
}

TEST_CASE("simulate: timing the phases leaves the results as they are", "[baseline][determinism]") {
  const auto sc = ccsim::test::repo_scenario("scenarios/baseline.json", world(), kShort);
  const auto setup = ccsim::prepare(sc, world());
  ccsim::PhaseTimes times;
  const auto timed = ccsim::simulate(setup, 3, true, &times);
  const auto plain = ccsim::simulate(setup, 3, true);
  CHECK((timed.yearly == plain.yearly).all());
  CHECK((timed.countries == plain.countries).all());
  // Every part was timed, and under its own name.
  std::set<std::string> names;
  for (std::size_t i = 0; i < times.seconds.size(); ++i) {
    CHECK(times.seconds[i] >= 0);
    names.insert(ccsim::PhaseTimes::kNames[i]);
  }
  CHECK(names.size() == ccsim::PhaseTimes::kParts);
  CHECK(names.count("learning") == 1);
  CHECK(times.seconds[0] + times.seconds[3] > 0);  // the initial state and the choice take time
}

TEST_CASE("simulate: a reused state gives the results of a fresh one", "[baseline][determinism]") {
  // The workspace first runs a larger, longer run with another seed, then the baseline.
  const auto big = ccsim::test::repo_scenario(
      "scenarios/baseline.json", world(),
      {{"simulation", {{"firm_agents", 3000}, {"seed", 99}, {"end_year", 2035}}}});
  const auto sc = ccsim::test::repo_scenario("scenarios/baseline.json", world(), kShort);
  const auto big_setup = ccsim::prepare(big, world());
  const auto setup = ccsim::prepare(sc, world());
  ccsim::State workspace;
  ccsim::simulate(big_setup, 0, workspace);
  const auto reused = ccsim::simulate(setup, 3, workspace);
  const auto fresh = ccsim::simulate(setup, 3);
  CHECK((reused.yearly == fresh.yearly).all());
  CHECK((reused.countries == fresh.countries).all());
  CHECK((reused.sectors == fresh.sectors).all());
  // The buffers kept their memory.
  CHECK(workspace.firms.sector.capacity() >= 3000);
}

TEST_CASE("baseline: totals do not depend on the number of firm agents", "[baseline]") {
  // Agents are the resolution: 1000 and 4000 agents represent the same 40,000 enterprises.
  const auto coarse =
      per_rep(run_baseline(with({{"simulation", {{"firm_agents", 1000}, {"replications", 24}}}})),
              "odi_flow_usd_bn", 2013, 2020);
  const auto fine =
      per_rep(run_baseline(with({{"simulation", {{"firm_agents", 4000}, {"replications", 24}}}})),
              "odi_flow_usd_bn", 2013, 2020);
  const auto a = ccsim::summarise(coarse), b = ccsim::summarise(fine);
  // Independent runs: the difference of means has sd sqrt(sa^2/n + sb^2/n); allow 4 of them and
  // a 5% structural tolerance.
  const double se = std::sqrt(a.sd * a.sd / a.n + b.sd * b.sd / b.n);
  CHECK(std::fabs(a.mean - b.mean) < 4 * se + 0.05 * b.mean);
}

TEST_CASE("statics: more insurance cover raises investment in high-risk countries", "[statics]") {
  const json lever = {
      {"timeline", {{{"year", 2017}, {"set", {{"policy", {{"insurance_coverage", 1.0}}}}}}}}};
  const json low = {
      {"timeline", {{{"year", 2017}, {"set", {{"policy", {{"insurance_coverage", 0.3}}}}}}}}};
  const auto hi_run = run_baseline(with(lever)), lo_run = run_baseline(with(low));
  const auto d = paired(per_rep(lo_run, "odi_high_risk_usd_bn", 2018, 2025),
                        per_rep(hi_run, "odi_high_risk_usd_bn", 2018, 2025));
  INFO("paired difference " << d.mean << " +- " << d.se);
  CHECK(d.mean > 3 * d.se);
}

TEST_CASE("statics: a higher risk multiplier lowers direct investment and raises losses",
          "[statics]") {
  const auto base = run_baseline(kShort);
  const auto risky = run_baseline(
      with({{"timeline", {{{"year", 2017}, {"set", {{"risk", {{"global_multiplier", 1.6}}}}}}}}}));
  const auto odi = paired(per_rep(base, "odi_flow_usd_bn", 2017, 2025),
                          per_rep(risky, "odi_flow_usd_bn", 2017, 2025));
  const auto loss = paired(per_rep(base, "losses_usd_bn", 2017, 2025),
                           per_rep(risky, "losses_usd_bn", 2017, 2025));
  INFO("odi " << odi.mean << " +- " << odi.se << "; losses " << loss.mean << " +- " << loss.se);
  CHECK(odi.mean < -3 * odi.se);
  CHECK(loss.mean > 3 * loss.se);
}

TEST_CASE("statics: stronger coordination lowers crowding losses among Chinese firms",
          "[statics]") {
  const auto weak = run_baseline(with({{"policy", {{"platform_coordination", 0.0}}}}));
  const auto strong = run_baseline(
      with({{"policy", {{"platform_coordination", 0.9}, {"platform_membership", 0.9}}}}));
  const auto d = paired(per_rep(weak, "crowding_loss_usd_bn", 2017, 2025),
                        per_rep(strong, "crowding_loss_usd_bn", 2017, 2025));
  INFO("paired difference " << d.mean << " +- " << d.se);
  CHECK(d.mean < -3 * d.se);
}

TEST_CASE("timeline: platform membership raised in 2017 leaves the years before as they were",
          "[statics]") {
  const auto base = run_baseline(kShort);
  const auto joined = run_baseline(with(
      {{"timeline", {{{"year", 2017}, {"set", {{"policy", {{"platform_membership", 0.9}}}}}}}}}));
  for (const char* metric : {"odi_flow_usd_bn", "crowding_loss_usd_bn"}) {
    INFO(metric);
    CHECK(per_rep(joined, metric, 2013, 2016) == per_rep(base, metric, 2013, 2016));
    CHECK(per_rep(joined, metric, 2017, 2025) != per_rep(base, metric, 2017, 2025));
  }
  // More members avoid more of the crowding by other Chinese firms (platform_coordination 0.3).
  const auto d = paired(per_rep(base, "crowding_loss_usd_bn", 2017, 2025),
                        per_rep(joined, "crowding_loss_usd_bn", 2017, 2025));
  INFO("paired difference " << d.mean << " +- " << d.se);
  CHECK(d.mean < -3 * d.se);
}

TEST_CASE("statics: a shock in one region moves investment to other regions, not only down",
          "[statics]") {
  const json shock = {{"shocks",
                       {{{"start_year", 2018},
                         {"duration", 3},
                         {"region", "central_asia"},
                         {"kind", "geopolitical"},
                         {"severity", 0.6}}}},
                      {"simulation", {{"replications", 80}}}};
  // 80 replications, not 40: the move elsewhere is a small share of the other partners' projects
  // (about 0.3%), and 40 pairs left it near three standard errors.
  const auto base = run_baseline(with({{"simulation", {{"replications", 80}}}}));
  const auto shocked = run_baseline(with(shock));
  const auto& w = world();
  const int n = w.countries();
  auto region_odi = [&](const ccsim::RunResult& r, bool inside) {
    std::vector<double> v;
    for (const auto& rep : r.replications) {
      double s = 0;
      for (int y = 2018; y <= 2022; ++y)
        for (int c = 0; c < n; ++c)
          if ((w.region(c) == 5) == inside && w.br64(c) > 0)  // 5: Central Asia
            s += rep.countries(static_cast<Eigen::Index>(y - r.start_year) * n + c,
                               ccsim::cm_projects_started);
      v.push_back(s);
    }
    return v;
  };
  const auto in = paired(region_odi(base, true), region_odi(shocked, true));
  const auto out = paired(region_odi(base, false), region_odi(shocked, false));
  INFO("Central Asia " << in.mean << " +- " << in.se << "; elsewhere " << out.mean << " +- "
                       << out.se);
  CHECK(in.mean < -3 * in.se);
  CHECK(out.mean > 3 * out.se);
}

TEST_CASE(
    "statics: more policy-bank budget raises contracts and loans outstanding, with diminishing "
    "returns",
    "[statics]") {
  const double calibrated =
      ccsim::test::repo_scenario("scenarios/baseline.json", world()).params.lending_budget_usd_bn;
  auto budget = [&](double scale) {
    return run_baseline(
        with({{"timeline",
               {{{"year", 2017},
                 {"set", {{"policy", {{"lending_budget_usd_bn", calibrated * scale}}}}}}}}}));
  };
  const auto b1 = budget(1.0), b2 = budget(1.5), b3 = budget(2.0);
  const auto c12 = paired(per_rep(b1, "epc_contracts_signed", 2017, 2025),
                          per_rep(b2, "epc_contracts_signed", 2017, 2025));
  const auto c23 = paired(per_rep(b2, "epc_contracts_signed", 2017, 2025),
                          per_rep(b3, "epc_contracts_signed", 2017, 2025));
  const auto l12 = paired(per_rep(b1, "policy_loans_outstanding_usd_bn", 2025, 2025),
                          per_rep(b2, "policy_loans_outstanding_usd_bn", 2025, 2025));
  const auto l23 = paired(per_rep(b2, "policy_loans_outstanding_usd_bn", 2025, 2025),
                          per_rep(b3, "policy_loans_outstanding_usd_bn", 2025, 2025));
  INFO("contracts +" << c12.mean << " then +" << c23.mean << "; loans +" << l12.mean << " then +"
                     << l23.mean);
  CHECK(c12.mean > 3 * c12.se);
  CHECK(l12.mean > 3 * l12.se);
  CHECK(c23.mean < c12.mean);
  CHECK(l23.mean < l12.mean);
}
