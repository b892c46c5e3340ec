// Sweep files: the base request, validation with and without the base scenario's facts, and
// parsing against the baseline's years and countries.
#include "fuzz/common.hpp"
#include "model/sweep/spec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ccsim;
  const auto doc = fuzz::parse_json(data, size);
  if (!doc) return 0;
  const std::string file = "scenarios/sweeps/fuzz.json";
  const sweep::BaseInfo base{2013, 2030, fuzz::data_world().iso3};
  try {
    sweep::base_request(*doc, file);
    sweep::validate_spec(*doc, file, nullptr);
    const auto issues = sweep::validate_spec(*doc, file, &base);
    const sweep::Spec spec = sweep::parse_spec(*doc, file, base);
    if (!issues.empty()) __builtin_trap();  // parse_spec must reject what validation reports
    for (const auto& f : spec.factors)
      for (double u : {0.0, 0.5, 1.0}) f.value(u);
  } catch (const InputError&) {
  }
  return 0;
}
