// Every output of every library scenario, and of the risk settings at their declared maxima, is
// finite and within the bound its metric definition declares (model/metrics.hpp): no NaN, no
// negative stock, flow or count, no share or index outside [0, 1]. The scan reads the tables the
// run returns, independently of the guards that stop a replication (model/guard.hpp).
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <sstream>
#include <string>

#include "model/error.hpp"
#include "model/guard.hpp"
#include "model/metrics.hpp"
#include "model/params.hpp"
#include "model/simulate.hpp"
#include "tests/support/load.hpp"

using nlohmann::json;

namespace {

bool within(double x, ccsim::Bound b) {
  return x >= ccsim::lower_bound(b) && x <= ccsim::upper_bound(b);
}

// The first value of the run outside its bound, described; empty when there is none.
std::string first_out_of_bounds(const ccsim::RunResult& run, const ccsim::World& w) {
  const int n = w.countries();
  std::ostringstream out;
  for (std::size_t r = 0; r < run.replications.size(); ++r) {
    const auto& rep = run.replications[r];
    for (Eigen::Index y = 0; y < rep.yearly.rows(); ++y) {
      const int year = run.start_year + static_cast<int>(y);
      for (int m = 0; m < ccsim::kYearlyMetrics; ++m) {
        const auto& d = ccsim::kYearlyDefs[static_cast<std::size_t>(m)].def;
        if (!within(rep.yearly(y, m), d.bound)) {
          out << "replication " << r << ", " << year << ", yearly " << d.name << " = "
              << rep.yearly(y, m);
          return out.str();
        }
      }
      for (int c = 0; c < n; ++c)
        for (int m = 0; m < ccsim::kCountryMetrics; ++m) {
          const auto& d = ccsim::kCountryMetricDefs[static_cast<std::size_t>(m)];
          const double x = rep.countries(y * n + c, m);
          if (!within(x, d.bound)) {
            out << "replication " << r << ", " << year << ", " << w.iso3[std::size_t(c)] << " "
                << d.name << " = " << x;
            return out.str();
          }
        }
      for (Eigen::Index k = 0; k < static_cast<Eigen::Index>(ccsim::kSectors); ++k)
        for (int m = 0; m < ccsim::kSectorMetrics; ++m) {
          const auto& d = ccsim::kSectorMetricDefs[static_cast<std::size_t>(m)];
          const double x = rep.sectors(y * static_cast<Eigen::Index>(ccsim::kSectors) + k, m);
          if (!within(x, d.bound)) {
            out << "replication " << r << ", " << year << ", " << ccsim::kSectorKeys[std::size_t(k)]
                << " " << d.name << " = " << x;
            return out.str();
          }
        }
    }
  }
  return "";
}

// A scenario file of the repository run for a few replications with `patch`; the run's first
// value out of bounds, or the guard's error, or empty.
std::string check_run(const std::string& rel, json patch, int replications = 3) {
  patch["simulation"]["replications"] = replications;
  auto l = ccsim::scenario_files::load(ccsim::scenario_files::repo_path(rel), patch);
  try {
    const auto run = ccsim::run(l.scenario, l.world, {1, true});
    return first_out_of_bounds(run, l.world);
  } catch (const ccsim::ModelError& e) {
    return e.what();
  }
}

// A patch setting the parameter declared at `d` (every element of a sector or region array) to
// `value`.
void set(json& patch, const ccsim::ParamDecl& d, double value) {
  const auto* keys = d.element_keys();
  if (!keys) {
    patch[json::json_pointer(d.pointer)] = value;
    return;
  }
  for (std::size_t i = 0; i < d.width(); ++i)
    patch[json::json_pointer(d.pointer + "/" + std::string(keys[i]))] = value;
}

}  // namespace

TEST_CASE("metrics: the bound of a metric is the one its unit names", "[metrics][numbers]") {
  // One place defines each column: a share or a 0-1 index is bounded to [0, 1], every other
  // metric (US$ bn, counts, "0-1+" risk) only below.
  auto check = [](const ccsim::MetricDef& d) {
    const std::string unit = d.unit;
    INFO(d.name << " [" << unit << "]");
    CHECK((d.bound == ccsim::Bound::Unit) == (unit == "0-1" || unit == "share"));
  };
  for (const auto& d : ccsim::kCountryMetricDefs) check(d);
  for (const auto& d : ccsim::kSectorMetricDefs) check(d);
  for (const auto& d : ccsim::kYearlyDefs) check(d.def);
}

TEST_CASE("library: every scenario's outputs are finite and within their metrics' bounds",
          "[scenarios][numbers]") {
  const auto dir = std::filesystem::path(ccsim::scenario_files::repo_path("scenarios"));
  int scenarios = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const auto name = e.path().filename().string();
    if (e.path().extension() != ".json" || name.find(".schema.json") != std::string::npos) continue;
    INFO("scenarios/" << name);
    CHECK(check_run("scenarios/" + name, json::object()) == "");
    ++scenarios;
  }
  CHECK(scenarios >= 10);
}

TEST_CASE("extreme risk: impairment severity 1 and each risk at its declared maximum stay bounded",
          "[scenarios][numbers]") {
  // Before: severity 1 gave NaN loans and ODI stock from 2013 (a project of value 0 struck
  // again), and the maxima negative ODI stocks (write-offs of equity not yet disbursed).
  CHECK(check_run("scenarios/baseline.json", {{"risk", {{"impairment_severity", 1}}}}) == "");
  json all = json::object();
  for (const auto& d : ccsim::param_declarations()) {
    if (d.pointer.rfind("/risk/", 0) != 0 || d.shape == ccsim::Shape::ByCountry) continue;
    json patch = json::object();
    set(patch, d, d.max);
    set(all, d, d.max);
    // The smallest severity at its maximum needs the largest there too (min <= max).
    if (d.pointer == "/risk/shock_severity_min")
      patch[json::json_pointer("/risk/shock_severity_max")] = d.max;
    INFO(d.pointer << " = " << d.max);
    CHECK(check_run("scenarios/baseline.json", patch, 2) == "");
  }
  INFO("every risk parameter at its maximum");
  CHECK(check_run("scenarios/baseline.json", all) == "");
}

TEST_CASE(
    "extreme settings: falling technology and fast upgrading keep capacity and output bounded",
    "[scenarios][numbers]") {
  // Before: technology falling 10% a year (linear, so negative after 10 years) made investment x
  // technology negative, and at upgrade_rate 100 with large projects the capacity step drove
  // supporting capacity, then output, taxes and crowding losses below zero (MDV from 2036).
  const json patch = {{"simulation", {{"end_year", 2060}}},
                      {"domestic", {{"tech_growth", -0.1}}},
                      {"host", {{"upgrade_rate", 100}}},
                      {"calibration", {{"fdi_size_scale", 20}}}};
  CHECK(check_run("scenarios/baseline.json", patch, 2) == "");
  const json rising = {{"simulation", {{"end_year", 2100}}},
                       {"domestic", {{"tech_growth", 0.1}}},
                       {"host", {{"upgrade_rate", 100}}}};
  CHECK(check_run("scenarios/baseline.json", rising, 1) == "");
}

TEST_CASE("extreme settings: every agreement weight at 1 keeps policy support within [0, 1]",
          "[scenarios][numbers]") {
  json patch = json::object();
  for (auto k : ccsim::kAgreementKeys) patch["behaviour"]["agreement_weight"][std::string(k)] = 1;
  patch["policy"]["signing_rate"] = 1;
  CHECK(check_run("scenarios/baseline.json", patch, 2) == "");
}
