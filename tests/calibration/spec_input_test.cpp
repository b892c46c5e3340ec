// Inputs the fuzzer (fuzz/fuzz_calibration.cpp) found that made the calibration spec and targets
// parsers throw a library exception or convert out of range (undefined behaviour): each must
// come back as an InputError naming the place.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "model/calibrate.hpp"
#include "model/error.hpp"

using nlohmann::json;

namespace {

// The pointers of the issues `f` throws; fails the test on any other exception or on none.
template <typename F>
std::string issue_pointers(F f) {
  try {
    f();
  } catch (const ccsim::InputError& e) {
    std::string out;
    for (const auto& i : e.issues()) out += (out.empty() ? "" : " ") + i.pointer;
    return out;
  }
  FAIL("no InputError");
  return "";
}

std::string spec_issues(const json& doc) {
  ccsim::CalibrationFiles files;
  return issue_pointers([&] { ccsim::parse_calibration_spec(doc, "spec.json", files); });
}

std::string target_issues(const json& doc) {
  return issue_pointers([&] { ccsim::parse_targets(doc, "targets.json"); });
}

json spec_with(const json& patch = json::object()) {
  json doc = {{"scenario", "s.json"},
              {"targets", "t.json"},
              {"output", "o.json"},
              {"free_parameters",
               {{{"key", "/behaviour/epc_shift"}, {"min", -3}, {"max", 5}, {"identifies", "x"}}}}};
  doc.merge_patch(patch);
  return doc;
}

json targets_with(const json& patch = json::object()) {
  json t = {
      {"id", "x"},       {"metric", "odi_flow_usd_bn"}, {"source", "004"}, {"year_from", 2013},
      {"year_to", 2016}, {"aggregate", "sum"},          {"kind", "over"},  {"figure", 60}};
  t.merge_patch(patch);
  return {{"targets", {t}}};
}

}  // namespace

TEST_CASE("calibration files: the valid documents used below parse", "[calibration][input]") {
  ccsim::CalibrationFiles files;
  CHECK(ccsim::parse_calibration_spec(spec_with(), "spec.json", files).free.size() == 1);
  CHECK(ccsim::parse_targets(targets_with(), "targets.json").size() == 1);
}

TEST_CASE("calibration files: a document that is not an object is an input error",
          "[calibration][input]") {
  CHECK(spec_issues("grid") == "");  // the fuzzer's first crash: value() on a string
  CHECK(target_issues("grid") == "");
  CHECK(spec_issues(json::array()) == "");
}

TEST_CASE("calibration files: an entry that is not an object is an input error",
          "[calibration][input]") {
  CHECK(spec_issues(spec_with({{"free_parameters", {7}}})) == "/free_parameters/0");
  CHECK(target_issues({{"targets", {"odi"}}}) == "/targets/0");
}

TEST_CASE("calibration files: an optional value of the wrong type is an input error",
          "[calibration][input]") {
  CHECK(spec_issues(spec_with({{"replications", "many"}})) == "/replications");
  CHECK(spec_issues(spec_with({{"seed", -1}})) == "/seed");
  json scale = spec_with();
  scale["free_parameters"][0]["scale"] = 1;
  scale["free_parameters"][0]["elasticity"] = "one";
  CHECK(spec_issues(scale) == "/free_parameters/0/scale /free_parameters/0/elasticity");
  CHECK(target_issues(targets_with({{"tolerance", "wide"}, {"quote", 4}})) ==
        "/targets/0/quote /targets/0/tolerance");
}

TEST_CASE("calibration files: an integer out of range is an input error, not a conversion",
          "[calibration][input]") {
  CHECK(spec_issues(spec_with({{"replications", 1e300}})) == "/replications");
  CHECK(spec_issues(spec_with({{"max_evaluations", 2.5}})) == "/max_evaluations");
  CHECK(spec_issues(spec_with({{"fixed_point_rounds", 4294967296}})) == "/fixed_point_rounds");
  CHECK(target_issues(targets_with({{"year_from", -1e10}})) == "/targets/0/year_from");
  // An integral number written with a decimal point is still an integer.
  ccsim::CalibrationFiles files;
  CHECK(ccsim::parse_calibration_spec(spec_with({{"replications", 40.0}}), "spec.json", files)
            .replications == 40);
}
