#include "model/compare/compare.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "model/error.hpp"
#include "model/io/csv.hpp"

namespace cmp = ccsim::compare;
using ccsim::InputError;
using ccsim::io::CsvTable;
using ccsim::io::format_number;

namespace {

// Values per (replication, year): one per metric.
using Generator = std::function<std::vector<double>(int rep, int year)>;

CsvTable yearly(const std::vector<std::string>& metrics, int y0, int y1, int reps,
                const Generator& f) {
  CsvTable t;
  t.header = {"replication", "year"};
  t.header.insert(t.header.end(), metrics.begin(), metrics.end());
  for (int r = 0; r < reps; ++r)
    for (int y = y0; y <= y1; ++y) {
      std::vector<std::string> row = {std::to_string(r), std::to_string(y)};
      for (double v : f(r, y)) row.push_back(format_number(v));
      t.rows.push_back(row);
    }
  return t;
}

cmp::Run run(const std::string& label, std::uint64_t seed, CsvTable table) {
  cmp::Run r;
  r.label = label;
  r.dir = "runs/" + label;
  r.table_path = r.dir + "/yearly.csv";
  r.seed = seed;
  r.table = std::move(table);
  return r;
}

// Reproducible noise: mt19937_64's output is fixed by the standard, unlike the distributions.
std::vector<double> noise(std::uint64_t seed, int n, double scale) {
  std::mt19937_64 g(seed);
  std::vector<double> v;
  for (int i = 0; i < n; ++i) {
    double s = 0;
    for (int k = 0; k < 12; ++k) s += static_cast<double>(g() >> 11) * 0x1.0p-53;
    v.push_back(scale * (s - 6.0));  // roughly standard normal
  }
  return v;
}

const cmp::Row& find(const std::vector<cmp::Row>& rows, const std::string& scenario,
                     const std::string& metric, cmp::View view, int year,
                     const std::string& key = "all") {
  for (const auto& r : rows)
    if (r.scenario == scenario && r.metric == metric && r.view == view && r.key == key &&
        (view == cmp::View::kCumulative || r.year_from == year))
      return r;
  FAIL("no row " << scenario << " " << metric << " " << year << " " << key);
  throw;
}

bool covers(const cmp::Stats& s, double x) {
  return s.ci_low <= x && x <= s.ci_high;
}

// t quantiles at 0.975, from tables.
constexpr double kT4 = 2.7764451051977987;
constexpr double kT8 = 2.3060041352041662;

}  // namespace

TEST_CASE("compare: paired interval of a known shift matches a hand computation") {
  const std::vector<double> base = {10, 20, 30, 40, 50};
  const std::vector<double> jitter = {-0.1, 0.1, 0, 0.2, -0.2};
  std::vector<double> other;
  for (std::size_t i = 0; i < base.size(); ++i) other.push_back(base[i] + 1 + jitter[i]);
  const auto s = cmp::paired_difference(base, other);
  CHECK(s.interval == cmp::Interval::kPaired);
  CHECK(s.n_base == 5);
  CHECK(s.n_other == 5);
  CHECK(s.base_mean == Approx(30));
  CHECK(s.other_mean == Approx(31));
  CHECK(s.diff == Approx(1));
  CHECK(s.rel_diff == Approx(1.0 / 30));
  const double half = kT4 * std::sqrt(0.025) / std::sqrt(5.0);
  CHECK(s.ci_low == Approx(1 - half));
  CHECK(s.ci_high == Approx(1 + half));
  CHECK(s.significant);
}

TEST_CASE("compare: Welch interval matches a hand computation") {
  // Equal variances and sizes make the Welch-Satterthwaite degrees of freedom 2(n-1) = 8.
  const auto s = cmp::welch_difference({1, 2, 3, 4, 5}, {3, 4, 5, 6, 7});
  CHECK(s.interval == cmp::Interval::kWelch);
  CHECK(s.n_base == 5);
  CHECK(s.n_other == 5);
  CHECK(s.diff == Approx(2));
  CHECK(s.rel_diff == Approx(2.0 / 3));
  CHECK(s.ci_low == Approx(2 - kT8));  // standard error is exactly 1
  CHECK(s.ci_high == Approx(2 + kT8));
  CHECK_FALSE(s.significant);
}

