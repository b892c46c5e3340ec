#pragma once
// `--parameters FILE`: a parameter ensemble (`ccsim calibrate` writes one) turned into the
// scenario variants a run draws from, replication by replication.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/common.hpp"
#include "model/calibration/ensemble.hpp"

namespace ccsim::cli {

struct Variants {
  calibration::Ensemble ensemble;
  nlohmann::json document;          // as read, for the manifest
  std::vector<Scenario> scenarios;  // one per set: the loaded scenario with its values
};

// Reads and validates the ensemble, then makes each variant (InputError naming the file and set
// when a set does not make a valid scenario).
Variants load_variants(const std::string& file, const Loaded& loaded);

// The manifest's record of the ensemble: its file, its sets, and how a replication picks one.
nlohmann::json parameters_manifest(const std::string& file, const Variants& v);

}  // namespace ccsim::cli
