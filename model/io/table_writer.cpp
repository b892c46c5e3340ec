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
                         std::ostream* sectors, SummaryTables* summaries, Format format)
    : world_(world),
      yearly_(yearly),
      countries_(countries),
      sectors_(sectors),
      summaries_(summaries),
      format_(format) {}

void TableWriter::begin(int start_year, int end_year, int replications, int slots) {
  slots_.clear();
  slots_.resize(static_cast<std::size_t>(slots));
  table_ = YearlyTable{};
  table_.start_year = start_year;
  table_.end_year = end_year;
  // Reserved now, so that a run too large for memory fails before it starts rather than late.
  table_.values.reserve(static_cast<std::size_t>(replications) *
                        static_cast<std::size_t>(end_year - start_year + 1) * kYearlyMetrics);
  if (summaries_) summaries_->begin(start_year, end_year, replications);
  // A header is the first block of its table, so that a gzip table is one stream.
  auto header = [&](std::ostream& os, std::string text, bool gzip, GzipAssembler& a,
                    const char* table) {
    Part part;
    part.text = std::move(text);
    pack(part, gzip);
    if (gzip) a.begin(os);
    put_part(os, part, gzip, a, table);
  };
  header(yearly_, yearly_header(), format_.gzip_yearly, gz_yearly_, "yearly");
  if (countries_)
    header(*countries_, countries_header(), format_.gzip_countries, gz_countries_, "countries");
  if (sectors_) header(*sectors_, sectors_header(), format_.gzip_sectors, gz_sectors_, "sectors");
}

void TableWriter::pack(Part& part, bool gzip) {
  if (!gzip) return;
  BlockDeflater{}.compress(part.text, part.block);
}

void TableWriter::put_part(std::ostream& os, Part& part, bool gzip, GzipAssembler& assembler,
                           const char* table) {
  if (gzip) {
    assembler.append(os, part.block);
    if (!os) throw std::runtime_error(std::string("cannot write the ") + table + " table");
  } else {
    put(os, part.text, table);
  }
}

void TableWriter::take(int replication, ReplicationResult&& result, int slot) {
  Slot& s = slots_[static_cast<std::size_t>(slot)];
  s.yearly.text.clear();
  append_yearly_rows(s.yearly.text, replication, result.yearly, table_.start_year, format_.digits);
  pack(s.yearly, format_.gzip_yearly);
  if (countries_) {
    s.countries.text.clear();
    append_country_rows(s.countries.text, replication, result, table_.start_year, world_,
                        format_.digits);
    pack(s.countries, format_.gzip_countries);
  }
  if (sectors_) {
    s.sectors.text.clear();
    append_sector_rows(s.sectors.text, replication, result, table_.start_year, format_.digits);
    pack(s.sectors, format_.gzip_sectors);
  }
  if (summaries_) summaries_->add(replication, result);  // its own cells: any thread
  s.values = std::move(result.yearly);
}

void TableWriter::write(int, int slot) {
  Slot& s = slots_[static_cast<std::size_t>(slot)];
  put_part(yearly_, s.yearly, format_.gzip_yearly, gz_yearly_, "yearly");
  if (countries_)
    put_part(*countries_, s.countries, format_.gzip_countries, gz_countries_, "countries");
  if (sectors_) put_part(*sectors_, s.sectors, format_.gzip_sectors, gz_sectors_, "sectors");
  // Row-major (year, then metric), as YearlyTable keeps it.
  for (Eigen::Index y = 0; y < s.values.rows(); ++y)
    for (Eigen::Index m = 0; m < s.values.cols(); ++m) table_.values.push_back(s.values(y, m));
  ++table_.replications;
}

void TableWriter::finish() {
  auto end = [](std::ostream& os, bool gzip, GzipAssembler& a, const char* table) {
    if (!gzip) return;
    a.finish(os);
    if (!os) throw std::runtime_error(std::string("cannot write the ") + table + " table");
  };
  end(yearly_, format_.gzip_yearly, gz_yearly_, "yearly");
  if (countries_) end(*countries_, format_.gzip_countries, gz_countries_, "countries");
  if (sectors_) end(*sectors_, format_.gzip_sectors, gz_sectors_, "sectors");
}

}  // namespace ccsim::io
