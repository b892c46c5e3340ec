#pragma once
// Loading the repository's scenario files the way `ccsim run` does (extends resolved, the data
// tables of the scenario's data_dir read, everything validated), without linking the CLI: the test
// target links only the model library.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "model/error.hpp"
#include "model/io/csv.hpp"
#include "model/json_text.hpp"
#include "model/scenario.hpp"
#include "model/world.hpp"

namespace ccsim::scenario_files {

namespace fs = std::filesystem;

inline std::string repo_path(const std::string& rel) {
  return std::string(CCSIM_SOURCE_DIR) + "/" + rel;
}

// The JsonLoader contract: InputError(path, "", why) for a missing or malformed file.
inline nlohmann::json read_json(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in || fs::is_directory(path)) throw UnreadableFile(path, "cannot open the file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_json(text.str(), path);
}

inline World read_world(const std::string& dir) {
  auto table = [&](const char* name) {
    const std::string path = dir + "/" + name;
    std::ifstream in(path);
    if (!in) throw InputError(path, "", "cannot open the data table");
    return io::read_csv(in, path);
  };
  return make_world(table(kCountriesFile), table(kGdpFile), table(kAgreementsFile),
                    table(kZonesFile), dir);
}

// The data directory a resolved document names, relative to its file as in the CLI.
inline std::string data_dir_of(const nlohmann::json& doc, const std::string& file) {
  const std::string dir = doc.contains("data_dir") && doc["data_dir"].is_string()
                              ? doc["data_dir"].get<std::string>()
                              : std::string("data");
  const fs::path p =
      fs::path(dir).is_absolute() ? fs::path(dir) : fs::path(file).parent_path() / dir;
  return p.lexically_normal().string();
}

// `file` with its extends chain resolved, as `ccsim resolve` prints it.
inline nlohmann::json resolve_file(const std::string& file) {
  return resolve_extends(file, read_json);
}

struct Loaded {
  nlohmann::json doc;  // resolved, patch applied
  World world;
  Scenario scenario;
};

// Resolves `file` (absolute), merges `patch` over it (e.g. fewer replications) and parses it.
inline Loaded load(const std::string& file, const nlohmann::json& patch = {}) {
  Loaded l;
  l.doc = resolve_file(file);
  if (!patch.is_null()) deep_merge(l.doc, patch);
  l.world = read_world(data_dir_of(l.doc, file));
  l.scenario = parse_scenario(l.doc, file, l.world.iso3);
  return l;
}

// The scenario files directly in scenarios/ (not the calibration or sweep subfolders, nor the
// JSON Schema that editors read), sorted.
inline std::vector<std::string> library_files() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(repo_path("scenarios"))) {
    const std::string name = e.path().filename().string();
    const bool schema = name.size() > 12 && name.compare(name.size() - 12, 12, ".schema.json") == 0;
    if (e.is_regular_file() && e.path().extension() == ".json" && !schema)
      out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace ccsim::scenario_files
