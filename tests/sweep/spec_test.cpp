#include "model/sweep/spec.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "model/sweep/plan.hpp"

using ccsim::InputError;
using ccsim::Issue;
using nlohmann::json;
namespace sweep = ccsim::sweep;

namespace {

const sweep::BaseInfo kBase{2013, 2030, {"KAZ", "PAK", "IDN"}};

json valid_doc() {
  return json::parse(R"({
    "name": "grid-test",
    "scenario": "../baseline.json",
    "overrides": {"simulation.end_year": 2020, "/simulation/firm_agents": 300},
    "parameters": [
      {"path": "policy.insurance_coverage", "levels": [0.4, 0.6, 0.8]},
      {"path": "/risk/global_multiplier", "range": [0.5, 2], "scale": "log", "steps": 2},
      {"path": "domestic.overcapacity.steel", "levels": [0.5, 0.9]},
      {"path": "risk.country_multiplier.KAZ", "levels": [1, 2]}
    ],
    "design": {"type": "grid"},
    "replications": 3,
    "seed": 11,
    "metrics": [
      {"metric": "odi_flow_usd_bn", "years": [2013, 2020]},
      {"metric": "jobs_total", "year": 2020},
      {"name": "losses", "metric": "losses_usd_bn", "years": [2014, 2016]}
    ]
  })");
}

// The issue at `pointer`, or fails the test.
std::string message_at(const std::vector<Issue>& issues, const std::string& pointer) {
  for (const auto& i : issues)
    if (i.pointer == pointer) return i.message;
  std::string all;
  for (const auto& i : issues) all += "\n  " + i.to_string();
  FAIL("no issue at " << pointer << "; issues:" << all);
  return "";
}

}  // namespace

TEST_CASE("sweep: a valid sweep file parses with paths normalised and defaults filled") {
  const sweep::Spec s = sweep::parse_spec(valid_doc(), "sweeps/grid.json", kBase);
  REQUIRE(s.factors.size() == 4);
  CHECK(s.factors[0].pointer == "/policy/insurance_coverage");
  CHECK(s.factors[0].column == "policy.insurance_coverage");
  CHECK(s.factors[1].pointer == "/risk/global_multiplier");
  CHECK(s.factors[1].column == "risk.global_multiplier");
  CHECK(s.factors[1].log_scale);
  CHECK(s.factors[1].grid_levels() == 2);
  CHECK(s.factors[2].pointer == "/domestic/overcapacity/steel");
  CHECK(s.factors[3].pointer == "/risk/country_multiplier/KAZ");
  CHECK(s.scenario_path == "sweeps/../baseline.json");
  // In the order of the JSON object's keys.
  CHECK(s.overrides ==
        std::vector<std::string>{"simulation.firm_agents=300", "simulation.end_year=2020"});
  CHECK(s.replications == 3);
  CHECK(s.seed == 11);
  REQUIRE(s.metrics.size() == 3);
  CHECK(s.metrics[0].name == "odi_flow_usd_bn_sum_2013_2020");
  CHECK(s.metrics[0].sum);
  CHECK(s.metrics[1].name == "jobs_total_2020");
  CHECK_FALSE(s.metrics[1].sum);
  CHECK(s.metrics[2].name == "losses");
  CHECK(s.metrics[2].from_year == 2014);
  CHECK(s.metrics[2].to_year == 2016);
  CHECK(s.resolved["parameters"][0]["path"] == "/policy/insurance_coverage");
  CHECK(s.resolved["design"] == json{{"type", "grid"}});

  // The resolved sweep is itself a valid sweep that parses to the same thing: merge relies on it.
  const sweep::Spec again = sweep::parse_spec(s.resolved, "manifest.json", kBase);
  CHECK(again.resolved == s.resolved);
}

