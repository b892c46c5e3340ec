// Sweep factors that start in a year (issue 17, point 3): before from_year a run is the base
// scenario's, output for output; from it on the factor acts.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "model/error.hpp"
#include "model/metrics.hpp"
#include "model/setup.hpp"
#include "model/simulate.hpp"
#include "model/sweep/plan.hpp"
#include "model/sweep/spec.hpp"
#include "tests/support/worlds.hpp"

using nlohmann::json;
namespace sweep = ccsim::sweep;

namespace {

json sweep_doc(const json& parameters) {
  return {{"scenario", "base.json"},
          {"parameters", parameters},
          {"design", {{"type", "grid"}}},
          {"replications", 1},
          {"seed", 7},
          {"metrics", json::parse(R"([{"metric": "odi_flow_usd_bn", "years": [2013, 2016]}])")}};
}

// Recorded 2013-2019 after five spin-up years from 2008; the base changes nothing itself.
const sweep::BaseInfo kBase{2013, 2019, {"KAZ"}, 2008, 0};

std::vector<ccsim::Issue> issues_of(const json& doc, const sweep::BaseInfo& base = kBase) {
  return sweep::validate_spec(doc, "s.json", &base);
}

bool has_issue(const std::vector<ccsim::Issue>& v, const std::string& pointer,
               const std::string& text) {
  for (const auto& i : v)
    if (i.pointer == pointer && i.message.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE(
    "sweep: from_year defaults to the sweep's, then the base's first change, then the start") {
  const json params = json::parse(R"([
    {"path": "policy.fund_budget_usd_bn", "levels": [1, 6]},
    {"path": "policy.signing_rate", "levels": [0.02], "from_year": 2018},
    {"path": "simulation.firm_agents", "levels": [300]}
  ])");
  // No from_year anywhere and no timeline in the base: from the first simulated year, as before.
  sweep::Spec s = sweep::parse_spec(sweep_doc(params), "s.json", kBase);
  CHECK(s.factors[0].from_year == 2008);
  CHECK_FALSE(s.factors[0].scheduled);
  CHECK(s.factors[1].from_year == 2018);
  CHECK(s.factors[1].scheduled);
  // A base whose own changes start in 2017.
  sweep::BaseInfo changing = kBase;
  changing.changes_year = 2017;
  s = sweep::parse_spec(sweep_doc(params), "s.json", changing);
  CHECK(s.factors[0].from_year == 2017);
  CHECK(s.factors[0].scheduled);
  CHECK(s.resolved["parameters"][0]["from_year"] == 2017);
  // The sweep's own from_year over the base's.
  json doc = sweep_doc(params);
  doc["from_year"] = 2018;
  s = sweep::parse_spec(doc, "s.json", changing);
  CHECK(s.factors[0].from_year == 2018);
  CHECK(s.factors[1].from_year == 2018);
  // A parameter that cannot change during a run holds from the start whatever the defaults say.
  CHECK(s.factors[2].from_year == 2008);
  CHECK_FALSE(s.factors[2].scheduled);
}

TEST_CASE("sweep: from_year outside the simulated years or on a fixed parameter is refused") {
  json doc = sweep_doc(json::parse(R"([
    {"path": "policy.fund_budget_usd_bn", "levels": [1, 6], "from_year": 2031},
    {"path": "policy.signing_rate", "levels": [0.02], "from_year": 2016.5},
    {"path": "simulation.firm_agents", "levels": [300], "from_year": 2017}
  ])"));
  doc["from_year"] = 2007;
  const auto v = issues_of(doc);
  CHECK(has_issue(v, "/from_year",
                  "year 2007 is not simulated (the base scenario simulates 2008-2019"));
  CHECK(has_issue(v, "/parameters/0/from_year", "year 2031 is not simulated"));
  CHECK(has_issue(v, "/parameters/1/from_year", "expected a year"));
  CHECK(has_issue(v, "/parameters/2/from_year", "not schedulable"));
  CHECK(v.size() == 4);
  CHECK_THROWS_AS(sweep::parse_spec(doc, "s.json", kBase), ccsim::InputError);
}

TEST_CASE(
    "sweep: a factor from 2017 leaves every output before 2017 the base's and moves later ones") {
  const ccsim::World w = ccsim::test::data_world();
  const ccsim::Scenario base = ccsim::test::repo_scenario(
      "scenarios/baseline.json", w, {{"simulation", {{"firm_agents", 400}, {"end_year", 2019}}}});
  const sweep::BaseInfo info = sweep::base_info(base, w.iso3);
  REQUIRE(info.first_year < 2013);  // the spin-up years precede the recorded ones
  json doc = sweep_doc(json::parse(R"([
    {"path": "policy.lending_budget_usd_bn", "levels": [80]},
    {"path": "risk.region_multiplier.central_asia", "levels": [2.5]}
  ])"));
  doc["from_year"] = 2017;
  const sweep::Spec spec = sweep::parse_spec(doc, "s.json", info);
  const sweep::Plan plan = sweep::make_plan(spec);
  const std::uint64_t seed = sweep::run_seed(spec, 0, 0);
  const json run = sweep::run_document(spec, plan, base.resolved, 0, seed);
  // The values sit in a timeline entry of 2017, not in the scenario's parameters.
  REQUIRE(run["timeline"].size() == 1);
  CHECK(run["timeline"][0]["year"] == 2017);
  CHECK(run["timeline"][0]["set"]["policy"]["lending_budget_usd_bn"] == 80);
  CHECK(run["policy"]["lending_budget_usd_bn"] == base.resolved["policy"]["lending_budget_usd_bn"]);

  json same = base.resolved;
  same["simulation"]["seed"] = seed;
  same["simulation"]["replications"] = 1;
  const auto result = [&](const json& d) {
    return ccsim::simulate(ccsim::prepare(ccsim::parse_scenario(d, "s.json", w.iso3), w), 0, true);
  };
  const ccsim::ReplicationResult a = result(same), b = result(run);
  const Eigen::Index n = w.countries(), sectors = Eigen::Index(ccsim::kSectors);
  // 2013-2016: bit for bit, every total, every country and every sector.
  CHECK((a.yearly.topRows(4) == b.yearly.topRows(4)).all());
  CHECK((a.countries.topRows(4 * n) == b.countries.topRows(4 * n)).all());
  CHECK((a.sectors.topRows(4 * sectors) == b.sectors.topRows(4 * sectors)).all());
  // 2017 on: the lending budget (a recorded total) takes the factor's level and ODI moves.
  const int fund = ccsim::yearly_index("lending_budget_usd_bn");
  const int odi = ccsim::yearly_index("odi_flow_usd_bn");
  REQUIRE(fund >= 0);
  CHECK(b.yearly(4, fund) > a.yearly(4, fund));
  CHECK(b.yearly.bottomRows(3).col(odi).sum() != a.yearly.bottomRows(3).col(odi).sum());

  // The manifest's re-run command rebuilds the same document through `ccsim run --set`.
  const auto sets = sweep::rerun_sets(spec, base.resolved);
  REQUIRE(sets.size() == 1);
  CHECK(sets[0].rfind("timeline=", 0) == 0);
  json rebuilt = base.resolved;
  std::string text = sets[0];
  for (const std::string col :
       {"policy.lending_budget_usd_bn", "risk.region_multiplier.central_asia"}) {
    const std::string ph = "\"VALUE(" + col + ")\"";
    text.replace(text.find(ph), ph.size(), col[0] == 'p' ? "80" : "2.5");
  }
  ccsim::apply_overrides(rebuilt, {text}, "s.json");
  CHECK(rebuilt["timeline"] == run["timeline"]);
}

TEST_CASE("sweep: a factor in the year of a base's own change replaces it, later changes stay") {
  const ccsim::World w = ccsim::test::data_world();
  // strong_policy_support raises insurance cover to 1.0 in 2017 (its first change); here a
  // later change in 2019 is added to its timeline.
  const ccsim::Scenario base = ccsim::test::repo_scenario(
      "scenarios/strong_policy_support.json", w,
      {{"simulation", {{"firm_agents", 300}, {"end_year", 2020}}},
       {"timeline", json::parse(R"([{"year": 2017, "set": {"policy": {"insurance_coverage": 1.0}}},
                                    {"year": 2019, "set": {"policy": {"insurance_coverage": 0.2}}}])")}});
  const sweep::BaseInfo info = sweep::base_info(base, w.iso3);
  CHECK(info.changes_year == 2017);
  const sweep::Spec spec = sweep::parse_spec(
      sweep_doc(json::parse(R"([{"path": "policy.insurance_coverage", "levels": [0.5]}])")),
      "s.json", info);
  REQUIRE(spec.factors[0].from_year == 2017);  // the default: the base's own changes
  const sweep::Plan plan = sweep::make_plan(spec);
  const ccsim::Scenario run =
      ccsim::parse_scenario(sweep::run_document(spec, plan, base.resolved, 0, 1), "s.json", w.iso3);
  const auto by_year = ccsim::yearly_params(run);
  auto cover = [&](int year) {
    return by_year[std::size_t(year - run.first_simulated_year())].insurance_coverage;
  };
  CHECK(cover(2016) == base.params.insurance_coverage);
  CHECK(cover(2017) == 0.5);
  CHECK(cover(2018) == 0.5);
  CHECK(cover(2019) == 0.2);
}
