// Runs the built `ccsim sweep` and `ccsim merge` on tiny sweeps of the real model.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "model/io/csv.hpp"
#include "tests/support/files.hpp"

namespace fs = std::filesystem;

namespace {

using ccsim::test::run_ccsim;
using ccsim::test::slurp;
using ccsim::test::write;

// A scratch directory for this file's tests.
struct TempDir : ccsim::test::TempDir {
  TempDir() : ccsim::test::TempDir("ccsim_sweep_cli_") {}
};

const std::string kBaseline = std::string(CCSIM_SOURCE_DIR) + "/scenarios/baseline.json";

// A 3 x 2 grid, 2 replications, on a short and small model. shock_severity_min 0.7 exceeds the
// default shock_severity_max (0.6), so the scenario's cross-field check fails those runs: the
// sweep must record them and carry on.
std::string tiny_grid() {
  return R"({
  "name": "tiny",
  "scenario": ")" +
         kBaseline + R"(",
  "overrides": {"simulation.end_year": 2016, "simulation.firm_agents": 300},
  "parameters": [
    {"path": "risk.shock_severity_min", "levels": [0.1, 0.3, 0.7]},
    {"path": "/policy/insurance_coverage", "range": [0.4, 0.9], "steps": 2}
  ],
  "design": {"type": "grid"},
  "replications": 2,
  "seed": 2024,
  "metrics": [
    {"metric": "odi_flow_usd_bn", "years": [2013, 2016]},
    {"name": "jobs", "metric": "jobs_total", "year": 2016}
  ]
})";
}

std::string tiny_sobol() {
  return R"({
  "name": "tiny-sobol",
  "scenario": ")" +
         kBaseline + R"(",
  "overrides": {"simulation.end_year": 2015, "simulation.firm_agents": 200},
  "parameters": [
    {"path": "risk.global_multiplier", "range": [0.5, 2], "scale": "log"},
    {"path": "policy.lending_budget_usd_bn", "distribution": {"type": "normal", "mean": 30, "sd": 5}}
  ],
  "design": {"type": "sobol", "base_points": 4, "bootstrap": 50},
  "replications": 1,
  "seed": 5,
  "metrics": [{"metric": "losses_usd_bn", "years": [2013, 2015]}]
})";
}

void same_outputs(const fs::path& a, const fs::path& b, bool sensitivity = false) {
  for (const char* f : {"runs.csv", "points.csv"}) {
    INFO(f << ": " << a << " vs " << b);
    REQUIRE(fs::exists(a / f));
    REQUIRE(fs::exists(b / f));
    CHECK(slurp(a / f) == slurp(b / f));
  }
  if (sensitivity) {
    REQUIRE(fs::exists(a / "sensitivity.csv"));
    CHECK(slurp(a / "sensitivity.csv") == slurp(b / "sensitivity.csv"));
  }
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

}  // namespace

TEST_CASE("sweep: outputs do not depend on the thread count, failed runs included") {
  TempDir t;
  write(t.path / "tiny.json", tiny_grid());
  REQUIRE(run_ccsim(t.path, "sweep tiny.json --out one --threads 1") == 0);
  REQUIRE(run_ccsim(t.path, "sweep tiny.json --out two --threads 2") == 0);
  same_outputs(t.path / "one", t.path / "two");

  const auto rows = lines(slurp(t.path / "one/runs.csv"));
  REQUIRE(rows.size() == 1 + 12);
  CHECK(rows[0] ==
        "run,point,replication,seed,risk.shock_severity_min,policy.insurance_coverage,"
        "odi_flow_usd_bn_sum_2013_2016,jobs,status,error");
  int failed = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const bool bad = rows[i].find(",failed,") != std::string::npos;
    failed += bad;
    // Points 4 and 5 have shock_severity_min 0.7: their runs fail with the scenario's reason.
    CHECK(bad == (i >= 9));
    if (bad) CHECK_THAT(rows[i], Catch::Contains("shock_severity_min"));
  }
  CHECK(failed == 4);
  CHECK_THAT(slurp(t.path / "one/points.csv"),
             Catch::Contains("\n4,0.7,0.4,jobs,0,2,nan,nan,nan,nan\n"));
  CHECK_FALSE(fs::exists(t.path / "one/sensitivity.csv"));
  const std::string manifest = slurp(t.path / "one/manifest.json");
  CHECK_THAT(manifest, Catch::Contains("\"git_revision\"") &&
                           Catch::Contains("\"complete\": true") &&
                           Catch::Contains("\"sweep_hash\""));

  // An existing directory is not overwritten by accident.
  std::string err;
  CHECK(run_ccsim(t.path, "sweep tiny.json --out one", &err) == 2);
  CHECK_THAT(err, Catch::Contains("--resume"));
}

