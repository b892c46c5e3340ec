// Runs the built `ccsim compare` on run directories written here.
#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "model/compare/compare.hpp"
#include "model/io/csv.hpp"
#include "tests/support/files.hpp"

namespace fs = std::filesystem;

namespace {

using ccsim::test::run_ccsim;
using ccsim::test::slurp;
using ccsim::test::write;

// A scratch directory for this file's tests.
struct TempDir : ccsim::test::TempDir {
  TempDir() : ccsim::test::TempDir("ccsim_compare_cli_") {}
};

// A small run: `reps` replications of 2017-2019; odi = 100 + 10 * r + shift * (year - 2016),
// jobs constant. Replication noise (10 * r) is shared by runs with the same seed.
void write_run(const fs::path& dir, const std::string& name, std::uint64_t seed, double shift,
               const std::string& metrics = "odi,jobs") {
  fs::create_directories(dir);
  write(dir / "manifest.json",
        "{\"program\": \"ccsim\", \"scenario_name\": \"" + name +
            "\", \"seed\": " + std::to_string(seed) +
            ", \"replications\": 4, \"scenario\": {}, \"start_year\": 2017, \"end_year\": 2019}\n");
  const bool jobs = metrics.find("jobs") != std::string::npos;
  std::string yearly = "replication,year," + metrics + "\n";
  std::string countries = "replication,year,iso3,br64," + metrics + "\n";
  for (int r = 0; r < 4; ++r)
    for (int y = 2017; y <= 2019; ++y) {
      const double odi = 100 + 10 * r + shift * (y - 2016) + 0.01 * (r % 2);
      const std::string tail = ccsim::io::format_number(odi) + (jobs ? ",7" : "") + "\n";
      yearly += std::to_string(r) + "," + std::to_string(y) + "," + tail;
      countries += std::to_string(r) + "," + std::to_string(y) + ",KEN,1," + tail;
    }
  write(dir / "yearly.csv", yearly);
  write(dir / "countries.csv", countries);
  write(dir / "sectors.csv", "replication,year,sector," + metrics + "\n");
}

std::string q(const fs::path& p) {
  return "\"" + p.string() + "\"";
}

const std::vector<std::string>& row_of(const ccsim::io::CsvTable& t, const std::string& scenario,
                                       const std::string& metric, const std::string& view,
                                       const std::string& year_from) {
  for (const auto& r : t.rows)
    if (r[t.column("scenario")] == scenario && r[t.column("metric")] == metric &&
        r[t.column("view")] == view && r[t.column("year_from")] == year_from)
      return r;
  FAIL("no row " << scenario << " " << metric << " " << view << " " << year_from);
  throw;
}

double number(const ccsim::io::CsvTable& t, const std::vector<std::string>& row,
              const std::string& col) {
  return ccsim::io::parse_number(row[t.column(col)], "out.csv", 0, col);
}

}  // namespace

TEST_CASE("compare cli: two runs give a tidy CSV with paired and Welch intervals") {
  TempDir tmp;
  write_run(tmp.path / "base", "baseline", 42, 0);
  write_run(tmp.path / "crn", "policy", 42, 1);
  write_run(tmp.path / "indep", "policy_seed7", 7, 1);
  const fs::path out = tmp.path / "cmp.csv";
  const int rc =
      run_ccsim(tmp.path, "compare " + q(tmp.path / "base") + " " + q(tmp.path / "crn") + " " +
                              q(tmp.path / "indep") + " --metrics odi --out " + q(out));
  INFO(slurp(tmp.path / "stderr.txt"));
  REQUIRE(rc == 0);
  REQUIRE(fs::exists(out));
  CHECK_FALSE(fs::exists(tmp.path / "cmp.csv.tmp"));
  CHECK_THAT(slurp(tmp.path / "stdout.txt"), Catch::Contains("largest relative changes"));

  std::ifstream in(out);
  const auto t = ccsim::io::read_csv(in, out.string());
  std::vector<std::string> names;
  for (const auto& c : ccsim::compare::output_columns()) names.push_back(c.name);
  CHECK(t.header == names);
  CHECK(t.rows.size() == 2 * (3 + 1));  // two other runs x (3 years + cumulative)

  const auto& paired = row_of(t, "policy", "odi", "year", "2018");
  CHECK(paired[t.column("base")] == "baseline");
  CHECK(paired[t.column("interval")] == "paired");
  CHECK(paired[t.column("key")] == "all");
  CHECK(number(t, paired, "diff") == Approx(2));
  CHECK(number(t, paired, "n_base") == 4);
  CHECK(paired[t.column("significant")] == "1");

  const auto& welch = row_of(t, "policy_seed7", "odi", "year", "2018");
  CHECK(welch[t.column("interval")] == "welch");
  CHECK(number(t, welch, "diff") == Approx(2));
  CHECK(welch[t.column("significant")] == "0");  // replication spread of 10s hides +2
  CHECK(number(t, welch, "ci_high") - number(t, welch, "ci_low") >
        number(t, paired, "ci_high") - number(t, paired, "ci_low"));

  const auto& cum = row_of(t, "policy", "odi", "cumulative", "2017");
  CHECK(cum[t.column("year_to")] == "2019");
  CHECK(number(t, cum, "diff") == Approx(1 + 2 + 3));
}

