#include "model/sweep/plan.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "model/error.hpp"
#include "model/io/csv.hpp"
#include "model/metrics.hpp"
#include "model/rng.hpp"
#include "model/setup.hpp"
#include "model/simulate.hpp"
#include "model/sweep/results.hpp"
#include "tests/support/worlds.hpp"

using nlohmann::json;
namespace sweep = ccsim::sweep;

namespace {

const sweep::BaseInfo kBase{2013, 2030, {"KAZ", "PAK"}};

sweep::Spec make_spec(
    const json& design, const json& parameters, int replications = 2,
    const json& metrics = json::parse(R"([{"metric": "odi_flow_usd_bn", "year": 2015},
                                                           {"metric": "jobs_total", "year": 2015}])")) {
  const json doc = {{"scenario", "base.json"},
                    {"parameters", parameters},
                    {"design", design},
                    {"replications", replications},
                    {"seed", 99},
                    {"metrics", metrics}};
  return sweep::parse_spec(doc, "s.json", kBase);
}

const json kGridParams = json::parse(R"([
  {"path": "policy.insurance_coverage", "levels": [0.4, 0.6, 0.8]},
  {"path": "domestic.overcapacity.steel", "range": [0.5, 0.9], "steps": 2}
])");

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

}  // namespace

TEST_CASE("sweep: a grid plan has every combination, last parameter fastest") {
  const sweep::Spec s = make_spec({{"type", "grid"}}, kGridParams, 2);
  const sweep::Plan p = sweep::make_plan(s);
  REQUIRE(p.points == 6);
  CHECK(p.runs() == 12);
  const double expect[6][2] = {{0.4, 0.5}, {0.4, 0.9}, {0.6, 0.5},
                               {0.6, 0.9}, {0.8, 0.5}, {0.8, 0.9}};
  for (int i = 0; i < 6; ++i) {
    CHECK(p.values(i, 0) == expect[i][0]);
    CHECK(p.values(i, 1) == expect[i][1]);
  }
  CHECK(p.point_of(5) == 2);
  CHECK(p.replication_of(5) == 1);

  std::set<std::uint64_t> seeds;
  for (std::int64_t r = 0; r < p.runs(); ++r) {
    const std::uint64_t seed = sweep::run_seed(s, p.point_of(r), p.replication_of(r));
    CHECK(seed == (ccsim::derive_seed(99, std::uint64_t(p.point_of(r)),
                                      std::uint64_t(p.replication_of(r))) &
                   ((std::uint64_t(1) << 53) - 1)));
    seeds.insert(seed);
  }
  CHECK(seeds.size() == 12);
}

TEST_CASE("sweep: shards partition the runs") {
  CHECK_FALSE(sweep::parse_shard("0/4"));
  CHECK_FALSE(sweep::parse_shard("5/4"));
  CHECK_FALSE(sweep::parse_shard("1/0"));
  CHECK_FALSE(sweep::parse_shard("1-4"));
  CHECK_FALSE(sweep::parse_shard("1/4x"));
  CHECK_FALSE(sweep::parse_shard("/4"));
  REQUIRE(sweep::parse_shard("4/4"));
  CHECK(sweep::parse_shard("4/4")->index == 4);

  for (std::int64_t total : {0, 1, 7, 12, 13}) {
    for (int n : {1, 2, 3, 5, 20}) {
      std::vector<int> seen(static_cast<std::size_t>(total), 0);
      for (int k = 1; k <= n; ++k) {
        const sweep::Shard sh{k, n};
        for (std::int64_t j = 0; j < sh.size(total); ++j) {
          const std::int64_t run = sh.run(j);
          REQUIRE(run < total);
          CHECK(run % n == k - 1);
          ++seen[std::size_t(run)];
        }
      }
      for (int c : seen) CHECK(c == 1);
    }
  }
}

