#include "cli/parameters.hpp"

namespace ccsim::cli {

Variants load_variants(const std::string& file, const Loaded& loaded) {
  Variants v;
  v.document = load_json_file(file);
  v.ensemble = calibration::parse_ensemble(v.document, file);
  std::vector<Issue> issues;
  for (std::size_t k = 0; k < v.ensemble.sets.size(); ++k) {
    nlohmann::json doc = loaded.scenario.resolved;
    calibration::apply_set(doc, v.ensemble, k);
    try {
      v.scenarios.push_back(parse_scenario(doc, loaded.file, loaded.world.iso3));
    } catch (const InputError& e) {
      for (const auto& i : e.issues())
        issues.push_back({file, "/sets/" + std::to_string(k),
                          "this set does not make a valid scenario: " + i.to_string()});
    }
    if (issues.size() >= 50) break;
  }
  if (!issues.empty()) throw InputError(std::move(issues));
  return v;
}

nlohmann::json parameters_manifest(const std::string& file, const Variants& v) {
  return {{"file", file},
          {"sets", v.ensemble.sets.size()},
          {"draw",
           "replication r runs set ensemble_index(seed, r): a Philox draw keyed by (seed, r), so "
           "runs with the same seed and ensemble share their parameter draws"},
          {"ensemble", v.document}};
}

}  // namespace ccsim::cli
