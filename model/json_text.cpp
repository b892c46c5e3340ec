#include "model/json_text.hpp"

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

}  // namespace ccsim
