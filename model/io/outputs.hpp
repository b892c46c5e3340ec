#pragma once
// Writers of a run's tables. The model emits records (ReplicationResult, RunResult); these add
// the layout. Columns come from model/metrics.hpp only. The per-replication tables are made a
// replication at a time (rows appended to a string), so that a streamed run (table_writer.hpp)
// and an in-memory one write the same bytes.
#include <Eigen/Core>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "model/scenario.hpp"
#include "model/simulate.hpp"
#include "model/stats.hpp"
#include "model/world.hpp"

namespace ccsim::io {

// Every writer's `digits`: significant digits of the numbers, kFullPrecision (0) for the shortest
// text that reads back to the same double (model/io/csv.hpp).

// "mean,sd,p05,p25,p50,p75,p95,n" of a summary, without a newline (the statistics' columns of
// every *_stats.csv table).
std::string summary_cells(const Summary& s, int digits = 0);

// Header lines (with their newline) of yearly.csv, countries.csv and sectors.csv.
std::string yearly_header();
std::string countries_header();
std::string sectors_header();

// One replication's rows of those tables, appended to `out`; `r` holds years from start_year.
void append_yearly_rows(std::string& out, int replication, const Eigen::ArrayXXd& yearly,
                        int start_year, int digits = 0);
void append_country_rows(std::string& out, int replication, const ReplicationResult& r,
                         int start_year, const World& w, int digits = 0);
void append_sector_rows(std::string& out, int replication, const ReplicationResult& r,
                        int start_year, int digits = 0);

// The yearly totals of every replication: what yearly_stats.csv needs once all are done (its
// quantiles are exact order statistics, so every value is kept: 8 bytes x years x
// kYearlyMetrics a replication).
struct YearlyTable {
  int start_year = 0, end_year = 0, replications = 0;
  std::vector<double> values;  // replication-major, then year, then metric

  double at(int replication, int year_index, int metric) const;
};

void write_yearly_stats(std::ostream& os, const YearlyTable& t, int digits = 0);

// The tables of an in-memory run.
void write_yearly(std::ostream& os, const RunResult& r, int digits = 0);
void write_yearly_stats(std::ostream& os, const RunResult& r, int digits = 0);
void write_countries(std::ostream& os, const RunResult& r, const World& w, int digits = 0);
void write_sectors(std::ostream& os, const RunResult& r, int digits = 0);

// Which files a run writes, and how (`ccsim run --detail, --compress, --precision`).
enum class Detail {
  kFull,    // every per-replication table: yearly, countries, sectors
  kYearly,  // yearly.csv only (--no-detail)
  kSummary  // no per-replication table: the *_stats.csv summaries only
};
enum class Compression {
  // The large tables as .csv.gz: countries.csv and sectors.csv (a row per replication, year and
  // key) and countries_stats.csv (a row per year, country and metric).
  kLarge,
  kAll,  // every CSV as .csv.gz
  kNone  // plain CSV
};
struct OutputLayout {
  Detail detail = Detail::kFull;
  Compression compression = Compression::kLarge;
  int digits = 7;  // significant digits (model/io/csv.hpp kCompactDigits); 0: full precision

  // `table` is a table's plain name ("countries.csv"): whether it is written, whether
  // compressed, and the file name it is written as ("countries.csv.gz").
  bool written(std::string_view table) const;
  bool gzipped(std::string_view table) const;
  std::string file(std::string_view table) const;
};
std::string_view detail_name(Detail d);
std::string_view compression_name(Compression c);

// The manifest's fields: what made the run and how to make it again; "files" lists the files
// `layout` writes.
nlohmann::json manifest(const Scenario& s, double wall_seconds, int threads,
                        const std::string& scenario_file, const OutputLayout& layout = {});

}  // namespace ccsim::io
