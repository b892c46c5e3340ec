#include "cli/common.hpp"

#include <unistd.h>

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

void write_directory(const fs::path& dir, const std::function<void(const fs::path& tmp)>& fill) {
  const fs::path parent = dir.parent_path().empty() ? fs::path(".") : dir.parent_path();
  fs::create_directories(parent);
  const std::string tag = "." + dir.filename().string() + ".tmp-" + std::to_string(::getpid());
  const fs::path tmp = parent / tag;
  fs::remove_all(tmp);
  fs::create_directory(tmp);
  try {
    fill(tmp);
  } catch (...) {
    fs::remove_all(tmp);
    throw;
  }
  if (fs::exists(dir)) {
    const fs::path old =
        parent / ("." + dir.filename().string() + ".old-" + std::to_string(::getpid()));
    fs::rename(dir, old);
    fs::rename(tmp, dir);
    fs::remove_all(old);
  } else {
    fs::rename(tmp, dir);
  }
}

void write_file(const fs::path& path, const std::function<void(std::ostream&)>& fill) {
  const fs::path tmp = path.string() + ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary);
    if (!out) throw std::runtime_error("cannot write " + tmp.string());
    try {
      fill(out);
    } catch (...) {
      out.close();
      fs::remove(tmp);
      throw;
    }
    out.flush();
    if (!out) {
      fs::remove(tmp);
      throw std::runtime_error("write failed: " + tmp.string());
    }
  }
  fs::rename(tmp, path);
}

}  // namespace ccsim::cli
