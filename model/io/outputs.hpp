#pragma once
// Writers of a run's tables. The model emits records (ReplicationResult, RunResult); these add
// the layout. Columns come from model/metrics.hpp only. The per-replication tables are made a
// replication at a time (rows appended to a string), so that a streamed run (table_writer.hpp)
// and an in-memory one write the same bytes.
#include <Eigen/Core>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/scenario.hpp"
#include "model/simulate.hpp"
#include "model/stats.hpp"
#include "model/world.hpp"

namespace ccsim::io {

// "mean,sd,p05,p25,p50,p75,p95,n" of a summary, without a newline (the statistics' columns of
// every *_stats.csv table).
std::string summary_cells(const Summary& s);

// Header lines (with their newline) of yearly.csv, countries.csv and sectors.csv.
std::string yearly_header();
std::string countries_header();
std::string sectors_header();

// One replication's rows of those tables, appended to `out`; `r` holds years from start_year.
void append_yearly_rows(std::string& out, int replication, const Eigen::ArrayXXd& yearly,
                        int start_year);
void append_country_rows(std::string& out, int replication, const ReplicationResult& r,
                         int start_year, const World& w);
void append_sector_rows(std::string& out, int replication, const ReplicationResult& r,
                        int start_year);

// The yearly totals of every replication: what yearly_stats.csv needs once all are done (its
// quantiles are exact order statistics, so every value is kept: 8 bytes x years x
// kYearlyMetrics a replication).
struct YearlyTable {
  int start_year = 0, end_year = 0, replications = 0;
  std::vector<double> values;  // replication-major, then year, then metric

  double at(int replication, int year_index, int metric) const;
};

void write_yearly_stats(std::ostream& os, const YearlyTable& t);

// The tables of an in-memory run.
void write_yearly(std::ostream& os, const RunResult& r);
void write_yearly_stats(std::ostream& os, const RunResult& r);
void write_countries(std::ostream& os, const RunResult& r, const World& w);
void write_sectors(std::ostream& os, const RunResult& r);

// The manifest's fields: what made the run and how to make it again.
nlohmann::json manifest(const Scenario& s, double wall_seconds, int threads,
                        const std::string& scenario_file);

}  // namespace ccsim::io
