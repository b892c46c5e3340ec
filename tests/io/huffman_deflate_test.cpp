// io::huffman_deflate gives zlib's bytes for Huffman-only deflate with a sync flush, the setting
// the .csv.gz tables were written with: zlib is the reference here, on run-like rows and on texts
// that reach the rarer branches (stored and fixed-code blocks, code lengths over 15 bits).
#include "model/io/huffman_deflate.hpp"

#include <zlib.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <random>
#include <string>

#include "model/io/csv.hpp"

namespace io = ccsim::io;

namespace {

std::string zlib_huffman(const std::string& text) {
  z_stream z;
  std::memset(&z, 0, sizeof z);
  REQUIRE(deflateInit2(&z, 1, Z_DEFLATED, -15, 8, Z_HUFFMAN_ONLY) == Z_OK);
  std::string out(deflateBound(&z, static_cast<uLong>(text.size())) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_SYNC_FLUSH) == Z_OK);
  REQUIRE(z.avail_in == 0);
  out.resize(out.size() - z.avail_out);
  deflateEnd(&z);
  return out;
}

std::string inflate_raw(const std::string& bytes) {
  z_stream z;
  std::memset(&z, 0, sizeof z);
  REQUIRE(inflateInit2(&z, -15) == Z_OK);
  std::string out;
  char buf[1 << 15];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  int rc = Z_OK;
  do {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_SYNC_FLUSH);
    REQUIRE((rc == Z_OK || rc == Z_BUF_ERROR));
    out.append(buf, sizeof buf - z.avail_out);
  } while (z.avail_in > 0 || z.avail_out == 0);
  inflateEnd(&z);
  return out;
}

std::string ours(const std::string& text) {
  std::string out = "kept";  // appended to, never replaced
  io::huffman_deflate(text, out);
  REQUIRE(out.substr(0, 4) == "kept");
  return out.substr(4);
}

void check_same(const std::string& text) {
  INFO("text of " << text.size() << " bytes");
  const std::string mine = ours(text);
  CHECK(mine == zlib_huffman(text));
  CHECK(inflate_raw(mine) == text);
}

// Rows as a run writes them: numbers at 7 digits, a few keys.
std::string rows(std::mt19937_64& g, std::size_t bytes) {
  std::string s;
  std::uniform_real_distribution<double> u(0, 1);
  const char* keys[] = {"CHN", "RUS", "KAZ", "MNG"};
  for (int r = 0; s.size() < bytes; ++r) {
    s += std::to_string(r % 7) + ",2013," + keys[r % 4];
    for (int c = 0; c < 30; ++c) {
      s += ',';
      const double x = u(g);
      io::append_number(s, x < 0.3 ? 0 : std::pow(10, 6 * u(g) - 3), 7);
    }
    s += '\n';
  }
  s.resize(bytes);
  return s;
}

}  // namespace

TEST_CASE("huffman deflate: zlib's bytes for run rows across block boundaries", "[io][gzip]") {
  std::mt19937_64 g(20130907);
  const std::size_t b = io::kHuffmanBlockBytes;
  for (std::size_t n :
       {std::size_t{1}, std::size_t{100}, b - 1, b, b + 1, 2 * b, 3 * b + 17, std::size_t{300000}})
    check_same(rows(g, n));
}

TEST_CASE("huffman deflate: the empty text is zlib's lone sync-flush block", "[io][gzip]") {
  CHECK(ours("") == zlib_huffman(""));
  CHECK(ours("") == std::string("\0\0\0\xff\xff", 5));
}

TEST_CASE("huffman deflate: stored, fixed-code and one-symbol blocks as zlib chooses them",
          "[io][gzip]") {
  std::mt19937_64 g(7);
  std::string noise(40000, '\0');  // every byte value about equally: stored blocks
  for (char& c : noise) c = static_cast<char>(g());
  check_same(noise);
  check_same(noise.substr(0, 50));
  check_same("a");                      // short: the fixed codes cost less than a code table
  check_same("0,2013,CHN,1.5\n");       // likewise
  check_same(std::string(50000, '7'));  // one byte value: two codes of one bit
  std::string two(30000, 'x');          // two values, one rare
  for (std::size_t i = 0; i < two.size(); i += 997) two[i] = 'y';
  check_same(two);
}

TEST_CASE("huffman deflate: code lengths over the limit repaired as zlib repairs them",
          "[io][gzip]") {
  // Frequencies 1, 2, 3, 5, 8, ... (with the end-of-block code's 1) chain every merge onto the
  // last, so 18 values make a code 18 bits deep; in one block (10,944 bytes).
  std::string text;
  long long a = 1, b = 2;
  for (int v = 0; v < 18; ++v) {
    text.append(static_cast<std::size_t>(a), static_cast<char>('A' + v));
    const long long c = a + b;
    a = b;
    b = c;
  }
  REQUIRE(text.size() < io::kHuffmanBlockBytes);
  check_same(text);
  // And a code-length tree whose lengths overflow 7 bits: many distinct literal lengths.
  std::mt19937_64 g(11);
  std::string skew;
  for (int v = 0; v < 256; ++v)
    skew.append(static_cast<std::size_t>(1 + (g() % 3 == 0 ? g() % 200 : v % 5)),
                static_cast<char>(v));
  check_same(skew);
  // Random texts with random skewed alphabets: many trees, both trees' branches.
  for (int t = 0; t < 40; ++t) {
    const int alphabet = 2 + static_cast<int>(g() % 255);
    std::string s(1 + g() % 40000, '\0');
    for (char& c : s) {
      const auto r = static_cast<double>(g() >> 11) * 0x1.0p-53;
      c = static_cast<char>(static_cast<int>(alphabet * r * r * r));
    }
    check_same(s);
  }
}