TEST_CASE("sweep: design defaults are filled in") {
  json doc = valid_doc();
  doc["design"] = {{"type", "sobol"}, {"base_points", 8}};
  doc["parameters"][1].erase("steps");
  const sweep::Spec s = sweep::parse_spec(doc, "s.json", kBase);
  CHECK(s.design.kind == sweep::DesignKind::kSobol);
  CHECK(s.resolved["design"] == json{{"type", "sobol"},
                                     {"base_points", 8},
                                     {"skip", 0},
                                     {"bootstrap", 500},
                                     {"confidence", 0.95},
                                     {"common_random_numbers", true}});
  doc["design"] = {{"type", "morris"}, {"trajectories", 5}};
  CHECK(sweep::parse_spec(doc, "s.json", kBase).design.levels == 4);
  CHECK(sweep::parse_spec(doc, "s.json", kBase).design.common_random_numbers);
  doc["design"]["common_random_numbers"] = "yes";
  CHECK_THROWS_AS(sweep::parse_spec(doc, "s.json", kBase), ccsim::InputError);
  doc["design"] = {{"type", "grid"}, {"common_random_numbers", false}};  // not a grid's key
  CHECK_THROWS_AS(sweep::parse_spec(doc, "s.json", kBase), ccsim::InputError);
}

TEST_CASE("sweep: every problem in a sweep file is reported at once with its pointer") {
  const json doc = json::parse(R"({
    "scenario": "../baseline.json",
    "overides": {},
    "parameters": [
      {"path": "policy.insurance_coverag", "levels": [0.4]},
      {"path": "/risk/global_multiplier", "range": [0.5, 1.5]},
      {"path": "domestic.overcapacity", "levels": [0.1]},
      {"path": "domestic.overcapacity.stel", "levels": [0.1]},
      {"path": "risk.country_multiplier.KAX", "levels": [1]},
      {"path": "simulation.seed", "levels": [1]},
      {"path": "policy.signing_rate", "levels": [0.1, 1.5]},
      {"path": "policy.fund_budget_usd_bn", "levels": [1], "range": [1, 2]},
      {"path": "policy.lending_budget_usd_bn", "distribution": {"type": "normall"}}
    ],
    "design": {"type": "grid", "points": 3},
    "replications": 0,
    "metrics": [
      {"metric": "odi_flow", "year": 2040},
      {"metric": "jobs_total", "years": [2020, 2013]},
      {"metric": "jobs_total", "year": 2016, "name": "seed"},
      {"metric": "losses_usd_bn"}
    ]
  })");
  const auto issues = sweep::validate_spec(doc, "bad.json", &kBase);
  for (const auto& i : issues) CHECK(i.file == "bad.json");
  CHECK_THAT(message_at(issues, ""), Catch::Contains("did you mean 'overrides'"));
  CHECK_THAT(message_at(issues, "/design"), Catch::Contains("unknown key 'points'"));
  CHECK_THAT(message_at(issues, "/parameters/0/path"),
             Catch::Contains("did you mean 'policy.insurance_coverage'"));
  CHECK_THAT(message_at(issues, "/parameters/1"), Catch::Contains("'steps'"));
  CHECK_THAT(
      message_at(issues, "/parameters/2/path"),
      Catch::Contains("one value per sector") && Catch::Contains("domestic.overcapacity.steel"));
  CHECK_THAT(message_at(issues, "/parameters/3/path"),
             Catch::Contains("did you mean 'domestic.overcapacity.steel'"));
  CHECK_THAT(message_at(issues, "/parameters/4/path"), Catch::Contains("did you mean 'KAZ'"));
  CHECK_THAT(message_at(issues, "/parameters/5/path"), Catch::Contains("cannot be varied"));
  CHECK_THAT(message_at(issues, "/parameters/6/levels/1"), Catch::Contains("out of range [0, 1]"));
  CHECK_THAT(message_at(issues, "/parameters/7"), Catch::Contains("only one of"));
  CHECK_THAT(message_at(issues, "/parameters/8/distribution/type"),
             Catch::Contains("did you mean 'normal'"));
  CHECK_THAT(message_at(issues, "/replications"), Catch::Contains("out of range"));
  CHECK_THAT(message_at(issues, "/metrics/0/metric"),
             Catch::Contains("did you mean 'odi_flow_usd_bn'"));
  CHECK_THAT(message_at(issues, "/metrics/0/year"), Catch::Contains("2013-2030"));
  CHECK_THAT(message_at(issues, "/metrics/1/years"), Catch::Contains("from <= to"));
  CHECK_THAT(message_at(issues, "/metrics/2/name"), Catch::Contains("runs.csv column"));
  CHECK_THAT(message_at(issues, "/metrics/3"), Catch::Contains("exactly one of 'year'"));
  bool seed_missing = false;
  for (const auto& i : issues) seed_missing |= i.message == "missing required key 'seed'";
  CHECK(seed_missing);
  CHECK_THROWS_AS(sweep::parse_spec(doc, "bad.json", kBase), InputError);
}

