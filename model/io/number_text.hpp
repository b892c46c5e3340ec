#pragma once
// The fast path of the number format (model/io/csv.hpp) for a digit count known when compiling:
// inline, for the row writers, which write millions of cells at the default precision; and
// write_number's own for 1-8 digits (model/io/number_text.cpp). tests/io/number_text_test.cpp
// checks it against std::to_chars byte for byte.
#include <cmath>
#include <cstdint>
#include <cstring>

#include "model/io/csv.hpp"

namespace ccsim::io::number_text {

constexpr std::uint64_t kPow10Int[] = {1,      10,      100,      1000,     10000,
                                       100000, 1000000, 10000000, 100000000};
// 10^-8 to 10^22 (kPow10[i] is 10^(i - 8)): a power of ten from 10^0 on is a double exactly.
constexpr double kPow10[] = {1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1e0,  1e1,  1e2,
                             1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11, 1e12, 1e13,
                             1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
inline double pow10(int k) {
  return kPow10[k + 8];
}

// The 8 decimal digits of n < 10^8, leading zeros included, as digit values 0-9 in the bytes of
// the result, the first digit in the lowest byte (so that a little-endian store writes them in
// order): the halves, quarters and digits split in parallel by multiplying by reciprocals, which
// is exact below 10^4 (x * 10486 >> 20 is x / 100) and 100 (x * 103 >> 10 is x / 10).
[[gnu::always_inline]] inline std::uint64_t digit_bytes(std::uint64_t n) {
  std::uint64_t v = (n / 10000) | ((n % 10000) << 32);
  const std::uint64_t hundreds = ((v * 10486) >> 20) & 0x0000007F0000007FULL;
  v = hundreds | ((v - hundreds * 100) << 16);
  const std::uint64_t tens = ((v * 103) >> 10) & 0x000F000F000F000FULL;
  return tens | ((v - tens * 10) << 8);
}

constexpr std::uint64_t kAsciiZeros = 0x3030303030303030ULL;

inline void store8(char* p, std::uint64_t v) {
  static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "digit_bytes is little-endian");
  std::memcpy(p, &v, 8);
}

// The fast path for 1-8 digits and 1e-5 <= |x| < 1e16, the numbers a run writes, or null.
// std::to_chars's exact rounding was about 0.3 s of the 0.77 s that the default outputs of 200
// baseline replications cost over `--detail summary` (perf), while x * 10^k in doubles is off by
// less than 2^-53 of it relative, under 1.2e-7 of a unit in the last digit (x * 10^k < 10^9,
// even on an exponent guessed one too low), so the rounding is decided exactly unless the
// fraction is within 1e-6 of one half (a tie, or nearly): then, and outside the range, null, and
// to_chars writes it. The text is printf's %g's (as to_chars's): fixed notation for decimal
// exponents from -4 to digits - 1, else d.ddde+XX, trailing zeros dropped (so a whole number
// below 10^digits comes out as it is, with no point). Writes at most 24 bytes from p. A template
// on the digits, so that the shifts and bounds are constants.
template <int digits>
inline char* write_rounded(char* p, double x) {
  static_assert(digits >= 1 && digits <= 8);
  const double a = std::fabs(x);
  if (!(a >= 1e-5 && a < 1e16)) return nullptr;
  *p = '-';  // kept only for a negative number: no branch on the sign
  p += x < 0;
  constexpr std::uint64_t limit = kPow10Int[digits];
  // e: the decimal exponent of a once rounded; guessed from the binary exponent (log10 2 is
  // 1233 / 4096 to within 1e-5) and one comparison, then moved until the rounded mantissa has
  // `digits` digits (a rounding up to the next power of ten, or a guess off by one).
  std::uint64_t bits;
  std::memcpy(&bits, &a, 8);
  int e = ((static_cast<int>(bits >> 52) - 1023) * 1233) >> 12;
  e += a >= pow10(e + 1);
  std::uint64_t m = 0;
  for (int tries = 0;; ++tries) {
    if (tries == 3) return nullptr;
    const int k = digits - 1 - e;  // a * 10^k has `digits` digits before the point
    const double scaled = k >= 0 ? a * pow10(k) : a / pow10(-k);  // one rounding either way
    // The nearest whole number by adding 2^52, where a double's unit is 1 (scaled is below
    // 10^9): both steps exact but the one rounding; its bits below 2^52 are the number.
    const double shifted = scaled + 0x1p52;
    const double rounded = shifted - 0x1p52;
    if (std::fabs(scaled - rounded) > 0.5 - 1e-6) return nullptr;  // a tie, or nearly
    std::memcpy(&m, &shifted, 8);
    m &= (std::uint64_t{1} << 52) - 1;
    if (m >= limit)
      ++e;
    else if (m < kPow10Int[digits - 1])
      --e;
    else
      break;
  }
  // The digits, in bytes 0..digits-1; len of them once trailing zeros are dropped.
  const std::uint64_t d = digit_bytes(m) >> (8 * (8 - digits));
  const int len = (63 - __builtin_clzll(d)) / 8 + 1;
  // As text; the bytes past the digits come out as '0's too, written but never counted.
  const std::uint64_t text = d + kAsciiZeros;
  if (e >= 0 && e < digits) {  // ddd or ddd.ddd
    store8(p, text);
    if (len <= e + 1) return p + e + 1;  // whole: the dropped zeros come back (e + 1 < 8)
    store8(p + e + 1, '.' | ((text >> (8 * (e + 1))) << 8));
    return p + len + 1;
  }
  if (e < 0 && e >= -4) {  // 0.000ddd
    std::memcpy(p, "0.000000", 8);
    p += 1 - e;
    store8(p, text);
    return p + len;
  }
  *p = static_cast<char>(text);  // d.ddde+XX
  store8(p + 1, '.' | ((text >> 8) << 8));
  p += len > 1 ? len + 1 : 1;
  *p++ = 'e';
  *p++ = e < 0 ? '-' : '+';
  const int ae = e < 0 ? -e : e;  // from 5 to 15 here: two digits
  *p++ = static_cast<char>('0' + ae / 10);
  *p++ = static_cast<char>('0' + ae % 10);
  return p;
}

// write_number(p, x, digits) with the digits known when compiling.
template <int digits>
inline char* write_number(char* p, double x) {
  if (x == 0.0) {  // first: half the cells of a run's country rows are 0
    *p = '0';      // folds -0 into 0 so that equal results print equal bytes
    return p + 1;
  }
  if (char* end = write_rounded<digits>(p, x)) return end;
  return io::write_number(p, x, digits);  // nan, inf, ties and the range's outside
}

}  // namespace ccsim::io::number_text
