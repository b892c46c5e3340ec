#include "model/io/outputs.hpp"

#include <charconv>
#include <cstring>
#include <ostream>
#include <string_view>

#include "model/io/csv.hpp"
#include "model/io/number_text.hpp"
#include "model/metrics.hpp"
#include "model/revision.hpp"
#include "model/stats.hpp"

namespace ccsim::io {

namespace {

template <std::size_t N>
std::string header(const char* keys, const std::array<MetricDef, N>& defs) {
  std::string s = keys;
  for (const auto& d : defs) (s += ',') += d.name;
  return s += '\n';
}

void append_int(std::string& out, long long v) {
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, res.ptr);
}

// A row appended to `out`: "replication,year", the keys if any, the values, each after a comma,
// then a newline; `write` writes one number at a pointer and returns its end. The row is written
// into a buffer and appended a buffer at a time, not a string append (a capacity check and a call
// to copy a few bytes) a field.
template <class Write>
void append_fields(std::string& out, int replication, int year, std::string_view keys,
                   const Eigen::Ref<const Eigen::ArrayXXd>& values, Write write) {
  char buf[2048];
  char* const end = buf + sizeof buf;
  char* p = std::to_chars(buf, buf + 16, replication).ptr;
  *p++ = ',';
  p = std::to_chars(p, p + 16, year).ptr;
  if (!keys.empty()) {
    *p++ = ',';
    if (keys.size() >= static_cast<std::size_t>(end - p)) {  // keeps a byte for the newline
      out.append(buf, p);
      out += keys;
      p = buf;
    } else {
      std::memcpy(p, keys.data(), keys.size());
      p += keys.size();
    }
  }
  // The values' address and stride in locals: the text's char stores might alias the Ref, so
  // values(0, m) would reload both a cell.
  const double* const data = values.data();
  const Eigen::Index stride = values.outerStride(), cols = values.cols();
  for (Eigen::Index m = 0; m < cols; ++m) {
    if (p + 1 + kNumberChars > end) {
      out.append(buf, p);
      p = buf;
    }
    *p++ = ',';
    p = write(p, data[m * stride]);
  }
  *p++ = '\n';  // room left by the test above
  out.append(buf, p);
}

void append_row(std::string& out, int replication, int year,
                const Eigen::Ref<const Eigen::ArrayXXd>& values, int digits,
                std::string_view keys = {}) {
  // The default precision inline (number_text.hpp), without a call and a dispatch on the digits
  // a cell.
  if (digits == kCompactDigits)
    append_fields(out, replication, year, keys, values, number_text::write_number<kCompactDigits>);
  else
    append_fields(out, replication, year, keys, values,
                  [digits](char* p, double x) { return write_number(p, x, digits); });
}

// yearly_stats.csv from value(replication, year index, metric).
template <class Value>
void stats_rows(std::ostream& os, int start_year, int end_year, int replications, int digits,
                const Value& value) {
  os << "year,metric,mean,sd,p05,p25,p50,p75,p95,n\n";
  std::vector<double> v(static_cast<std::size_t>(replications));
  for (int y = start_year; y <= end_year; ++y)
    for (int m = 0; m < kYearlyMetrics; ++m) {
      for (int rep = 0; rep < replications; ++rep)
        v[static_cast<std::size_t>(rep)] = value(rep, y - start_year, m);
      const Summary s = summarise(v);
      os << y << ',' << kYearlyDefs[static_cast<std::size_t>(m)].def.name << ','
         << summary_cells(s, digits) << '\n';
    }
}

}  // namespace

std::string summary_cells(const Summary& s, int digits) {
  std::string out;
  for (double x : {s.mean, s.sd, s.p05, s.p25, s.p50, s.p75, s.p95}) {
    append_number(out, x, digits);
    out += ',';
  }
  append_int(out, s.n);
  return out;
}

std::string yearly_header() {
  std::string s = "replication,year";
  for (const auto& d : kYearlyDefs) (s += ',') += d.def.name;
  return s += '\n';
}

std::string countries_header() {
  return header("replication,year,iso3,br64", kCountryMetricDefs);
}

std::string sectors_header() {
  return header("replication,year,sector", kSectorMetricDefs);
}

void append_yearly_rows(std::string& out, int replication, const Eigen::ArrayXXd& yearly,
                        int start_year, int digits) {
  for (Eigen::Index y = 0; y < yearly.rows(); ++y)
    append_row(out, replication, start_year + static_cast<int>(y), yearly.row(y), digits);
}

void append_country_rows(std::string& out, int replication, const ReplicationResult& r,
                         int start_year, const World& w, int digits) {
  const int n = w.countries();
  const Eigen::Index years = r.countries.rows() / std::max(1, n);
  std::vector<std::string> keys(static_cast<std::size_t>(n));  // the same every year
  for (int c = 0; c < n; ++c) {
    std::string& k = keys[static_cast<std::size_t>(c)];
    k = w.iso3[static_cast<std::size_t>(c)];
    k += ',';
    append_number(k, w.br64(c));
  }
  for (Eigen::Index y = 0; y < years; ++y)
    for (int c = 0; c < n; ++c)
      append_row(out, replication, start_year + static_cast<int>(y), r.countries.row(y * n + c),
                 digits, keys[static_cast<std::size_t>(c)]);
}