TEST_CASE("compare: one replication gives a nan interval that is not significant") {
  for (const auto& s : {cmp::paired_difference({1}, {5}), cmp::welch_difference({1}, {5, 6, 7})}) {
    CHECK(s.diff == Approx(s.other_mean - s.base_mean));
    CHECK(std::isnan(s.ci_low));
    CHECK(std::isnan(s.ci_high));
    CHECK_FALSE(s.significant);
  }
  const auto empty = cmp::welch_difference({}, {1, 2});
  CHECK(empty.n_base == 0);
  CHECK(std::isnan(empty.diff));
  CHECK_FALSE(empty.significant);
}

TEST_CASE("compare: zero variance collapses the interval onto the difference") {
  const auto same = cmp::paired_difference({2, 2, 2}, {2, 2, 2});
  CHECK(same.diff == 0);
  CHECK(same.ci_low == 0);
  CHECK(same.ci_high == 0);
  CHECK_FALSE(same.significant);
  CHECK(same.rel_diff == 0);

  const auto shifted = cmp::welch_difference({2, 2, 2}, {3, 3, 3});
  CHECK(shifted.ci_low == 1);
  CHECK(shifted.ci_high == 1);
  CHECK(shifted.significant);

  const auto from_zero = cmp::paired_difference({0, 0}, {1, 1});
  CHECK(std::isnan(from_zero.rel_diff));
  CHECK(from_zero.significant);
}

TEST_CASE("compare: non-finite values are left out and counted") {
  const double nan = std::nan("");
  const auto p = cmp::paired_difference({1, nan, 3, 4}, {2, 5, nan, 5});
  CHECK(p.n_base == 2);  // replications 0 and 3 only
  CHECK(p.diff == Approx(1));
  const auto w = cmp::welch_difference({1, nan, 3, 4}, {2, 5, nan, 5});
  CHECK(w.n_base == 3);
  CHECK(w.n_other == 3);
  CHECK(w.base_mean == Approx(8.0 / 3));
  CHECK(w.other_mean == Approx(4));
}

TEST_CASE("compare: paired interval is narrower than Welch under common random numbers") {
  // Replication r of both runs shares a large common component (same seed, same streams); the
  // policy adds exactly 1 plus a little independent noise.
  const int reps = 30;
  const auto common = noise(1, reps * 3, 10.0);
  const auto own = noise(2, reps * 3, 0.3);
  auto base_gen = [&](int r, int y) { return std::vector<double>{100 + common[r * 3 + y - 2020]}; };
  auto other_gen = [&](int r, int y) {
    return std::vector<double>{101 + common[r * 3 + y - 2020] + own[r * 3 + y - 2020]};
  };
  const auto base = run("base", 42, yearly({"odi"}, 2020, 2022, reps, base_gen));
  const auto same_seed = run("crn", 42, yearly({"odi"}, 2020, 2022, reps, other_gen));
  const auto other_seed = run("indep", 7, yearly({"odi"}, 2020, 2022, reps, other_gen));

  const auto c = cmp::compare_runs(base, {same_seed, other_seed}, {});
  REQUIRE(c.pairs.size() == 2);
  CHECK(c.pairs[0].interval == cmp::Interval::kPaired);
  CHECK(c.pairs[1].interval == cmp::Interval::kWelch);
  for (int y = 2020; y <= 2022; ++y) {
    const auto& p = find(c.rows, "crn", "odi", cmp::View::kYear, y).stats;
    const auto& w = find(c.rows, "indep", "odi", cmp::View::kYear, y).stats;
    CHECK(p.interval == cmp::Interval::kPaired);
    CHECK(w.interval == cmp::Interval::kWelch);
    CHECK(p.diff == Approx(w.diff));  // same data, so the same point estimate
    CHECK(covers(p, 1.0));
    CHECK(covers(w, 1.0));
    CHECK(p.significant);
    CHECK_FALSE(w.significant);  // the shared noise drowns the shift without pairing
    CHECK((p.ci_high - p.ci_low) * 5 < w.ci_high - w.ci_low);
  }
  // Turning pairing off gives the Welch interval for the same-seed run too.
  cmp::Options welch;
  welch.pairing = cmp::Pairing::kNever;
  const auto u = cmp::compare_runs(base, {same_seed}, welch);
  const auto& uw = find(u.rows, "crn", "odi", cmp::View::kYear, 2021).stats;
  const auto& w = find(c.rows, "indep", "odi", cmp::View::kYear, 2021).stats;
  CHECK(uw.interval == cmp::Interval::kWelch);
  CHECK(uw.ci_low == Approx(w.ci_low));
  CHECK(uw.ci_high == Approx(w.ci_high));
}

