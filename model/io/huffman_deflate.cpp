#include "model/io/huffman_deflate.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace ccsim::io {

namespace {

// RFC 1951's alphabets: literals 0-255, end of block 256, length codes 257-285; 30 distance
// codes; 19 code-length codes.
constexpr int kLitCodes = 286, kDistCodes = 30, kLenCodes = 19;
constexpr int kEndBlock = 256;
constexpr int kMaxBits = 15, kMaxLenBits = 7;
constexpr int kNodes = 2 * kLitCodes + 1;  // leaves and internal nodes of the largest tree
// Code-length codes: repeat the previous length 3-6 times, a zero 3-10 times, 11-138 times.
constexpr int kRepeat3To6 = 16, kZeros3To10 = 17, kZeros11To138 = 18;
// The order in which the code-length code's lengths are sent (RFC 1951, 3.2.7).
constexpr std::array<int, kLenCodes> kLenOrder = {16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
                                                  11, 4,  12, 3, 13, 2, 14, 1, 15};
constexpr std::array<int, kLenCodes> kLenExtra = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                                  0, 0, 0, 0, 0, 0, 2, 3, 7};
constexpr std::array<int, 29> kLengthExtra = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                              2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
constexpr std::array<int, kDistCodes> kDistExtra = {0, 0, 0,  0,  1,  1,  2,  2,  3,  3,
                                                    4, 4, 5,  5,  6,  6,  7,  7,  8,  8,
                                                    9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

unsigned reverse_bits(unsigned code, int len) {
  unsigned r = 0;
  for (int i = 0; i < len; ++i, code >>= 1) r = (r << 1) | (code & 1);
  return r;
}

// Canonical codes (RFC 1951, 3.2.2) of the leaves 0..max_code from their lengths, bit-reversed
// since deflate sends codes from their first bit on.
void assign_codes(const std::uint16_t* len, std::uint16_t* code, int max_code,
                  const std::array<int, kMaxBits + 1>& count) {
  std::array<unsigned, kMaxBits + 1> next{};
  unsigned c = 0;
  for (int bits = 1; bits <= kMaxBits; ++bits) next[bits] = c = (c + count[bits - 1]) << 1;
  for (int n = 0; n <= max_code; ++n)
    if (len[n] != 0) code[n] = static_cast<std::uint16_t>(reverse_bits(next[len[n]]++, len[n]));
}

// The fixed codes (RFC 1951, 3.2.6): literal lengths 8, 9, 7, 8 by range; distances all 5 bits.
struct FixedCodes {
  std::array<std::uint16_t, 288> len{}, code{};
  FixedCodes() {
    std::array<int, kMaxBits + 1> count{};
    for (int n = 0; n < 288; ++n) {
      len[n] = n <= 143 ? 8 : n <= 255 ? 9 : n <= 279 ? 7 : 8;
      ++count[len[n]];
    }
    assign_codes(len.data(), code.data(), 287, count);
  }
};
const FixedCodes& fixed_codes() {
  static const FixedCodes f;
  return f;
}

// What one tree's construction needs to know of its alphabet.
struct Alphabet {
  int leaves;
  int max_length;
  const std::uint16_t* fixed_len;  // the fixed code's lengths, or null (the code-length tree)
  const int* extra;                // extra bits of the leaves from extra_base on
  int extra_base;
};

// One Huffman tree: leaves 0..leaves-1, then its internal nodes.
struct Tree {
  std::array<std::uint32_t, kNodes> freq;
  std::array<std::uint16_t, kNodes> dad, len, code;
  int max_code = -1;  // the largest leaf of nonzero frequency
};

// Builds the trees of a block and tallies its size in bits under each coding: the construction
// (heap order, tie rule, length repair) decides which of several optimal codes comes out, so it
// follows zlib's trees.c step for step for the bytes to be zlib's.
class Builder {
 public:
  long long opt_bits = 0, fixed_bits = 0;  // the block's size with dynamic or fixed codes

  void build(Tree& t, const Alphabet& a) {
    heap_len_ = 0;
    heap_max_ = kNodes;
    t.max_code = -1;
    for (int n = 0; n < a.leaves; ++n) {
      if (t.freq[n] != 0) {
        heap_[++heap_len_] = t.max_code = n;
        depth_[n] = 0;
      } else {
        t.len[n] = 0;
      }
    }
    // A tree needs two codes at least (one code of one bit rather than none): zlib adds leaves
    // 0 and 1, or leaf 0, of frequency 1 (not counted in the block's size).
    while (heap_len_ < 2) {
      const int node = heap_[++heap_len_] = t.max_code < 2 ? ++t.max_code : 0;
      t.freq[node] = 1;
      depth_[node] = 0;
      --opt_bits;
      if (a.fixed_len) fixed_bits -= a.fixed_len[node];
    }
    for (int n = heap_len_ / 2; n >= 1; --n) sift_down(t, n);
    int node = a.leaves;
    do {
      const int n = heap_[1];
      heap_[1] = heap_[heap_len_--];
      sift_down(t, 1);
      const int m = heap_[1];
      heap_[--heap_max_] = n;  // the nodes in order of frequency, for the lengths' pass
      heap_[--heap_max_] = m;
      t.freq[node] = t.freq[n] + t.freq[m];
      depth_[node] =
          static_cast<std::uint8_t>((depth_[n] >= depth_[m] ? depth_[n] : depth_[m]) + 1);
      t.dad[n] = t.dad[m] = static_cast<std::uint16_t>(node);
      heap_[1] = node++;
      sift_down(t, 1);
    } while (heap_len_ >= 2);
    heap_[--heap_max_] = heap_[1];
    lengths(t, a);
    assign_codes(t.len.data(), t.code.data(), t.max_code, count_);
  }

 private:
  bool smaller(const Tree& t, int n, int m) const {
    return t.freq[n] < t.freq[m] || (t.freq[n] == t.freq[m] && depth_[n] <= depth_[m]);
  }

  void sift_down(const Tree& t, int k) {
    const int v = heap_[k];
    for (int j = k << 1; j <= heap_len_; j <<= 1) {
      if (j < heap_len_ && smaller(t, heap_[j + 1], heap_[j])) ++j;
      if (smaller(t, v, heap_[j])) break;
      heap_[k] = heap_[j];
      k = j;
    }
    heap_[k] = v;
  }

  // Code lengths from the depths, root first; lengths over the limit are repaired by moving
  // leaves down from the deepest allowed level, then reassigned in order of frequency.
  void lengths(Tree& t, const Alphabet& a) {
    count_.fill(0);
    int overflow = 0;
    t.len[heap_[heap_max_]] = 0;  // the root
    int h = heap_max_ + 1;
    for (; h < kNodes; ++h) {
      const int n = heap_[h];
      int bits = t.len[t.dad[n]] + 1;
      if (bits > a.max_length) bits = a.max_length, ++overflow;
      t.len[n] = static_cast<std::uint16_t>(bits);
      if (n > t.max_code) continue;  // an internal node
      ++count_[bits];
      const int extra = n >= a.extra_base ? a.extra[n - a.extra_base] : 0;
      opt_bits += static_cast<long long>(t.freq[n]) * (bits + extra);
      if (a.fixed_len) fixed_bits += static_cast<long long>(t.freq[n]) * (a.fixed_len[n] + extra);
    }
    if (overflow == 0) return;
    do {
      int bits = a.max_length - 1;
      while (count_[bits] == 0) --bits;
      --count_[bits];
      count_[bits + 1] += 2;
      --count_[a.max_length];
      overflow -= 2;
    } while (overflow > 0);
    for (int bits = a.max_length; bits != 0; --bits)
      for (int left = count_[bits]; left != 0;) {
        const int m = heap_[--h];
        if (m > t.max_code) continue;
        if (t.len[m] != bits) {
          opt_bits += (static_cast<long long>(bits) - t.len[m]) * t.freq[m];
          t.len[m] = static_cast<std::uint16_t>(bits);
        }
        --left;
      }
  }

  std::array<int, kNodes + 1> heap_{};
  int heap_len_ = 0, heap_max_ = 0;
  std::array<std::uint8_t, kNodes> depth_{};
  std::array<int, kMaxBits + 1> count_{};
};

// Writes bits first bit first (RFC 1951, 3.1.1) into a buffer sized beforehand; a flush writes
// 8 bytes of which only the whole ones count, so the buffer keeps 8 bytes spare.
class BitWriter {
 public:
  explicit BitWriter(char* out) : out_(out), start_(out) {}
  void put(unsigned value, int length) {
    acc_ |= static_cast<std::uint64_t>(value) << bits_;
    bits_ += length;
    flush();
  }
  // At most 7 bits pending after it: room for three 15-bit codes, or 57 bits, before the next
  // (so bits_ is below 64 here, and the shift defined).
  void flush() {
    std::memcpy(out_, &acc_, 8);  // little-endian: the first bits in the first byte
    out_ += bits_ >> 3;
    acc_ >>= bits_ & ~7;
    bits_ &= 7;
  }
  void add(std::uint64_t value, int length) {  // without a flush: the caller flushes in time
    acc_ |= value << bits_;
    bits_ += length;
  }
  // Pads to a byte boundary (zlib's bi_windup).
  void align() {
    flush();
    if (bits_ > 0) *out_++ = static_cast<char>(acc_);
    acc_ = 0;
    bits_ = 0;
  }
  void bytes(const char* p, std::size_t n) {
    std::memcpy(out_, p, n);
    out_ += n;
  }
  std::size_t written() const { return static_cast<std::size_t>(out_ - start_); }

 private:
  char* out_;
  char* start_;
  std::uint64_t acc_ = 0;
  int bits_ = 0;
};

void stored_block(BitWriter& w, const char* data, std::size_t n) {
  w.put(0, 3);  // BTYPE 00, not the last block
  w.align();
  const char head[4] = {static_cast<char>(n & 0xff), static_cast<char>(n >> 8),
                        static_cast<char>(~n & 0xff), static_cast<char>((~n >> 8) & 0xff)};
  w.bytes(head, 4);
  if (n) w.bytes(data, n);
}

// Counts, for the code-length tree, the codes that send_lengths() will use for `t`.
template <class Emit>
void run_lengths(const Tree& t, Emit&& emit) {
  int prev = -1, next = t.len[0], count = 0;
  int max_count = next == 0 ? 138 : 7, min_count = next == 0 ? 3 : 4;
  for (int n = 0; n <= t.max_code; ++n) {
    const int cur = next;
    next = n + 1 <= t.max_code ? t.len[n + 1] : 0xffff;  // zlib's guard: ends the last run
    if (++count < max_count && cur == next) continue;
    if (count < min_count) {
      for (; count > 0; --count) emit(cur, 0, 0);
    } else if (cur != 0) {
      if (cur != prev) emit(cur, 0, 0), --count;
      emit(kRepeat3To6, count - 3, 2);
    } else if (count <= 10) {
      emit(kZeros3To10, count - 3, 3);
    } else {
      emit(kZeros11To138, count - 11, 7);
    }
    count = 0;
    prev = cur;
    if (next == 0)
      max_count = 138, min_count = 3;
    else if (cur == next)
      max_count = 6, min_count = 3;
    else
      max_count = 7, min_count = 4;
  }
}

// The block's bytes in the code, `group` at a time: their codes are joined first, then added to
// the writer's bits at once, so that the bytes wait on the writer once a group. The writer takes
// 57 bits between flushes: three codes of up to 15 bits, or four of up to 14.
template <int group>
void encode_group(BitWriter& writer, const unsigned char* p, std::size_t n,
                  const std::uint16_t* code, const std::uint16_t* len) {
  // A copy whose address is not shared, so that its bits stay in registers: the output's char
  // stores might alias the caller's writer, which the compiler would then reload a group.
  BitWriter w = writer;
  std::size_t i = 0;
  for (; i + group <= n; i += group) {
    std::uint64_t joined = 0;
    unsigned bits = 0;
    for (int j = 0; j < group; ++j) {
      joined |= static_cast<std::uint64_t>(code[p[i + j]]) << bits;
      bits += len[p[i + j]];
    }
    w.add(joined, static_cast<int>(bits));
    w.flush();
  }
  for (; i < n; ++i) w.put(code[p[i]], len[p[i]]);
  w.put(code[kEndBlock], len[kEndBlock]);
  writer = w;
}

void encode_literals(BitWriter& w, const unsigned char* p, std::size_t n, const std::uint16_t* code,
                     const std::uint16_t* len) {
  std::uint16_t longest = 0;
  for (int c = 0; c <= kEndBlock; ++c) longest = std::max(longest, len[c]);
  if (longest <= 14)  // rows of text: always, in practice
    encode_group<4>(w, p, n, code, len);
  else
    encode_group<3>(w, p, n, code, len);
}

class Deflater {
 public:
  void block(BitWriter& w, const char* data, std::size_t n) {
    const auto* p = reinterpret_cast<const unsigned char*>(data);
    lit_.freq.fill(0);
    dist_.freq.fill(0);
    lens_.freq.fill(0);
    // Four counts a byte value, summed after: the rows repeat a few bytes (digits, commas), and
    // one count would make each increment wait for the one before (measured: twice as slow).
    std::array<std::array<std::uint32_t, 256>, 4> counts{};
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {
      ++counts[0][p[i]];
      ++counts[1][p[i + 1]];
      ++counts[2][p[i + 2]];
      ++counts[3][p[i + 3]];
    }
    for (; i < n; ++i) ++counts[0][p[i]];
    for (int c = 0; c < 256; ++c)
      lit_.freq[c] = counts[0][c] + counts[1][c] + counts[2][c] + counts[3][c];
    lit_.freq[kEndBlock] = 1;
    const FixedCodes& fixed = fixed_codes();
    static const std::array<std::uint16_t, kDistCodes> fixed_dist = [] {
      std::array<std::uint16_t, kDistCodes> a{};
      a.fill(5);
      return a;
    }();
    Builder b;
    b.build(lit_, {kLitCodes, kMaxBits, fixed.len.data(), kLengthExtra.data(), kEndBlock + 1});
    b.build(dist_, {kDistCodes, kMaxBits, fixed_dist.data(), kDistExtra.data(), 0});
    auto tally = [&](int c, unsigned, int) { ++lens_.freq[c]; };
    run_lengths(lit_, tally);
    run_lengths(dist_, tally);
    b.build(lens_, {kLenCodes, kMaxLenBits, nullptr, kLenExtra.data(), 0});
    int last_len = kLenCodes - 1;  // at least 4 code-length codes are sent
    while (last_len >= 3 && lens_.len[kLenOrder[last_len]] == 0) --last_len;
    b.opt_bits += 3 * (last_len + 1) + 5 + 5 + 4;
    // Block sizes in bytes with the 3 header bits, as zlib compares them.
    auto dynamic_bytes = static_cast<unsigned long long>(b.opt_bits + 3 + 7) >> 3;
    const auto fixed_bytes = static_cast<unsigned long long>(b.fixed_bits + 3 + 7) >> 3;
    if (fixed_bytes <= dynamic_bytes) dynamic_bytes = fixed_bytes;
    if (n + 4 <= dynamic_bytes) {
      stored_block(w, data, n);
    } else if (fixed_bytes == dynamic_bytes) {
      w.put(1 << 1, 3);  // BTYPE 01
      encode_literals(w, p, n, fixed.code.data(), fixed.len.data());
    } else {
      w.put(2 << 1, 3);  // BTYPE 10
      w.put(static_cast<unsigned>(lit_.max_code + 1 - 257), 5);
      w.put(static_cast<unsigned>(dist_.max_code + 1 - 1), 5);
      w.put(static_cast<unsigned>(last_len + 1 - 4), 4);
      for (int r = 0; r <= last_len; ++r) w.put(lens_.len[kLenOrder[r]], 3);
      auto send = [&](int c, unsigned extra, int extra_bits) {
        w.put(lens_.code[c], lens_.len[c]);
        if (extra_bits) w.put(extra, extra_bits);
      };
      run_lengths(lit_, send);
      run_lengths(dist_, send);
      encode_literals(w, p, n, lit_.code.data(), lit_.len.data());
    }
  }

 private:
  Tree lit_, dist_, lens_;
};

}  // namespace

void huffman_deflate(std::string_view text, std::string& out, std::uint32_t* crc) {
  const std::size_t blocks = (text.size() + kHuffmanBlockBytes - 1) / kHuffmanBlockBytes;
  // A block never exceeds its fixed-code size (9 bits a byte and 10 bits more, a byte of padding)
  // nor its stored size (5 bytes more); the final empty block is 5 bytes; 8 spare for BitWriter.
  const std::size_t start = out.size();
  out.resize(start + text.size() + text.size() / 8 + 16 * (blocks + 1) + 16);
  BitWriter w(out.data() + start);
  Deflater d;
  uLong sum = crc32(0L, Z_NULL, 0);
  for (std::size_t at = 0; at < text.size(); at += kHuffmanBlockBytes) {
    const std::size_t n = std::min(kHuffmanBlockBytes, text.size() - at);
    if (crc)
      sum = crc32(sum, reinterpret_cast<const Bytef*>(text.data() + at), static_cast<uInt>(n));
    d.block(w, text.data() + at, n);
  }
  if (crc) *crc = static_cast<std::uint32_t>(sum);
  stored_block(w, nullptr, 0);  // the sync flush
  out.resize(start + w.written());
}

}  // namespace ccsim::io
