#pragma once
// Differences between runs, with confidence intervals across replications.
//
// Runs made with the same seed share random streams replication by replication (common random
// numbers), so their differences are taken pair by pair: the noise both runs share cancels and the
// interval is honest and narrow. Runs with different seeds are independent samples and get a Welch
// interval. The library works on tables in memory or streamed from files (Run::open), the CLI
// opens the files.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/io/csv.hpp"

namespace ccsim::compare {

// Which output table is compared, and so what a row's key is.
enum class By { kYear, kCountry, kSector };

// "year", "country", "sector".
std::string_view by_name(By by);
// Parses by_name's spellings; nullopt for anything else.
std::optional<By> parse_by(std::string_view name);
// The run output file holding the table for `by` ("yearly.csv", "countries.csv", "sectors.csv").
std::string_view table_file(By by);

// One run's table as the caller read it.
struct Run {
  std::string label;       // what output rows call this run (normally its scenario_name)
  std::string dir;         // where the run lives, for messages
  std::string table_path;  // the file `table` came from, for messages
  std::uint64_t seed = 0;
  // The parameter ensemble the run drew from (its manifest's "parameters", as text; empty without
  // one). Runs pair only when they share the seed and the ensemble, since only then does
  // replication r of each run have the same random numbers and the same parameters.
  std::string parameters;
  // The table: streamed when `open` is set (it opens the file afresh, and is called twice: a
  // pass for the keys and years, a pass for the values), so that memory does not grow with the
  // runs; ccsim's files hold their rows in replication order, which streaming needs. Otherwise
  // `table`, in memory, in any row order.
  std::function<std::unique_ptr<std::istream>()> open;
  io::CsvTable table;
};

enum class Pairing {
  kAuto,  // paired when the seeds are equal, Welch otherwise
  kNever  // always Welch, e.g. to see what common random numbers buy
};

struct Options {
  By by = By::kYear;
  // Metrics to compare, in this order. Empty: every metric column, and the runs must then have
  // the same metric columns.
  std::vector<std::string> metrics;
  // Years to compare and to sum over in the cumulative view. Absent: the years all runs share.
  // When given, every run must cover every year of the range.
  std::optional<int> year_from, year_to;
  Pairing pairing = Pairing::kAuto;
  double level = 0.95;
};

enum class View { kYear, kCumulative };
enum class Interval { kPaired, kWelch };

std::string_view view_name(View v);
std::string_view interval_name(Interval i);

// Statistics of one difference (other minus base).
struct Stats {
  double base_mean = 0, other_mean = 0, diff = 0, rel_diff = 0, ci_low = 0, ci_high = 0;
  std::size_t n_base = 0, n_other = 0;  // paired: both are the number of pairs used
  Interval interval = Interval::kWelch;
  bool significant = false;  // the interval is finite and excludes zero
};

// Paired interval over replications: base[r] and other[r] come from the same random streams.
// Replications where either value is not finite are left out; so are indices past the shorter
// vector.
Stats paired_difference(const std::vector<double>& base, const std::vector<double>& other,
                        double level = 0.95);

// Welch interval for independent samples; non-finite values are left out.
Stats welch_difference(const std::vector<double>& base, const std::vector<double>& other,
                       double level = 0.95);

// One output row: one other run x metric x view x year range x key.
struct Row {
  std::string scenario;  // the other run's label
  std::string base;      // the base run's label
  std::string metric;
  View view = View::kYear;
  int year_from = 0, year_to = 0;
  By by = By::kYear;
  std::string key;  // iso3, sector, or "all" when by year
  Stats stats;
};

// How one other run was compared with the base.
struct Pair {
  std::string label;
  Interval interval = Interval::kWelch;
  std::uint64_t base_seed = 0, other_seed = 0;
  bool same_parameters = true;  // both runs drew from the same ensemble (or neither from any)
};

struct Comparison {
  std::string base;  // the base run's label
  std::vector<Row> rows;
  std::vector<Pair> pairs;  // one per other run, in order
  std::vector<std::string> metrics;
  std::vector<int> years;  // the years compared, ascending; the cumulative view sums over them
};

// Compares each of `others` with `base`. Throws InputError naming the run's table file when the
// runs cannot be compared: a table that is not a run table, different metric sets, an unknown
// metric, years that do not overlap or do not cover the requested range, labels given twice.
Comparison compare_runs(const Run& base, const std::vector<Run>& others, const Options& options);

// One output column: defined once, used by the CSV writer and checked against docs/compare.md.
struct Column {
  const char* name;
  const char* unit;
  const char* meaning;
  std::string (*field)(const Row&);
};

const std::vector<Column>& output_columns();

// Tidy CSV: a header of output_columns() and one line per row.
void write_csv(std::ostream& out, const std::vector<Row>& rows);

// Up to n significant rows with the largest |rel_diff|, largest first.
std::vector<const Row*> largest_changes(const std::vector<Row>& rows, std::size_t n);

// A short human-readable table of largest_changes, with how each run was paired.
void write_summary(std::ostream& out, const Comparison& comparison, std::size_t n = 10);

}  // namespace ccsim::compare