TEST_CASE("compare: means and differences of runs with a known difference") {
  // base = noise_r + year offset; other = base + 2 for odi, unchanged for jobs.
  const int reps = 8;
  const auto e = noise(3, reps, 1.0);
  auto gen = [&](double shift) {
    return [&e, shift](int r, int y) {
      return std::vector<double>{e[r] + (y - 2017) + shift, 5.0 + e[r]};
    };
  };
  const auto base = run("base", 1, yearly({"odi", "jobs"}, 2017, 2019, reps, gen(0)));
  const auto other = run("policy", 1, yearly({"odi", "jobs"}, 2017, 2019, reps, gen(2)));
  const auto c = cmp::compare_runs(base, {other}, {});
  CHECK(c.metrics == std::vector<std::string>{"odi", "jobs"});
  CHECK(c.years == std::vector<int>{2017, 2018, 2019});
  // 2 metrics x (3 years + 1 cumulative) x 1 key.
  CHECK(c.rows.size() == 8);
  double mean_e = 0;
  for (double x : e) mean_e += x / reps;
  const auto& r18 = find(c.rows, "policy", "odi", cmp::View::kYear, 2018);
  CHECK(r18.base == "base");
  CHECK(r18.year_from == 2018);
  CHECK(r18.year_to == 2018);
  CHECK(r18.stats.base_mean == Approx(mean_e + 1));
  CHECK(r18.stats.other_mean == Approx(mean_e + 3));
  CHECK(r18.stats.diff == Approx(2));
  CHECK(r18.stats.significant);
  const auto& jobs = find(c.rows, "policy", "jobs", cmp::View::kYear, 2017);
  CHECK(jobs.stats.diff == Approx(0).margin(1e-12));
  CHECK_FALSE(jobs.stats.significant);
}

TEST_CASE("compare: cumulative rows sum each replication over the year range") {
  const int reps = 6;
  const auto e = noise(4, reps * 20, 1.0);
  auto base_gen = [&](int r, int y) { return std::vector<double>{e[r * 20 + y - 2017]}; };
  auto other_gen = [&](int r, int y) {
    return std::vector<double>{e[r * 20 + y - 2017] + 0.5 * (y - 2016)};
  };
  const auto base = run("base", 9, yearly({"odi"}, 2017, 2030, reps, base_gen));
  const auto other = run("policy", 9, yearly({"odi"}, 2017, 2030, reps, other_gen));

  SECTION("over all shared years") {
    const auto c = cmp::compare_runs(base, {other}, {});
    const auto& cum = find(c.rows, "policy", "odi", cmp::View::kCumulative, 0);
    CHECK(cum.year_from == 2017);
    CHECK(cum.year_to == 2030);
    double base_sum = 0;
    for (int r = 0; r < reps; ++r)
      for (int y = 2017; y <= 2030; ++y) base_sum += e[r * 20 + y - 2017] / reps;
    CHECK(cum.stats.base_mean == Approx(base_sum));
    CHECK(cum.stats.diff == Approx(0.5 * (14 * 15 / 2)));  // 0.5 * (1 + ... + 14)
    CHECK(cum.stats.n_base == reps);
    // The cumulative mean is the sum of the yearly means.
    double yearly_sum = 0;
    for (int y = 2017; y <= 2030; ++y)
      yearly_sum += find(c.rows, "policy", "odi", cmp::View::kYear, y).stats.other_mean;
    CHECK(cum.stats.other_mean == Approx(yearly_sum));
  }
  SECTION("over --years") {
    cmp::Options o;
    o.year_from = 2020;
    o.year_to = 2022;
    const auto c = cmp::compare_runs(base, {other}, o);
    CHECK(c.years == std::vector<int>{2020, 2021, 2022});
    CHECK(c.rows.size() == 4);
    const auto& cum = find(c.rows, "policy", "odi", cmp::View::kCumulative, 0);
    CHECK(cum.year_from == 2020);
    CHECK(cum.year_to == 2022);
    CHECK(cum.stats.diff == Approx(0.5 * (4 + 5 + 6)));
    CHECK(cum.stats.ci_low == Approx(cum.stats.diff));  // the shift is exact per replication
  }
  SECTION("a replication missing a year of the range is left out of the sum") {
    CsvTable t = other.table;
    t.rows[2][2] = "nan";  // replication 0, 2019
    const auto c = cmp::compare_runs(base, {run("policy", 9, t)}, {});
    const auto& cum = find(c.rows, "policy", "odi", cmp::View::kCumulative, 0);
    CHECK(cum.stats.n_base == reps - 1);
    CHECK(find(c.rows, "policy", "odi", cmp::View::kYear, 2019).stats.n_base == reps - 1);
    CHECK(find(c.rows, "policy", "odi", cmp::View::kYear, 2018).stats.n_base == reps);
  }
}

