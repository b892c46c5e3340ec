// The report's tables from streams (the CLI opens the files): only the rows the charts draw are
// kept, and a table is read a record at a time, so that countries_stats.csv.gz is never held
// whole; the differences between runs.
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include "model/error.hpp"
#include "model/io/csv.hpp"
#include "model/report/report.hpp"

namespace ccsim::report {

namespace {

using nlohmann::json;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

std::vector<StatRow> read_stats(std::istream& in, const std::string& path,
                                const std::function<bool(const std::string&, int)>& keep) {
  io::CsvReader reader(in, path);
  std::vector<std::string> rec, header;
  if (!reader.next(header)) throw InputError(path, "", "empty table");
  auto col = [&](const char* name, bool required) {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return static_cast<int>(i);
    if (required) throw InputError(path, "line 1", std::string("no column '") + name + "'");
    return -1;
  };
  const int year = col("year", true), metric = col("metric", true), mean = col("mean", true),
            sd = col("sd", true), p05 = col("p05", true), p25 = col("p25", true),
            p50 = col("p50", true), p75 = col("p75", true), p95 = col("p95", true),
            n = col("n", true);
  // The key: a region id (regions_stats), an iso3 (countries_stats), none (yearly_stats).
  int key = col("iso3", false);
  if (key < 0) key = col("region", false);
  const int name = col("name", false);
  std::vector<StatRow> rows;
  while (reader.next(rec)) {
    if (rec.size() != header.size())
      throw InputError(path, "line " + std::to_string(reader.line()), "ragged row");
    auto num = [&](int c) { return io::parse_number(rec[c], path, reader.line(), header[c]); };
    const int y = static_cast<int>(num(year));
    if (!keep(rec[metric], y)) continue;
    StatRow r;
    r.year = y;
    r.metric = rec[metric];
    r.key = key >= 0 ? rec[key] : "all";
    r.name = name >= 0 ? rec[name] : "";
    r.mean = num(mean), r.sd = num(sd), r.p05 = num(p05), r.p25 = num(p25);
    r.p50 = num(p50), r.p75 = num(p75), r.p95 = num(p95), r.n = num(n);
    rows.push_back(std::move(r));
  }
  return rows;
}

namespace {

double optional_number(const std::string& text, const std::string& path, std::size_t line,
                       const std::string& column) {
  return text.empty() ? kNaN : io::parse_number(text, path, line, column);
}

// Welch's interval for a difference of two means from summary statistics.
Difference welch_from_stats(const StatRow& base, const StatRow& other, double level) {
  Difference d;
  d.year = other.year;
  d.metric = other.metric;
  d.diff = other.mean - base.mean;
  const double vb = base.n > 1 ? base.sd * base.sd / base.n : kNaN;
  const double vo = other.n > 1 ? other.sd * other.sd / other.n : kNaN;
  const double se2 = vb + vo;
  d.ci_low = d.ci_high = kNaN;
  if (std::isfinite(se2) && se2 > 0) {
    const double nu = se2 * se2 / (vb * vb / (base.n - 1) + vo * vo / (other.n - 1));
    const boost::math::students_t dist(nu);
    const double half = boost::math::quantile(dist, 1 - (1 - level) / 2) * std::sqrt(se2);
    d.ci_low = d.diff - half, d.ci_high = d.diff + half;
  } else if (se2 == 0) {
    d.ci_low = d.ci_high = d.diff;  // both runs have no spread: the difference is exact
  }
  return d;
}

}  // namespace

std::vector<SensitivityRow> read_sensitivity(std::istream& in, const std::string& path) {
  const io::CsvTable t = io::read_csv(in, path);
  const int method = t.column("method"), metric = t.column("metric"),
            parameter = t.column("parameter"), index = t.column("index"), value = t.column("value"),
            lo = t.column("ci_low"), hi = t.column("ci_high"), floor = t.column("noise_floor"),
            noise = t.column("noise");
  for (int c : {method, metric, parameter, index, value, lo, hi, floor, noise})
    if (c < 0) throw InputError(path, "line 1", "not a sensitivity table");
  std::vector<SensitivityRow> rows;
  std::size_t line = 1;
  for (const auto& rec : t.rows) {
    ++line;
    SensitivityRow r;
    r.method = rec[method], r.metric = rec[metric], r.parameter = rec[parameter];
    r.index = rec[index], r.noise = rec[noise];
    r.value = optional_number(rec[value], path, line, "value");
    r.ci_low = optional_number(rec[lo], path, line, "ci_low");
    r.ci_high = optional_number(rec[hi], path, line, "ci_high");
    r.noise_floor = optional_number(rec[floor], path, line, "noise_floor");
    rows.push_back(std::move(r));
  }
  return rows;
}

void compute_differences(Input& input) {
  input.differences.clear();
  input.interval_kinds.clear();
  if (input.runs.size() < 2) return;
  const RunData& base = input.runs.front();
  std::map<std::pair<std::string, int>, const StatRow*> base_rows;
  for (const auto& r : base.yearly) base_rows[{r.metric, r.year}] = &r;
  for (std::size_t i = 1; i < input.runs.size(); ++i) {
    const RunData& other = input.runs[i];
    bool done = false;
    if (base.open_yearly_reps && other.open_yearly_reps) {
      // Pair replication by replication where the seeds and ensembles agree (model/compare).
      auto to_run = [](const RunData& r) {
        compare::Run c;
        c.label = r.label, c.dir = r.dir, c.table_path = r.yearly_reps_path;
        c.seed = r.manifest.value("seed", std::uint64_t{0});
        const json& p = r.manifest.value("parameters", json());
        c.parameters = p.is_object() ? p.value("ensemble", json()).dump() : std::string();
        c.open = r.open_yearly_reps;
        return c;
      };
      compare::Options o;
      o.metrics = input.options.metrics;
      o.level = input.options.level;
      const compare::Comparison c = compare_runs(to_run(base), {to_run(other)}, o);
      for (const auto& row : c.rows) {
        if (row.view != compare::View::kYear) continue;
        input.differences.push_back({other.label, row.metric, row.year_from, row.stats.diff,
                                     row.stats.ci_low, row.stats.ci_high});
      }
      input.interval_kinds.emplace_back(other.label,
                                        std::string(compare::interval_name(c.pairs[0].interval)));
      done = true;
    }
    if (done) continue;
    for (const auto& r : other.yearly) {
      const auto b = base_rows.find({r.metric, r.year});
      if (b == base_rows.end()) continue;
      Difference d = welch_from_stats(*b->second, r, input.options.level);
      d.scenario = other.label;
      input.differences.push_back(d);
    }
    input.interval_kinds.emplace_back(other.label, "welch");
  }
}

void finish_inputs(Input& input) {
  std::map<std::string, int> seen;
  for (auto& r : input.runs)
    if (const int k = seen[r.label]++; k > 0) r.label += " (" + std::to_string(k + 1) + ")";
  compute_differences(input);
}

}  // namespace ccsim::report
