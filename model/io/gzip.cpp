#include "model/io/gzip.hpp"

#include <zlib.h>

#include <cstring>
#include <fstream>
#include <stdexcept>

#include "model/error.hpp"

namespace ccsim::io {

namespace {

constexpr std::size_t kBuffer = 1 << 16;

constexpr unsigned char kHeader[10] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};

}  // namespace

struct BlockDeflater::Impl {
  z_stream z;
};

BlockDeflater::BlockDeflater() : impl_(std::make_unique<Impl>()) {
  std::memset(&impl_->z, 0, sizeof impl_->z);
  // Raw deflate (-15): the gzip wrapper is the assembler's.
  if (deflateInit2(&impl_->z, 1, Z_DEFLATED, -15, 8, Z_HUFFMAN_ONLY) != Z_OK)
    throw std::runtime_error("zlib: cannot start compressing");
}

BlockDeflater::~BlockDeflater() {
  deflateEnd(&impl_->z);
}

void BlockDeflater::compress(std::string_view text, GzipBlock& block) {
  z_stream& z = impl_->z;
  deflateReset(&z);
  block.crc = static_cast<std::uint32_t>(
      crc32(0L, reinterpret_cast<const Bytef*>(text.data()), static_cast<uInt>(text.size())));
  block.size = text.size();
  // deflateBound covers a whole stream; the sync flush adds at most 5 bytes a flush.
  block.bytes.resize(deflateBound(&z, static_cast<uLong>(text.size())) + 16);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(block.bytes.data());
  z.avail_out = static_cast<uInt>(block.bytes.size());
  if (deflate(&z, Z_SYNC_FLUSH) != Z_OK || z.avail_in != 0)
    throw std::runtime_error("zlib: compression failed");
  block.bytes.resize(block.bytes.size() - z.avail_out);
}

void GzipAssembler::begin(std::ostream& os) {
  crc_ = 0;
  size_ = 0;
  os.write(reinterpret_cast<const char*>(kHeader), sizeof kHeader);
}

void GzipAssembler::append(std::ostream& os, const GzipBlock& block) {
  os.write(block.bytes.data(), static_cast<std::streamsize>(block.bytes.size()));
  crc_ =
      static_cast<std::uint32_t>(crc32_combine(crc_, block.crc, static_cast<z_off_t>(block.size)));
  size_ += block.size;
}

void GzipAssembler::finish(std::ostream& os) {
  // A final fixed-Huffman block holding only its end code (RFC 1951, 3.2.6), then CRC-32 and
  // the length modulo 2^32, little-endian (RFC 1952, 2.3.1).
  unsigned char tail[10] = {0x03, 0x00};
  for (int i = 0; i < 4; ++i) {
    tail[2 + i] = static_cast<unsigned char>(crc_ >> (8 * i));
    tail[6 + i] = static_cast<unsigned char>(size_ >> (8 * i));
  }
  os.write(reinterpret_cast<const char*>(tail), sizeof tail);
}