TEST_CASE("compare: by country, a key only one run has gets a row with n_base 0") {
  auto table = [](const std::vector<std::string>& countries, double ken_shift) {
    CsvTable t;
    t.header = {"replication", "year", "iso3", "br64", "odi"};
    for (int r = 0; r < 3; ++r)
      for (const auto& c : countries)
        t.rows.push_back(
            {std::to_string(r), "2020", c, "1", format_number(r + (c == "KEN" ? ken_shift : 0.0))});
    return t;
  };
  auto base = run("base", 5, table({"CHN", "KEN"}, 0));
  auto other = run("policy", 5, table({"CHN", "KEN", "PAK"}, 3));
  base.table_path = "runs/base/countries.csv";
  cmp::Options o;
  o.by = cmp::By::kCountry;
  const auto c = cmp::compare_runs(base, {other}, o);
  CHECK(c.metrics == std::vector<std::string>{"odi"});  // br64 is not a metric
  const auto& ken = find(c.rows, "policy", "odi", cmp::View::kYear, 2020, "KEN");
  CHECK(ken.by == cmp::By::kCountry);
  CHECK(ken.stats.diff == Approx(3));
  CHECK(find(c.rows, "policy", "odi", cmp::View::kYear, 2020, "CHN").stats.diff == 0);
  const auto& pak = find(c.rows, "policy", "odi", cmp::View::kYear, 2020, "PAK");
  CHECK(pak.stats.n_base == 0);
  CHECK(std::isnan(pak.stats.diff));
  CHECK_FALSE(pak.stats.significant);
}

TEST_CASE("compare: refuses runs that cannot be compared") {
  auto gen = [](int r, int y) { return std::vector<double>{double(r), double(y)}; };
  const auto base = run("base", 1, yearly({"odi", "jobs"}, 2017, 2020, 3, gen));

  SECTION("different metric sets") {
    const auto other = run("other", 1, yearly({"odi", "emissions"}, 2017, 2020, 3, gen));
    try {
      cmp::compare_runs(base, {other}, {});
      FAIL("no error");
    } catch (const InputError& e) {
      REQUIRE(e.issues().size() == 1);
      CHECK(e.issues()[0].file == "runs/other/yearly.csv");
      CHECK_THAT(e.issues()[0].message, Catch::Contains("only in the base: jobs") &&
                                            Catch::Contains("only in this run: emissions"));
    }
    // Naming the shared metric makes them comparable.
    cmp::Options o;
    o.metrics = {"odi"};
    CHECK(cmp::compare_runs(base, {other}, o).rows.size() == 5);
    o.metrics = {"jobs"};
    CHECK_THROWS_AS(cmp::compare_runs(base, {other}, o), InputError);
  }
  SECTION("non-overlapping years") {
    const auto other = run("other", 1, yearly({"odi", "jobs"}, 2030, 2035, 3, gen));
    CHECK_THROWS_WITH(
        cmp::compare_runs(base, {other}, {}),
        Catch::Contains("runs/other/yearly.csv") && Catch::Contains("do not overlap"));
  }
  SECTION("a year range a run does not cover") {
    const auto other = run("other", 1, yearly({"odi", "jobs"}, 2018, 2025, 3, gen));
    cmp::Options o;
    o.year_from = 2017;
    o.year_to = 2019;
    CHECK_THROWS_WITH(cmp::compare_runs(base, {other}, o),
                      Catch::Contains("runs/other/yearly.csv") && Catch::Contains("missing"));
    // Partly overlapping runs are compared on the years they share.
    const auto c = cmp::compare_runs(base, {other}, {});
    CHECK(c.years == std::vector<int>{2018, 2019, 2020});
  }
  SECTION("a table that is not a run table") {
    CsvTable t;
    t.header = {"year", "odi", "jobs"};
    t.rows = {{"2017", "1", "2"}};
    CHECK_THROWS_WITH(cmp::compare_runs(base, {run("other", 1, t)}, {}),
                      Catch::Contains("no 'replication' column"));
  }
  SECTION("duplicate rows") {
    CsvTable t = base.table;
    t.rows.push_back(t.rows.front());
    CHECK_THROWS_WITH(cmp::compare_runs(base, {run("other", 1, t)}, {}),
                      Catch::Contains("duplicate row"));
  }
  SECTION("a value that is not a number") {
    CsvTable t = base.table;
    t.rows[1][2] = "abc";
    CHECK_THROWS_WITH(cmp::compare_runs(base, {run("other", 1, t)}, {}),
                      Catch::Contains("expected a number"));
  }
  SECTION("the same label twice") {
    const auto other = run("other", 1, base.table);
    CHECK_THROWS_AS(cmp::compare_runs(base, {other, other}, {}), InputError);
  }
}

