#include "model/calibration/fields.hpp"

#include <cmath>

#include "model/json_text.hpp"

namespace ccsim::calibration {

using nlohmann::json;

namespace {

bool has_type(const json& v, FieldType t) {
  switch (t) {
    case FieldType::kString:
      return v.is_string();
    case FieldType::kNumber:
      return v.is_number();
    case FieldType::kInteger:
      return v.is_number_integer() || v.is_number_unsigned() ||
             (v.is_number_float() && std::isfinite(v.get<double>()) &&
              v.get<double>() == std::floor(v.get<double>()));
    case FieldType::kBoolean:
      return v.is_boolean();
    case FieldType::kArray:
      return v.is_array();
    case FieldType::kObject:
      return v.is_object();
  }
  return false;
}

const char* type_word(FieldType t) {
  switch (t) {
    case FieldType::kString:
      return "a string";
    case FieldType::kNumber:
      return "a number";
    case FieldType::kInteger:
      return "an integer";
    case FieldType::kBoolean:
      return "a boolean";
    case FieldType::kArray:
      return "an array";
    case FieldType::kObject:
      return "an object";
  }
  return "?";
}

const char* schema_type(FieldType t) {
  switch (t) {
    case FieldType::kString:
      return "string";
    case FieldType::kNumber:
      return "number";
    case FieldType::kInteger:
      return "integer";
    case FieldType::kBoolean:
      return "boolean";
    case FieldType::kArray:
      return "array";
    case FieldType::kObject:
      return "object";
  }
  return "null";
}

void check_range(const json& v, const FieldDecl& d, const std::string& file,
                 const std::string& ptr, std::vector<Issue>& issues) {
  const double x = v.get<double>();
  if (!std::isfinite(x)) {
    issues.push_back({file, ptr, "expected a finite number"});
  } else if (x < d.min || x > d.max) {
    issues.push_back({file, ptr,
                      "expected a value in [" + format_value(d.min) + ", " + format_value(d.max) +
                          "], found " + format_value(x)});
  }
}

std::string choices_text(const std::vector<std::string>& c) {
  std::string s;
  for (const auto& x : c) s += (s.empty() ? "'" : ", '") + x + "'";
  return s;
}

}  // namespace

const FieldDecl* ObjectDecl::find(const std::string& key) const {
  for (const auto& f : fields)
    if (f.key == key) return &f;
  return nullptr;
}

void check_object(const json& obj, const ObjectDecl& decl, const std::string& file,
                  const std::string& at, std::vector<Issue>& issues) {
  if (!obj.is_object()) {
    issues.push_back({file, at, "expected an object, found " + type_name(obj)});
    return;
  }
  std::vector<std::string> names;
  for (const auto& f : decl.fields) names.push_back(f.key);
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    const std::string ptr = at + "/" + escape_token(it.key());
    const FieldDecl* d = decl.find(it.key());
    if (!d) {
      issues.push_back({file, at, unknown_key_message(it.key(), names), it.key()});
      continue;
    }
    const json& v = it.value();
    if (!has_type(v, d->type)) {
      issues.push_back(
          {file, ptr, std::string("expected ") + type_word(d->type) + ", found " + type_name(v)});
      continue;
    }
    if (d->type == FieldType::kNumber || d->type == FieldType::kInteger) check_range(v, *d, file, ptr, issues);
    if (d->type == FieldType::kString && !d->choices.empty()) {
      const std::string s = v.get<std::string>();
      bool ok = false;
      for (const auto& c : d->choices) ok = ok || c == s;
      if (!ok)
        issues.push_back({file, ptr, "expected one of " + choices_text(d->choices) + ", found '" + s + "'"});
    }
    if (d->type == FieldType::kArray) {
      const auto n = static_cast<int>(v.size());
      if (n < d->min_items || (d->max_items >= 0 && n > d->max_items))
        issues.push_back({file, ptr,
                          "expected " +
                              (d->min_items == d->max_items
                                   ? std::to_string(d->min_items)
                                   : std::to_string(d->min_items) + " or more") +
                              " items, found " + std::to_string(n)});
      if (d->items != FieldType::kObject)
        for (std::size_t i = 0; i < v.size(); ++i) {
          const std::string ip = ptr + "/" + std::to_string(i);
          if (!has_type(v[i], d->items))
            issues.push_back({file, ip,
                              std::string("expected ") + type_word(d->items) + ", found " +
                                  type_name(v[i])});
          else if (d->items == FieldType::kNumber || d->items == FieldType::kInteger)
            check_range(v[i], *d, file, ip, issues);
        }
    }
  }
  for (const auto& f : decl.fields)
    if (f.required && !obj.contains(f.key))
      issues.push_back({file, at, "missing required key '" + f.key + "' (" + f.description + ")"});
}

json object_schema(const ObjectDecl& decl) {
  json s = {{"type", "object"}, {"additionalProperties", false}};
  if (!decl.title.empty()) s["title"] = decl.title;
  if (!decl.description.empty()) s["description"] = decl.description;
  json required = json::array();
  for (const auto& f : decl.fields) {
    json p = {{"type", schema_type(f.type)}, {"description", f.description}};
    if (f.type == FieldType::kNumber || f.type == FieldType::kInteger) {
      if (std::isfinite(f.min)) p["minimum"] = f.min;
      if (std::isfinite(f.max)) p["maximum"] = f.max;
    }
    if (f.type == FieldType::kString && !f.choices.empty()) p["enum"] = f.choices;
    if (f.type == FieldType::kArray) {
      p["items"] = {{"type", schema_type(f.items)}};
      if (f.items == FieldType::kNumber || f.items == FieldType::kInteger) {
        if (std::isfinite(f.min)) p["items"]["minimum"] = f.min;
        if (std::isfinite(f.max)) p["items"]["maximum"] = f.max;
      }
      if (f.min_items > 0) p["minItems"] = f.min_items;
      if (f.max_items >= 0) p["maxItems"] = f.max_items;
    }
    s["properties"][f.key] = p;
    if (f.required) required.push_back(f.key);
  }
  if (!required.empty()) s["required"] = required;
  return s;
}

}  // namespace ccsim::calibration
