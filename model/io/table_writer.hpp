#pragma once
// A run's tables written while the run goes: the sink that `ccsim run` hands to run(). Each
// replication's rows are formatted on the worker thread that made it; the calling thread only
// appends the finished text to the streams, in replication order, so the bytes are those of the
// in-memory writers (outputs.hpp) at any thread count and window. Only the yearly totals are
// kept (for yearly_stats.csv); country and sector rows never outlive their replication's slot.
#include <iosfwd>
#include <string>
#include <vector>

#include "model/io/outputs.hpp"
#include "model/io/summaries.hpp"
#include "model/simulate.hpp"
#include "model/world.hpp"

namespace ccsim::io {

class TableWriter : public ReplicationSink {
 public:
  // countries and sectors may be null (a run without detail): those tables are not written.
  // With `summaries`, every replication's country and sector tables are also filed there (they
  // must then be in the results: RunOptions::detail).
  TableWriter(const World& world, std::ostream& yearly, std::ostream* countries,
              std::ostream* sectors, SummaryTables* summaries = nullptr);

  void begin(int start_year, int end_year, int replications, int slots) override;
  void take(int replication, ReplicationResult&& result, int slot) override;
  void write(int replication, int slot) override;

  // Every replication's yearly totals once the run is done: for write_yearly_stats.
  const YearlyTable& yearly_table() const { return table_; }

 private:
  struct Slot {
    std::string yearly, countries, sectors;  // formatted rows; capacity kept for the next user
    Eigen::ArrayXXd values;                  // the yearly totals, until appended to table_
  };
  const World& world_;
  std::ostream& yearly_;
  std::ostream* countries_;
  std::ostream* sectors_;
  SummaryTables* summaries_;
  std::vector<Slot> slots_;
  YearlyTable table_;
};

}  // namespace ccsim::io
