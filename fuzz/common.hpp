#pragma once
// What every fuzz target shares: the repository's files read once at start-up (the library never
// opens files, so the targets hand it what the CLI would), and the rule that bad input must come
// back as an InputError. Any other exception escapes the target and libFuzzer reports it as a
// crash, as it does for sanitizer findings.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>

#include "model/error.hpp"
#include "model/io/csv.hpp"
#include "model/world.hpp"

namespace ccsim::fuzz {

inline std::string source_path(const std::string& rel) {
  return std::string(CCSIM_SOURCE_DIR) + "/" + rel;
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The input as JSON, or nullopt when it is not JSON. Reading the file is the CLI's loader's job
// (cli/common.cpp), not the library's: what the parser throws, including out_of_range for a
// number such as 1e400, is left to that loader's own tests.
inline std::optional<nlohmann::json> parse_json(const std::uint8_t* data, std::size_t size) {
  try {
    return nlohmann::json::parse(data, data + size);
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

inline io::CsvTable table(const std::string& rel) {
  std::istringstream in(read_text(source_path(rel)));
  return io::read_csv(in, rel);
}

// The data tables of scenarios/data, in make_world's order.
inline const std::vector<io::CsvTable>& data_tables() {
  static const std::vector<io::CsvTable> tables = {
      table(std::string("scenarios/data/") + kCountriesFile),
      table(std::string("scenarios/data/") + kGdpFile),
      table(std::string("scenarios/data/") + kAgreementsFile),
      table(std::string("scenarios/data/") + kZonesFile)};
  return tables;
}

inline const World& data_world() {
  static const World w = [] {
    const auto& t = data_tables();
    return make_world(t[0], t[1], t[2], t[3], "scenarios/data");
  }();
  return w;
}

// The scenario files of the library by repository-relative path ("scenarios/baseline.json"), so
// that a fuzzed scenario can extend them.
inline const std::map<std::string, nlohmann::json>& library() {
  static const std::map<std::string, nlohmann::json> files = [] {
    std::map<std::string, nlohmann::json> m;
    namespace fs = std::filesystem;
    for (const char* dir : {"scenarios", "scenarios/calibration"})
      for (const auto& e : fs::directory_iterator(source_path(dir))) {
        const std::string name = e.path().filename().string();
        if (e.path().extension() != ".json" || name.find(".schema.") != std::string::npos) continue;
        m[std::string(dir) + "/" + name] = nlohmann::json::parse(read_text(e.path().string()));
      }
    return m;
  }();
  return files;
}

}  // namespace ccsim::fuzz