TEST_CASE("sweep: a run's scenario document is the base with the point's values") {
  const sweep::Spec s = make_spec({{"type", "grid"}}, json::parse(R"([
    {"path": "domestic.overcapacity.steel", "levels": [0.35, 0.7]},
    {"path": "simulation.firm_agents", "levels": [300, 500]}
  ])"));
  const sweep::Plan p = sweep::make_plan(s);
  const json base = json::parse(R"({"name": "b", "domestic": {"overcapacity": {"nonferrous": 0.2}},
                                    "simulation": {"replications": 20, "seed": 5}})");
  const json doc = sweep::run_document(s, p, base, 1, 1234);
  CHECK(doc["domestic"]["overcapacity"]["steel"] == 0.35);
  CHECK(doc["domestic"]["overcapacity"]["nonferrous"] == 0.2);
  CHECK(doc["simulation"]["firm_agents"].is_number_integer());
  CHECK(doc["simulation"]["firm_agents"] == 500);
  CHECK(doc["simulation"]["seed"] == 1234);
  CHECK(doc["simulation"]["replications"] == 1);

  // `--set` text reads back as the very value the run used.
  const auto sets = sweep::point_sets(s, p, 1);
  REQUIRE(sets.size() == 2);
  CHECK(sets[0] == "domestic.overcapacity.steel=0.35");
  CHECK(sets[1] == "simulation.firm_agents=500");
  const sweep::Spec r =
      make_spec({{"type", "random"}, {"points", 5}},
                json::parse(R"([{"path": "policy.insurance_coverage", "range": [0.1, 0.9]}])"));
  const sweep::Plan rp = sweep::make_plan(r);
  for (int i = 0; i < rp.points; ++i) {
    const std::string set = sweep::point_sets(r, rp, i)[0];
    CHECK(json::parse(set.substr(set.find('=') + 1)).get<double>() == rp.values(i, 0));
  }
}

TEST_CASE("sweep: a latin hypercube plan stratifies every parameter's range") {
  const sweep::Spec s = make_spec({{"type", "latin_hypercube"}, {"points", 8}}, json::parse(R"([
    {"path": "policy.lending_budget_usd_bn", "range": [10, 50]},
    {"path": "risk.global_multiplier", "range": [0.5, 2], "scale": "log"}
  ])"));
  const sweep::Plan p = sweep::make_plan(s);
  REQUIRE(p.points == 8);
  std::set<int> strata_a, strata_b;
  for (int i = 0; i < 8; ++i) {
    strata_a.insert(int((p.values(i, 0) - 10) / 5));
    strata_b.insert(int(std::log(p.values(i, 1) / 0.5) / (std::log(4.0) / 8)));
  }
  CHECK(strata_a.size() == 8);
  CHECK(strata_b.size() == 8);
  // Same spec, same plan.
  CHECK(sweep::make_plan(s).values == p.values);
}

TEST_CASE("sweep: run rows round-trip, failures included") {
  const sweep::Spec s = make_spec({{"type", "grid"}}, kGridParams, 2);
  const sweep::Plan p = sweep::make_plan(s);
  CHECK(sweep::runs_header(s) ==
        "run,point,replication,seed,policy.insurance_coverage,domestic.overcapacity.steel,"
        "odi_flow_usd_bn_2015,jobs_total_2015,status,error\n");
  // A row holds its point's values as the plan gives them.
  auto values = [&](int point) {
    return std::vector<double>{p.values(point, 0), p.values(point, 1)};
  };
  auto text = [&](int point) {
    return ccsim::io::format_number(p.values(point, 0)) + "," +
           ccsim::io::format_number(p.values(point, 1));
  };
  sweep::RunRecord ok{5, 2, 1, sweep::run_seed(s, 2, 1), values(2), {1.25, std::nan("")}, true, ""};
  const std::string line = sweep::format_run(s, ok);
  CHECK(line == "5,2,1," + std::to_string(ok.seed) + "," + text(2) + ",1.25,nan,ok,\n");
  const auto back = sweep::parse_run(line.substr(0, line.size() - 1), s, p, "runs.csv", 7);
  CHECK(back.run == 5);
  CHECK(back.metrics[0] == 1.25);
  CHECK(std::isnan(back.metrics[1]));
  CHECK(back.ok);

  sweep::RunRecord bad{6,         3,  0,     sweep::run_seed(s, 3, 0),
                       values(3), {}, false, "a \"quoted\", comma\nand newline"};
  const std::string bl = sweep::format_run(s, bad);
  CHECK(lines(bl).size() == 1);
  CHECK(bl == "6,3,0," + std::to_string(bad.seed) + "," + text(3) +
                  ",,,failed,\"a \"\"quoted\"\", comma and newline\"\n");
  const auto bb = sweep::parse_run(bl.substr(0, bl.size() - 1), s, p, "runs.csv", 8);
  CHECK_FALSE(bb.ok);
  CHECK(bb.error == "a \"quoted\", comma and newline");
  CHECK(std::isnan(bb.metrics[0]));

  // Rows that are not this sweep's are refused with their line.
  std::string wrong_seed = line;
  wrong_seed.replace(wrong_seed.find(std::to_string(ok.seed)), std::to_string(ok.seed).size(),
                     "17");
  try {
    sweep::parse_run(wrong_seed.substr(0, wrong_seed.size() - 1), s, p, "runs.csv", 9);
    FAIL("accepted a row with the wrong seed");
  } catch (const ccsim::InputError& e) {
    CHECK(e.issues()[0].pointer == "line 9");
  }
  // So is a row whose parameter value was edited (a resumed sweep would summarise it as the
  // plan's point): the line and the column are named.
  sweep::RunRecord edited = ok;
  edited.values[1] = p.values(2, 1) + 0.125;
  const std::string el = sweep::format_run(s, edited);
  try {
    sweep::parse_run(el.substr(0, el.size() - 1), s, p, "runs.csv", 10);
    FAIL("accepted a row with an edited parameter value");
  } catch (const ccsim::InputError& e) {
    CHECK(e.issues()[0].file == "runs.csv");
    CHECK(e.issues()[0].pointer == "line 10, column 6 (domestic.overcapacity.steel)");
  }
  CHECK_THROWS_AS(sweep::parse_run("5,2,1", s, p, "runs.csv", 3), ccsim::InputError);
  CHECK_THROWS_AS(sweep::parse_run("99,49,1,1,0.6,0.9,1,1,ok,", s, p, "runs.csv", 3),
                  ccsim::InputError);
}

