// io::append_number's fast path for N significant digits writes std::to_chars's text (what it
// wrote before the fast path, and printf's %.Ng) byte for byte: random doubles of every
// magnitude and bit pattern, numbers of few digits, near-ties and exact ties, and the edges of
// the path's range.
#include <catch2/catch.hpp>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>

#include "model/io/csv.hpp"

namespace io = ccsim::io;

namespace {

std::string reference(double x, int digits) {
  if (x == 0) return "0";
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::general, digits);
  return std::string(buf, res.ptr);
}

double from_bits(std::uint64_t b) {
  double x;
  std::memcpy(&x, &b, sizeof x);
  return x;
}

// Counts the mismatches (and shows the first few) rather than one CHECK a value.
struct Compare {
  int checked = 0, mismatched = 0;
  void operator()(double x, int digits) {
    if (!std::isfinite(x)) return;
    ++checked;
    const std::string got = io::format_number(x, digits);
    const std::string want = reference(x, digits);
    if (got == want) return;
    if (++mismatched <= 5) {
      char hex[32];
      std::snprintf(hex, sizeof hex, "%a", x);
      FAIL_CHECK(hex << " at " << digits << " digits: " << got << " instead of " << want);
    }
  }
};

}  // namespace

TEST_CASE("number text: to_chars's text for random doubles at 1-17 digits", "[io][numbers]") {
  std::mt19937_64 g(20130907);
  Compare compare;
  auto unit = [&] { return static_cast<double>(g() >> 11) * 0x1.0p-53; };
  for (int i = 0; i < 400000; ++i) {
    const int digits = i % 4 == 0 ? 1 + static_cast<int>(g() % 17) : 7;
    // Every magnitude the outputs hold and well past the fast path's range.
    const double e = std::floor(-30 + 60 * unit());
    compare((g() & 1 ? -1 : 1) * (1 + 9 * unit()) * std::pow(10.0, e), digits);
    // Any bit pattern: subnormals, huge and tiny numbers.
    compare(from_bits(g()), digits);
    // Few digits (k / 10^j and k * 10^j), where exact and near ties live, and whole numbers.
    const auto k = static_cast<double>(g() % 100000000);
    const int j = static_cast<int>(g() % 12);
    compare(k / std::pow(10.0, j), digits);
    compare(k * std::pow(10.0, j % 6), digits);
    compare(k, digits);
    compare((k + 0.5) / std::pow(10.0, j), digits);
  }
  INFO(compare.checked << " numbers checked");
  CHECK(compare.mismatched == 0);
}

TEST_CASE("number text: ties and the edges of the fast path", "[io][numbers]") {
  Compare compare;
  const double edges[] = {0.125,
                          0.375,
                          2.5,
                          1234567.5,
                          1234568.5,
                          9999999.5,
                          9999999.4,
                          0.99999995,
                          9.9999996e-5,
                          1e-5,
                          9.999999e-6,
                          std::nextafter(1e-5, 0),
                          1e16,
                          std::nextafter(1e16, 0),
                          1e21,
                          1e22,
                          1e9,
                          999999999,
                          1e15 + 1,
                          123456789,
                          5e-324,
                          std::numeric_limits<double>::denorm_min() * 12345,
                          std::numeric_limits<double>::min(),
                          std::numeric_limits<double>::max(),
                          std::numeric_limits<double>::lowest(),
                          1.0,
                          10.0,
                          1e6,
                          1e7,
                          0.0001,
                          0.00012345675};
  for (double x : edges)
    for (int digits = 1; digits <= 17; ++digits) {
      compare(x, digits);
      compare(-x, digits);
    }
  CHECK(compare.mismatched == 0);
  CHECK(io::format_number(2.5, 1) == "2");  // an exact tie rounds to even, as to_chars does
  CHECK(io::format_number(1234567.5, 7) == "1234568");
  CHECK(io::format_number(0.125, 2) == "0.12");
  CHECK(io::format_number(9999999.6, 7) == "1e+07");
  CHECK(io::format_number(1e21, 7) == "1e+21");
  CHECK(io::format_number(-1.5e-5, 7) == "-1.5e-05");
  CHECK(io::format_number(5e-324, 7) == "4.940656e-324");
  CHECK(io::format_number(-0.0, 7) == "0");
  CHECK(io::format_number(0.0, 7) == "0");
}

TEST_CASE("number text: finite numbers never come out as nan or inf, and read back",
          "[io][numbers]") {
  std::mt19937_64 g(42);
  for (int i = 0; i < 100000; ++i) {
    const double x = from_bits(g());
    if (!std::isfinite(x)) continue;
    const std::string s = io::format_number(x, 7);
    REQUIRE(s.find_first_of("ni") == std::string::npos);
    const double y = io::parse_number(s, "test", 0, "x");
    // Half a unit in the 7th digit, relative; at the bottom of the subnormals the 7 digits
    // are themselves rounded by the format.
    if (std::fabs(x) > 1e-300) REQUIRE(std::fabs(y - x) <= 5e-7 * std::fabs(x));
    REQUIRE(io::format_number(y, 7) == s);  // the text is a fixed point
  }
  CHECK(io::format_number(std::nan(""), 7) == "nan");
  CHECK(io::format_number(-std::numeric_limits<double>::infinity(), 7) == "-inf");
}
