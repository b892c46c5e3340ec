#include "model/io/csv.hpp"

#include <charconv>
#include <cmath>
#include <istream>

#include "model/error.hpp"

namespace ccsim::io {

std::string format_number(double x, int digits) {
  std::string s;
  append_number(s, x, digits);
  return s;
}

std::string quote_field(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

int CsvTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

CsvReader::CsvReader(std::istream& in, std::string source) : in_(in), source_(std::move(source)) {}

bool CsvReader::next(std::vector<std::string>& record) {
  record.clear();
  bool quoted = false, field_started = false;
  record_line_ = line_;
  auto end_field = [&] {
    record.push_back(field_);
    field_.clear();
    field_started = false;
  };
  std::streambuf* buf = in_.rdbuf();
  for (;;) {
    const int ci = buf->sbumpc();
    if (ci == std::char_traits<char>::eof()) break;
    const char c = static_cast<char>(ci);
    if (quoted) {
      if (c == '"') {
        if (buf->sgetc() == '"') {
          buf->sbumpc();
          field_ += '"';
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line_;
        field_ += c;
      }
      continue;
    }
    switch (c) {
      case '"':
        if (field_started && !field_.empty())
          throw InputError(source_, "line " + std::to_string(line_), "stray quote inside a field");
        quoted = true;
        field_started = true;
        break;
      case ',':
        end_field();
        break;
      case '\r':
        break;
      case '\n':
        end_field();
        ++line_;
        if (record.size() == 1 && record[0].empty()) {  // blank line
          record.clear();
          record_line_ = line_;
          break;
        }
        return true;
      default:
        field_ += c;
        field_started = true;
    }
  }
  if (quoted) throw InputError(source_, "line " + std::to_string(line_), "unterminated quote");
  if (field_started || !record.empty()) {
    end_field();
    return true;
  }
  return false;
}

CsvTable read_csv(std::istream& in, const std::string& source) {
  CsvTable table;
  CsvReader reader(in, source);
  std::vector<std::string> record;
  while (reader.next(record)) {
    if (table.header.empty()) {
      table.header = std::move(record);
      continue;
    }
    if (record.size() != table.header.size())
      throw InputError(source, "line " + std::to_string(reader.line()),
                       "expected " + std::to_string(table.header.size()) + " fields, found " +
                           std::to_string(record.size()));
    table.rows.push_back(std::move(record));
  }
  if (table.header.empty()) throw InputError(source, "", "empty CSV: no header");
  return table;
}

double parse_number(std::string_view text, const std::string& source, std::size_t line,
                    std::string_view column) {
  if (text == "nan") return std::nan("");
  if (text == "inf") return INFINITY;
  if (text == "-inf") return -INFINITY;
  double v = 0;
  const auto res = std::from_chars(text.data(), text.data() + text.size(), v);
  if (res.ec != std::errc() || res.ptr != text.data() + text.size())
    throw InputError(source, "line " + std::to_string(line) + ", column " + std::string(column),
                     "expected a number, found '" + std::string(text) + "'");
  return v;
}

}  // namespace ccsim::io
