#pragma once
// Documents generated from the declarations: the JSON Schema of scenario files and the
// parameter reference (scenarios/README.md).
#include <nlohmann/json.hpp>
#include <string>

namespace ccsim {

// JSON Schema (draft 2020-12) of a scenario file.
nlohmann::json scenario_schema();

// Markdown reference of every parameter and list entry.
std::string parameter_reference();

// Markdown tables of the output columns of yearly.csv, countries.csv and sectors.csv.
std::string output_reference();

}  // namespace ccsim
