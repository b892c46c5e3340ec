// `--set` overrides, one a line, applied to the resolved baseline, which is then parsed.
#include "fuzz/common.hpp"
#include "model/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ccsim;
  static const nlohmann::json baseline = [] {
    const JsonLoader load = [](const std::string& path) {
      return fuzz::library().at(std::filesystem::path(path).lexically_normal().generic_string());
    };
    return resolve_extends("scenarios/baseline.json", load);
  }();
  std::vector<std::string> overrides;
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  for (std::string line; std::getline(in, line);) overrides.push_back(line);
  try {
    nlohmann::json doc = baseline;
    Provenance provenance;
    apply_overrides(doc, overrides, "scenarios/baseline.json", &provenance);
    const Scenario s = parse_scenario(doc, "scenarios/baseline.json", fuzz::data_world().iso3);
    yearly_params(s);
  } catch (const InputError&) {
  }
  return 0;
}
