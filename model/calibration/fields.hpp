#pragma once
// Declarations of the keys of a JSON object (name, type, required, range, choices, meaning):
// one table drives validation (unknown keys with a suggestion, wrong types, ranges, every problem
// with its JSON pointer) and the JSON Schema of the file. Used by the calibration spec and the
// targets file, whose objects are small and flat.
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/error.hpp"

namespace ccsim::calibration {

enum class FieldType { kString, kNumber, kInteger, kBoolean, kArray, kObject };

struct FieldDecl {
  std::string key;
  FieldType type;
  bool required = false;
  std::string description;
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  std::vector<std::string> choices = {};  // for a string: the values allowed (empty: any)
  FieldType items = FieldType::kNumber;   // for an array: the type of its items
  int min_items = 0, max_items = -1;      // for an array (-1: no upper bound)
};

struct ObjectDecl {
  std::string title;
  std::string description;
  std::vector<FieldDecl> fields;

  const FieldDecl* find(const std::string& key) const;
};

// Every problem of `obj` against `decl`, each with its pointer (`at` is the object's own).
// Values of the declared keys are checked for type, range and choices; nested arrays or objects
// are the caller's to check further.
void check_object(const nlohmann::json& obj, const ObjectDecl& decl, const std::string& file,
                  const std::string& at, std::vector<Issue>& issues);

// The JSON Schema (draft 2020-12) of an object of this declaration.
nlohmann::json object_schema(const ObjectDecl& decl);

}  // namespace ccsim::calibration
