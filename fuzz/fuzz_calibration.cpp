// Calibration specs and target files: the same document is read as each.
#include "fuzz/common.hpp"
#include "model/calibrate.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ccsim;
  const auto doc = fuzz::parse_json(data, size);
  if (!doc) return 0;
  try {
    CalibrationFiles files;
    parse_calibration_spec(*doc, "scenarios/calibration/fuzz.json", files);
  } catch (const InputError&) {
  }
  try {
    parse_targets(*doc, "scenarios/targets/fuzz.json");
  } catch (const InputError&) {
  }
  return 0;
}
