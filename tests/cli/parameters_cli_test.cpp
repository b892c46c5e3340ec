// `ccsim run --parameters`: a replication runs the parameter set its (seed, replication) draws,
// and compare pairs runs only when they share the seed and the ensemble.
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>
#include <sstream>

#include "tests/support/files.hpp"

namespace fs = std::filesystem;
using ccsim::test::slurp;

namespace {

struct Sandbox : ccsim::test::TempDir {
  Sandbox() : TempDir("ccsim_parameters_cli_") {}
  void write(const std::string& name, const std::string& text) const {
    ccsim::test::write(path / name, text);
  }
  int ccsim(const std::string& args, std::string* err = nullptr) const {
    return ccsim::test::run_ccsim(path, args, err);
  }
};

const std::string kBaseline = std::string(CCSIM_SOURCE_DIR) + "/scenarios/baseline.json";

// yearly.csv's rows by replication (the text after "r,").
std::vector<std::string> rows_of(const fs::path& file, int replication) {
  std::istringstream in(slurp(file));
  std::string line, key = std::to_string(replication) + ",";
  std::vector<std::string> out;
  std::getline(in, line);  // header
  while (std::getline(in, line))
    if (line.compare(0, key.size(), key) == 0) out.push_back(line);
  return out;
}

std::string ensemble(const std::string& sets) {
  return "{\"parameters\": [\"/calibration/jobs_scale\"], \"sets\": " + sets + "}";
}

}  // namespace

TEST_CASE("parameters: replication r runs the set (seed, r) draws, exactly", "[cli][parameters]") {
  Sandbox sb;
  const std::string run = "run " + kBaseline + " -r 12 --no-detail --set simulation.end_year=2016 ";
  sb.write("two.json", ensemble("[[1.0], [3.0]]"));
  sb.write("same.json", ensemble("[[2.0], [2.0]]"));
  REQUIRE(sb.ccsim(run + "--set calibration.jobs_scale=1 --out a1") == 0);
  REQUIRE(sb.ccsim(run + "--set calibration.jobs_scale=3 --out a3") == 0);
  REQUIRE(sb.ccsim(run + "--set calibration.jobs_scale=2 --out a2") == 0);
  REQUIRE(sb.ccsim(run + "--parameters two.json --out e -t 2") == 0);
  REQUIRE(sb.ccsim(run + "--parameters two.json --out e1 -t 1") == 0);
  REQUIRE(sb.ccsim(run + "--parameters same.json --out s") == 0);
  // Same seed, same bytes, whatever the threads.
  CHECK(slurp(sb.path / "e/yearly.csv") == slurp(sb.path / "e1/yearly.csv"));
  // An ensemble of one value is that value's run.
  CHECK(slurp(sb.path / "s/yearly.csv") == slurp(sb.path / "a2/yearly.csv"));
  // Each replication is the run of its set, replication by replication (common random numbers),
  // and both sets are drawn.
  std::set<int> used;
  for (int r = 0; r < 12; ++r) {
    const auto e = rows_of(sb.path / "e/yearly.csv", r);
    REQUIRE(e.size() == 4);
    const bool one = e == rows_of(sb.path / "a1/yearly.csv", r);
    const bool three = e == rows_of(sb.path / "a3/yearly.csv", r);
    CHECK(one != three);
    used.insert(one ? 1 : 3);
  }
  CHECK(used.size() == 2);
  const std::string manifest = slurp(sb.path / "e/manifest.json");
  CHECK(manifest.find("\"parameters\"") != std::string::npos);
  CHECK(manifest.find("two.json") != std::string::npos);

  // compare pairs runs that share seed and ensemble, and refuses to pair others.
  REQUIRE(sb.ccsim("compare e e1 --metrics jobs_total -q --out same.csv") == 0);
  CHECK(slurp(sb.path / "same.csv").find(",paired,") != std::string::npos);
  REQUIRE(sb.ccsim("compare a2 e --metrics jobs_total -q --out mixed.csv") == 0);
  CHECK(slurp(sb.path / "mixed.csv").find(",paired,") == std::string::npos);
  CHECK(slurp(sb.path / "mixed.csv").find(",welch,") != std::string::npos);
}

TEST_CASE("parameters: a bad ensemble gets its pointer, exit 2, and no output",
          "[cli][parameters][validation]") {
  Sandbox sb;
  sb.write("bad.json", "{\"parameters\": [\"/calibration/jobs_scale\", \"/simulation/end_year\"], "
                       "\"sets\": [[1.0, 2020], [\"x\", 2020], [1.0]]}");
  std::string err;
  CHECK(sb.ccsim("run " + kBaseline + " -r 2 --parameters bad.json --out o", &err) == 2);
  CHECK_THAT(err, Catch::Contains("bad.json: /parameters/1") &&
                      Catch::Contains("bad.json: /sets/1/0") && Catch::Contains("bad.json: /sets/2"));
  CHECK_FALSE(fs::exists(sb.path / "o"));
}
