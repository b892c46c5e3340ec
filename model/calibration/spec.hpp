#pragma once
// The calibration spec: which scenario and targets, the free parameters with their bounds and
// scales, and the estimation's settings. Declared once (spec_decl, free_parameter_decl): the
// declarations drive validation and `ccsim schema --calibration`.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/calibration/fields.hpp"

namespace ccsim::calibration {

struct FreeParameter {
  std::string key;  // JSON pointer into the scenario, a scalar parameter
  double min = 0, max = 1;
  bool log_scale = false;
  std::string identifies;  // optional: the target it mainly moves (for the first rounds)
  double elasticity = 1;   // d error / d parameter on the transformed scale
  // Where the estimation starts: the spec's "start", else the parameter's declared default. Never
  // the scenario's current value, which an earlier calibration wrote: the fit would then depend
  // on the file it rewrites.
  double start = 0;

  double to_x(double v) const;    // natural -> transformed (log for a log scale)
  double to_value(double x) const;
  double x_min() const { return to_x(min); }
  double x_max() const { return to_x(max); }
};

struct Spec {
  std::string file;                 // the spec file, for messages
  std::string name;                 // names the default output folder
  std::string scenario, targets;    // as written, relative to the spec file
  std::string baseline_output;      // --write-baseline writes the fitted parameters here
  std::string ensemble_output;      // and the ensemble here (both relative to the spec file)
  std::vector<FreeParameter> free;
  int replications = 40;
  std::uint64_t seed = 1;
  int max_evaluations = 300;
  int fixed_point_rounds = 10;
  int ensemble_size = 100;
  double jacobian_step = 0.02;  // central differences: this share of each parameter's range
  int threads = 1;              // not in the file: the command's --threads
};

const ObjectDecl& spec_decl();
const ObjectDecl& free_parameter_decl();
nlohmann::json spec_schema();

// Validates (every problem with its pointer) and converts; throws InputError.
Spec parse_spec(const nlohmann::json& doc, const std::string& file);

}  // namespace ccsim::calibration