TEST_CASE("sweep: points.csv gives each point's mean, sd and t interval") {
  const sweep::Spec s = make_spec({{"type", "grid"}}, kGridParams, 3);
  const sweep::Plan p = sweep::make_plan(s);
  std::ostringstream os;
  sweep::PointsWriter w(s, p, os);
  for (std::int64_t r = 0; r < p.runs(); ++r) {
    const int point = p.point_of(r), rep = p.replication_of(r);
    sweep::RunRecord rec{r, point, rep, sweep::run_seed(s, point, rep), {}, {}, true, ""};
    rec.metrics = {10.0 * point + rep, 1.0};
    if (point == 1 && rep == 2) {  // one failure: n = 2, failed = 1
      rec.ok = false;
      rec.metrics = {std::nan(""), std::nan("")};
    }
    w.add(rec);
  }
  CHECK(w.complete());
  const auto rows = lines(os.str());
  REQUIRE(rows.size() == 1 + 6 * 2);
  CHECK(rows[0] ==
        "point,policy.insurance_coverage,domestic.overcapacity.steel,metric,n,failed,mean,sd,"
        "ci_low,ci_high");
  // Point 0: values 0, 1, 2: mean 1, sd 1, half-width t(0.975, 2) / sqrt(3) = 4.302653 / 1.732051.
  const auto f = sweep::split_csv_line(rows[1]);
  CHECK(f[0] == "0");
  CHECK(f[3] == "odi_flow_usd_bn_2015");
  CHECK(f[4] == "3");
  CHECK(f[5] == "0");
  CHECK(std::stod(f[6]) == 1);
  CHECK(std::stod(f[7]) == 1);
  CHECK(std::stod(f[8]) == Approx(1 - 4.302652729749464 / std::sqrt(3.0)));
  CHECK(std::stod(f[9]) == Approx(1 + 4.302652729749464 / std::sqrt(3.0)));
  // A constant metric: sd 0, a zero-width interval.
  CHECK(rows[2] == "0,0.4,0.5,jobs_total_2015,3,0,1,0,1,1");
  const auto g = sweep::split_csv_line(rows[3]);
  CHECK(g[0] == "1");
  CHECK(g[4] == "2");
  CHECK(g[5] == "1");
  CHECK(std::stod(g[6]) == 10.5);

  // Out of order is a bug in the caller.
  std::ostringstream os2;
  sweep::PointsWriter w2(s, p, os2);
  sweep::RunRecord late{1, 0, 1, 0, {}, {1, 1}, true, ""};
  CHECK_THROWS_AS(w2.add(late), std::logic_error);
}

