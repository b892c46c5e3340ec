#pragma once
// gzip streams (zlib): a run's large tables written compressed as .csv.gz, which pandas
// (read_csv) and R (read.csv, data.table::fread) read directly, and tables read back whether
// compressed or not.
//
// The bytes written depend only on the data and the zlib version: the gzip header holds no time
// and no file name, and its operating-system byte is fixed at 3 (Unix) rather than the platform's
// (RFC 1952, section 2.3), so that the same seed gives the same .csv.gz.
#include <cstdint>
#include <istream>
#include <memory>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace ccsim::io {

// The compression level of the summaries (GzipWriter): level 1, measured on the baseline's
// countries_stats.csv (40 replications, 7 digits, 5.2 MB) at 1.44 MB in 0.08 s against level 6's
// 1.27 MB in 0.21 s, written on one thread after the run.
inline constexpr int kGzipLevel = 1;

// One replication's rows compressed as deflate blocks that end on a byte boundary (a sync flush)
// and refer to nothing before them: blocks made on different threads are concatenated in
// replication order into one ordinary gzip member (as pigz does), the same bytes at any thread
// count. Huffman coding only: the rows are numbers that rarely repeat, so string matching finds
// little (the baseline's countries rows: 5.70 MB either way, in 0.15 s against level 1's 0.38 s).
struct GzipBlock {
  std::string bytes;
  std::uint32_t crc = 0;   // CRC-32 of the uncompressed text
  std::uint64_t size = 0;  // its length
};

class BlockDeflater {
 public:
  BlockDeflater();
  ~BlockDeflater();
  BlockDeflater(const BlockDeflater&) = delete;
  BlockDeflater& operator=(const BlockDeflater&) = delete;
  // Compresses `text` into `block` (its bytes replaced; capacity kept).
  void compress(std::string_view text, GzipBlock& block);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Writes a gzip member of blocks: the header on begin, each block's bytes, then the final empty
// block and the trailer (CRC-32 and length of the whole, from the blocks' by crc32_combine).
class GzipAssembler {
 public:
  void begin(std::ostream& os);
  void append(std::ostream& os, const GzipBlock& block);
  void finish(std::ostream& os);

 private:
  std::uint32_t crc_ = 0;
  std::uint64_t size_ = 0;
};

// An ostream that writes gzip into `sink`. finish() writes the last block and the trailer; it must
// be called (the destructor does not, since it cannot report a failure).
class GzipWriter : public std::ostream {
 public:
  explicit GzipWriter(std::ostream& sink, int level = kGzipLevel);
  ~GzipWriter() override;
  GzipWriter(const GzipWriter&) = delete;
  GzipWriter& operator=(const GzipWriter&) = delete;
  // Throws std::runtime_error when the sink failed.
  void finish();

 private:
  class Buf;
  std::unique_ptr<Buf> buf_;
};

// Opens a table for reading: a gzip file (told by its magic bytes, not its name) is decompressed
// as it is read, any other file read as it is. Null when the file cannot be opened. A corrupt or
// truncated gzip stream throws InputError(source, "", why) when read.
std::unique_ptr<std::istream> open_table(const std::string& path);

// Decompresses gzip read from `in` (several gzip members one after another are read as one
// stream, as gzip -d does); for the tests and for open_table.
std::unique_ptr<std::istream> gunzip(std::unique_ptr<std::istream> in, const std::string& source);

}  // namespace ccsim::io
