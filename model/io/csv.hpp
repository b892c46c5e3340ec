#pragma once
// CSV on streams: the one number format every output uses, and a small reader for run outputs.
// The library never opens files: callers hand in streams.
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace ccsim::io {

// Significant digits of the numbers a run writes by default (`ccsim run --precision`): 7, the
// digits a float keeps, so that a value read back is within 5e-7 of it relative (half a unit in
// the 7th digit) while files are half the size of full precision's. kFullPrecision (0) means the
// shortest text that reads back to the same double.
inline constexpr int kCompactDigits = 7;
inline constexpr int kFullPrecision = 0;

// A number as text: with `digits` 0 the shortest text that reads back to the same double, else
// rounded to that many significant digits (printf's %g rule, trailing zeros dropped); either way
// std::to_chars's text, which is exact and ignores the locale, so the bytes are the same on every
// platform (up to 8 digits, most numbers are written by a faster path of the same bytes:
// model/io/number_text.cpp). "nan"/"inf" spelled as pandas and R read them; -0 written as 0.
std::string format_number(double x, int digits = kFullPrecision);
// The same text appended to `out` (no allocation beyond out's growth).
void append_number(std::string& out, double x, int digits = kFullPrecision);
// The same text written at `out`, which must have kNumberChars bytes of room (more than the text
// takes: the writer stores 8 bytes at a time); returns the end of the text. For the row writers,
// which format a whole row in a buffer and append it at once.
inline constexpr std::size_t kNumberChars = 32;
char* write_number(char* out, double x, int digits = kFullPrecision);

// Quotes a field only when it must (comma, quote or newline inside).
std::string quote_field(std::string_view s);

// A parsed CSV: header and rows of text fields.
struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  // Column index, or -1 when absent.
  int column(std::string_view name) const;
};

// Reads RFC 4180 CSV a record at a time, so that a table larger than memory can be streamed.
class CsvReader {
 public:
  CsvReader(std::istream& in, std::string source);
  // The next record (the header first), or false at the end. Throws InputError on bad quoting.
  bool next(std::vector<std::string>& record);
  // The line on which the record last returned starts (1-based).
  std::size_t line() const { return record_line_; }
  const std::string& source() const { return source_; }

 private:
  std::istream& in_;
  std::string source_;
  std::string field_;
  std::size_t line_ = 1, record_line_ = 1;
};

// Parses RFC 4180 CSV. Throws InputError(source, "line N", ...) on ragged rows or bad quoting.
CsvTable read_csv(std::istream& in, const std::string& source);

// Parses a number field; throws InputError naming source, line and column when it is not one.
double parse_number(std::string_view text, const std::string& source, std::size_t line,
                    std::string_view column);

}  // namespace ccsim::io
