// Scenario documents: extends resolved against the library (and the fuzzed file itself), then
// validated and parsed against the real data's countries, and the timeline expanded.
#include "fuzz/common.hpp"
#include "model/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ccsim;
  const auto doc = fuzz::parse_json(data, size);
  if (!doc) return 0;
  const std::string file = "scenarios/fuzz.json";
  const JsonLoader load = [&](const std::string& path) -> nlohmann::json {
    const std::string p = std::filesystem::path(path).lexically_normal().generic_string();
    if (p == file) return *doc;
    const auto it = fuzz::library().find(p);
    if (it == fuzz::library().end()) throw InputError(path, "", "cannot open the file");
    return it->second;
  };
  const auto& countries = fuzz::data_world().iso3;
  try {
    Provenance provenance;
    const nlohmann::json resolved = resolve_extends(file, load, &provenance);
    const auto issues = attribute_issues(validate_scenario(resolved, file, countries), provenance);
    const Scenario s = parse_scenario(resolved, file, countries);
    // parse_scenario must reject exactly what validate_scenario reports.
    if (!issues.empty()) __builtin_trap();
    yearly_params(s);
  } catch (const InputError&) {
  }
  return 0;
}
