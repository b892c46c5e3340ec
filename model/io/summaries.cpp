#include "model/io/summaries.hpp"

#include <ostream>
#include <stdexcept>
#include <string>

#include "model/io/csv.hpp"
#include "model/io/outputs.hpp"
#include "model/metrics.hpp"
#include "model/regions.hpp"
#include "model/stats.hpp"

namespace ccsim::io {

namespace {

std::vector<const char*> names_of(const MetricDef* defs, int n) {
  std::vector<const char*> names;
  for (int m = 0; m < n; ++m) names.push_back(defs[m].name);
  return names;
}

}  // namespace

SummaryTables::SummaryTables(const World& world) : world_(world) {
  for (int g = 0; g < static_cast<int>(kRegions); ++g)
    for (int c = 0; c < world.countries(); ++c)
      if (world.br64(c) > 0 && world.region(c) == g) {
        regions_.push_back(g);
        break;
      }
}

std::size_t SummaryTables::replication_bytes(const World& world, int years) {
  const std::size_t cells = static_cast<std::size_t>(years) *
                            (static_cast<std::size_t>(world.countries()) * kCountryMetrics +
                             kRegions * kCountryMetrics + kSectors * kSectorMetrics);
  return cells * sizeof(double);
}

void SummaryTables::begin(int start_year, int end_year, int replications) {
  start_year_ = start_year;
  years_ = end_year - start_year + 1;
  replications_ = replications;
  auto shape = [&](Table& t, int keys, int metrics) {
    t.keys = keys;
    t.metrics = metrics;
    t.values.assign(static_cast<std::size_t>(years_) * static_cast<std::size_t>(keys) *
                        static_cast<std::size_t>(metrics) * static_cast<std::size_t>(replications),
                    0.0);
  };
  shape(countries_, world_.countries(), kCountryMetrics);
  shape(regions_table_, static_cast<int>(regions_.size()), kCountryMetrics);
  shape(sectors_, static_cast<int>(kSectors), kSectorMetrics);
}

void SummaryTables::add(int r, const ReplicationResult& result) {
  const int n = world_.countries();
  if (result.countries.rows() != static_cast<Eigen::Index>(years_) * n ||
      result.sectors.rows() !=
          static_cast<Eigen::Index>(years_) * static_cast<Eigen::Index>(kSectors))
    throw std::logic_error("summaries need the replication's country and sector tables");
  const int regions = static_cast<int>(regions_.size());
  for (int y = 0; y < years_; ++y) {
    const auto year = result.countries.middleRows(static_cast<Eigen::Index>(y) * n, n);
    for (int c = 0; c < n; ++c)
      for (int m = 0; m < kCountryMetrics; ++m)
        countries_.at(replications_, y, c, m, r) = year(c, m);
    for (int g = 0; g < regions; ++g) {
      const CountryMetricRow row =
          region_metrics(world_, year, regions_[static_cast<std::size_t>(g)]);
      for (int m = 0; m < kCountryMetrics; ++m)
        regions_table_.at(replications_, y, g, m, r) = row(m);
    }
    for (int k = 0; k < static_cast<int>(kSectors); ++k)
      for (int m = 0; m < kSectorMetrics; ++m)
        sectors_.at(replications_, y, k, m, r) = result.sectors(
            static_cast<Eigen::Index>(y) * static_cast<Eigen::Index>(kSectors) + k, m);
  }
}

template <class Label>
void SummaryTables::write(std::ostream& os, const Table& t, const char* header, const Label& label,
                          const std::vector<const char*>& metric_names, int digits) const {
  os << header << ",metric,mean,sd,p05,p25,p50,p75,p95,n\n";
  std::vector<double> v(static_cast<std::size_t>(replications_));
  std::string line;
  for (int y = 0; y < years_; ++y)
    for (int key = 0; key < t.keys; ++key) {
      const std::string keys = std::to_string(start_year_ + y) + ',' + label(key);
      for (int m = 0; m < t.metrics; ++m) {
        const std::size_t first =
            ((static_cast<std::size_t>(y) * t.keys + key) * t.metrics + m) * v.size();
        std::copy(t.values.begin() + static_cast<std::ptrdiff_t>(first),
                  t.values.begin() + static_cast<std::ptrdiff_t>(first + v.size()), v.begin());
        line = keys;
        ((line += ',') += metric_names[static_cast<std::size_t>(m)]) += ',';
        line += summary_cells(summarise(v), digits);
        os << line << '\n';
      }
    }
  if (!os) throw std::runtime_error("cannot write a summary table");
}

void SummaryTables::write_countries(std::ostream& os, int digits) const {
  write(
      os, countries_, "year,iso3,name,region,br64",
      [&](int c) {
        return world_.iso3[static_cast<std::size_t>(c)] + ',' +
               quote_field(world_.name[static_cast<std::size_t>(c)]) + ',' +
               std::string(kRegionKeys[static_cast<std::size_t>(world_.region(c))]) + ',' +
               (world_.br64(c) > 0 ? "1" : "0");
      },
      names_of(kCountryMetricDefs.data(), kCountryMetrics), digits);
}

void SummaryTables::write_regions(std::ostream& os, int digits) const {
  write(
      os, regions_table_, "year,region,name",
      [&](int g) {
        const auto key = static_cast<std::size_t>(regions_[static_cast<std::size_t>(g)]);
        return std::string(kRegionKeys[key]) + ',' + quote_field(std::string(kRegionNames[key]));
      },
      names_of(kCountryMetricDefs.data(), kCountryMetrics), digits);
}

void SummaryTables::write_sectors(std::ostream& os, int digits) const {
  write(
      os, sectors_, "year,sector",
      [&](int k) { return std::string(kSectorKeys[static_cast<std::size_t>(k)]); },
      names_of(kSectorMetricDefs.data(), kSectorMetrics), digits);
}

}  // namespace ccsim::io
