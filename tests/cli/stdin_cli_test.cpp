// `-` for standard input where a command reads a file, and --threads defaulting to every core.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "tests/support/files.hpp"

namespace fs = std::filesystem;

namespace {

using ccsim::test::run_ccsim;
using ccsim::test::slurp;

struct TempDir : ccsim::test::TempDir {
  TempDir() : ccsim::test::TempDir("ccsim_stdin_cli_") {}
};

const std::string kBaseline = std::string(CCSIM_SOURCE_DIR) + "/scenarios/baseline.json";

}  // namespace

TEST_CASE("cli: a scenario read from standard input runs as the same file does", "[cli]") {
  TempDir t;
  ccsim::test::write(t.path / "piped.json",
                     "{\"extends\": \"" + kBaseline + "\", \"name\": \"piped\"}\n");
  const std::string small = " -r 3 -q --set simulation.end_year=2015 --threads 1";
  REQUIRE(run_ccsim(t.path, "run piped.json" + small + " --out file") == 0);
  REQUIRE(run_ccsim(t.path, "run -" + small + " --out piped < piped.json") == 0);
  for (const char* f : {"yearly.csv", "countries.csv.gz", "regions_stats.csv"}) {
    INFO(f);
    CHECK(slurp(t.path / "piped" / f) == slurp(t.path / "file" / f));
  }
  const auto m = nlohmann::json::parse(slurp(t.path / "piped" / "manifest.json"));
  CHECK(m["scenario_file"] == "-");
  // validate reads it twice (its kind, then its rules) from the one standard input.
  CHECK(run_ccsim(t.path, "validate - < piped.json") == 0);
  CHECK(slurp(t.path / "stdout.txt") == "-: ok (scenario)\n");
  ccsim::test::write(t.path / "bad.json", "{\"name\": ");
  std::string err;
  CHECK(run_ccsim(t.path, "validate - < bad.json", &err) == 2);
  CHECK(err.find("not valid JSON") != std::string::npos);
  CHECK(err.rfind("-: ", 0) == 0);  // named as it was given
}

TEST_CASE("cli run: --threads defaults to every core and the results are those of one thread",
          "[cli]") {
  TempDir t;
  const std::string small = kBaseline + " -r 3 -q --set simulation.end_year=2015 --out ";
  REQUIRE(run_ccsim(t.path, "run " + small + "all") == 0);
  REQUIRE(run_ccsim(t.path, "run " + small + "one --threads 1") == 0);
  const auto m = nlohmann::json::parse(slurp(t.path / "all" / "manifest.json"));
  CHECK(m["threads"] == std::max(1u, std::thread::hardware_concurrency()));
  for (const char* f : {"yearly.csv", "countries.csv.gz", "sectors.csv.gz", "yearly_stats.csv"})
    CHECK(slurp(t.path / "all" / f) == slurp(t.path / "one" / f));
}
