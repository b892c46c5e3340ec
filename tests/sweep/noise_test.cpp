// The noise floor of sensitivity indices and the replications a point needs (issue 17, point 4).
#include "model/sweep/noise.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "model/io/csv.hpp"
#include "model/metrics.hpp"
#include "model/rng.hpp"
#include "model/setup.hpp"
#include "model/simulate.hpp"
#include "model/sweep/design.hpp"
#include "model/sweep/plan.hpp"
#include "model/sweep/results.hpp"
#include "model/sweep/sensitivity.hpp"
#include "tests/support/worlds.hpp"

using nlohmann::json;
namespace sweep = ccsim::sweep;

namespace {

// Independent N(0, sd^2) noise for output `i` of trial `t`.
double noise(std::uint64_t t, std::uint32_t i, double sd) {
  return sd * ccsim::Stream(777 + t, 0, ccsim::Purpose::kBootstrap, 0).normals(i)[0];
}

std::vector<std::vector<std::string>> rows(const std::string& csv) {
  std::vector<std::vector<std::string>> out;
  std::istringstream in(csv);
  std::string line;
  while (std::getline(in, line)) out.push_back(sweep::split_csv_line(line));
  return out;
}

}  // namespace

TEST_CASE("sweep: noise floors are the quantiles of a pure-noise factor's indices") {
  // y = 10 x0 + e, e ~ N(0, 1) independent at every point: x1 moves nothing. At confidence 0.95
  // the floors are 97.5% quantiles, so over 400 trials x1 should exceed them about 10 times
  // (binomial sd 3.1); x0 should clear them every time. The floors' normal approximations
  // (mean of half-normals, V for E[(f_B - c)^2]) are allowed a rate up to 6%.
  const int trials = 400;
  const sweep::SaltelliDesign d = sweep::saltelli(64, 2, 64);
  const sweep::MorrisDesign md = sweep::morris(20, 2, 4, 3);
  int st_over = 0, s1_over = 0, mu_star_over = 0, mu_over = 0, sigma_over = 0, real_noise = 0;
  for (int t = 0; t < trials; ++t) {
    Eigen::VectorXd y(d.points.rows());
    for (Eigen::Index r = 0; r < y.size(); ++r)
      y(r) = 10 * d.points(r, 0) + noise(std::uint64_t(t), std::uint32_t(r), 1.0);
    const sweep::SobolIndices ix = sweep::sobol_indices(d, y, 0, 0.95, 1);
    const sweep::SobolFloor f = sweep::sobol_floor(1.0, ix.variance, ix.rows_used, 0.95);
    st_over += ix.st(1) > f.st;
    s1_over += ix.s1(1) > f.s1;
    real_noise += !(ix.st(0) > f.st) || !(ix.s1(0) > f.s1);

    Eigen::VectorXd ym(md.points.rows());
    for (Eigen::Index r = 0; r < ym.size(); ++r)
      ym(r) = 10 * md.points(r, 0) + noise(std::uint64_t(t), std::uint32_t(r + 5000), 1.0);
    const sweep::MorrisIndices mx = sweep::morris_indices(md, ym);
    const sweep::MorrisFloor mf = sweep::morris_floor(1.0, md.delta, mx.effects(1), 0.95);
    mu_star_over += mx.mu_star(1) > mf.mu_star;
    mu_over += std::abs(mx.mu(1)) > mf.mu;
    sigma_over += mx.sigma(1) > mf.sigma;
    real_noise += !(mx.mu_star(0) > mf.mu_star);
  }
  CHECK(real_noise == 0);
  for (int over : {st_over, s1_over, mu_star_over, sigma_over}) {
    CHECK(over >= 2);
    CHECK(over <= 24);
  }
  // |mu| is two-sided at 95%: about 5% of trials (20, sd 4.4).
  CHECK(mu_over >= 8);
  CHECK(mu_over <= 34);
}

