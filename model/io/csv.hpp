#pragma once
// CSV on streams: the one number format every output uses, and a small reader for run outputs.
// The library never opens files: callers hand in streams.
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace ccsim::io {

// Shortest text that reads back to the same double; "nan"/"inf" spelled as pandas and R read them.
std::string format_number(double x);
// The same text appended to `out` (no allocation beyond out's growth): for the row writers.
void append_number(std::string& out, double x);

// Quotes a field only when it must (comma, quote or newline inside).
std::string quote_field(std::string_view s);

// A parsed CSV: header and rows of text fields.
struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  // Column index, or -1 when absent.
  int column(std::string_view name) const;
};

// Parses RFC 4180 CSV. Throws InputError(source, "line N", ...) on ragged rows or bad quoting.
CsvTable read_csv(std::istream& in, const std::string& source);

// Parses a number field; throws InputError naming source, line and column when it is not one.
double parse_number(std::string_view text, const std::string& source, std::size_t line,
                    std::string_view column);

}  // namespace ccsim::io
