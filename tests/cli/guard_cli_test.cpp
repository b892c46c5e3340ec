// A replication that reaches a value its definition rules out: `ccsim run` exits 1 naming the
// phase, the variable, the year and the country, and writes nothing; a sweep records the run as
// failed with the same message and leaves it out of its points.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <cstdlib>
#include <string>

#include "model/io/csv.hpp"
#include "tests/support/files.hpp"

namespace fs = std::filesystem;

namespace {

using ccsim::test::run_ccsim;
using ccsim::test::slurp;
using ccsim::test::write;

// Mongolia's trend growth at -150% a year, set after the data tables' checks (which refuse it) by
// the CLI's test hook CCSIM_TEST_GROWTH: its GDP, observed to 2023, turns negative in 2024, the
// first year on the trend. No valid input does that.
struct BadWorld : ccsim::test::TempDir {
  BadWorld() : ccsim::test::TempDir("ccsim_guard_cli_") {
    ::setenv("CCSIM_TEST_GROWTH", "MNG:-1.5", 1);
    write(path / "bad.json", R"({"extends": ")" + std::string(CCSIM_SOURCE_DIR) +
                                 R"(/scenarios/baseline.json", "name": "bad",
 "simulation": {"replications": 2, "end_year": 2026, "firm_agents": 300}})");
  }
  ~BadWorld() { ::unsetenv("CCSIM_TEST_GROWTH"); }
};

const char* kMessage = "numerical error in year 2024, phase environment: gdp_usd_bn of MNG is -";

}  // namespace

TEST_CASE("run: a value out of bounds exits 1 naming phase, variable, year and country",
          "[cli][numbers]") {
  BadWorld t;
  std::string err;
  CHECK(run_ccsim(t.path, "run bad.json --out out", &err) == 1);
  INFO(err);
  CHECK(err.find(std::string("replication 0: ") + kMessage) != std::string::npos);
  CHECK_FALSE(fs::exists(t.path / "out"));
  // The same scenario without the hook is fine.
  ::unsetenv("CCSIM_TEST_GROWTH");
  CHECK(run_ccsim(t.path, "run bad.json --out out --no-detail") == 0);
}

TEST_CASE("sweep: a run stopped by a value out of bounds is failed with the message",
          "[cli][numbers]") {
  BadWorld t;
  // Every risk event at severity 1, certain at global_multiplier 10: shocks of 1 stop trend
  // growth, and Mongolia's GDP stays positive. At multiplier 0 there are no events, and it turns
  // negative in 2024.
  write(t.path / "s.json", R"({"name": "guard", "scenario": "bad.json",
  "overrides": {"risk.shock_severity_min": 1, "risk.shock_severity_max": 1,
                "risk.hazard.geopolitical": 1, "risk.hazard.policy": 1, "risk.hazard.cultural": 1,
                "risk.hazard.fx_credit": 1},
  "parameters": [{"path": "risk.global_multiplier", "levels": [0, 10]}],
  "design": {"type": "grid"}, "replications": 2, "seed": 5,
  "metrics": [{"name": "odi", "metric": "odi_flow_usd_bn", "years": [2013, 2016]}]})");
  std::string err;
  REQUIRE(run_ccsim(t.path, "sweep s.json --out sw --threads 1", &err) == 0);
  std::ifstream runs(t.path / "sw/runs.csv");
  const auto r = ccsim::io::read_csv(runs, "runs.csv");
  REQUIRE(r.rows.size() == 4);
  int failed = 0;
  for (const auto& row : r.rows) {
    const bool calm = row[r.column("risk.global_multiplier")] == "0";
    CHECK(row[r.column("status")] == (calm ? "failed" : "ok"));
    if (!calm) continue;
    ++failed;
    CHECK(row[r.column("error")].rfind(kMessage, 0) == 0);
    CHECK(row[r.column("odi")].empty());
  }
  CHECK(failed == 2);
  // The failed point has no values; the other its two replications.
  std::ifstream points(t.path / "sw/points.csv");
  const auto p = ccsim::io::read_csv(points, "points.csv");
  REQUIRE(p.rows.size() == 2);
  for (const auto& row : p.rows) {
    const bool calm = row[p.column("risk.global_multiplier")] == "0";
    CHECK(row[p.column("n")] == (calm ? "0" : "2"));
    CHECK(row[p.column("failed")] == (calm ? "2" : "0"));
  }
}