TEST_CASE("sweep: sensitivity from a plan finds the inert parameter") {
  const json params = json::parse(R"([
    {"path": "policy.lending_budget_usd_bn", "range": [10, 50]},
    {"path": "policy.insurance_coverage", "range": [0, 1]},
    {"path": "risk.fx_volatility", "range": [0.5, 2]}
  ])");
  // y = budget + 20 coverage^2, fx_volatility inert; one replication per point.
  auto feed = [](const sweep::Spec& s, const sweep::Plan& p) {
    std::ostringstream points;
    sweep::PointsWriter w(s, p, points);
    for (std::int64_t r = 0; r < p.runs(); ++r) {
      const int i = p.point_of(r);
      const double y = p.values(i, 0) + 20 * p.values(i, 1) * p.values(i, 1);
      w.add({r, i, 0, sweep::run_seed(s, i, 0), {}, {y, 3.0}, true, ""});
    }
    std::ostringstream out;
    sweep::write_sensitivity(out, s, p, w.point_means());
    return out.str();
  };
  auto value = [](const std::string& table, const std::string& metric, const std::string& param,
                  const std::string& index) {
    for (const auto& l : lines(table)) {
      const auto f = sweep::split_csv_line(l);
      if (f[1] == metric && f[2] == param && f[3] == index)
        return ccsim::io::parse_number(f[4], "", 0, "");
    }
    FAIL("no row " << metric << " " << param << " " << index);
    return 0.0;
  };

  const sweep::Spec so =
      make_spec({{"type", "sobol"}, {"base_points", 256}, {"bootstrap", 100}}, params, 1);
  const sweep::Plan sp = sweep::make_plan(so);
  REQUIRE(sp.saltelli);
  const std::string sobol = feed(so, sp);
  CHECK(lines(sobol).size() == 1 + 2 * 3 * 2);
  CHECK(lines(sobol)[0] ==
        "method,metric,parameter,index,value,ci_low,ci_high,n,noise_floor,noise");
  const std::string m = "odi_flow_usd_bn_2015";
  // Additive: S1 = ST; budget variance 1600/12 = 133.3, coverage 400 * 4/45 = 35.6.
  CHECK(value(sobol, m, "policy.lending_budget_usd_bn", "ST") ==
        Approx(133.33 / 168.89).margin(0.05));
  CHECK(value(sobol, m, "policy.insurance_coverage", "ST") == Approx(35.56 / 168.89).margin(0.05));
  CHECK(value(sobol, m, "risk.fx_volatility", "ST") == Approx(0).margin(1e-12));
  // A constant metric has no variance to share out.
  CHECK(std::isnan(value(sobol, "jobs_total_2015", "risk.fx_volatility", "S1")));

  const sweep::Spec mo = make_spec({{"type", "morris"}, {"trajectories", 10}}, params, 1);
  const sweep::Plan mp = sweep::make_plan(mo);
  REQUIRE(mp.morris);
  const std::string morris = feed(mo, mp);
  CHECK(lines(morris).size() == 1 + 2 * 3 * 3);
  CHECK(value(morris, m, "risk.fx_volatility", "mu_star") == 0);
  CHECK(value(morris, m, "policy.lending_budget_usd_bn", "mu_star") == Approx(40));
  CHECK(value(morris, m, "policy.lending_budget_usd_bn", "sigma") == Approx(0).margin(1e-9));
  CHECK(value(morris, m, "policy.insurance_coverage", "mu_star") > 5);
}

TEST_CASE("sweep: the points of a Saltelli base row or a Morris trajectory share their seeds") {
  const json params = json::parse(R"([
    {"path": "policy.insurance_coverage", "range": [0.4, 0.8]},
    {"path": "policy.lending_budget_usd_bn", "range": [20, 60]},
    {"path": "risk.fx_volatility", "range": [0.5, 1.5]}
  ])");
  const int n = 8, k = 3;
  const sweep::Spec so = make_spec({{"type", "sobol"}, {"base_points", n}}, params, 2);
  const sweep::Plan sp = sweep::make_plan(so);
  REQUIRE(sp.saltelli);
  for (int j = 0; j < n; ++j)
    for (int rep = 0; rep < 2; ++rep) {
      const std::uint64_t a = sweep::run_seed(so, int(sp.saltelli->a_rows().begin) + j, rep);
      CHECK(sweep::run_seed(so, int(sp.saltelli->b_rows().begin) + j, rep) == a);
      for (int i = 0; i < k; ++i)
        CHECK(sweep::run_seed(so, int(sp.saltelli->ab_rows(i).begin) + j, rep) == a);
      // Other rows, and other replications, draw other streams.
      CHECK(sweep::run_seed(so, (j + 1) % n, rep) != a);
      CHECK(sweep::run_seed(so, j, 1 - rep) != a);
    }
  const sweep::Spec mo = make_spec({{"type", "morris"}, {"trajectories", 4}}, params, 1);
  const sweep::Plan mp = sweep::make_plan(mo);
  REQUIRE(mp.morris);
  std::set<std::uint64_t> trajectories;
  for (int t = 0; t < 4; ++t) {
    const std::uint64_t first = sweep::run_seed(mo, int(mp.morris->row(t, 0)), 0);
    for (int s = 1; s <= k; ++s)
      CHECK(sweep::run_seed(mo, int(mp.morris->row(t, 0)) + s, 0) == first);
    trajectories.insert(first);
  }
  CHECK(trajectories.size() == 4);
  // Turned off, every point has its own seeds.
  const sweep::Spec off = make_spec(
      {{"type", "sobol"}, {"base_points", n}, {"common_random_numbers", false}}, params, 2);
  CHECK(sweep::run_seed(off, 0, 0) != sweep::run_seed(off, n, 0));
}