TEST_CASE("sweep: shards merge into the unsharded bytes") {
  TempDir t;
  write(t.path / "tiny.json", tiny_grid());
  REQUIRE(run_ccsim(t.path, "sweep tiny.json --out full") == 0);
  REQUIRE(run_ccsim(t.path, "sweep tiny.json --out s1 --shard 1/2") == 0);
  REQUIRE(run_ccsim(t.path, "sweep tiny.json --out s2 --shard 2/2 --threads 2") == 0);
  CHECK(lines(slurp(t.path / "s1/runs.csv")).size() == 1 + 6);
  CHECK_FALSE(fs::exists(t.path / "s1/points.csv"));
  REQUIRE(run_ccsim(t.path, "merge s2 s1 --out merged") == 0);
  same_outputs(t.path / "full", t.path / "merged");

  std::string err;
  CHECK(run_ccsim(t.path, "merge s1 --out m2", &err) == 2);
  CHECK_THAT(err, Catch::Contains("shard 2/2 is missing"));
  CHECK(run_ccsim(t.path, "merge s1 s1 s2 --out m3", &err) == 2);
  CHECK_THAT(err, Catch::Contains("given twice"));
  CHECK_FALSE(fs::exists(t.path / "m2"));
  CHECK_FALSE(fs::exists(t.path / "m3"));

  // A shard of another sweep is refused.
  std::string other = tiny_grid();
  other.replace(other.find("\"seed\": 2024"), 12, "\"seed\": 2025");
  write(t.path / "other.json", other);
  REQUIRE(run_ccsim(t.path, "sweep other.json --out o2 --shard 2/2") == 0);
  CHECK(run_ccsim(t.path, "merge s1 o2 --out m4", &err) == 2);
  CHECK_THAT(err, Catch::Contains("different sweep"));

  // An unfinished shard is refused rather than merged short.
  const std::string s2 = slurp(t.path / "s2/runs.csv");
  write(t.path / "s2/runs.csv", s2.substr(0, s2.size() - 30));
  CHECK(run_ccsim(t.path, "merge s1 s2 --out m5", &err) == 2);
  CHECK_THAT(err, Catch::Contains("incomplete"));
  CHECK_FALSE(fs::exists(t.path / "m5"));

  // Bad shard arguments are usage errors.
  CHECK(run_ccsim(t.path, "sweep tiny.json --out x --shard 0/2", &err) == 2);
  CHECK_THAT(err, Catch::Contains("1 <= K <= N"));
  CHECK(run_ccsim(t.path, "sweep tiny.json --out x --shard 3/2") == 2);
}

