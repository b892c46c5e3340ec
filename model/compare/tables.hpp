#pragma once
// Reading the runs' tables for compare: a table's layout, a first pass for its keys and years,
// and its rows one at a time in replication order, streamed from a file or taken from memory.
// Internal to model/compare.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <istream>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/compare/compare.hpp"
#include "model/error.hpp"
#include "model/io/csv.hpp"

namespace ccsim::compare::detail {

struct Layout {
  int replication = -1, year = -1, key = -1;  // key = -1 when by year
  std::vector<std::string> metrics;           // metric columns in table order
};

// The key of every row of a table by year.
inline const std::string kAllKey = "all";

// The layout of a run's table for `by`, from its header; InputError when it is not such a table.
Layout layout_of(const Run& run, const std::vector<std::string>& header, By by);

// An integer field (InputError naming the file, line and column otherwise).
long long parse_integer(const std::string& text, const Run& run, std::size_t line,
                        const char* column);
int parse_year(const std::string& text, const Run& run, std::size_t line);

// What a first pass over a run's table finds: its keys (in order of first appearance) and years.
struct Scan {
  std::vector<std::string> keys;
  std::unordered_map<std::string, std::size_t> key_index;
  std::vector<int> years;  // ascending

  std::optional<std::size_t> year_pos(int year) const {
    const auto it = std::lower_bound(years.begin(), years.end(), year);
    if (it == years.end() || *it != year) return std::nullopt;
    return static_cast<std::size_t>(it - years.begin());
  }
  std::optional<std::size_t> key_pos(const std::string& key) const {
    const auto it = key_index.find(key);
    if (it == key_index.end()) return std::nullopt;
    return it->second;
  }
};

// A run's rows in replication order, a row at a time: streamed from its file (Run::open), which
// ccsim writes in that order, or from the table in memory, sorted (stably) by replication.
class Rows {
 public:
  explicit Rows(const Run& run) : run_(run) {
    if (!run.open) {
      header_ = run.table.header;
      return;
    }
    stream_ = run.open();
    if (!stream_) throw InputError(run.table_path, "", "cannot open the file");
    reader_.emplace(*stream_, run.table_path);
    if (!reader_->next(header_)) throw InputError(run.table_path, "", "empty CSV: no header");
  }
  const std::vector<std::string>& header() const { return header_; }

  // Sets the replication column, which orders the rows of a table in memory.
  void order_by(int replication) {
    replication_ = replication;
    if (run_.open) return;
    const auto& rows = run_.table.rows;
    std::vector<long long> rep(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      // Unparseable first: the pass that reads the rows reports it at its line.
      double v = 0;
      const auto& t = rows[i][static_cast<std::size_t>(replication)];
      const auto res = std::from_chars(t.data(), t.data() + t.size(), v);
      rep[i] = res.ec == std::errc() && std::isfinite(v) ? static_cast<long long>(v)
                                                         : std::numeric_limits<long long>::min();
    }
    order_.resize(rows.size());
    for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = i;
    std::stable_sort(order_.begin(), order_.end(),
                     [&](std::size_t a, std::size_t b) { return rep[a] < rep[b]; });
  }

  // The next row and its replication (checked: an integer, not negative, not decreasing); false
  // at the end. line() is its line in the file.
  bool next(const std::vector<std::string>*& row, long long& replication) {
    if (run_.open) {
      if (!reader_->next(record_)) return false;
      line_ = reader_->line();
      if (record_.size() != header_.size())
        throw InputError(run_.table_path, "line " + std::to_string(line_),
                         "expected " + std::to_string(header_.size()) + " fields, found " +
                             std::to_string(record_.size()));
      row = &record_;
    } else {
      if (pos_ >= order_.size()) return false;
      line_ = order_[pos_] + 2;  // rows follow the header line, with no blank lines
      row = &run_.table.rows[order_[pos_++]];
    }
    replication =
        parse_integer((*row)[static_cast<std::size_t>(replication_)], run_, line_, "replication");
    if (replication < 0)
      throw InputError(run_.table_path, "line " + std::to_string(line_) + ", column replication",
                       "replication index " + std::to_string(replication) + " out of range");
    if (replication < last_)
      throw InputError(run_.table_path, "line " + std::to_string(line_) + ", column replication",
                       "replication " + std::to_string(replication) + " after replication " +
                           std::to_string(last_) +
                           ": the rows are not in replication order, as ccsim writes them");
    last_ = replication;
    return true;
  }
  std::size_t line() const { return line_; }

 private:
  const Run& run_;
  std::unique_ptr<std::istream> stream_;
  std::optional<io::CsvReader> reader_;
  std::vector<std::string> header_, record_;
  std::vector<std::size_t> order_;
  std::size_t pos_ = 0, line_ = 0;
  int replication_ = 0;
  long long last_ = -1;
};

// The first pass: keys and years, and the checks that need no values (integers where they must
// be, no row given twice). Memory: the keys and years, and one replication's (key, year) pairs.
Scan scan_run(const Run& run, const Layout& layout);

}  // namespace ccsim::compare::detail
