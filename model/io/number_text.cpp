// The number format of every output (model/io/csv.hpp): std::to_chars's text, by a fast path of
// the same bytes for 1-8 digits (model/io/number_text.hpp).
#include "model/io/number_text.hpp"

#include <charconv>
#include <cmath>
#include <cstring>

#include "model/io/csv.hpp"

namespace ccsim::io {

namespace {

char* write_rounded(char* p, double x, int digits) {
  switch (digits) {
    case 1:
      return number_text::write_rounded<1>(p, x);
    case 2:
      return number_text::write_rounded<2>(p, x);
    case 3:
      return number_text::write_rounded<3>(p, x);
    case 4:
      return number_text::write_rounded<4>(p, x);
    case 5:
      return number_text::write_rounded<5>(p, x);
    case 6:
      return number_text::write_rounded<6>(p, x);
    case 7:
      return number_text::write_rounded<7>(p, x);
    case 8:
      return number_text::write_rounded<8>(p, x);
    default:
      return nullptr;
  }
}

}  // namespace

char* write_number(char* p, double x, int digits) {
  if (x == 0.0) {  // first: half the cells of a run's country rows are 0
    *p = '0';      // folds -0 into 0 so that equal results print equal bytes
    return p + 1;
  }
  if (std::isnan(x)) return static_cast<char*>(std::memcpy(p, "nan", 3)) + 3;
  if (std::isinf(x)) {
    if (x < 0) *p++ = '-';
    return static_cast<char*>(std::memcpy(p, "inf", 3)) + 3;
  }
  if (digits > 0) {
    if (char* end = write_rounded(p, x, digits)) return end;
    return std::to_chars(p, p + kNumberChars, x, std::chars_format::general, digits).ptr;
  }
  return std::to_chars(p, p + kNumberChars, x).ptr;
}

void append_number(std::string& out, double x, int digits) {
  char buf[kNumberChars];
  out.append(buf, write_number(buf, x, digits));
}

}  // namespace ccsim::io
