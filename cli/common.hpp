#pragma once
// What the commands share: reading scenario files and data tables from disk, reporting input
// errors. (Writing outputs: cli/output.hpp.)
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/output.hpp"
#include "model/error.hpp"
#include "model/scenario.hpp"
#include "model/world.hpp"

namespace ccsim::cli {

namespace fs = std::filesystem;

// Parses a JSON file; InputError(path, "", why) when it is missing or malformed.
nlohmann::json load_json_file(const std::string& path);

// Reads the four tables of a data directory into a World.
World load_world(const std::string& dir);

struct Loaded {
  std::string file;
  Scenario scenario;
  World world;
};

// Resolves extends, applies --set overrides, loads the data tables the scenario names and
// validates everything, reporting every problem at once (InputError), each named after the file
// (or "--set") that set the value at fault.
Loaded load_scenario(const std::string& file, const std::vector<std::string>& overrides);

// The resolved document only (extends and overrides applied), not validated; with `provenance`,
// which file set each value.
nlohmann::json resolve_document(const std::string& file, const std::vector<std::string>& overrides,
                                Provenance* provenance = nullptr);

// Prints an input error's issues to stderr; returns exit status 2.
int report(const InputError& e, const char* command);

}  // namespace ccsim::cli