TEST_CASE("sweep: resume after an interruption loses no run and writes none twice") {
  TempDir t;
  write(t.path / "tiny.json", tiny_grid());
  REQUIRE(run_ccsim(t.path, "sweep tiny.json --out full") == 0);
  const std::string runs = slurp(t.path / "full/runs.csv");

  // Kills at several moments: mid-header of a row, mid-row, just after a row, and with every
  // row written but no points.csv yet.
  const std::size_t row3 = runs.find("\n3,") + 1;
  for (std::size_t cut : {row3, row3 + 17, runs.size() - 5, runs.size()}) {
    INFO("runs.csv cut at byte " << cut << " of " << runs.size());
    fs::remove_all(t.path / "cut");
    REQUIRE(run_ccsim(t.path, "sweep tiny.json --out cut --shard 1/1") == 0);
    fs::remove(t.path / "cut/points.csv");
    write(t.path / "cut/runs.csv", runs.substr(0, cut));
    REQUIRE(run_ccsim(t.path, "sweep tiny.json --out cut --resume --threads 2") == 0);
    same_outputs(t.path / "full", t.path / "cut");
  }

  // A resumed shard merges like an uninterrupted one.
  REQUIRE(run_ccsim(t.path, "sweep tiny.json --out s1 --shard 1/2") == 0);
  REQUIRE(run_ccsim(t.path, "sweep tiny.json --out s2 --shard 2/2") == 0);
  const std::string s2 = slurp(t.path / "s2/runs.csv");
  write(t.path / "s2/runs.csv", s2.substr(0, s2.size() / 2));
  REQUIRE(run_ccsim(t.path, "sweep tiny.json --out s2 --shard 2/2 --resume") == 0);
  CHECK(slurp(t.path / "s2/runs.csv") == s2);
  REQUIRE(run_ccsim(t.path, "merge s1 s2 --out merged") == 0);
  same_outputs(t.path / "full", t.path / "merged");

  // --resume on a missing directory starts it (a requeued batch job need not know).
  REQUIRE(run_ccsim(t.path, "sweep tiny.json --out fresh --resume") == 0);
  same_outputs(t.path / "full", t.path / "fresh");

  // Resuming with a changed sweep is refused.
  std::string other = tiny_grid();
  other.replace(other.find("\"replications\": 2"), 17, "\"replications\": 3");
  write(t.path / "other.json", other);
  std::string err;
  CHECK(run_ccsim(t.path, "sweep other.json --out full --resume", &err) == 2);
  CHECK_THAT(err, Catch::Contains("different sweep"));
  CHECK(slurp(t.path / "full/runs.csv") == runs);
}

TEST_CASE("sweep: a bad sweep file exits 2 with every problem and writes nothing") {
  TempDir t;
  std::string bad = tiny_grid();
  bad.replace(bad.find("\"risk.shock_severity_min\""), 25, "\"risk.shock_severity_mn\"");
  bad.replace(bad.find("\"jobs_total\""), 12, "\"jobs_totl\"");
  bad.replace(bad.find("\"simulation.end_year\": 2016"), 27, "\"simulation.end_year\": 1999");
  bad.replace(bad.find("\"type\": \"grid\""), 14, "\"type\": \"grd\"");
  write(t.path / "bad.json", bad);
  std::string err;
  CHECK(run_ccsim(t.path, "sweep bad.json --out out", &err) == 2);
  CHECK_THAT(err, Catch::Contains("bad.json: /parameters/0/path") &&
                      Catch::Contains("did you mean 'risk.shock_severity_min'"));
  CHECK_THAT(err, Catch::Contains("bad.json: /metrics/1/metric") &&
                      Catch::Contains("did you mean 'jobs_total'"));
  CHECK_THAT(err, Catch::Contains("bad.json: /overrides/simulation.end_year"));
  CHECK_THAT(err,
             Catch::Contains("bad.json: /design/type") && Catch::Contains("did you mean 'grid'"));
  CHECK_FALSE(fs::exists(t.path / "out"));
  for (const auto& e : fs::directory_iterator(t.path))
    CHECK_THAT(e.path().filename().string(), !Catch::StartsWith(".out"));

  write(t.path / "notjson.json", "{\"scenario\": ");
  CHECK(run_ccsim(t.path, "sweep notjson.json --out out2", &err) == 2);
  CHECK_THAT(err, Catch::Contains("not valid JSON"));
  CHECK_FALSE(fs::exists(t.path / "out2"));
}

TEST_CASE("sweep: a row re-runs alone with ccsim run and the seed it names") {
  TempDir t;
  write(t.path / "tiny.json", tiny_grid());
  REQUIRE(run_ccsim(t.path, "sweep tiny.json --out sw") == 0);
  const auto rows = lines(slurp(t.path / "sw/runs.csv"));
  for (std::size_t i : {2u, 7u}) {
    // run,point,replication,seed,shock_severity_min,insurance_coverage,odi,jobs,status,error
    std::vector<std::string> f;
    std::stringstream ss(rows[i]);
    for (std::string x; std::getline(ss, x, ',');) f.push_back(x);
    REQUIRE(f[8] == "ok");
    const std::string dir = "rerun" + std::to_string(i);
    REQUIRE(run_ccsim(t.path, "run \"" + kBaseline + "\" --replications 1 --seed " + f[3] +
                                  " --set simulation.end_year=2016 --set simulation.firm_agents=300"
                                  " --set risk.shock_severity_min=" +
                                  f[4] + " --set policy.insurance_coverage=" + f[5] +
                                  " --no-detail --precision full --out " + dir) == 0);
    std::ifstream in(t.path / dir / "yearly.csv");
    const auto table = ccsim::io::read_csv(in, "yearly.csv");
    const int odi = table.column("odi_flow_usd_bn"), jobs = table.column("jobs_total");
    REQUIRE(table.rows.size() == 4);
    double sum = 0;
    for (const auto& r : table.rows) sum += ccsim::io::parse_number(r[std::size_t(odi)], "", 0, "");
    CHECK(ccsim::io::format_number(sum) == f[6]);
    CHECK(table.rows.back()[std::size_t(jobs)] == f[7]);
  }
}

