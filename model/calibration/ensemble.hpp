#pragma once
// A parameter ensemble: sets of values of the calibrated parameters drawn from the estimate's
// uncertainty (`ccsim calibrate` writes it). A run over an ensemble gives replication r the set
// ensemble_index(seed, r): a pure function of (seed, replication), so two scenarios run with the
// same seed share their parameter draws as they share their random numbers, and paired
// differences carry parameter uncertainty as well as the draws'.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ccsim::calibration {

struct Ensemble {
  std::string file;               // for messages and the manifest
  std::vector<std::string> keys;  // JSON pointers of scalar scenario parameters
  std::vector<std::vector<double>> sets;

  bool empty() const { return sets.empty(); }
};

// Validates an ensemble document (every problem with its pointer): known scalar parameters,
// rows of the same width, values finite and within the declared ranges.
Ensemble parse_ensemble(const nlohmann::json& doc, const std::string& file);

// The set replication `replication` of a run with `seed` takes.
std::size_t ensemble_index(std::uint64_t seed, std::uint32_t replication, std::size_t size);

// `doc` with the values of set `index` written over it.
void apply_set(nlohmann::json& doc, const Ensemble& e, std::size_t index);

}  // namespace ccsim::calibration
