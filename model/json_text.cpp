#include "model/json_text.hpp"

#include <algorithm>
#include <cstdint>

#include "model/error.hpp"
#include "model/scenario.hpp"

namespace ccsim {

std::string escape_token(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string type_name(const nlohmann::json& v) {
  if (v.is_null()) return "null";
  if (v.is_boolean()) return "a boolean";
  if (v.is_number_integer() || v.is_number_unsigned()) return "an integer";
  if (v.is_number()) return "a number";
  if (v.is_string()) return "a string";
  if (v.is_array()) return "an array";
  return "an object";
}

std::string unknown_key_message(const std::string& key, const std::vector<std::string>& options) {
  std::string msg = "unknown key '" + key + "'";
  const std::string near = closest(key, options);
  if (!near.empty()) msg += " (did you mean '" + near + "'?)";
  return msg;
}

std::string format_value(double x) {
  std::string s = nlohmann::json(x).dump();
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

namespace {

using json = nlohmann::json;

// Builds the document as nlohmann's own parser does, and keeps the path to the value being read,
// so that a problem is reported at its JSON pointer. nlohmann's parser is iterative; only the
// depth check keeps later recursive walks bounded.
class LocatingParser {
 public:
  LocatingParser(json& root, int max_depth) : dom_(root, false), max_depth_(max_depth) {}

  bool null() { return value(dom_.null()); }
  bool boolean(bool v) { return value(dom_.boolean(v)); }
  bool number_integer(json::number_integer_t v) { return value(dom_.number_integer(v)); }
  bool number_unsigned(json::number_unsigned_t v) { return value(dom_.number_unsigned(v)); }
  bool number_float(json::number_float_t v, const std::string& s) {
    return value(dom_.number_float(v, s));
  }
  bool string(std::string& v) { return value(dom_.string(v)); }
  bool binary(json::binary_t& v) { return value(dom_.binary(v)); }
  bool start_object(std::size_t n) { return open(false) && dom_.start_object(n); }
  bool key(std::string& k) {
    frames_.back().key = k;
    frames_.back().keyed = true;
    return dom_.key(k);
  }
  bool end_object() { return close(dom_.end_object()); }
  bool start_array(std::size_t n) { return open(true) && dom_.start_array(n); }
  bool end_array() { return close(dom_.end_array()); }
  bool parse_error(std::size_t position, const std::string& token, const json::exception& e) {
    error_ = e.id == 406 ? Error::kOverflow : Error::kSyntax;
    position_ = position;
    token_ = token;
    what_ = e.what();
    pointer_ = pointer();
    return false;
  }

  enum class Error { kNone, kSyntax, kOverflow, kDepth };
  Error error() const { return error_; }
  std::size_t position() const { return position_; }
  const std::string& token() const { return token_; }
  const std::string& what() const { return what_; }
  const std::string& error_pointer() const { return pointer_; }

 private:
  struct Frame {
    bool array = false;
    std::size_t index = 0;
    std::string key;
    bool keyed = false;  // an object's key has been read, its value not yet
  };

  std::string pointer() const {
    std::string p;
    for (const auto& f : frames_) {
      if (!f.array && !f.keyed) break;  // between an object's members: the object itself
      p += "/" + (f.array ? std::to_string(f.index) : escape_token(f.key));
    }
    return p;
  }
  bool value(bool ok) {
    if (!frames_.empty()) {
      if (frames_.back().array)
        ++frames_.back().index;
      else
        frames_.back().keyed = false;
    }
    return ok;
  }
  bool open(bool array) {
    if (static_cast<int>(frames_.size()) >= max_depth_) {
      error_ = Error::kDepth;
      pointer_ = pointer();
      return false;
    }
    frames_.push_back({array, 0, {}, false});
    return true;
  }
  bool close(bool ok) {
    frames_.pop_back();
    return value(ok);
  }

  nlohmann::detail::json_sax_dom_parser<json> dom_;
  int max_depth_;
  std::vector<Frame> frames_;
  Error error_ = Error::kNone;
  std::size_t position_ = 0;
  std::string token_, what_, pointer_;
};

// "line L, column C" of the character at byte offset `pos` (both 1-based, as editors count).
std::string line_column(std::string_view text, std::size_t pos) {
  pos = std::min(pos, text.size());
  std::size_t line = 1, start = 0;
  for (std::size_t i = 0; i < pos; ++i)
    if (text[i] == '\n') {
      ++line;
      start = i + 1;
    }
  return "line " + std::to_string(line) + ", column " + std::to_string(pos - start + 1);
}

}  // namespace

json parse_json(std::string_view text, const std::string& file, int max_depth) {
  json root;
  LocatingParser parser(root, max_depth);
  // The exception-free entry point: every failure comes back through parse_error().
  const bool ok = json::sax_parse(text.begin(), text.end(), &parser);
  if (ok) return root;
  switch (parser.error()) {
    case LocatingParser::Error::kDepth:
      throw InputError(file, parser.error_pointer(),
                       "nested deeper than " + std::to_string(max_depth) +
                           " levels of arrays and objects (ccsim's files need a few)");
    case LocatingParser::Error::kOverflow: {
      const std::size_t start = parser.position() >= parser.token().size()
                                    ? parser.position() - parser.token().size()
                                    : 0;
      throw InputError(file, parser.error_pointer(),
                       "the number " + parser.token() + " at " + line_column(text, start) +
                           " is too large for a double (at most about 1.8e308)");
    }
    default: {
      const std::string& what = parser.what();
      const auto pos = what.find("parse error");
      throw InputError(file, parser.error_pointer(),
                       "not valid JSON: " + (pos == std::string::npos ? what : what.substr(pos)));
    }
  }
}

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    std::uint32_t cp = 0, min = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3, cp = c & 0x07, min = 0x10000;
    } else {
      return false;
    }
    for (std::size_t k = 1; k <= n; ++k) {
      if (i + k >= s.size()) return false;
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (b & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

}  // namespace ccsim
