// Calibration specs, targets files and parameter ensembles: the same document is read as each.
#include "fuzz/common.hpp"
#include "model/calibration/ensemble.hpp"
#include "model/calibration/spec.hpp"
#include "model/calibration/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ccsim;
  const auto doc = fuzz::parse_json(data, size);
  if (!doc) return 0;
  try {
    calibration::parse_spec(*doc, "scenarios/calibration/fuzz.json");
  } catch (const InputError&) {
  }
  try {
    calibration::parse_targets(*doc, "scenarios/targets/fuzz.json", fuzz::data_world());
  } catch (const InputError&) {
  }
  try {
    calibration::parse_ensemble(*doc, "scenarios/calibration/fuzz-ensemble.json");
  } catch (const InputError&) {
  }
  return 0;
}
