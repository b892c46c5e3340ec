#pragma once
// Huffman-only raw deflate (RFC 1951) whose bytes are those of zlib's deflate with strategy
// Z_HUFFMAN_ONLY, memLevel 8 and a sync flush (deflateInit2(z, 1, Z_DEFLATED, -15, 8,
// Z_HUFFMAN_ONLY), then deflate(z, Z_SYNC_FLUSH) over the whole text): the .csv.gz that a run wrote
// through zlib keep their bytes. zlib spends most of its time on that path moving bytes through
// its window and sending codes a bit field at a time; here a block's codes go out 32 bits at a
// time from a table of the byte's code, which makes the run's compressed tables cost about a
// third as much (docs/performance.md, "Output size and its cost").
//
// To give zlib's bytes it does what zlib does, step for step where the step decides a bit:
// blocks of 16,383 bytes (zlib's literal buffer of 2^(memLevel+6) entries less one), the same
// heap and tie rule (equal frequencies: the shallower subtree first) when building the codes, the
// same repair of codes longer than 15 (or 7) bits, the same run-length coding of the code lengths,
// and the same choice between a stored, a fixed-code and a dynamic-code block by their sizes.
// tests/io/huffman_deflate_test.cpp compares it with zlib on many texts, edge cases included.
#include <cstdint>
#include <string>
#include <string_view>

namespace ccsim::io {

// Appends to `out` the deflate blocks of `text`, then an empty stored block that ends them on a
// byte boundary (a sync flush); none is marked last, and none refers to bytes before it. With
// `crc`, sets it to the CRC-32 of `text` (zlib's crc32), taken a block at a time while the block
// is in cache rather than in a pass of its own over the text.
void huffman_deflate(std::string_view text, std::string& out, std::uint32_t* crc = nullptr);

// Bytes of `text` a block holds (zlib: lit_bufsize - 1 at memLevel 8).
inline constexpr std::size_t kHuffmanBlockBytes = (std::size_t{1} << 14) - 1;

}  // namespace ccsim::io
