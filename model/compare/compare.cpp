#include "model/compare/compare.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <ostream>
#include <set>
#include <unordered_map>

#include "model/compare/tables.hpp"
#include "model/error.hpp"

namespace ccsim::compare {

namespace {

using detail::kAllKey;
using detail::Layout;
using detail::layout_of;
using detail::parse_year;
using detail::Rows;
using detail::Scan;
using detail::scan_run;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string num(double x) {
  return io::format_number(x);
}

// A statistic of a side with no replication, or of a difference with no pair, is not a number
// that could be computed and came out nan: there is nothing, and the cell is empty.
std::string num(double x, std::size_t n) {
  return n == 0 ? std::string() : num(x);
}
std::size_t pairs(const Row& r) {
  return std::min(r.stats.n_base, r.stats.n_other);
}

// Every output column, in order. The writer and the docs check both read this table, so a column
// cannot be added in one place and forgotten in the other.
const std::vector<Column> kColumns = {
    {"scenario", "-",
     "label of the compared (other) run: its scenario_name, or its directory when "
     "two runs share a scenario_name",
     [](const Row& r) { return io::quote_field(r.scenario); }},
    {"base", "-", "label of the base run, chosen the same way",
     [](const Row& r) { return io::quote_field(r.base); }},
    {"metric", "-", "metric column of the run table",
     [](const Row& r) { return io::quote_field(r.metric); }},
    {"view", "-",
     "`year`: one year; `cumulative`: each replication's values summed over "
     "year_from..year_to, then compared",
     [](const Row& r) { return std::string(view_name(r.view)); }},
    {"year_from", "year", "first year of the row (equal to year_to in the year view)",
     [](const Row& r) { return std::to_string(r.year_from); }},
    {"year_to", "year", "last year of the row, inclusive",
     [](const Row& r) { return std::to_string(r.year_to); }},
    {"by", "-", "`year`, `country` or `sector`: which run table was compared, and so what key is",
     [](const Row& r) { return std::string(by_name(r.by)); }},
    {"key", "-", "country iso3 or sector name; `all` when by is `year`",
     [](const Row& r) { return io::quote_field(r.key); }},
    {"base_mean", "metric",
     "mean over the base run's replications used; empty when there are none (n_base 0)",
     [](const Row& r) { return num(r.stats.base_mean, r.stats.n_base); }},
    {"other_mean", "metric",
     "mean over the other run's replications used; empty when there are none (n_other "
     "0)",
     [](const Row& r) { return num(r.stats.other_mean, r.stats.n_other); }},
    {"diff", "metric",
     "other minus base: the mean of per-replication differences when paired, the "
     "difference of means when welch; empty, as rel_diff and the interval, when a side has no "
     "replication",
     [](const Row& r) { return num(r.stats.diff, pairs(r)); }},
    {"rel_diff", "fraction", "diff / base_mean (0.1 means +10%); nan when base_mean is 0",
     [](const Row& r) { return num(r.stats.rel_diff, pairs(r)); }},
    {"ci_low", "metric",
     "lower end of the 95% confidence interval of diff; nan when it cannot be "
     "estimated (fewer than 2 replications on a side)",
     [](const Row& r) { return num(r.stats.ci_low, pairs(r)); }},
    {"ci_high", "metric", "upper end of the 95% confidence interval of diff",
     [](const Row& r) { return num(r.stats.ci_high, pairs(r)); }},
    {"interval", "-",
     "`paired` (same seed: common random numbers, interval over per-replication "
     "differences) or `welch` (independent runs)",
     [](const Row& r) { return std::string(interval_name(r.stats.interval)); }},
    {"n_base", "replications", "base replications used; when paired, the number of pairs",
     [](const Row& r) { return std::to_string(r.stats.n_base); }},
    {"n_other", "replications", "other replications used; when paired, the number of pairs",
     [](const Row& r) { return std::to_string(r.stats.n_other); }},
    {"significant", "0/1", "1 when the interval is finite and excludes zero",
     [](const Row& r) { return std::string(r.stats.significant ? "1" : "0"); }},
};

double t_quantile(double df, double level) {
  boost::math::students_t dist(df);
  return boost::math::quantile(dist, 1.0 - (1.0 - level) / 2.0);
}

void check_level(double level) {
  if (!(level > 0.0 && level < 1.0))
    throw InputError("", "level", "confidence level must be in (0, 1), got " + num(level));
}

struct Moments {
  std::size_t n = 0;
  double mean = kNaN;
  double var = kNaN;  // sample variance; nan when n < 2
};

// Running mean and sum of squared deviations (Welford), so that a comparison keeps a few numbers
// per row rather than every replication: numerically stable for large, close values.
struct Running {
  std::size_t n = 0;
  double mean = 0, m2 = 0;
  void add(double x) {
    ++n;
    const double delta = x - mean;
    mean += delta / static_cast<double>(n);
    m2 += delta * (x - mean);
  }
  Moments moments() const {
    Moments m;
    m.n = n;
    if (n == 0) return m;
    m.mean = mean;
    if (n >= 2) m.var = m2 / static_cast<double>(n - 1);
    return m;
  }
};

// Finite values only.
struct Side {
  Running r;
  void add(double x) {
    if (std::isfinite(x)) r.add(x);
  }
};

// Pairs whose both values are finite: the means of each side and of the differences.
struct PairSums {
  Running base, other, diff;
  void add(double b, double o) {
    if (!std::isfinite(b) || !std::isfinite(o)) return;
    base.add(b);
    other.add(o);
    diff.add(o - b);
  }
};

void finish(Stats& s, double half_width) {
  s.rel_diff = (std::isfinite(s.base_mean) && s.base_mean != 0.0) ? s.diff / s.base_mean : kNaN;
  s.ci_low = s.diff - half_width;
  s.ci_high = s.diff + half_width;
  s.significant =
      std::isfinite(s.ci_low) && std::isfinite(s.ci_high) && (s.ci_low > 0.0 || s.ci_high < 0.0);
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

std::string span(const std::vector<int>& years) {
  if (years.empty()) return "none";
  return std::to_string(years.front()) + "-" + std::to_string(years.back());
}

std::vector<std::string> select_metrics(const Run& base, const std::vector<Run>& others,
                                        const std::vector<Layout>& layouts,
                                        const Options& options) {
  std::vector<Issue> issues;
  if (options.metrics.empty()) {
    // Without an explicit list the metric sets must match: a column only one run has is a sign
    // the runs come from different model versions, and silently dropping it would hide that.
    const std::set<std::string> b(layouts[0].metrics.begin(), layouts[0].metrics.end());
    for (std::size_t i = 0; i < others.size(); ++i) {
      const std::set<std::string> o(layouts[i + 1].metrics.begin(), layouts[i + 1].metrics.end());
      std::vector<std::string> only_base, only_other;
      std::set_difference(b.begin(), b.end(), o.begin(), o.end(), std::back_inserter(only_base));
      std::set_difference(o.begin(), o.end(), b.begin(), b.end(), std::back_inserter(only_other));
      if (only_base.empty() && only_other.empty()) continue;
      std::string msg = "metric columns differ from the base run's (" + base.table_path + ")";
      if (!only_base.empty()) msg += "; only in the base: " + join(only_base);
      if (!only_other.empty()) msg += "; only in this run: " + join(only_other);
      issues.push_back({others[i].table_path, "header",
                        msg + "; pass --metrics to compare the metrics they share"});
    }
    if (!issues.empty()) throw InputError(std::move(issues));
    if (layouts[0].metrics.empty())
      throw InputError(base.table_path, "header", "the table has no metric columns");
    return layouts[0].metrics;
  }
  std::set<std::string> dup;
  for (const auto& m : options.metrics) {
    if (!dup.insert(m).second) {
      issues.push_back({"", "--metrics", "metric '" + m + "' given twice"});
      continue;
    }
    for (std::size_t i = 0; i <= others.size(); ++i) {
      const auto& l = layouts[i].metrics;
      if (std::find(l.begin(), l.end(), m) == l.end())
        issues.push_back({i == 0 ? base.table_path : others[i - 1].table_path, "--metrics",
                          "no metric column '" + m + "'"});
    }
  }
  if (!issues.empty()) throw InputError(std::move(issues));
  return options.metrics;
}

std::vector<int> select_years(const Run& base, const std::vector<Run>& others,
                              const std::vector<Scan>& panels, const Options& options) {
  std::vector<Issue> issues;
  if (options.year_from || options.year_to) {
    const int a = options.year_from.value_or(std::numeric_limits<int>::min());
    const int b = options.year_to.value_or(std::numeric_limits<int>::max());
    if (a > b)
      throw InputError("", "--years",
                       "the range is empty: " + std::to_string(a) + " > " + std::to_string(b));
    // A requested range must be covered by every run: a "total 2017-2030" quietly computed over
    // fewer years would read as what was asked for.
    std::vector<int> years;
    const auto& bp = panels[0].years;
    for (int y : bp)
      if (y >= a && y <= b) years.push_back(y);
    const int lo = options.year_from ? a : (years.empty() ? 0 : years.front());
    const int hi = options.year_to ? b : (years.empty() ? 0 : years.back());
    for (std::size_t i = 0; i < panels.size(); ++i) {
      const auto& run = i == 0 ? base : others[i - 1];
      std::vector<int> missing;
      for (long long y = lo; y <= hi && !years.empty(); ++y)
        if (!panels[i].year_pos(static_cast<int>(y))) missing.push_back(static_cast<int>(y));
      if (years.empty() && i == 0)
        issues.push_back({run.table_path, "--years",
                          "no year in the requested range; the run has years " + span(bp)});
      else if (!missing.empty())
        issues.push_back({run.table_path, "--years",
                          "the run has years " + span(panels[i].years) + ", missing " +
                              std::to_string(missing.size()) + " of the requested years " +
                              std::to_string(lo) + "-" + std::to_string(hi) + " (first missing " +
                              std::to_string(missing.front()) + ")"});
    }
    if (!issues.empty()) throw InputError(std::move(issues));
    std::vector<int> all;
    for (long long y = lo; y <= hi; ++y) all.push_back(static_cast<int>(y));
    return all;
  }
  std::vector<int> years = panels[0].years;
  for (std::size_t i = 1; i < panels.size(); ++i) {
    std::vector<int> common;
    std::set_intersection(years.begin(), years.end(), panels[i].years.begin(),
                          panels[i].years.end(), std::back_inserter(common));
    if (common.empty()) {
      std::vector<int> pairwise;
      std::set_intersection(panels[0].years.begin(), panels[0].years.end(), panels[i].years.begin(),
                            panels[i].years.end(), std::back_inserter(pairwise));
      issues.push_back(
          {others[i - 1].table_path, "year",
           "years " + span(panels[i].years) +
               (pairwise.empty() ? " do not overlap the base run's years "
                                 : " share no year with every other run; base years ") +
               span(panels[0].years) + " (" + base.table_path + ")"});
      continue;
    }
    years = std::move(common);
  }
  if (!issues.empty()) throw InputError(std::move(issues));
  return years;
}

void check_labels(const std::vector<Run>& others) {
  std::set<std::string> seen;
  std::vector<Issue> issues;
  for (const auto& o : others)
    if (!seen.insert(o.label).second)
      issues.push_back({o.dir, "",
                        "two compared runs share the label '" + o.label +
                            "' (the same run given twice?); output rows would collide"});
  if (!issues.empty()) throw InputError(std::move(issues));
}

}  // namespace

std::string_view by_name(By by) {
  switch (by) {
    case By::kYear:
      return "year";
    case By::kCountry:
      return "country";
    case By::kSector:
      return "sector";
  }
  return "year";
}

std::optional<By> parse_by(std::string_view name) {
  for (By b : {By::kYear, By::kCountry, By::kSector})
    if (by_name(b) == name) return b;
  return std::nullopt;
}

std::string_view table_file(By by) {
  switch (by) {
    case By::kYear:
      return "yearly.csv";
    case By::kCountry:
      return "countries.csv";
    case By::kSector:
      return "sectors.csv";
  }
  return "yearly.csv";
}

std::string_view view_name(View v) {
  return v == View::kYear ? "year" : "cumulative";
}

std::string_view interval_name(Interval i) {
  return i == Interval::kPaired ? "paired" : "welch";
}

namespace {

Stats paired_stats(const PairSums& p, double level) {
  Stats s;
  s.interval = Interval::kPaired;
  s.n_base = s.n_other = p.diff.n;
  const Moments md = p.diff.moments();
  s.base_mean = p.base.moments().mean;
  s.other_mean = p.other.moments().mean;
  s.diff = md.mean;
  double half = kNaN;
  if (md.n >= 2) {
    const double sd = std::sqrt(std::max(0.0, md.var));
    half = sd == 0.0 ? 0.0
                     : t_quantile(static_cast<double>(md.n - 1), level) * sd /
                           std::sqrt(static_cast<double>(md.n));
  }
  finish(s, half);
  return s;
}

Stats welch_stats(const Moments& mb, const Moments& mo, double level) {
  Stats s;
  s.interval = Interval::kWelch;
  s.n_base = mb.n;
  s.n_other = mo.n;
  s.base_mean = mb.mean;
  s.other_mean = mo.mean;
  s.diff = mo.mean - mb.mean;
  double half = kNaN;
  if (mb.n >= 2 && mo.n >= 2) {
    const double vb = mb.var / static_cast<double>(mb.n);
    const double vo = mo.var / static_cast<double>(mo.n);
    const double se2 = vb + vo;
    if (se2 == 0.0) {
      half = 0.0;
    } else {
      const double nu =
          se2 * se2 /
          (vb * vb / static_cast<double>(mb.n - 1) + vo * vo / static_cast<double>(mo.n - 1));
      half = t_quantile(nu, level) * std::sqrt(se2);
    }
  }
  finish(s, half);
  return s;
}

Moments moments(const std::vector<double>& x) {
  Side side;
  for (double v : x) side.add(v);
  return side.r.moments();
}

}  // namespace

Stats paired_difference(const std::vector<double>& base, const std::vector<double>& other,
                        double level) {
  check_level(level);
  PairSums p;
  for (std::size_t r = 0; r < std::min(base.size(), other.size()); ++r) p.add(base[r], other[r]);
  return paired_stats(p, level);
}

Stats welch_difference(const std::vector<double>& base, const std::vector<double>& other,
                       double level) {
  check_level(level);
  return welch_stats(moments(base), moments(other), level);
}

Comparison compare_runs(const Run& base, const std::vector<Run>& others, const Options& options) {
  check_level(options.level);
  if (others.empty()) throw InputError("", "", "nothing to compare: give at least one other run");
  check_labels(others);
  const std::size_t runs = others.size() + 1;
  auto run_at = [&](std::size_t i) -> const Run& { return i == 0 ? base : others[i - 1]; };

  std::vector<Layout> layouts;
  std::vector<Issue> issues;
  for (std::size_t i = 0; i < runs; ++i) {
    try {
      layouts.push_back(layout_of(run_at(i), Rows(run_at(i)).header(), options.by));
    } catch (const InputError& e) {
      issues.insert(issues.end(), e.issues().begin(), e.issues().end());
    }
  }
  if (!issues.empty()) throw InputError(std::move(issues));

  Comparison c;
  c.base = base.label;
  c.metrics = select_metrics(base, others, layouts, options);
  std::vector<Scan> scans;
  for (std::size_t i = 0; i < runs; ++i) scans.push_back(scan_run(run_at(i), layouts[i]));
  c.years = select_years(base, others, scans, options);

  // Every key of every run, and where each compared year sits among them.
  Scan all;
  for (const auto& p : scans)
    for (const auto& k : p.keys)
      if (all.key_index.emplace(k, all.keys.size()).second) all.keys.push_back(k);
  std::unordered_map<int, std::size_t> year_slot;
  for (std::size_t y = 0; y < c.years.size(); ++y) year_slot[c.years[y]] = y;
  const std::size_t M = c.metrics.size(), K = all.keys.size(), Y = c.years.size();
  // A cell per metric, key and year, and one more per metric and key for the cumulative view.
  const std::size_t cells = M * K * (Y + 1);
  auto cell = [&](std::size_t m, std::size_t k, std::size_t y) {
    return (m * K + k) * (Y + 1) + y;
  };

  std::vector<bool> paired(runs, false);
  for (std::size_t i = 1; i < runs; ++i) {
    const Run& run = others[i - 1];
    const bool same_parameters = run.parameters == base.parameters;
    paired[i] = options.pairing == Pairing::kAuto && run.seed == base.seed && same_parameters;
    c.pairs.push_back({run.label, paired[i] ? Interval::kPaired : Interval::kWelch, base.seed,
                       run.seed, same_parameters});
  }

  // The second pass: all runs in step, a replication at a time. What is kept is a few running
  // sums per output row and one replication's values per run, whatever the replications.
  std::vector<std::vector<Side>> sides(runs, std::vector<Side>(cells));
  std::vector<std::vector<PairSums>> pair_sums(runs);
  for (std::size_t i = 1; i < runs; ++i)
    if (paired[i]) pair_sums[i].resize(cells);
  struct Cursor {
    std::unique_ptr<Rows> rows;
    const std::vector<std::string>* row = nullptr;
    long long rep = 0;
    bool more = false;
    std::vector<std::size_t> metric_col;
    std::vector<double> values;  // this replication's, by cell; nan where absent
  };
  std::vector<Cursor> cursors(runs);
  for (std::size_t i = 0; i < runs; ++i) {
    Cursor& cu = cursors[i];
    cu.rows = std::make_unique<Rows>(run_at(i));
    cu.rows->order_by(layouts[i].replication);
    const auto& h = cu.rows->header();
    for (const auto& m : c.metrics)
      cu.metric_col.push_back(
          static_cast<std::size_t>(std::find(h.begin(), h.end(), m) - h.begin()));
    cu.values.resize(cells);
    cu.more = cu.rows->next(cu.row, cu.rep);
  }
  for (;;) {
    long long rep = std::numeric_limits<long long>::max();
    for (const auto& cu : cursors)
      if (cu.more) rep = std::min(rep, cu.rep);
    if (rep == std::numeric_limits<long long>::max()) break;
    for (std::size_t i = 0; i < runs; ++i) {
      Cursor& cu = cursors[i];
      std::fill(cu.values.begin(), cu.values.end(), kNaN);
      if (!cu.more || cu.rep != rep) continue;
      const Run& run = run_at(i);
      const Layout& l = layouts[i];
      while (cu.more && cu.rep == rep) {
        const auto& row = *cu.row;
        const int year = parse_year(row[static_cast<std::size_t>(l.year)], run, cu.rows->line());
        const auto ys = year_slot.find(year);
        if (ys != year_slot.end()) {
          const std::size_t k =
              all.key_index.at(l.key < 0 ? kAllKey : row[static_cast<std::size_t>(l.key)]);
          for (std::size_t m = 0; m < M; ++m)
            cu.values[cell(m, k, ys->second)] = io::parse_number(
                row[cu.metric_col[m]], run.table_path, cu.rows->line(), c.metrics[m]);
        }
        cu.more = cu.rows->next(cu.row, cu.rep);
      }
      // The sum over the compared years: nan when a year is absent or not finite.
      for (std::size_t m = 0; m < M; ++m)
        for (std::size_t k = 0; k < K; ++k) {
          double sum = 0;
          for (std::size_t y = 0; y < Y; ++y) sum += cu.values[cell(m, k, y)];
          cu.values[cell(m, k, Y)] = sum;
        }
    }
    for (std::size_t i = 0; i < runs; ++i) {
      for (std::size_t x = 0; x < cells; ++x) sides[i][x].add(cursors[i].values[x]);
      if (paired[i])
        for (std::size_t x = 0; x < cells; ++x)
          pair_sums[i][x].add(cursors[0].values[x], cursors[i].values[x]);
    }
  }

  const Scan& bp = scans[0];
  for (std::size_t i = 1; i < runs; ++i) {
    const Run& run = others[i - 1];
    // Keys of either run: one only the other run has (a new country, say) shows up with n_base 0
    // rather than disappearing.
    std::vector<std::size_t> keys;
    for (const auto& k : bp.keys) keys.push_back(all.key_index.at(k));
    for (const auto& k : scans[i].keys)
      if (!bp.key_pos(k)) keys.push_back(all.key_index.at(k));
    auto stats = [&](std::size_t x) {
      return paired[i]
                 ? paired_stats(pair_sums[i][x], options.level)
                 : welch_stats(sides[0][x].r.moments(), sides[i][x].r.moments(), options.level);
    };
    for (std::size_t m = 0; m < M; ++m) {
      Row row;
      row.scenario = run.label;
      row.base = base.label;
      row.metric = c.metrics[m];
      row.by = options.by;
      row.view = View::kYear;
      for (std::size_t y = 0; y < Y; ++y) {
        row.year_from = row.year_to = c.years[y];
        for (std::size_t k : keys) {
          row.key = all.keys[k];
          row.stats = stats(cell(m, k, y));
          c.rows.push_back(row);
        }
      }
      row.view = View::kCumulative;
      row.year_from = c.years.front();
      row.year_to = c.years.back();
      for (std::size_t k : keys) {
        row.key = all.keys[k];
        row.stats = stats(cell(m, k, Y));
        c.rows.push_back(row);
      }
    }
  }
  return c;
}

const std::vector<Column>& output_columns() {
  return kColumns;
}

void write_csv(std::ostream& out, const std::vector<Row>& rows) {
  for (std::size_t i = 0; i < kColumns.size(); ++i) out << (i ? "," : "") << kColumns[i].name;
  out << '\n';
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < kColumns.size(); ++i)
      out << (i ? "," : "") << kColumns[i].field(row);
    out << '\n';
  }
}

