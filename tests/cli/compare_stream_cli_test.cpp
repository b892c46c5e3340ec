// `ccsim compare` on what `ccsim run` writes by default: gzip tables, read as they stream.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "tests/support/files.hpp"

namespace fs = std::filesystem;

namespace {

using ccsim::test::run_ccsim;
using ccsim::test::slurp;

struct TempDir : ccsim::test::TempDir {
  TempDir() : ccsim::test::TempDir("ccsim_compare_stream_") {}
};

const std::string kScenarios = std::string(CCSIM_SOURCE_DIR) + "/scenarios/";
const std::string kSmall =
    " -r 6 -q --set simulation.end_year=2016 --set simulation.firm_agents=400";

}  // namespace

TEST_CASE("compare cli: .csv.gz runs compare as their plain .csv twins do by every table",
          "[cli][compare]") {
  TempDir t;
  for (const char* compress : {"large", "none", "all"}) {
    const std::string c = compress;
    REQUIRE(run_ccsim(t.path, "run " + kScenarios + "baseline.json" + kSmall + " --compress " + c +
                                  " --out b_" + c) == 0);
    REQUIRE(run_ccsim(t.path, "run " + kScenarios + "central_asia_shock.json" + kSmall +
                                  " --compress " + c + " --out s_" + c) == 0);
  }
  REQUIRE(fs::exists(t.path / "b_large" / "countries.csv.gz"));
  REQUIRE(fs::exists(t.path / "b_none" / "countries.csv"));
  REQUIRE(fs::exists(t.path / "b_all" / "yearly.csv.gz"));
  for (const char* by : {"year", "country", "sector"}) {
    INFO(by);
    std::string plain, gz;
    for (const char* compress : {"none", "large", "all"}) {
      const std::string c = compress;
      const std::string out = std::string("cmp_") + by + "_" + c + ".csv";
      REQUIRE(run_ccsim(t.path,
                        "compare b_" + c + " s_" + c + " --by " + by + " -q --out " + out) == 0);
      (c == "none" ? plain : gz) = slurp(t.path / out);
      if (c != "none") CHECK(gz == plain);
    }
    CHECK(plain.find(",paired,") != std::string::npos);  // same seed: replications paired
    CHECK(plain.size() > 1000);
  }
}

TEST_CASE("compare cli: a run without its per-replication tables is refused with the reason",
          "[cli][compare]") {
  TempDir t;
  REQUIRE(run_ccsim(t.path, "run " + kScenarios + "baseline.json" + kSmall + " --out full") == 0);
  REQUIRE(run_ccsim(t.path, "run " + kScenarios + "baseline.json" + kSmall +
                                " --detail summary --out summary") == 0);
  // The summaries are written, no per-replication table is.
  CHECK(fs::exists(t.path / "summary" / "countries_stats.csv.gz"));
  CHECK(fs::exists(t.path / "summary" / "yearly_stats.csv"));
  for (const char* f : {"yearly.csv", "countries.csv.gz", "sectors.csv.gz"})
    CHECK_FALSE(fs::exists(t.path / "summary" / f));
  CHECK(slurp(t.path / "summary" / "manifest.json").find("\"detail\": \"summary\"") !=
        std::string::npos);
  for (const char* by : {"year", "country", "sector"}) {
    INFO(by);
    std::string err;
    CHECK(run_ccsim(t.path, std::string("compare full summary -q --by ") + by, &err) == 2);
    CHECK(err.find("--detail summary") != std::string::npos);
    CHECK(err.find("--detail full") != std::string::npos);
    CHECK(err.find("nothing written") != std::string::npos);
  }
}

TEST_CASE("compare cli: a streamed table out of replication order is refused", "[cli][compare]") {
  TempDir t;
  for (const char* d : {"a", "b"}) {
    fs::create_directories(t.path / d);
    ccsim::test::write(
        t.path / d / "manifest.json",
        "{\"program\": \"ccsim\", \"scenario_name\": \"" + std::string(d) + "\", \"seed\": 1}\n");
    ccsim::test::write(t.path / d / "yearly.csv", "replication,year,odi\n1,2020,1\n0,2020,2\n");
  }
  std::string err;
  CHECK(run_ccsim(t.path, "compare a b -q", &err) == 2);
  CHECK(err.find("a/yearly.csv: line 3") != std::string::npos);
  CHECK(err.find("not in replication order") != std::string::npos);
}
