#include "model/io/table_writer.hpp"

#include <ostream>
#include <stdexcept>

#include "model/metrics.hpp"

namespace ccsim::io {

namespace {

void put(std::ostream& os, const std::string& text, const char* table) {
  os.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!os) throw std::runtime_error(std::string("cannot write the ") + table + " table");
}

}  // namespace

TableWriter::TableWriter(const World& world, std::ostream& yearly, std::ostream* countries,
                         std::ostream* sectors, SummaryTables* summaries)
    : world_(world),
      yearly_(yearly),
      countries_(countries),
      sectors_(sectors),
      summaries_(summaries) {}

void TableWriter::begin(int start_year, int end_year, int replications, int slots) {
  slots_.assign(static_cast<std::size_t>(slots), Slot{});
  table_ = YearlyTable{};
  table_.start_year = start_year;
  table_.end_year = end_year;
  // Reserved now, so that a run too large for memory fails before it starts rather than late.
  table_.values.reserve(static_cast<std::size_t>(replications) *
                        static_cast<std::size_t>(end_year - start_year + 1) * kYearlyMetrics);
  if (summaries_) summaries_->begin(start_year, end_year, replications);
  put(yearly_, yearly_header(), "yearly");
  if (countries_) put(*countries_, countries_header(), "countries");
  if (sectors_) put(*sectors_, sectors_header(), "sectors");
}

void TableWriter::take(int replication, ReplicationResult&& result, int slot) {
  Slot& s = slots_[static_cast<std::size_t>(slot)];
  s.yearly.clear();
  append_yearly_rows(s.yearly, replication, result.yearly, table_.start_year);
  if (countries_) {
    s.countries.clear();
    append_country_rows(s.countries, replication, result, table_.start_year, world_);
  }
  if (sectors_) {
    s.sectors.clear();
    append_sector_rows(s.sectors, replication, result, table_.start_year);
  }
  if (summaries_) summaries_->add(replication, result);  // its own cells: any thread
  s.values = std::move(result.yearly);
}

void TableWriter::write(int, int slot) {
  Slot& s = slots_[static_cast<std::size_t>(slot)];
  put(yearly_, s.yearly, "yearly");
  if (countries_) put(*countries_, s.countries, "countries");
  if (sectors_) put(*sectors_, s.sectors, "sectors");
  // Row-major (year, then metric), as YearlyTable keeps it.
  for (Eigen::Index y = 0; y < s.values.rows(); ++y)
    for (Eigen::Index m = 0; m < s.values.cols(); ++m) table_.values.push_back(s.values(y, m));
  ++table_.replications;
}

}  // namespace ccsim::io