TEST_CASE("sweep: a sobol sweep's sensitivity table is as reproducible as its runs") {
  TempDir t;
  write(t.path / "sobol.json", tiny_sobol());
  REQUIRE(run_ccsim(t.path, "sweep sobol.json --out full --threads 2") == 0);
  REQUIRE(run_ccsim(t.path, "sweep sobol.json --out a --shard 1/3") == 0);
  REQUIRE(run_ccsim(t.path, "sweep sobol.json --out b --shard 2/3") == 0);
  REQUIRE(run_ccsim(t.path, "sweep sobol.json --out c --shard 3/3") == 0);
  REQUIRE(run_ccsim(t.path, "merge a b c --out merged") == 0);
  same_outputs(t.path / "full", t.path / "merged", true);
  const auto sens = lines(slurp(t.path / "full/sensitivity.csv"));
  REQUIRE(sens.size() == 1 + 2 * 2);
  CHECK(sens[0] == "method,metric,parameter,index,value,ci_low,ci_high,n,noise_floor,noise");
  CHECK_THAT(sens[1],
             Catch::StartsWith("sobol,losses_usd_bn_sum_2013_2015,risk.global_multiplier,S1,"));
  CHECK(lines(slurp(t.path / "full/runs.csv")).size() == 1 + 4 * 4);
}

TEST_CASE("sweep: the example sweeps are valid") {
  TempDir t;
  for (const char* name :
       {"policy_grid.json", "risk_lhs.json", "sobol_levers.json", "morris_levers.json"}) {
    std::string err;
    const std::string file = std::string(CCSIM_SOURCE_DIR) + "/scenarios/sweeps/" + name;
    CHECK(run_ccsim(t.path, "sweep \"" + file + "\" --dry-run", &err) == 0);
    INFO(err);
    CHECK_THAT(slurp(t.path / "stdout.txt"), Catch::Contains("valid sweep"));
  }
  CHECK_FALSE(fs::exists(t.path / "outputs"));
}

TEST_CASE("sweep: --resume refuses a row whose parameter value is not the plan's") {
  TempDir t;
  write(t.path / "tiny.json", tiny_grid());
  REQUIRE(run_ccsim(t.path, "sweep tiny.json --out full") == 0);
  std::string runs = slurp(t.path / "full/runs.csv");
  // Run 1 is point 0 (0.1, 0.4): its insurance_coverage edited to 0.45, then cut after run 2.
  const std::size_t row1 = runs.find("\n1,") + 1;
  const std::size_t value = runs.find(",0.4,", row1);
  REQUIRE(value != std::string::npos);
  runs.replace(value, 5, ",0.45,");
  runs.resize(runs.find("\n3,") + 1);
  write(t.path / "full/runs.csv", runs);
  fs::remove(t.path / "full/points.csv");
  std::string err;
  CHECK(run_ccsim(t.path, "sweep tiny.json --out full --resume", &err) == 2);
  CHECK_THAT(err, Catch::Contains("runs.csv: line 3, column 6 (policy.insurance_coverage): run 1 "
                                  "has policy.insurance_coverage = 0.45"));
  CHECK(slurp(t.path / "full/runs.csv") == runs);
  CHECK_FALSE(fs::exists(t.path / "full/points.csv"));
}

