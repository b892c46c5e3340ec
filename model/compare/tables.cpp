#include "model/compare/tables.hpp"

#include <set>

namespace ccsim::compare::detail {

Layout layout_of(const Run& run, const std::vector<std::string>& header, By by) {
  io::CsvTable t;  // for its column lookup
  t.header = header;
  Layout l;
  std::vector<std::string> keys = {"replication", "year"};
  std::vector<std::string> not_metrics = keys;
  if (by == By::kCountry) {
    keys.push_back("iso3");
    not_metrics.push_back("iso3");
    not_metrics.push_back("br64");
  } else if (by == By::kSector) {
    keys.push_back("sector");
    not_metrics.push_back("sector");
  }
  std::vector<Issue> issues;
  for (const auto& k : keys)
    if (t.column(k) < 0)
      issues.push_back(
          {run.table_path, "header",
           "no '" + k + "' column: not a ccsim " + std::string(table_file(by)) + " table"});
  if (!issues.empty()) throw InputError(std::move(issues));
  l.replication = t.column("replication");
  l.year = t.column("year");
  if (by != By::kYear) l.key = t.column(keys.back());
  for (const auto& h : t.header)
    if (std::find(not_metrics.begin(), not_metrics.end(), h) == not_metrics.end())
      l.metrics.push_back(h);
  return l;
}

long long parse_integer(const std::string& text, const Run& run, std::size_t line,
                        const char* column) {
  const double v = io::parse_number(text, run.table_path, line, column);
  if (!(std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15))
    throw InputError(run.table_path, "line " + std::to_string(line) + ", column " + column,
                     "expected an integer, found '" + text + "'");
  return static_cast<long long>(v);
}

int parse_year(const std::string& text, const Run& run, std::size_t line) {
  const long long y = parse_integer(text, run, line, "year");
  if (y < std::numeric_limits<int>::min() || y > std::numeric_limits<int>::max())
    throw InputError(run.table_path, "line " + std::to_string(line) + ", column year",
                     "year out of range");
  return static_cast<int>(y);
}

Scan scan_run(const Run& run, const Layout& layout) {
  Rows rows(run);
  rows.order_by(layout.replication);
  Scan p;
  std::set<int> years;
  std::set<std::pair<std::size_t, int>> seen;  // this replication's (key, year)
  long long current = -1;
  const std::vector<std::string>* row = nullptr;
  long long rep = 0;
  std::size_t count = 0;
  while (rows.next(row, rep)) {
    ++count;
    const int y = parse_year((*row)[static_cast<std::size_t>(layout.year)], run, rows.line());
    years.insert(y);
    const std::string& key =
        layout.key < 0 ? kAllKey : (*row)[static_cast<std::size_t>(layout.key)];
    const auto k = p.key_index.emplace(key, p.keys.size());
    if (k.second) p.keys.push_back(key);
    if (rep != current) seen.clear();
    current = rep;
    if (!seen.emplace(k.first->second, y).second)
      throw InputError(run.table_path, "line " + std::to_string(rows.line()),
                       "duplicate row for replication " + std::to_string(rep) + ", year " +
                           std::to_string(y) + (layout.key < 0 ? std::string() : ", " + key));
  }
  if (count == 0) throw InputError(run.table_path, "", "the table has no rows");
  p.years.assign(years.begin(), years.end());
  return p;
}

}  // namespace ccsim::compare::detail