// Deflates what the ostream puts into its buffer, a buffer at a time.
class GzipWriter::Buf : public std::streambuf {
 public:
  Buf(std::ostream& sink, int level) : sink_(sink), in_(kBuffer), out_(kBuffer) {
    std::memset(&z_, 0, sizeof z_);
    // 15 + 16: a 32 KiB window with a gzip (not zlib) wrapper.
    if (deflateInit2(&z_, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
      throw std::runtime_error("zlib: cannot start compressing");
    std::memset(&header_, 0, sizeof header_);
    header_.os = 3;  // Unix, whatever the platform; time 0 (none) and no name
    deflateSetHeader(&z_, &header_);
    setp(in_.data(), in_.data() + in_.size());
  }
  ~Buf() override { deflateEnd(&z_); }

  void finish() {
    if (finished_) return;
    deflate_pending(Z_FINISH);
    finished_ = true;
    sink_.flush();
    if (!sink_) throw std::runtime_error("cannot write the compressed table");
  }

 protected:
  int_type overflow(int_type c) override {
    if (!deflate_pending(Z_NO_FLUSH)) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return sink_ ? 0 : -1; }  // data stay in the deflate window until finish

 private:
  // Compresses the buffered bytes (and with Z_FINISH ends the stream); false if the sink failed.
  bool deflate_pending(int flush) {
    if (finished_) return false;
    z_.next_in = reinterpret_cast<Bytef*>(pbase());
    z_.avail_in = static_cast<uInt>(pptr() - pbase());
    int rc = Z_OK;
    do {
      z_.next_out = reinterpret_cast<Bytef*>(out_.data());
      z_.avail_out = static_cast<uInt>(out_.size());
      rc = deflate(&z_, flush);
      if (rc == Z_STREAM_ERROR) throw std::runtime_error("zlib: compression failed");
      sink_.write(out_.data(), static_cast<std::streamsize>(out_.size() - z_.avail_out));
      if (!sink_) return false;
    } while (z_.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
    setp(in_.data(), in_.data() + in_.size());
    return true;
  }

  std::ostream& sink_;
  std::vector<char> in_, out_;
  z_stream z_;
  gz_header header_;
  bool finished_ = false;
};

GzipWriter::GzipWriter(std::ostream& sink, int level)
    : std::ostream(nullptr), buf_(std::make_unique<Buf>(sink, level)) {
  rdbuf(buf_.get());
}

GzipWriter::~GzipWriter() = default;

void GzipWriter::finish() {
  flush();
  if (!*this) throw std::runtime_error("cannot write the compressed table");
  buf_->finish();
}

namespace {

// Inflates from an owned istream as the reader asks for bytes.
class GunzipBuf : public std::streambuf {
 public:
  GunzipBuf(std::unique_ptr<std::istream> in, std::string source)
      : in_(std::move(in)), source_(std::move(source)), inbuf_(kBuffer), outbuf_(kBuffer) {
    std::memset(&z_, 0, sizeof z_);
    if (inflateInit2(&z_, 15 + 16) != Z_OK) throw std::runtime_error("zlib: cannot start reading");
    setg(outbuf_.data(), outbuf_.data(), outbuf_.data());
  }
  ~GunzipBuf() override { inflateEnd(&z_); }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    for (;;) {
      if (z_.avail_in == 0) {
        if (!in_->read(inbuf_.data(), static_cast<std::streamsize>(inbuf_.size())) && !in_->eof())
          fail("read error");
        z_.next_in = reinterpret_cast<Bytef*>(inbuf_.data());
        z_.avail_in = static_cast<uInt>(in_->gcount());
        if (z_.avail_in == 0) {
          if (!ended_) fail("truncated gzip data (the file ends inside the stream)");
          return traits_type::eof();
        }
      }
      if (ended_) {  // another gzip member follows the one that ended
        inflateReset(&z_);
        ended_ = false;
      }
      z_.next_out = reinterpret_cast<Bytef*>(outbuf_.data());
      z_.avail_out = static_cast<uInt>(outbuf_.size());
      const int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END)
        ended_ = true;
      else if (rc != Z_OK && rc != Z_BUF_ERROR)
        fail(std::string("corrupt gzip data (") + (z_.msg ? z_.msg : "zlib error") + ")");
      const std::size_t got = outbuf_.size() - z_.avail_out;
      if (got > 0) {
        setg(outbuf_.data(), outbuf_.data(), outbuf_.data() + got);
        return traits_type::to_int_type(*gptr());
      }
    }
  }

 private:
  [[noreturn]] void fail(const std::string& why) const { throw InputError(source_, "", why); }

  std::unique_ptr<std::istream> in_;
  std::string source_;
  std::vector<char> inbuf_, outbuf_;
  z_stream z_;
  bool ended_ = false;
};

class GunzipStream : public std::istream {
 public:
  GunzipStream(std::unique_ptr<std::istream> in, const std::string& source)
      : std::istream(nullptr), buf_(std::move(in), source) {
    rdbuf(&buf_);
  }

 private:
  GunzipBuf buf_;
};

}  // namespace

std::unique_ptr<std::istream> gunzip(std::unique_ptr<std::istream> in, const std::string& source) {
  return std::make_unique<GunzipStream>(std::move(in), source);
}

std::unique_ptr<std::istream> open_table(const std::string& path) {
  auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*file) return nullptr;
  char magic[2] = {0, 0};
  file->read(magic, 2);
  const bool gz = file->gcount() == 2 && static_cast<unsigned char>(magic[0]) == 0x1f &&
                  static_cast<unsigned char>(magic[1]) == 0x8b;
  file->clear();
  file->seekg(0);
  if (!gz) return file;
  return gunzip(std::move(file), path);
}

}  // namespace ccsim::io
