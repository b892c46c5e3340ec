#pragma once
// Declarations of the scenario's list entries (timeline, shocks, agreements, packages): like the
// parameter declarations, one table drives validation, the schema and the reference.
#include <string>
#include <string_view>
#include <vector>

namespace ccsim {

enum class FieldType { Integer, Number, String, Enum, Country, Region, Object };

struct FieldDecl {
  std::string name;
  FieldType type;
  bool required;
  double min, max;                     // Integer and Number
  std::vector<std::string_view> keys;  // Enum
  std::string description;
};

struct ListDecl {
  std::string key;  // "timeline", "shocks", ...
  std::string description;
  std::vector<FieldDecl> fields;
};

const std::vector<ListDecl>& list_declarations();

}  // namespace ccsim