TEST_CASE("sweep: sizes and estimates come before the design is built") {
  TempDir t;
  // 10^9 random points (16 GB of design) and 2 x 10^8 LHS points are refused at once.
  for (const char* design : {"{\"type\": \"random\", \"points\": 1000000000}",
                             "{\"type\": \"latin_hypercube\", \"points\": 200000000}"}) {
    INFO(design);
    std::string doc = tiny_grid();
    doc.replace(doc.find("{\"type\": \"grid\"}"), 16, design);
    doc.replace(doc.find("\"levels\": [0.1, 0.3, 0.7]"), 25, "\"range\": [0.1, 0.3]");
    doc.replace(doc.find(", \"steps\": 2"), 12, "");
    write(t.path / "huge.json", doc);
    std::string err;
    CHECK(run_ccsim(t.path, "sweep huge.json --dry-run", &err) == 2);
    CHECK_THAT(err, Catch::Contains("huge.json: /design: the design has") &&
                        Catch::Contains("use fewer points"));
  }
  // --dry-run gives the memory and time it will take.
  write(t.path / "tiny.json", tiny_grid());
  REQUIRE(run_ccsim(t.path, "sweep tiny.json --dry-run --threads 2") == 0);
  const std::string out = slurp(t.path / "stdout.txt");
  CHECK_THAT(out, Catch::Contains("6 points x 2 replications = 12 runs"));
  CHECK_THAT(out, Catch::Contains("estimate: design ") && Catch::Contains(" a thread; about ") &&
                      Catch::Contains(" on 2 threads"));
  CHECK_FALSE(fs::exists(t.path / "outputs"));
}

TEST_CASE("sweep: bad numbers and files in a sweep exit 2 with file and pointer") {
  TempDir t;
  std::string doc = tiny_grid();
  doc.replace(doc.find("\"seed\": 2024"), 12, "\"seed\": 1e400");
  write(t.path / "big.json", doc);
  std::string err;
  CHECK(run_ccsim(t.path, "sweep big.json --out out", &err) == 2);
  CHECK_THAT(err, Catch::Contains("big.json: /seed: the number 1e400"));
  CHECK_FALSE(fs::exists(t.path / "out"));
}

TEST_CASE("sweep: --dry-run --width gives the replications (2 z sd / width)^2 of a pilot") {
  TempDir t;
  write(t.path / "tiny.json", ccsim::test::tiny_sweep_json());
  std::string err;
  REQUIRE(run_ccsim(t.path, "sweep tiny.json --dry-run --width 2% --pilot 4", &err) == 0);
  const std::string out = slurp(t.path / "stdout.txt");
  INFO(out << err);
  CHECK_THAT(out, Catch::Contains("pilot: 4 replications of the base scenario"));
  // "  NAME: mean M, sd S, width W: N replications"
  const std::string key = "odi_flow_usd_bn_sum_2013_2015: mean ";
  const auto at = out.find(key);
  REQUIRE(at != std::string::npos);
  double mean = 0, sd = 0, width = 0;
  int n = 0;
  REQUIRE(std::sscanf(out.c_str() + at + key.size(), "%lf, sd %lf, width %lf: %d replications",
                      &mean, &sd, &width, &n) == 4);
  CHECK(sd > 0);
  CHECK(width == Approx(0.02 * mean).epsilon(1e-5));
  const double expected = std::ceil(std::pow(2 * 1.959964 * sd / width, 2));
  CHECK(n == std::max(2.0, expected));
  CHECK_FALSE(fs::exists(t.path / "outputs"));
  // A width needs --dry-run and must be positive.
  CHECK(run_ccsim(t.path, "sweep tiny.json --width 5", &err) == 2);
  CHECK(run_ccsim(t.path, "sweep tiny.json --dry-run --width -1", &err) == 2);
  CHECK(run_ccsim(t.path, "sweep tiny.json --dry-run --width 5x", &err) == 2);
}

TEST_CASE("sweep: a from_year outside the simulated years exits 2 with its pointer") {
  TempDir t;
  std::string doc = ccsim::test::tiny_sweep_json();
  doc.insert(doc.rfind('}'), R"(, "from_year": 2040)");
  write(t.path / "bad.json", doc);
  std::string err;
  CHECK(run_ccsim(t.path, "sweep bad.json --dry-run", &err) == 2);
  CHECK_THAT(err, Catch::Contains("/from_year") && Catch::Contains("2040 is not simulated"));
}