TEST_CASE("sweep: checks that need the base scenario wait for it") {
  json doc = valid_doc();
  doc["metrics"][1]["year"] = 2040;
  doc["parameters"][3]["path"] = "risk.country_multiplier.XYZ";
  CHECK(sweep::validate_spec(doc, "s.json", nullptr).empty());
  const auto issues = sweep::validate_spec(doc, "s.json", &kBase);
  CHECK_FALSE(message_at(issues, "/metrics/1/year").empty());
  CHECK_FALSE(message_at(issues, "/parameters/3/path").empty());
}

TEST_CASE("sweep: designs check their factors and sizes") {
  json doc = valid_doc();
  doc["design"] = {{"type", "morris"}, {"trajectories", 4}, {"levels", 5}};
  doc["parameters"][0] = {{"path", "policy.insurance_coverage"},
                          {"distribution", {{"type", "normal"}, {"mean", 0.6}, {"sd", 0.1}}}};
  auto issues = sweep::validate_spec(doc, "s.json", &kBase);
  CHECK_THAT(message_at(issues, "/design/levels"), Catch::Contains("even"));
  CHECK_THAT(message_at(issues, "/parameters/0/distribution"), Catch::Contains("morris"));

  doc = valid_doc();
  doc["parameters"][0] = {{"path", "policy.insurance_coverage"},
                          {"distribution", {{"type", "uniform"}, {"min", 0.1}, {"max", 0.9}}}};
  CHECK_THAT(message_at(sweep::validate_spec(doc, "s.json", &kBase), "/parameters/0"),
             Catch::Contains("grid design needs"));

  doc = valid_doc();
  doc["design"] = {{"type", "latin_hypercube"}, {"points", 1000000}};
  doc["replications"] = 100000;
  CHECK_THAT(message_at(sweep::validate_spec(doc, "s.json", &kBase), "/replications"),
             Catch::Contains("at most"));

  doc = valid_doc();
  doc["overrides"]["policy.insurance_coverage"] = 0.5;
  CHECK_THAT(message_at(sweep::validate_spec(doc, "s.json", &kBase), "/parameters/0/path"),
             Catch::Contains("also fixed in /overrides"));

  doc = valid_doc();
  doc["overrides"]["simulation.replications"] = 4;
  CHECK_FALSE(
      message_at(sweep::validate_spec(doc, "s.json", &kBase), "/overrides/simulation.replications")
          .empty());
}

TEST_CASE("sweep: factors map unit coordinates to parameter values") {
  json doc = valid_doc();
  doc["design"] = {{"type", "random"}, {"points", 10}};
  doc.erase("overrides");
  doc["parameters"] = json::parse(R"([
    {"path": "policy.insurance_coverage", "levels": [0.2, 0.5, 0.9]},
    {"path": "policy.lending_budget_usd_bn", "range": [10, 40]},
    {"path": "risk.global_multiplier", "range": [0.5, 2], "scale": "log"},
    {"path": "policy.signing_rate", "distribution": {"type": "normal", "mean": 0.05, "sd": 0.01}},
    {"path": "risk.fx_volatility", "distribution": {"type": "lognormal", "median": 1, "sigma": 0.5, "max": 3}},
    {"path": "simulation.firm_agents", "range": [100, 200]},
    {"path": "policy.interest_subsidy", "distribution": {"type": "normal", "mean": 0.05, "sd": 1}}
  ])");
  const sweep::Spec s = sweep::parse_spec(doc, "s.json", kBase);
  const auto& f = s.factors;
  CHECK(f[0].value(0.0) == 0.2);
  CHECK(f[0].value(0.34) == 0.5);
  CHECK(f[0].value(0.999) == 0.9);
  CHECK(f[0].value(1.0) == 0.9);
  CHECK(f[1].value(0.0) == 10);
  CHECK(f[1].value(1.0) == 40);
  CHECK(f[1].value(0.5) == Approx(25));
  CHECK(f[2].value(0.0) == 0.5);
  CHECK(f[2].value(1.0) == 2);
  CHECK(f[2].value(0.5) == Approx(1.0));
  CHECK(f[3].value(0.5) == Approx(0.05));
  CHECK(f[3].value(0.8413447460685429) == Approx(0.06).epsilon(1e-6));
  CHECK(f[4].value(0.5) == Approx(1.0).epsilon(0.05));  // median, shifted a little by truncation
  CHECK(f[4].value(1.0) == 3);
  CHECK(f[5].integer);
  CHECK(f[5].value(0.333) == 133);
  // Truncated to the declared range [0, 0.1] by default: every draw is a valid value.
  for (double u : {0.0, 0.01, 0.5, 0.99, 1.0}) {
    CHECK(f[6].value(u) >= 0);
    CHECK(f[6].value(u) <= 0.1);
  }
  CHECK(s.resolved["parameters"][6]["distribution"]["max"] == 0.1);
}