TEST_CASE("sweep: sensitivity.csv flags a factor that moves nothing as noise") {
  // Three factors, the third inert; 4 replications a point with independent noise (no common
  // random numbers), so the inert factor's indices are pure noise.
  const json params = json::parse(R"([
    {"path": "policy.lending_budget_usd_bn", "range": [10, 50]},
    {"path": "policy.insurance_coverage", "range": [0, 1]},
    {"path": "risk.fx_volatility", "range": [0.5, 2]}
  ])");
  const sweep::BaseInfo base{2013, 2030, {}};
  for (const json& design :
       {json{{"type", "sobol"},
             {"base_points", 128},
             {"bootstrap", 50},
             {"common_random_numbers", false}},
        json{{"type", "morris"}, {"trajectories", 30}, {"common_random_numbers", false}}}) {
    const json doc = {{"scenario", "b.json"},
                      {"parameters", params},
                      {"design", design},
                      {"replications", 4},
                      {"seed", 5},
                      {"metrics", json::parse(R"([{"metric": "odi_flow_usd_bn", "year": 2020}])")}};
    const sweep::Spec s = sweep::parse_spec(doc, "s.json", base);
    const sweep::Plan p = sweep::make_plan(s);
    std::ostringstream points, out;
    sweep::PointsWriter w(s, p, points);
    for (std::int64_t r = 0; r < p.runs(); ++r) {
      const int i = p.point_of(r);
      const double y = p.values(i, 0) + 20 * p.values(i, 1) + noise(9, std::uint32_t(r), 2.0);
      w.add({r,
             i,
             p.replication_of(r),
             sweep::run_seed(s, i, p.replication_of(r)),
             {},
             {y},
             true,
             ""});
    }
    // The pooled variance of one run about its point's mean estimates the noise's 4: with
    // points x 3 degrees of freedom its relative sd is sqrt(2 / dof); within 3 of them.
    const double dof = 3.0 * p.points;
    CHECK(std::abs(w.run_variance()(0) / 4 - 1) < 3 * std::sqrt(2 / dof));
    sweep::write_sensitivity(out, s, p, w.point_means(), w.run_values());
    const auto t = rows(out.str());
    CHECK(t[0].back() == "noise");
    CHECK(t[0][8] == "noise_floor");
    int checked = 0;
    for (std::size_t r = 1; r < t.size(); ++r) {
      if (t[r][3] == "sigma" || t[r][3] == "mu") continue;  // not importance measures
      CAPTURE(design.dump(), t[r][2], t[r][3], t[r][4], t[r][8]);
      CHECK(t[r][9] == (t[r][2] == "risk.fx_volatility" ? "yes" : "no"));
      ++checked;
    }
    CHECK(checked == (s.design.kind == sweep::DesignKind::kSobol ? 6 : 3));
  }
}

