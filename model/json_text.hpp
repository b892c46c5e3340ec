#pragma once
// Wording shared by every validator, so that all input errors read alike.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ccsim {

// A key as one JSON-pointer token (RFC 6901: '~' -> "~0", '/' -> "~1").
std::string escape_token(const std::string& key);

// "a number", "a string", ... for "expected X, found Y" messages.
std::string type_name(const nlohmann::json& v);

// "unknown key 'k' (did you mean 'x'?)", the suggestion only when one of `options` is close.
std::string unknown_key_message(const std::string& key, const std::vector<std::string>& options);

// A number as a user wrote it: 2 rather than 2.0.
std::string format_value(double x);

}  // namespace ccsim