TEST_CASE("sweep: paths convert between JSON pointers and dotted form") {
  CHECK(sweep::to_pointer("policy.insurance_coverage") == "/policy/insurance_coverage");
  CHECK(sweep::to_pointer("/policy/insurance_coverage") == "/policy/insurance_coverage");
  CHECK(sweep::to_dotted("/risk/hazard/fx_credit") == "risk.hazard.fx_credit");
  CHECK(sweep::to_dotted(sweep::to_pointer("a.b~c")) == "a.b~c");

  const auto req = sweep::base_request(valid_doc(), "scenarios/sweeps/x.json");
  REQUIRE(req);
  CHECK(req->scenario_path == "scenarios/sweeps/../baseline.json");
  CHECK(req->overrides.size() == 2);
  json bad = valid_doc();
  bad["overrides"] = 3;
  CHECK_FALSE(sweep::base_request(bad, "x.json"));
}

TEST_CASE("sweep: a metric may be taken for a country, a region or a sector") {
  json doc = valid_doc();
  doc["metrics"] = json::parse(R"([
    {"metric": "odi_flow_usd_bn", "region": "central_asia", "years": [2015, 2020]},
    {"metric": "zone_jobs", "country": "KAZ", "year": 2020},
    {"metric": "odi_flow_usd_bn", "sector": "steel", "year": 2016}
  ])");
  const sweep::Spec s = sweep::parse_spec(doc, "s.json", kBase);
  REQUIRE(s.metrics.size() == 3);
  CHECK(s.metrics[0].place == sweep::Place::kRegion);
  CHECK(s.metrics[0].name == "odi_flow_usd_bn_central_asia_sum_2015_2020");
  CHECK(s.metrics[1].place == sweep::Place::kCountry);
  CHECK(s.metrics[1].place_index == 0);  // KAZ, first of the base's countries
  CHECK(s.metrics[1].name == "zone_jobs_KAZ_2020");
  CHECK(s.metrics[2].place == sweep::Place::kSector);
  CHECK(s.resolved["metrics"][0]["region"] == "central_asia");
  CHECK(sweep::needs_detail(s));

  doc["metrics"] = json::parse(R"([
    {"metric": "odi_flow_usd_bn", "region": "africa", "year": 2015},
    {"metric": "zone_jobs", "country": "XXX", "year": 2020},
    {"metric": "zone_jobs", "sector": "steel", "year": 2020},
    {"metric": "lending_budget_usd_bn", "country": "KAZ", "year": 2020},
    {"metric": "odi_flow_usd_bn", "country": "KAZ", "sector": "steel", "year": 2020}
  ])");
  try {
    sweep::parse_spec(doc, "s.json", kBase);
    FAIL("expected problems");
  } catch (const ccsim::InputError& e) {
    std::string all;
    for (const auto& i : e.issues()) all += i.pointer + ": " + i.message + "\n";
    INFO(all);
    CHECK_THAT(all, Catch::Contains("/metrics/0/region: unknown region 'africa'"));
    CHECK_THAT(all, Catch::Contains("/metrics/1/country: unknown country 'XXX'"));
    CHECK_THAT(all, Catch::Contains("/metrics/2/metric: unknown metric 'zone_jobs'"));
    CHECK_THAT(all, Catch::Contains("columns of sectors.csv"));
    CHECK_THAT(all, Catch::Contains("/metrics/3/metric: unknown metric 'lending_budget_usd_bn'"));
    CHECK_THAT(all, Catch::Contains("/metrics/4: give at most one of"));
  }
}