TEST_CASE("compare cli: without --out the CSV goes to stdout, --by country and --years") {
  TempDir tmp;
  write_run(tmp.path / "base", "baseline", 42, 0);
  write_run(tmp.path / "policy", "policy", 42, 1);
  const int rc =
      run_ccsim(tmp.path, "compare " + q(tmp.path / "base") + " " + q(tmp.path / "policy") +
                              " --by country --years 2018-2019");
  INFO(slurp(tmp.path / "stderr.txt"));
  REQUIRE(rc == 0);
  std::ifstream in(tmp.path / "stdout.txt");
  const auto t = ccsim::io::read_csv(in, "stdout.txt");
  CHECK(t.rows.size() == 2 * (2 + 1));  // odi and jobs x (2 years + cumulative)
  const auto& cum = row_of(t, "policy", "odi", "cumulative", "2018");
  CHECK(cum[t.column("key")] == "KEN");
  CHECK(cum[t.column("by")] == "country");
  CHECK(number(t, cum, "diff") == Approx(2 + 3));
}

TEST_CASE("compare cli: a directory that is not a run is refused and nothing is written") {
  TempDir tmp;
  write_run(tmp.path / "base", "baseline", 42, 0);
  fs::create_directories(tmp.path / "not_a_run");
  const fs::path out = tmp.path / "cmp.csv";
  const int rc = run_ccsim(tmp.path, "compare " + q(tmp.path / "base") + " " +
                                         q(tmp.path / "not_a_run") + " --out " + q(out));
  CHECK(rc == 2);
  CHECK_FALSE(fs::exists(out));
  CHECK_FALSE(fs::exists(tmp.path / "cmp.csv.tmp"));
  const std::string err = slurp(tmp.path / "stderr.txt");
  CHECK_THAT(err, Catch::Contains("not_a_run") && Catch::Contains("manifest.json"));
  CHECK(slurp(tmp.path / "stdout.txt").empty());
}

TEST_CASE("compare cli: different metric sets are refused and an existing output is kept") {
  TempDir tmp;
  write_run(tmp.path / "base", "baseline", 42, 0);
  write_run(tmp.path / "other", "other", 42, 1, "odi");
  write_run(tmp.path / "same", "same", 42, 1);
  const fs::path out = tmp.path / "cmp.csv";
  // An earlier comparison (which --force may replace)...
  REQUIRE(run_ccsim(tmp.path, "compare " + q(tmp.path / "base") + " " + q(tmp.path / "same") +
                                  " --out " + q(out)) == 0);
  const std::string previous = slurp(out);
  // ...is kept when the new one fails.
  const int rc = run_ccsim(tmp.path, "compare " + q(tmp.path / "base") + " " +
                                         q(tmp.path / "other") + " --out " + q(out) + " --force");
  CHECK(rc == 2);
  CHECK(slurp(out) == previous);
  CHECK_FALSE(fs::exists(tmp.path / "cmp.csv.tmp"));
  CHECK_THAT(slurp(tmp.path / "stderr.txt"),
             Catch::Contains("yearly.csv") && Catch::Contains("metric columns differ"));
}

TEST_CASE("compare cli: bad usage exits 2") {
  TempDir tmp;
  write_run(tmp.path / "base", "baseline", 42, 0);
  CHECK(run_ccsim(tmp.path, "compare " + q(tmp.path / "base")) == 2);
  CHECK(run_ccsim(tmp.path, "compare " + q(tmp.path / "base") + " " + q(tmp.path / "base") +
                                " --by planet") == 2);
  CHECK(run_ccsim(tmp.path, "compare " + q(tmp.path / "base") + " " + q(tmp.path / "base") +
                                " --years 2019-2017") == 2);
  CHECK(run_ccsim(tmp.path, "compare --help") == 0);
  CHECK_THAT(slurp(tmp.path / "stdout.txt"), Catch::Contains("significant"));
}
