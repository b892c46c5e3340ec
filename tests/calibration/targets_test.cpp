// Targets files: validation with pointers, the cross-section statistics, and the committed
// baseline against its targets.
#include "model/calibration/targets.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "model/calibration/ensemble.hpp"
#include "model/calibration/estimate.hpp"
#include "model/calibration/spec.hpp"
#include "model/params.hpp"
#include "tests/support/files.hpp"
#include "tests/support/load.hpp"
#include "tests/support/worlds.hpp"

using nlohmann::json;
namespace cal = ccsim::calibration;

namespace {

const ccsim::World& world() {
  static const ccsim::World w = ccsim::test::data_world();
  return w;
}

json one_target(json patch) {
  json t = {{"id", "odi"},
            {"metric", "odi_flow_usd_bn"},
            {"years", {2013, 2016}},
            {"figure", 60},
            {"low", 55},
            {"high", 65},
            {"basis", "test"},
            {"source", "test"}};
  if (patch.is_object()) t.update(patch);
  return json{{"targets", json::array({t})}};
}

std::vector<ccsim::Issue> issues_of(const json& doc) {
  try {
    cal::parse_targets(doc, "t.json", world());
  } catch (const ccsim::InputError& e) {
    return e.issues();
  }
  return {};
}

bool has(const std::vector<ccsim::Issue>& v, const std::string& pointer, const std::string& text) {
  for (const auto& i : v)
    if (i.pointer == pointer && i.message.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("targets: Spearman's rank correlation with ties, and the partial correlation",
          "[calibration]") {
  CHECK(cal::spearman({1, 2, 3, 4}, {10, 20, 30, 45}) == Approx(1.0));
  CHECK(cal::spearman({1, 2, 3, 4}, {4, 3, 2, 1}) == Approx(-1.0));
  // Ranks (1, 2.5, 2.5, 4) against (1, 2, 3, 4): covariance 4.5 over sqrt(4.5 x 5).
  CHECK(cal::spearman({1, 2, 2, 3}, {1, 2, 3, 4}) == Approx(4.5 / std::sqrt(22.5)).epsilon(1e-12));
  CHECK(cal::spearman({1, 1, 1}, {1, 2, 3}) == 0.0);
  // (0.5 - 0.25) / sqrt(0.75 x 0.75)
  CHECK(cal::partial_correlation(0.5, 0.5, 0.5) == Approx(1.0 / 3.0));
  CHECK(cal::partial_correlation(0.3, 0.0, 0.0) == Approx(0.3));
}

TEST_CASE("targets: a band is a 90% interval, magnitudes compare on a log scale", "[calibration]") {
  cal::Target t;
  t.kind = cal::TargetKind::kSeries;
  t.figure = 100;
  t.low = 90;
  t.high = 110;
  CHECK(t.data_sd() == Approx((std::log(110.0) - std::log(90.0)) / (2 * 1.6448536269514722)));
  CHECK(t.error(110) == Approx(std::log(1.1)));
  t.kind = cal::TargetKind::kRankCorrelation;
  t.figure = 0.7;
  t.low = 0.5;
  t.high = 0.9;
  CHECK(t.data_sd() == Approx(0.4 / (2 * 1.6448536269514722)));
  CHECK(t.error(0.6) == Approx(-0.1));
}

TEST_CASE("targets: every problem is reported with its pointer", "[calibration][validation]") {
  CHECK(issues_of(one_target(json::object())).empty());
  auto v = issues_of(one_target({{"metirc", "x"}}));
  CHECK(has(v, "/targets/0", "unknown key 'metirc' (did you mean 'metric'?)"));
  v = issues_of(one_target({{"figure", "sixty"}}));
  CHECK(has(v, "/targets/0/figure", "expected a number, found a string"));
  v = issues_of(one_target({{"metric", "odi_flow_usd"}}));
  CHECK(has(v, "/targets/0/metric", "unknown yearly metric 'odi_flow_usd'"));
  v = issues_of(one_target({{"figure", 70}}));
  CHECK(has(v, "/targets/0/figure", "within [low, high]"));
  v = issues_of(one_target({{"use", "maybe"}}));
  CHECK(has(v, "/targets/0/use", "expected one of 'fit', 'holdout'"));
  v = issues_of(one_target({{"kind", "top_destinations"},
                            {"metric", "odi_flow_usd_bn"},
                            {"countries", {"SGP", "BRA", "XXX"}},
                            {"low", 0.5},
                            {"high", 1},
                            {"figure", 1}}));
  CHECK(has(v, "/targets/0/countries/1", "not one of the 64 partner countries"));
  CHECK(has(v, "/targets/0/countries/2", "not one of the 64 partner countries"));
  v = issues_of(
      json{{"targets",
            {one_target(json::object())["targets"][0], one_target(json::object())["targets"][0]}},
           {"extra", 1}});
  CHECK(has(v, "/targets/1/id", "duplicate id 'odi'"));
  CHECK(has(v, "", "unknown key 'extra'"));
  // Several problems in one pass.
  v = issues_of(one_target({{"figure", "x"}, {"years", {2013}}, {"confidence", "Q"}}));
  CHECK(v.size() == 3);
}

TEST_CASE("calibration spec: unknown keys, types and bounds with pointers",
          "[calibration][validation]") {
  const json fp = {
      {"key", "/policy/insurance_coverage"}, {"min", 0.05}, {"max", 1}, {"scale", "log"}};
  json spec = {{"name", "t"},
               {"scenario", "s.json"},
               {"targets", "t.json"},
               {"baseline_output", "b.json"},
               {"ensemble_output", "e.json"},
               {"free_parameters", {fp}}};
  CHECK_NOTHROW(cal::parse_spec(spec, "spec.json"));
  // The start is the spec's, else the declared default: never the scenario's current value, which
  // an earlier calibration wrote.
  CHECK(cal::parse_spec(spec, "spec.json").free[0].start ==
        ccsim::find_param("/policy/insurance_coverage")->defaults[0]);
  json started = spec;
  started["free_parameters"][0]["start"] = 0.5;
  CHECK(cal::parse_spec(started, "spec.json").free[0].start == 0.5);
  auto issues = [&](json patch) {
    json s = spec;
    s.merge_patch(patch);
    try {
      cal::parse_spec(s, "spec.json");
    } catch (const ccsim::InputError& e) {
      return e.issues();
    }
    return std::vector<ccsim::Issue>{};
  };
  CHECK(has(issues({{"replicatons", 3}}), "", "did you mean 'replications'"));
  CHECK(has(issues({{"seed", "one"}}), "/seed", "expected an integer, found a string"));
  CHECK(has(issues({{"name", "../x"}}), "/name", "letters, digits"));
  json bad_fp = fp;
  bad_fp["key"] = "/policy/no_such";
  CHECK(has(issues({{"free_parameters", {bad_fp}}}), "/free_parameters/0/key",
            "not a scalar scenario parameter"));
  bad_fp = fp;
  bad_fp["start"] = 2.0;
  CHECK(has(issues({{"free_parameters", {bad_fp}}}), "/free_parameters/0/start",
            "within [min, max]"));
  bad_fp = fp;
  bad_fp["min"] = -1;
  CHECK(has(issues({{"free_parameters", {bad_fp}}}), "/free_parameters/0/min",
            "log-scale bound must be positive"));
}

TEST_CASE("docs: the committed calibration and targets schemas are the generated ones", "[docs]") {
  // Regenerate with: ccsim schema --calibration > scenarios/calibration.schema.json
  //                  ccsim schema --targets > scenarios/targets.schema.json
  CHECK(ccsim::test::slurp(ccsim::test::source_path("scenarios/calibration.schema.json")) ==
        cal::spec_schema().dump(2) + "\n");
  CHECK(ccsim::test::slurp(ccsim::test::source_path("scenarios/targets.schema.json")) ==
        cal::targets_schema().dump(2) + "\n");
}

TEST_CASE("targets: the committed files validate, more fitted targets than free parameters",
          "[calibration]") {
  const auto spec = cal::parse_spec(
      ccsim::test::load_json(ccsim::test::source_path("scenarios/calibration/spec.json")),
      "spec.json");
  const auto targets = cal::parse_targets(
      ccsim::test::load_json(ccsim::test::source_path("scenarios/targets/br-2013-2016.json")),
      "br-2013-2016.json", world());
  int fit = 0, holdout = 0, cross = 0;
  for (const auto& t : targets) {
    (t.fit ? fit : holdout) += 1;
    cross += t.kind != cal::TargetKind::kSeries ? 1 : 0;
    // Nothing after 2016 enters the fit.
    if (t.fit) CHECK(t.year_to <= 2016);
  }
  CHECK(fit > static_cast<int>(spec.free.size()));
  CHECK(holdout >= 3);
  CHECK(cross >= 3);
}

TEST_CASE("calibration: the committed baseline meets its fitted targets under its own seed",
          "[calibration][baseline]") {
  // The baseline's seed is not the calibration's: this is out of the fit's sample of draws. A
  // target is met in its band or within 3 standard deviations (as `ccsim calibrate --check`).
  // Known misfits of the current mechanisms, which the over-identified fit exposes (its J-test
  // rejects): they are reported here, not tested, until the mechanisms are fixed.
  const std::map<std::string, std::string> known = {
      {"odi_2015", "the model's ODI path is smooth: nothing makes 2015's peak (Bulletin +39%)"}};
  const auto targets = cal::parse_targets(
      ccsim::test::load_json(ccsim::test::source_path("scenarios/targets/br-2013-2016.json")),
      "br-2013-2016.json", world());
  const auto sc = ccsim::test::repo_scenario("scenarios/baseline.json", world(),
                                             json{{"simulation", {{"end_year", 2017}}}});
  ccsim::RunOptions o;
  o.threads = 2;
  const auto run = ccsim::run(sc, world(), o);
  const auto stats = cal::target_stats(targets, run, world());
  REQUIRE(stats.size() == targets.size());
  int tested = 0;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    if (!targets[i].fit) continue;
    const double z = stats[i].error / stats[i].sd_total;
    INFO(targets[i].id << ": model " << stats[i].mean << ", band [" << targets[i].low << ", "
                       << targets[i].high << "], z " << z);
    if (known.count(targets[i].id)) {
      WARN(targets[i].id << " (known misfit: " << known.at(targets[i].id) << "): z " << z);
      continue;
    }
    ++tested;
    CHECK((stats[i].in_band || std::abs(z) <= 3));
  }
  CHECK(tested >= 15);
}

TEST_CASE("calibration files: documents of the wrong shape are input errors, never crashes",
          "[calibration][validation]") {
  // Found by fuzzing the first parsers: a document or an entry that is not an object, and
  // integers far out of range, threw library errors or converted with undefined behaviour.
  for (const char* text : {"[]", "3", "null", "{\"targets\": [7]}", "{\"targets\": {}}",
                           "{\"free_parameters\": [\"x\"]}", "{\"replications\": 1e300}",
                           "{\"targets\": [{\"id\": \"a\", \"years\": [-1e10, 2016]}]}",
                           "{\"seed\": -1}", "{\"max_evaluations\": 2.5}"}) {
    INFO(text);
    const json doc = json::parse(text);
    CHECK_THROWS_AS(cal::parse_spec(doc, "spec.json"), ccsim::InputError);
    CHECK_THROWS_AS(cal::parse_targets(doc, "t.json", world()), ccsim::InputError);
    CHECK_THROWS_AS(cal::parse_ensemble(doc, "e.json"), ccsim::InputError);
  }
}
