#pragma once
// Wording shared by every validator, so that all input errors read alike.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace ccsim {

// Problems shown of an input error (the rest are counted), and the number of them that get a
// "did you mean" suggestion: finding one costs a comparison with every valid key.
inline constexpr std::size_t kIssuePage = 50;

// A key as one JSON-pointer token (RFC 6901: '~' -> "~0", '/' -> "~1").
std::string escape_token(const std::string& key);

// "a number", "a string", ... for "expected X, found Y" messages.
std::string type_name(const nlohmann::json& v);

// "unknown key 'k' (did you mean 'x'?)", the suggestion only when one of `options` is close.
std::string unknown_key_message(const std::string& key, const std::vector<std::string>& options);

// A number as a user wrote it: 2 rather than 2.0.
std::string format_value(double x);

// Deepest nesting of arrays and objects a JSON input may have. ccsim's files need fewer than ten
// levels; the limit keeps the recursive code that walks documents (validation, merging, output)
// far from the end of the stack, whatever a file holds.
inline constexpr int kMaxJsonDepth = 64;

// Parses JSON `text` read from `file`. Throws InputError(file, pointer, why) when it is not JSON,
// holds a number too large for a double (1e400) or nests deeper than `max_depth`: the pointer
// names the value being read (the enclosing one for a syntax error) and the message gives the
// line and column.
nlohmann::json parse_json(std::string_view text, const std::string& file,
                          int max_depth = kMaxJsonDepth);

// Whether `s` is well-formed UTF-8 (what a JSON string must hold to be written out again).
bool valid_utf8(std::string_view s);

}  // namespace ccsim
