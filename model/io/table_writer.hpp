#pragma once
// A run's tables written while the run goes: the sink that `ccsim run` hands to run(). Each
// replication's rows are formatted on the worker thread that made it; the calling thread only
// appends the finished text to the streams, in replication order, so the bytes are those of the
// in-memory writers (outputs.hpp) at any thread count and window. Only the yearly totals are
// kept (for yearly_stats.csv); country and sector rows never outlive their replication's slot.
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "model/io/gzip.hpp"
#include "model/io/outputs.hpp"
#include "model/io/summaries.hpp"
#include "model/simulate.hpp"
#include "model/world.hpp"

namespace ccsim::io {

// How the tables are written: significant digits of the numbers (0: full precision;
// model/io/csv.hpp), and which tables are gzip (compressed replication by replication on the
// worker threads; the streams then take the compressed bytes, and finish() must be called).
struct TableFormat {
  int digits = 0;
  bool gzip_yearly = false, gzip_countries = false, gzip_sectors = false;
};

class TableWriter : public ReplicationSink {
 public:
  // countries and sectors may be null (a run without detail): those tables are not written.
  // With `summaries`, every replication's country and sector tables are also filed there (they
  // must then be in the results: RunOptions::detail).
  using Format = TableFormat;
  TableWriter(const World& world, std::ostream& yearly, std::ostream* countries,
              std::ostream* sectors, SummaryTables* summaries = nullptr, Format format = {});

  void begin(int start_year, int end_year, int replications, int slots) override;
  void take(int replication, ReplicationResult&& result, int slot) override;
  void write(int replication, int slot) override;
  // Ends the gzip tables (their last block and trailer), once the run is done.
  void finish();

  // Every replication's yearly totals once the run is done: for write_yearly_stats.
  const YearlyTable& yearly_table() const { return table_; }

 private:
  // One table's rows of a replication: formatted text and, for a gzip table, its block.
  struct Part {
    std::string text;
    GzipBlock block;
  };
  struct Slot {
    Part yearly, countries, sectors;  // capacity kept for the next user
    Eigen::ArrayXXd values;           // the yearly totals, until appended to table_
  };
  void pack(Part& part, bool gzip);
  void put_part(std::ostream& os, Part& part, bool gzip, GzipAssembler& assembler,
                const char* table);
  const World& world_;
  std::ostream& yearly_;
  std::ostream* countries_;
  std::ostream* sectors_;
  SummaryTables* summaries_;
  Format format_;
  GzipAssembler gz_yearly_, gz_countries_, gz_sectors_;
  std::vector<Slot> slots_;
  YearlyTable table_;
};

}  // namespace ccsim::io