TEST_CASE("sweep: metrics by place are the run's country and sector values") {
  const ccsim::World w = ccsim::test::data_world();
  const sweep::BaseInfo base{2013, 2016, w.iso3};
  const json doc = {
      {"scenario", "base.json"},
      {"parameters", json::parse(R"([{"path": "policy.signing_rate", "levels": [0.04]}])")},
      {"design", {{"type", "grid"}}},
      {"replications", 1},
      {"seed", 5},
      {"metrics", json::parse(R"([
        {"metric": "odi_flow_usd_bn", "years": [2013, 2016]},
        {"metric": "odi_flow_usd_bn", "region": "central_asia", "years": [2013, 2016]},
        {"metric": "supporting_capacity", "region": "central_asia", "year": 2016},
        {"metric": "odi_flow_usd_bn", "country": "KAZ", "years": [2013, 2016]},
        {"metric": "odi_flow_usd_bn", "sector": "steel", "year": 2014}
      ])")}};
  const sweep::Spec spec = sweep::parse_spec(doc, "s.json", base);
  const sweep::Plan plan = sweep::make_plan(spec);
  const ccsim::Scenario sc = ccsim::test::repo_scenario(
      "scenarios/baseline.json", w, {{"simulation", {{"firm_agents", 400}, {"end_year", 2016}}}});
  const sweep::RunRecord r = sweep::execute_run(spec, plan, sc.resolved, w, 0);
  REQUIRE(r.ok);

  // The same run by hand, with its country and sector tables.
  const ccsim::Scenario one = ccsim::parse_scenario(
      sweep::run_document(spec, plan, sc.resolved, 0, r.seed), "s.json", w.iso3);
  const ccsim::ReplicationResult res = ccsim::simulate(ccsim::prepare(one, w), 0, true);
  const Eigen::Index n = w.countries();
  double region = 0, kaz = 0, gdp = 0, capacity = 0;
  for (int y = 0; y < 4; ++y)
    for (Eigen::Index c = 0; c < n; ++c) {
      const double odi = res.countries(y * n + c, ccsim::cm_odi_flow);
      if (w.iso3[static_cast<std::size_t>(c)] == "KAZ") kaz += odi;
      const bool central_asian_partner =
          w.br64(c) > 0 && w.region(c) == ccsim::index_of(ccsim::kRegionKeys, "central_asia");
      if (!central_asian_partner) continue;
      region += odi;
      if (y == 3) {
        gdp += res.countries(y * n + c, ccsim::cm_gdp);
        capacity +=
            res.countries(y * n + c, ccsim::cm_capacity) * res.countries(y * n + c, ccsim::cm_gdp);
      }
    }
  const int total = ccsim::yearly_index("odi_flow_usd_bn");
  CHECK(r.metrics[0] == Approx(res.yearly.col(total).sum()).epsilon(1e-12));
  CHECK(r.metrics[1] == Approx(region).epsilon(1e-12));
  CHECK(r.metrics[1] > 0);
  CHECK(r.metrics[1] < r.metrics[0]);
  CHECK(r.metrics[2] == Approx(capacity / gdp).epsilon(1e-12));  // an index: GDP-weighted
  CHECK(r.metrics[3] == Approx(kaz).epsilon(1e-12));
  CHECK(r.metrics[4] ==
        Approx(res.sectors(1 * static_cast<Eigen::Index>(ccsim::kSectors) + 0, ccsim::sm_odi_flow))
            .epsilon(1e-12));
}