TEST_CASE("sweep: with common random numbers the floor is the noise left after pairing") {
  // y = 10 x0 + 2 x1 + 5 c + 0.05 e: c ~ N(0, 1) shared by the runs with one seed (a base row's
  // points under common random numbers), e independent; x2 inert. Pairing removes c, so x1's
  // small ST (4/12 over V = 100/12 + 4/12 + 25/4 + ..., about 0.02) clears a floor of
  // about 1e-4, where independent noise of a point mean's size (25/4) would give an ST floor
  // near 0.5 and hide it. x2 differs by 0.05 e alone and stays flagged.
  const json params = json::parse(R"([
    {"path": "policy.lending_budget_usd_bn", "range": [0, 1]},
    {"path": "policy.insurance_coverage", "range": [0, 1]},
    {"path": "risk.fx_volatility", "range": [0.5, 2]}
  ])");
  const sweep::BaseInfo base{2013, 2030, {}};
  const json doc = {{"scenario", "b.json"},
                    {"parameters", params},
                    {"design", {{"type", "sobol"}, {"base_points", 128}, {"bootstrap", 0}}},
                    {"replications", 4},
                    {"seed", 5},
                    {"metrics", json::parse(R"([{"metric": "odi_flow_usd_bn", "year": 2020}])")}};
  const sweep::Spec s = sweep::parse_spec(doc, "s.json", base);
  const sweep::Plan p = sweep::make_plan(s);
  std::ostringstream points, out;
  sweep::PointsWriter w(s, p, points);
  for (std::int64_t r = 0; r < p.runs(); ++r) {
    const int i = p.point_of(r), rep = p.replication_of(r);
    const std::uint64_t seed = sweep::run_seed(s, i, rep);
    const double y = 10 * p.values(i, 0) + 2 * p.values(i, 1) +
                     5 * ccsim::Stream(seed, 0, ccsim::Purpose::kBootstrap, 1).normals(0)[0] +
                     noise(11, std::uint32_t(r), 0.05);
    w.add({r, i, rep, seed, {}, {y}, true, ""});
  }
  sweep::write_sensitivity(out, s, p, w.point_means(), w.run_values());
  const auto t = rows(out.str());
  REQUIRE(t.size() == 7);
  CHECK(t[4][2] == "policy.insurance_coverage");
  CHECK(t[4][3] == "ST");
  CHECK(std::stod(t[4][4]) > 0.01);
  CHECK(std::stod(t[4][8]) < 1e-3);
  CHECK(t[4][9] == "no");
  CHECK(t[3][9] == "no");   // x1's S1
  CHECK(t[2][9] == "no");   // x0's ST
  CHECK(t[5][9] == "yes");  // x2's S1
  CHECK(t[6][9] == "yes");  // x2's ST
}

