// A comparison with nothing on a side (n = 0) says so: empty cells and a line of the summary,
// never a nan that reads like a computed result.
#include <catch2/catch.hpp>
#include <limits>
#include <sstream>

#include "model/compare/compare.hpp"
#include "model/io/csv.hpp"

namespace cmp = ccsim::compare;

TEST_CASE("compare: a row with no replication on a side prints no nan", "[compare][numbers]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  cmp::Comparison c;
  c.base = "baseline";
  c.years = {2020};
  c.pairs.push_back({"severity_1", cmp::Interval::kPaired, 1, 1});
  cmp::Row row;
  row.scenario = "severity_1";
  row.base = "baseline";
  row.metric = "odi_stock_usd_bn";
  row.year_from = row.year_to = 2020;
  row.key = "all";
  // What the statistics give when every replication of a side is nan: no pair.
  row.stats = cmp::paired_difference({1, 2, 3}, {nan, nan, nan});
  REQUIRE(row.stats.n_base == 0);
  c.rows.push_back(row);
  row.metric = "jobs_total";
  row.stats = cmp::paired_difference({1, 2, 3}, {2, 3, 5});
  c.rows.push_back(row);

  std::stringstream csv;
  cmp::write_csv(csv, c.rows);
  CHECK(csv.str().find("nan") == std::string::npos);
  const auto t = ccsim::io::read_csv(csv, "out.csv");
  REQUIRE(t.rows.size() == 2);
  for (const char* col : {"base_mean", "other_mean", "diff", "rel_diff", "ci_low", "ci_high"})
    CHECK(t.rows[0][t.column(col)].empty());
  CHECK(t.rows[0][t.column("n_base")] == "0");
  CHECK(t.rows[0][t.column("significant")] == "0");
  CHECK_FALSE(t.rows[1][t.column("diff")].empty());

  std::ostringstream summary;
  cmp::write_summary(summary, c);
  CHECK(summary.str().find("nan") == std::string::npos);
  CHECK(summary.str().find("1 of 2 rows have no replication to compare on a side (n = 0; their "
                           "statistics are empty): odi_stock_usd_bn") != std::string::npos);
}
