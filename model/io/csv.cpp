#include "model/io/csv.hpp"

#include <charconv>
#include <cmath>
#include <istream>

#include "model/error.hpp"

namespace ccsim::io {

void append_number(std::string& out, double x) {
  if (std::isnan(x)) {
    out += "nan";
  } else if (std::isinf(x)) {
    out += x > 0 ? "inf" : "-inf";
  } else if (x == 0.0) {
    out += '0';  // folds -0 into 0 so that equal results print equal bytes
  } else {
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, x);
    out.append(buf, res.ptr);
  }
}

std::string format_number(double x) {
  std::string s;
  append_number(s, x);
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

CsvTable read_csv(std::istream& in, const std::string& source) {
  CsvTable table;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, field_started = false;
  std::size_t line = 1, record_line = 1;
  auto end_record = [&] {
    record.push_back(field);
    field.clear();
    field_started = false;
    if (record.size() == 1 && record[0].empty()) {  // blank line
      record.clear();
      return;
    }
    if (table.header.empty()) {
      table.header = std::move(record);
    } else {
      if (record.size() != table.header.size())
        throw InputError(source, "line " + std::to_string(record_line),
                         "expected " + std::to_string(table.header.size()) + " fields, found " +
                             std::to_string(record.size()));
      table.rows.push_back(std::move(record));
    }
    record.clear();
  };
  char c;
  while (in.get(c)) {
    if (quoted) {
      if (c == '"') {
        if (in.peek() == '"') {
          in.get(c);
          field += '"';
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    switch (c) {
      case '"':
        if (field_started && !field.empty())
          throw InputError(source, "line " + std::to_string(line), "stray quote inside a field");
        quoted = true;
        field_started = true;
        break;
      case ',':
        record.push_back(field);
        field.clear();
        field_started = false;
        break;
      case '\r':
        break;
      case '\n':
        end_record();
        record_line = ++line;
        break;
      default:
        field += c;
        field_started = true;
    }
  }
  if (quoted) throw InputError(source, "line " + std::to_string(line), "unterminated quote");
  if (field_started || !record.empty()) end_record();
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