TEST_CASE("sweep: a placebo metric the factors cannot reach is exactly 0 and flagged as noise") {
  // Factors from 2017 (from_year), common random numbers: ODI 2013-2016 is the same in every run
  // of a trajectory, so every elementary effect is 0; ODI 2017-2018 moves.
  const ccsim::World w = ccsim::test::data_world();
  const ccsim::Scenario sc = ccsim::test::repo_scenario(
      "scenarios/baseline.json", w, {{"simulation", {{"firm_agents", 300}, {"end_year", 2018}}}});
  const json doc = {
      {"scenario", "b.json"},
      {"from_year", 2017},
      {"parameters", json::parse(R"([{"path": "policy.lending_budget_usd_bn", "range": [20, 120]},
                                     {"path": "risk.global_multiplier", "range": [0.5, 2]}])")},
      {"design", {{"type", "morris"}, {"trajectories", 3}}},
      {"replications", 2},
      {"seed", 3},
      {"metrics",
       json::parse(R"([{"name": "placebo", "metric": "odi_flow_usd_bn", "years": [2013, 2016]},
                                  {"name": "later", "metric": "odi_flow_usd_bn", "years": [2017, 2018]}])")}};
  const sweep::Spec s = sweep::parse_spec(doc, "s.json", sweep::base_info(sc, w.iso3));
  const sweep::Plan p = sweep::make_plan(s);
  std::ostringstream points, out;
  sweep::PointsWriter pw(s, p, points);
  ccsim::State ws;
  for (std::int64_t r = 0; r < p.runs(); ++r) {
    const sweep::RunRecord rec = sweep::execute_run(s, p, sc.resolved, w, r, &ws);
    REQUIRE(rec.ok);
    pw.add(rec);
  }
  CHECK(pw.run_variance()(0) > 0);  // the placebo does vary between replications
  sweep::write_sensitivity(out, s, p, pw.point_means(), pw.run_values());
  int placebo = 0;
  double later = 0;
  for (const auto& t : rows(out.str())) {
    if (t[1] == "placebo") {
      CHECK(t[4] == "0");
      CHECK(t[9] == "yes");
      ++placebo;
    }
    if (t[1] == "later" && t[3] == "mu_star") later += std::stod(t[4]);
  }
  CHECK(placebo == 6);
  CHECK(later > 0);
}

TEST_CASE("sweep: replications needed are (2 z sd / width)^2 rounded up") {
  // z(0.95) = 1.959964: sd 10, width 2 -> 19.59964^2 = 384.15 -> 385.
  CHECK(sweep::z_of(0.95) == Approx(1.959964).epsilon(1e-6));
  CHECK(sweep::replications_needed(10, 2, 0.95) == 385);
  // z(0.9) = 1.644854: sd 3, width 1 -> 9.869^2 = 97.4 -> 98.
  CHECK(sweep::replications_needed(3, 1, 0.9) == 98);
  CHECK(sweep::replications_needed(0, 1, 0.95) == 2);  // never fewer than an sd needs
  CHECK_THROWS(sweep::replications_needed(1, 0, 0.95));

  // The report on a pilot of known spread: mean 100, sd 5, a width of 10% of the mean is 10,
  // (2 x 1.96 x 5 / 10)^2 = 3.84 -> 4.
  const sweep::BaseInfo base{2013, 2030, {}};
  const json doc = {
      {"scenario", "b.json"},
      {"parameters", json::parse(R"([{"path": "policy.signing_rate", "levels": [0.04]}])")},
      {"design", {{"type", "grid"}}},
      {"replications", 3},
      {"seed", 5},
      {"metrics", json::parse(R"([{"name": "odi", "metric": "odi_flow_usd_bn", "year": 2020}])")}};
  const sweep::Spec s = sweep::parse_spec(doc, "s.json", base);
  const std::string text = sweep::describe_pilot(s, {10, {100}, {5}}, 0.1, true);
  CHECK_THAT(text, Catch::Contains("odi: mean 100, sd 5, width 10: 4 replications"));
  CHECK_THAT(text, Catch::Contains("the sweep has 3"));
}

TEST_CASE("sweep: the pilot's sd is the sample sd of the base scenario's replications") {
  const ccsim::World w = ccsim::test::data_world();
  const ccsim::Scenario sc = ccsim::test::repo_scenario(
      "scenarios/baseline.json", w, {{"simulation", {{"firm_agents", 300}, {"end_year", 2015}}}});
  const json doc = {
      {"scenario", "b.json"},
      {"parameters", json::parse(R"([{"path": "policy.signing_rate", "levels": [0.04]}])")},
      {"design", {{"type", "grid"}}},
      {"replications", 1},
      {"seed", 5},
      {"metrics", json::parse(R"([{"metric": "odi_flow_usd_bn", "years": [2013, 2015]}])")}};
  const sweep::Spec s = sweep::parse_spec(doc, "s.json", sweep::base_info(sc, w.iso3));
  const sweep::Pilot p = sweep::pilot(s, sc.resolved, w, 4);
  // The same four replications by hand.
  json one = sc.resolved;
  one["simulation"]["seed"] =
      ccsim::derive_seed(5, ~std::uint64_t(0), 0) & ((std::uint64_t(1) << 53) - 1);
  const ccsim::Setup setup = ccsim::prepare(ccsim::parse_scenario(one, "s.json", w.iso3), w);
  std::vector<double> v;
  for (std::uint32_t r = 0; r < 4; ++r)
    v.push_back(
        ccsim::simulate(setup, r, false).yearly.col(ccsim::yearly_index("odi_flow_usd_bn")).sum());
  const double mean = (v[0] + v[1] + v[2] + v[3]) / 4;
  double ss = 0;
  for (double x : v) ss += (x - mean) * (x - mean);
  CHECK(p.mean[0] == Approx(mean).epsilon(1e-12));
  CHECK(p.sd[0] == Approx(std::sqrt(ss / 3)).epsilon(1e-12));
  CHECK(p.sd[0] > 0);
}
