#include "model/io/outputs.hpp"

#include <ostream>

#include "model/io/csv.hpp"
#include "model/metrics.hpp"
#include "model/revision.hpp"
#include "model/stats.hpp"

namespace ccsim::io {

namespace {

template <std::size_t N>
void header(std::ostream& os, const char* keys, const std::array<MetricDef, N>& defs) {
  os << keys;
  for (const auto& d : defs) os << ',' << d.name;
  os << '\n';
}

void row(std::ostream& os, const Eigen::Ref<const Eigen::ArrayXXd>& values) {
  for (Eigen::Index m = 0; m < values.cols(); ++m) os << ',' << format_number(values(0, m));
  os << '\n';
}

}  // namespace

void write_yearly(std::ostream& os, const RunResult& r) {
  os << "replication,year";
  for (const auto& d : kYearlyDefs) os << ',' << d.def.name;
  os << '\n';
  for (std::size_t rep = 0; rep < r.replications.size(); ++rep)
    for (int y = r.start_year; y <= r.end_year; ++y) {
      os << rep << ',' << y;
      row(os, r.replications[rep].yearly.row(y - r.start_year));
    }
}

void write_yearly_stats(std::ostream& os, const RunResult& r) {
  os << "year,metric,mean,sd,p05,p50,p95,n\n";
  std::vector<double> v(r.replications.size());
  for (int y = r.start_year; y <= r.end_year; ++y)
    for (int m = 0; m < kYearlyMetrics; ++m) {
      for (std::size_t rep = 0; rep < r.replications.size(); ++rep)
        v[rep] = r.replications[rep].yearly(y - r.start_year, m);
      const Summary s = summarise(v);
      os << y << ',' << kYearlyDefs[static_cast<std::size_t>(m)].def.name << ','
         << format_number(s.mean) << ',' << format_number(s.sd) << ',' << format_number(s.p05)
         << ',' << format_number(s.p50) << ',' << format_number(s.p95) << ',' << s.n << '\n';
    }
}

void write_countries(std::ostream& os, const RunResult& r, const World& w) {
  header(os, "replication,year,iso3,br64", kCountryMetricDefs);
  const int n = w.countries();
  for (std::size_t rep = 0; rep < r.replications.size(); ++rep)
    for (int y = r.start_year; y <= r.end_year; ++y)
      for (int c = 0; c < n; ++c) {
        os << rep << ',' << y << ',' << w.iso3[static_cast<std::size_t>(c)] << ','
           << format_number(w.br64(c));
        row(os,
            r.replications[rep].countries.row(static_cast<Eigen::Index>(y - r.start_year) * n + c));
      }
}

void write_sectors(std::ostream& os, const RunResult& r) {
  header(os, "replication,year,sector", kSectorMetricDefs);
  for (std::size_t rep = 0; rep < r.replications.size(); ++rep)
    for (int y = r.start_year; y <= r.end_year; ++y)
      for (std::size_t k = 0; k < kSectors; ++k) {
        os << rep << ',' << y << ',' << kSectorKeys[k];
        row(os,
            r.replications[rep].sectors.row(static_cast<Eigen::Index>(y - r.start_year) * kSectors +
                                            static_cast<Eigen::Index>(k)));
      }
}

nlohmann::json manifest(const Scenario& s, const RunResult& r, double wall_seconds, int threads,
                        const std::string& scenario_file) {
  nlohmann::json m;
  m["program"] = "ccsim";
  m["kind"] = "run";  // by which `ccsim run --force` knows an output it may replace
  m["version"] = CCSIM_VERSION;
  m["git_revision"] = git_revision();
  m["scenario_name"] = s.name;
  m["scenario_file"] = scenario_file;
  m["seed"] = s.seed();
  m["replications"] = r.replications.size();
  m["start_year"] = r.start_year;
  m["end_year"] = r.end_year;
  m["threads"] = threads;
  m["wall_time_s"] = wall_seconds;
  m["scenario"] = s.resolved;
  m["files"] = {{"yearly.csv", "one row per replication and year"},
                {"yearly_stats.csv", "one row per year and metric: mean, sd, p05, p50, p95, n"},
                {"countries.csv", "one row per replication, year and country"},
                {"sectors.csv", "one row per replication, year and sector (64 partners)"}};
  return m;
}

}  // namespace ccsim::io