std::vector<const Row*> largest_changes(const std::vector<Row>& rows, std::size_t n) {
  std::vector<const Row*> sig;
  for (const auto& r : rows)
    if (r.stats.significant && std::isfinite(r.stats.rel_diff)) sig.push_back(&r);
  std::stable_sort(sig.begin(), sig.end(), [](const Row* a, const Row* b) {
    return std::fabs(a->stats.rel_diff) > std::fabs(b->stats.rel_diff);
  });
  if (sig.size() > n) sig.resize(n);
  return sig;
}

namespace {

std::string short_number(double x) {
  if (!std::isfinite(x)) return io::format_number(x);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", x);
  return buf;
}

std::string percent(double x) {
  if (!std::isfinite(x)) return io::format_number(x);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.1f%%", 100.0 * x);
  return buf;
}

}  // namespace

void write_summary(std::ostream& out, const Comparison& c, std::size_t n) {
  out << "base: " << c.base << "; years " << span(c.years) << "; 95% intervals\n";
  for (const auto& p : c.pairs) {
    out << "  " << p.label << ": " << interval_name(p.interval);
    if (p.interval == Interval::kPaired)
      out << " (same seed " << p.base_seed << ": common random numbers)\n";
    else if (!p.same_parameters)
      out << " (parameter ensembles differ: replications do not pair)\n";
    else if (p.base_seed == p.other_seed)
      out << " (same seed " << p.base_seed << ", pairing turned off)\n";
    else
      out << " (seeds " << p.other_seed << " and " << p.base_seed << " differ)\n";
  }
  std::size_t significant = 0;
  for (const auto& r : c.rows) significant += r.stats.significant ? 1 : 0;
  out << significant << " of " << c.rows.size()
      << " differences have an interval excluding zero (not adjusted for multiple comparisons)\n";
  // Rows with nothing to compare are said so, with their metrics, rather than shown as nan.
  std::size_t empty = 0;
  std::vector<std::string> empty_metrics;
  for (const auto& r : c.rows) {
    if (pairs(r) > 0) continue;
    ++empty;
    if (std::find(empty_metrics.begin(), empty_metrics.end(), r.metric) == empty_metrics.end())
      empty_metrics.push_back(r.metric);
  }
  if (empty > 0) {
    out << empty << " of " << c.rows.size()
        << " rows have no replication to compare on a side (n = 0; their statistics are empty):";
    for (std::size_t i = 0; i < empty_metrics.size() && i < 5; ++i)
      out << (i ? ", " : " ") << empty_metrics[i];
    if (empty_metrics.size() > 5) out << " and " << empty_metrics.size() - 5 << " more metrics";
    out << "\n";
  }
  const auto top = largest_changes(c.rows, n);
  if (top.empty()) return;
  out << "largest relative changes:\n";
  std::vector<std::vector<std::string>> cells = {
      {"scenario", "metric", "years", "key", "base_mean", "other_mean", "change", "diff 95% CI"}};
  for (const Row* r : top) {
    const std::string years = r->year_from == r->year_to ? std::to_string(r->year_from)
                                                         : std::to_string(r->year_from) + "-" +
                                                               std::to_string(r->year_to) + " sum";
    cells.push_back(
        {r->scenario, r->metric, years, r->key, short_number(r->stats.base_mean),
         short_number(r->stats.other_mean), percent(r->stats.rel_diff),
         "[" + short_number(r->stats.ci_low) + ", " + short_number(r->stats.ci_high) + "]"});
  }
  std::vector<std::size_t> width(cells[0].size(), 0);
  for (const auto& line : cells)
    for (std::size_t j = 0; j < line.size(); ++j) width[j] = std::max(width[j], line[j].size());
  for (const auto& line : cells) {
    out << " ";
    for (std::size_t j = 0; j < line.size(); ++j) {
      // Text left, numbers right, as a reader scans them.
      const bool right = j >= 4 && j <= 6;
      const std::string pad(width[j] - line[j].size(), ' ');
      out << ' ' << (right ? pad + line[j] : line[j] + (j + 1 < line.size() ? pad : ""));
    }
    out << '\n';
  }
}

}  // namespace ccsim::compare
