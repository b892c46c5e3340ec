#include "cli/common.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "model/cost.hpp"
#include "model/io/csv.hpp"
#include "model/json_text.hpp"

namespace ccsim::cli {

namespace {

// The whole of a regular file, or UnreadableFile saying why not (a directory would otherwise
// fail deep in the stream library).
std::string read_text(const std::string& path, const char* what) {
  if (path == "-") {
    // Standard input is read once, whole; a command that reads its file twice (validate: its
    // kind, then its rules) gets the same text again.
    static std::optional<std::string> text;
    if (!text) {
      std::ostringstream ss;
      ss << std::cin.rdbuf();
      if (std::cin.bad()) throw UnreadableFile(path, "cannot read standard input");
      text = ss.str();
    }
    return *text;
  }
  if (!valid_utf8(path))
    throw UnreadableFile(path, "the file name is not valid UTF-8 (outputs record it as text)");
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (!fs::exists(st))
    throw UnreadableFile(path, std::string("cannot open the ") + what + ": no such file");
  if (fs::is_directory(st))
    throw UnreadableFile(path, std::string("cannot open the ") + what + ": it is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UnreadableFile(path, std::string("cannot open the ") + what);
  try {
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) throw std::runtime_error("read error");
    return ss.str();
  } catch (const std::exception& e) {
    throw UnreadableFile(path, std::string("cannot read the ") + what + ": " + e.what());
  }
}

}  // namespace

nlohmann::json load_json_file(const std::string& path) {
  return parse_json(read_text(path, "file"), path);
}

World load_world(const std::string& dir) {
  auto table = [&](const char* name) {
    const std::string path = dir + "/" + name;
    std::string text;
    try {
      text = read_text(path, "data table");
    } catch (const UnreadableFile& e) {
      throw InputError(path, "", e.issues()[0].message + " (data_dir is '" + dir + "')");
    }
    std::istringstream in(text);
    return io::read_csv(in, path);
  };
  return make_world(table(kCountriesFile), table(kGdpFile), table(kAgreementsFile),
                    table(kZonesFile), dir);
}

nlohmann::json resolve_document(const std::string& file, const std::vector<std::string>& overrides,
                                Provenance* provenance) {
  nlohmann::json doc = resolve_extends(file, load_json_file, provenance);
  apply_overrides(doc, overrides, file, provenance);
  return doc;
}

Loaded load_scenario(const std::string& file, const std::vector<std::string>& overrides) {
  Provenance provenance;
  const nlohmann::json doc = resolve_document(file, overrides, &provenance);
  const fs::path base = fs::path(file).parent_path();
  const std::string data_dir = doc.contains("data_dir") && doc["data_dir"].is_string()
                                   ? doc["data_dir"].get<std::string>()
                                   : std::string("data");
  const fs::path data = fs::path(data_dir).is_absolute() ? fs::path(data_dir) : base / data_dir;
  Loaded l;
  l.file = file;
  l.world = load_world(data.lexically_normal().string());
  // Test hook: CCSIM_TEST_GROWTH=ISO3:VALUE sets a country's trend growth after the tables have
  // been checked. No valid input makes the model reach a value its definition rules out, so this
  // is how tests/cli/guard_cli_test.cpp sees the guards stop a run and a sweep's run.
  if (const char* hook = std::getenv("CCSIM_TEST_GROWTH")) {
    const std::string h = hook;
    const auto colon = h.find(':');
    const int c = colon == std::string::npos ? -1 : l.world.country_index(h.substr(0, colon));
    if (c >= 0) l.world.growth_trend(c) = std::stod(h.substr(colon + 1));
  }
  try {
    l.scenario = parse_scenario(doc, file, l.world.iso3);
  } catch (const InputError& e) {  // a problem in an extended file is named after that file
    throw InputError(attribute_issues(e.issues(), provenance));
  }
  return l;
}

namespace {

// A page: a file of 400,000 typos needs the first few and a count, not 400,000 lines.
void print_page(const std::vector<Issue>& issues) {
  const std::size_t shown = std::min(issues.size(), kIssuePage);
  for (std::size_t i = 0; i < shown; ++i) std::cerr << "  " << issues[i].to_string() << "\n";
  if (issues.size() > shown)
    std::cerr << "  ... and " << issues.size() - shown << " more problems\n";
}

std::string count(const std::vector<Issue>& issues) {
  return std::to_string(issues.size()) + (issues.size() == 1 ? " problem" : " problems");
}

}  // namespace

double available_memory() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  double kb = 0;
  std::string unit;
  while (in >> key >> kb >> unit)
    if (key == "MemAvailable:") return kb * 1024;
  const long pages = ::sysconf(_SC_AVPHYS_PAGES), size = ::sysconf(_SC_PAGESIZE);
  return pages > 0 && size > 0 ? double(pages) * double(size) : 0;
}

bool fits_in_memory(double bytes, const std::string& what, const char* command) {
  const double available = available_memory();
  if (available <= 0 || bytes <= available) return true;
  std::cerr << "ccsim " << command << ": " << what << " would need about " << format_bytes(bytes)
            << " of memory, and " << format_bytes(available)
            << " is available: use fewer threads or a smaller simulation.firm_agents\n";
  return false;
}

void print_issues(const InputError& e) {
  std::cerr << count(e.issues()) << "\n";
  print_page(e.issues());
}

int report(const InputError& e, const char* command) {
  std::cerr << "ccsim " << command << ": invalid input (" << count(e.issues()) << ")\n";
  print_page(e.issues());
  return 2;
}

}  // namespace ccsim::cli
