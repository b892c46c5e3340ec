// compare_runs on streamed tables (Run::open, as the CLI reads files) gives what it gives on the
// same tables in memory, and a table in memory may hold its rows in any order.
#include <algorithm>
#include <catch2/catch.hpp>
#include <memory>
#include <random>
#include <sstream>
#include <string>

#include "model/compare/compare.hpp"
#include "model/io/csv.hpp"

namespace cmp = ccsim::compare;

namespace {

// Three countries, 2017-2020, `reps` replications: odi = noise shared by seed + shift for KEN.
ccsim::io::CsvTable table(int reps, double shift) {
  std::mt19937_64 g(7);
  ccsim::io::CsvTable t;
  t.header = {"replication", "year", "iso3", "br64", "odi", "jobs"};
  for (int r = 0; r < reps; ++r)
    for (int y = 2017; y <= 2020; ++y)
      for (const char* c : {"CHN", "KEN", "PAK"}) {
        const double e = static_cast<double>(g() >> 11) * 0x1.0p-53;
        const double odi = 10 + r + e + (std::string(c) == "KEN" ? shift * (y - 2016) : 0.0);
        t.rows.push_back({std::to_string(r), std::to_string(y), c, "1",
                          ccsim::io::format_number(odi, 7), ccsim::io::format_number(3 * e, 7)});
      }
  return t;
}

std::string text(const ccsim::io::CsvTable& t) {
  std::string s;
  auto line = [&](const std::vector<std::string>& f) {
    for (std::size_t i = 0; i < f.size(); ++i) s += (i ? "," : "") + f[i];
    s += "\n";
  };
  line(t.header);
  for (const auto& r : t.rows) line(r);
  return s;
}

cmp::Run run(const std::string& label, const ccsim::io::CsvTable& t, bool streamed) {
  cmp::Run r;
  r.label = label;
  r.dir = "runs/" + label;
  r.table_path = r.dir + "/countries.csv";
  r.seed = 1;
  if (streamed) {
    const std::string s = text(t);
    r.open = [s] { return std::make_unique<std::istringstream>(s); };
  } else {
    r.table = t;
  }
  return r;
}

std::string csv(const cmp::Comparison& c) {
  std::ostringstream os;
  cmp::write_csv(os, c.rows);
  return os.str();
}

}  // namespace

TEST_CASE("compare: streamed tables give the in-memory result row for row", "[compare]") {
  cmp::Options o;
  o.by = cmp::By::kCountry;
  const auto b = table(12, 0), p = table(12, 0.5);
  const auto mem = cmp::compare_runs(run("base", b, false), {run("policy", p, false)}, o);
  const auto str = cmp::compare_runs(run("base", b, true), {run("policy", p, true)}, o);
  CHECK(csv(mem) == csv(str));
  // 2 metrics x (4 years + cumulative) x 3 countries.
  CHECK(str.rows.size() == 30);
  CHECK(str.pairs[0].interval == cmp::Interval::kPaired);

  // Rows in memory in reverse order: the same comparison.
  auto shuffled = p;
  std::reverse(shuffled.rows.begin(), shuffled.rows.end());
  CHECK(csv(cmp::compare_runs(run("base", b, false), {run("policy", shuffled, false)}, o)) ==
        csv(mem));
  // Streamed out of replication order: refused with the line.
  CHECK_THROWS_WITH(
      cmp::compare_runs(run("base", b, true), {run("policy", shuffled, true)}, o),
      Catch::Contains("runs/policy/countries.csv") && Catch::Contains("not in replication order"));
}
