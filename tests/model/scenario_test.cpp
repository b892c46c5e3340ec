#include "model/scenario.hpp"

#include <catch2/catch.hpp>
#include <map>

using nlohmann::json;

namespace {

std::vector<ccsim::Issue> issues_of(const json& doc) {
  return ccsim::validate_scenario(doc, "s.json", {"KAZ", "UZB"});
}

bool has(const std::vector<ccsim::Issue>& issues, const std::string& pointer,
         const std::string& text) {
  for (const auto& i : issues)
    if (i.pointer == pointer && i.message.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("scenario: the defaults validate and parse", "[scenario]") {
  CHECK(issues_of(json::object()).empty());
  const auto s = ccsim::parse_scenario(json{{"name", "x"}}, "x.json");
  CHECK(s.start_year() == 2013);
  CHECK(s.name == "x");
}

TEST_CASE("scenario: every problem is reported with its JSON pointer", "[scenario]") {
  const json doc = {
      {"policy", {{"insurance_coverag", 0.5}, {"lending_budget_usd_bn", "lots"}}},
      {"risk", {{"global_multiplier", 50}, {"region_multiplier", {{"central_asai", 2}}}}},
      {"simulation", {{"firm_agents", 10.5}, {"start_year", 2015}, {"end_year", 2014}}},
      {"shocks", {{{"start_year", 2003}, {"kind", "geopolitcal"}, {"severity", 0.3}}}},
      {"colour", "red"}};
  const auto issues = issues_of(doc);
  CHECK(has(issues, "/policy",
            "unknown key 'insurance_coverag' (did you mean 'insurance_coverage'?)"));
  CHECK(has(issues, "/policy/lending_budget_usd_bn", "expected a number, found a string"));
  CHECK(has(issues, "/risk/global_multiplier", "out of range [0, 10]"));
  CHECK(has(issues, "/risk/region_multiplier", "did you mean 'central_asia'"));
  CHECK(has(issues, "/simulation/firm_agents", "expected an integer"));
  CHECK(has(issues, "/simulation/end_year", "/simulation/start_year"));
  CHECK(has(issues, "/shocks/0/kind", "did you mean 'geopolitical'"));
  CHECK(has(issues, "/shocks/0", "exactly one of 'region' and 'country'"));
  CHECK(has(issues, "", "unknown key 'colour'"));
  CHECK(has(issues, "/shocks/0/start_year", "before the first simulated year 2010"));
  CHECK(issues.size() == 10);
  CHECK_THROWS_AS(ccsim::parse_scenario(doc, "s.json"), ccsim::InputError);
}

TEST_CASE("scenario: countries are checked against the data", "[scenario]") {
  const json doc = {{"agreements", {{{"country", "KAX"}, {"kind", "bit"}, {"year", 2019}}}},
                    {"risk", {{"country_multiplier", {{"UZB", 2}}}}}};
  const auto issues = issues_of(doc);
  REQUIRE(issues.size() == 1);
  CHECK(has(issues, "/agreements/0/country", "unknown country 'KAX' (did you mean 'KAZ'?)"));
}

TEST_CASE("scenario: the timeline may set only schedulable parameters", "[scenario]") {
  const json doc = {{"timeline",
                     {{{"year", 2018}, {"set", {{"policy", {{"insurance_coverage", 0.9}}}}}},
                      {{"year", 2019}, {"set", {{"simulation", {{"firm_agents", 10}}}}}}}}};
  const auto issues = issues_of(doc);
  REQUIRE(issues.size() == 1);
  CHECK(has(issues, "/timeline/1/set/simulation/firm_agents", "not schedulable"));
}

TEST_CASE("scenario: timeline entries take effect from their year on", "[scenario]") {
  const json doc = {{"simulation", {{"start_year", 2013}, {"end_year", 2022}, {"spinup_years", 2}}},
                    {"policy", {{"insurance_coverage", 0.5}}},
                    {"timeline",
                     {{{"year", 2020}, {"set", {{"policy", {{"insurance_coverage", 0.7}}}}}},
                      {{"year", 2018}, {"set", {{"policy", {{"insurance_coverage", 0.6}}}}}}}}};
  const auto s = ccsim::parse_scenario(doc, "t.json");
  const auto by_year = ccsim::yearly_params(s);
  REQUIRE(by_year.size() == 12);                 // 2011..2022
  CHECK(by_year[0].insurance_coverage == 0.5);   // 2011
  CHECK(by_year[6].insurance_coverage == 0.5);   // 2017
  CHECK(by_year[7].insurance_coverage == 0.6);   // 2018
  CHECK(by_year[9].insurance_coverage == 0.7);   // 2020
  CHECK(by_year[11].insurance_coverage == 0.7);  // 2022
}

TEST_CASE("scenario: extends merges chains and reports cycles", "[scenario]") {
  std::map<std::string, json> files = {
      {"dir/base.json",
       {{"name", "base"}, {"policy", {{"insurance_coverage", 0.5}, {"interest_subsidy", 0.01}}}}},
      {"dir/mid.json", {{"extends", "base.json"}, {"policy", {{"insurance_coverage", 0.6}}}}},
      {"dir/top.json",
       {{"extends", "mid.json"}, {"name", "top"}, {"risk", {{"global_multiplier", 2}}}}},
      {"dir/a.json", {{"extends", "b.json"}}},
      {"dir/b.json", {{"extends", "a.json"}}}};
  const ccsim::JsonLoader load = [&](const std::string& p) {
    if (!files.count(p)) throw ccsim::InputError(p, "", "cannot open");
    return files.at(p);
  };
  const json top = ccsim::resolve_extends("dir/top.json", load);
  CHECK(top["policy"]["insurance_coverage"] == 0.6);
  CHECK(top["policy"]["interest_subsidy"] == 0.01);
  CHECK(top["risk"]["global_multiplier"] == 2);
  CHECK(top["name"] == "top");
  CHECK_FALSE(top.contains("extends"));
  CHECK_THROWS_WITH(ccsim::resolve_extends("dir/a.json", load), Catch::Contains("extends cycle"));
  CHECK_THROWS_AS(ccsim::resolve_extends("dir/missing.json", load), ccsim::InputError);
}

TEST_CASE("scenario: a problem is named after the file that set the value, or --set",
          "[scenario]") {
  std::map<std::string, json> files = {
      {"dir/base.json",
       {{"policy", {{"insurance_coverag", 0.5}, {"interest_subsidy", 7}}},
        {"shocks", {{{"start_year", 2020}, {"kind", "geopolitical"}, {"severity", 0.3}}}}}},
      {"dir/top.json",
       {{"extends", "base.json"},
        {"policy", {{"lending_budget_usd_bn", "lots"}}},
        {"colour", "red"}}}};
  const ccsim::JsonLoader load = [&](const std::string& p) { return files.at(p); };
  ccsim::Provenance provenance;
  json doc = ccsim::resolve_extends("dir/top.json", load, &provenance);
  ccsim::apply_overrides(doc, {"risk.global_multiplier=50"}, "dir/top.json", &provenance);
  const auto issues =
      ccsim::attribute_issues(ccsim::validate_scenario(doc, "dir/top.json", {"KAZ"}), provenance);
  auto file_of = [&](const std::string& pointer, const std::string& text) {
    for (const auto& i : issues)
      if (i.pointer == pointer && i.message.find(text) != std::string::npos) return i.file;
    return std::string("(no such issue)");
  };
  CHECK(file_of("/policy", "unknown key 'insurance_coverag'") == "dir/base.json");
  CHECK(file_of("/policy/interest_subsidy", "out of range") == "dir/base.json");
  CHECK(file_of("/shocks/0", "exactly one of 'region' and 'country'") == "dir/base.json");
  CHECK(file_of("/policy/lending_budget_usd_bn", "expected a number") == "dir/top.json");
  CHECK(file_of("", "unknown key 'colour'") == "dir/top.json");
  CHECK(file_of("/risk/global_multiplier", "out of range") == "--set");
  CHECK(issues.size() == 6);
}

TEST_CASE("scenario: a conflict between values is the file's that set one of them last",
          "[scenario]") {
  // The child moves start_year past its parent's end_year and first events: its change, not the
  // parent's values, made the conflict.
  std::map<std::string, json> files = {
      {"dir/base.json",
       {{"simulation", {{"start_year", 2013}, {"end_year", 2030}}},
        {"packages",
         {{{"country", "KAZ"}, {"start_year", 2015}, {"end_year", 2019}, {"fund_usd_bn", 2}}}}}},
      {"dir/mid.json", {{"extends", "base.json"}, {"simulation", {{"start_year", 2031}}}}},
      {"dir/top.json", {{"extends", "mid.json"}, {"name", "top"}}}};
  const ccsim::JsonLoader load = [&](const std::string& p) { return files.at(p); };
  ccsim::Provenance provenance;
  json doc = ccsim::resolve_extends("dir/top.json", load, &provenance);
  auto issues =
      ccsim::attribute_issues(ccsim::validate_scenario(doc, "dir/top.json", {"KAZ"}), provenance);
  REQUIRE(issues.size() == 2);
  for (const auto& i : issues) CHECK(i.file == "dir/mid.json");
  // An override is later still.
  ccsim::apply_overrides(doc, {"simulation.spinup_years=8"}, "dir/top.json", &provenance);
  issues =
      ccsim::attribute_issues(ccsim::validate_scenario(doc, "dir/top.json", {"KAZ"}), provenance);
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].pointer == "/simulation/end_year");
  CHECK(issues[0].file == "dir/mid.json");
  CHECK(issues[1].pointer == "/packages/0/start_year");
  CHECK(issues[1].file == "--set");
}

TEST_CASE("scenario: --set overrides read values as JSON", "[scenario]") {
  json doc = json::object();
  ccsim::apply_overrides(
      doc, {"policy.insurance_coverage=0.7", "name=hello", "risk.region_multiplier.central_asia=2"},
      "x.json");
  CHECK(doc["policy"]["insurance_coverage"] == 0.7);
  CHECK(doc["name"] == "hello");
  CHECK(doc["risk"]["region_multiplier"]["central_asia"] == 2);
  CHECK_THROWS_AS(ccsim::apply_overrides(doc, {"no_equals_sign"}, "x.json"), ccsim::InputError);
}
