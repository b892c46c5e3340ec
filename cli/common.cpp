#include "cli/common.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include "model/io/csv.hpp"

namespace ccsim::cli {

nlohmann::json load_json_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path, "", "cannot open the file");
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    std::string what = e.what();
    const auto pos = what.find("parse error");
    throw InputError(path, "",
                     "not valid JSON: " + (pos == std::string::npos ? what : what.substr(pos)));
  }
}

World load_world(const std::string& dir) {
  auto table = [&](const char* name) {
    const std::string path = dir + "/" + name;
    std::ifstream in(path);
    if (!in) throw InputError(path, "", "cannot open the data table (data_dir is '" + dir + "')");
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
  try {
    l.scenario = parse_scenario(doc, file, l.world.iso3);
  } catch (const InputError& e) {  // a problem in an extended file is named after that file
    throw InputError(attribute_issues(e.issues(), provenance));
  }
  return l;
}

int report(const InputError& e, const char* command) {
  std::cerr << "ccsim " << command << ": invalid input (" << e.issues().size()
            << (e.issues().size() == 1 ? " problem" : " problems") << ")\n";
  for (const auto& i : e.issues()) std::cerr << "  " << i.to_string() << "\n";
  return 2;
}

}  // namespace ccsim::cli