TEST_CASE("compare: CSV has the documented columns and loads back") {
  auto gen = [](int r, int y) { return std::vector<double>{r + 0.5 * y}; };
  const auto base = run("base, v1", 1, yearly({"odi"}, 2017, 2018, 4, gen));
  const auto other = run("policy", 1, yearly({"odi"}, 2017, 2018, 4, [](int r, int y) {
                           return std::vector<double>{r + 0.5 * y + (r % 2 ? 1.0 : 1.5)};
                         }));
  const auto c = cmp::compare_runs(base, {other}, {});
  std::stringstream ss;
  cmp::write_csv(ss, c.rows);
  const auto t = ccsim::io::read_csv(ss, "out.csv");
  std::vector<std::string> names;
  for (const auto& col : cmp::output_columns()) names.push_back(col.name);
  CHECK(t.header == names);
  REQUIRE(t.rows.size() == c.rows.size());
  const auto& row = t.rows[0];
  CHECK(row[t.column("scenario")] == "policy");
  CHECK(row[t.column("base")] == "base, v1");  // quoted on write, unquoted on read
  CHECK(row[t.column("view")] == "year");
  CHECK(row[t.column("key")] == "all");
  CHECK(row[t.column("interval")] == "paired");
  CHECK(row[t.column("significant")] == "1");
  CHECK(ccsim::io::parse_number(row[t.column("diff")], "out.csv", 2, "diff") == Approx(1.25));
  CHECK(t.rows.back()[t.column("view")] == "cumulative");
  CHECK(t.rows.back()[t.column("year_from")] == "2017");
  CHECK(t.rows.back()[t.column("year_to")] == "2018");

  // Every column is documented, in order, in docs/compare.md.
  std::ifstream doc(std::string(CCSIM_SOURCE_DIR) + "/docs/compare.md");
  REQUIRE(doc);
  std::stringstream text;
  text << doc.rdbuf();
  std::size_t pos = 0;
  for (const auto& name : names) {
    const auto at = text.str().find("| `" + name + "` |", pos);
    CHECK(at != std::string::npos);
    if (at != std::string::npos) pos = at;
  }
}

TEST_CASE("compare: summary lists the largest significant relative changes") {
  auto gen = [](double shift) {
    return [shift](int r, int y) {
      return std::vector<double>{10.0 + r % 3 + shift * (y - 2016), 100.0 + r % 2};
    };
  };
  const auto base = run("base", 1, yearly({"odi", "jobs"}, 2017, 2020, 5, gen(0)));
  const auto other = run("policy", 1, yearly({"odi", "jobs"}, 2017, 2020, 5, gen(1)));
  const auto c = cmp::compare_runs(base, {other}, {});
  const auto top = cmp::largest_changes(c.rows, 3);
  REQUIRE(top.size() == 3);
  // The last year's +4 on a mean of 10.8 is the largest; the cumulative +10 on 43.2 is smaller.
  CHECK(top[0]->metric == "odi");
  CHECK(top[0]->view == cmp::View::kYear);
  CHECK(top[0]->year_from == 2020);
  for (std::size_t i = 1; i < top.size(); ++i)
    CHECK(std::fabs(top[i - 1]->stats.rel_diff) >= std::fabs(top[i]->stats.rel_diff));
  for (const auto* r : top) CHECK(r->stats.significant);
  std::stringstream ss;
  cmp::write_summary(ss, c);
  CHECK_THAT(ss.str(), Catch::Contains("policy: paired"));
  CHECK_THAT(ss.str(), Catch::Contains("largest relative changes"));
}