void append_sector_rows(std::string& out, int replication, const ReplicationResult& r,
                        int start_year, int digits) {
  const auto sectors = static_cast<Eigen::Index>(kSectors);
  for (Eigen::Index y = 0; y < r.sectors.rows() / sectors; ++y)
    for (Eigen::Index k = 0; k < sectors; ++k)
      append_row(out, replication, start_year + static_cast<int>(y), r.sectors.row(y * sectors + k),
                 digits, kSectorKeys[static_cast<std::size_t>(k)]);
}

double YearlyTable::at(int replication, int year_index, int metric) const {
  const int years = end_year - start_year + 1;
  return values[(static_cast<std::size_t>(replication) * static_cast<std::size_t>(years) +
                 static_cast<std::size_t>(year_index)) *
                    kYearlyMetrics +
                static_cast<std::size_t>(metric)];
}

void write_yearly_stats(std::ostream& os, const YearlyTable& t, int digits) {
  stats_rows(os, t.start_year, t.end_year, t.replications, digits,
             [&](int rep, int y, int m) { return t.at(rep, y, m); });
}

void write_yearly(std::ostream& os, const RunResult& r, int digits) {
  os << yearly_header();
  std::string rows;
  for (std::size_t rep = 0; rep < r.replications.size(); ++rep) {
    rows.clear();
    append_yearly_rows(rows, static_cast<int>(rep), r.replications[rep].yearly, r.start_year,
                       digits);
    os << rows;
  }
}

void write_yearly_stats(std::ostream& os, const RunResult& r, int digits) {
  stats_rows(os, r.start_year, r.end_year, static_cast<int>(r.replications.size()), digits,
             [&](int rep, int y, int m) {
               return r.replications[static_cast<std::size_t>(rep)].yearly(y, m);
             });
}

void write_countries(std::ostream& os, const RunResult& r, const World& w, int digits) {
  os << countries_header();
  std::string rows;
  for (std::size_t rep = 0; rep < r.replications.size(); ++rep) {
    rows.clear();
    append_country_rows(rows, static_cast<int>(rep), r.replications[rep], r.start_year, w, digits);
    os << rows;
  }
}

void write_sectors(std::ostream& os, const RunResult& r, int digits) {
  os << sectors_header();
  std::string rows;
  for (std::size_t rep = 0; rep < r.replications.size(); ++rep) {
    rows.clear();
    append_sector_rows(rows, static_cast<int>(rep), r.replications[rep], r.start_year, digits);
    os << rows;
  }
}

bool OutputLayout::written(std::string_view table) const {
  if (table == "yearly.csv") return detail != Detail::kSummary;
  if (table == "countries.csv" || table == "sectors.csv") return detail == Detail::kFull;
  return true;
}

bool OutputLayout::gzipped(std::string_view table) const {
  if (table.size() < 4 || table.substr(table.size() - 4) != ".csv") return false;
  if (compression == Compression::kAll) return true;
  return compression == Compression::kLarge &&
         (table == "countries.csv" || table == "sectors.csv" || table == "countries_stats.csv");
}

std::string OutputLayout::file(std::string_view table) const {
  return std::string(table) + (gzipped(table) ? ".gz" : "");
}

std::string_view detail_name(Detail d) {
  switch (d) {
    case Detail::kFull:
      return "full";
    case Detail::kYearly:
      return "yearly";
    case Detail::kSummary:
      return "summary";
  }
  return "full";
}

std::string_view compression_name(Compression c) {
  switch (c) {
    case Compression::kLarge:
      return "large";
    case Compression::kAll:
      return "all";
    case Compression::kNone:
      return "none";
  }
  return "large";
}

nlohmann::json manifest(const Scenario& s, double wall_seconds, int threads,
                        const std::string& scenario_file, const OutputLayout& layout) {
  nlohmann::json m;
  m["program"] = "ccsim";
  m["kind"] = "run";  // by which `ccsim run --force` knows an output it may replace
  m["version"] = CCSIM_VERSION;
  m["git_revision"] = git_revision();
  m["scenario_name"] = s.name;
  m["scenario_file"] = scenario_file;
  m["seed"] = s.seed();
  m["replications"] = s.replications();
  m["start_year"] = s.start_year();
  m["end_year"] = s.end_year();
  m["threads"] = threads;
  m["wall_time_s"] = wall_seconds;
  m["scenario"] = s.resolved;
  m["detail"] = detail_name(layout.detail);
  m["compression"] = compression_name(layout.compression);
  // A number of significant digits, or "full" (shortest round-trip text).
  m["precision"] = layout.digits > 0 ? nlohmann::json(layout.digits) : nlohmann::json("full");
  const nlohmann::json files = {
      {"yearly.csv", "one row per replication and year"},
      {"yearly_stats.csv",
       "one row per year and metric: mean, sd, p05, p25, p50, p75, p95, n (totals of "
       "the 64 partners)"},
      {"countries_stats.csv",
       "one row per year, country and metric: the same statistics across replications"},
      {"regions_stats.csv",
       "one row per year, region and metric, over the 64 partners of each region"},
      {"sectors_stats.csv", "one row per year, sector and metric (64 partners)"},
      {"datapackage.json",
       "the tables' fields, types, units, meanings and keys (a Frictionless Data "
       "Package)"},
      {"countries.csv", "one row per replication, year and country"},
      {"sectors.csv", "one row per replication, year and sector (64 partners)"}};
  m["files"] = nlohmann::json::object();
  for (const auto& [table, what] : files.items())
    if (table.rfind(".json") != std::string::npos || layout.written(table))
      m["files"][layout.file(table)] = what;
  return m;
}

}  // namespace ccsim::io
