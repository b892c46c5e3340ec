#pragma once
// Summaries across replications of a run's country, region and sector tables: countries_stats.csv,
// regions_stats.csv and sectors_stats.csv, tidy tables of year, place (or sector), metric and the
// statistics of yearly_stats.csv. They answer "ODI in Central Asia, with a band" from one file,
// without the per-replication tables.
//
// Regions are the countries table's, over the 64 partners only (countries outside them appear in
// the country summary alone): a region's flow, stock or count is the sum over its partners; an
// index (capacity, risk, shock, policy support: MetricDef::aggregate) is their GDP-weighted mean.
//
// Quantiles are exact order statistics, so every replication's values are kept until the run
// ends: cell_bytes() a replication (about 0.4 MB for the baseline's 69 countries and 18 years),
// counted by the run's memory check (model/cost.hpp).
#include <Eigen/Core>
#include <cstddef>
#include <iosfwd>
#include <vector>

#include "model/simulate.hpp"
#include "model/world.hpp"

namespace ccsim::io {

class SummaryTables {
 public:
  explicit SummaryTables(const World& world);

  // Bytes kept per replication for a run of `years` recorded years.
  static std::size_t replication_bytes(const World& world, int years);

  // Space for `replications` replications of years start_year..end_year.
  void begin(int start_year, int end_year, int replications);
  // Files replication `r`'s tables away. Safe from several threads at once for distinct
  // replications: each writes only its own cells.
  void add(int replication, const ReplicationResult& result);

  // `digits` as the other writers' (model/io/outputs.hpp): 0 for full precision.
  void write_countries(std::ostream& os, int digits = 0) const;
  void write_regions(std::ostream& os, int digits = 0) const;
  void write_sectors(std::ostream& os, int digits = 0) const;

 private:
  // values[(cell * replications) + r], a cell being (year, key, metric): each cell's values are
  // contiguous for its summary.
  struct Table {
    int keys = 0, metrics = 0;
    std::vector<double> values;
    double& at(int replications, int year, int key, int metric, int r) {
      return values[((static_cast<std::size_t>(year) * keys + key) * metrics + metric) *
                        static_cast<std::size_t>(replications) +
                    static_cast<std::size_t>(r)];
    }
  };
  template <class Label>
  void write(std::ostream& os, const Table& t, const char* header, const Label& label,
             const std::vector<const char*>& metric_names, int digits) const;

  const World& world_;
  std::vector<int> regions_;  // the regions with partners, in kRegionKeys order
  int start_year_ = 0, years_ = 0, replications_ = 0;
  Table countries_, regions_table_, sectors_;
};

}  // namespace ccsim::io
