#pragma once
// Targets (figures of the documents the baseline must reproduce) and the calibration that fits
// the free parameters to them.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/simulate.hpp"
#include "model/world.hpp"

namespace ccsim {

struct Target {
  std::string id, metric, source, quote;
  int year_from = 0, year_to = 0;
  bool sum = true;  // sum of flows over the years, else the stock at the end of year_to
  double figure = 0;
  bool over = false;  // "over X": accepted in [X, 1.15 X]; else within +-tolerance of X
  double tolerance = 0.1;

  double low() const { return over ? figure : figure * (1 - tolerance); }
  double high() const { return over ? figure * 1.15 : figure * (1 + tolerance); }
  double midpoint() const { return 0.5 * (low() + high()); }
};

std::vector<Target> parse_targets(const nlohmann::json& doc, const std::string& file);

struct TargetCheck {
  Target target;
  double value;  // mean over replications
  bool met;
};

// The model's value of each target (mean over replications of the yearly totals).
std::vector<TargetCheck> check_targets(const std::vector<Target>& targets, const RunResult& run);

struct FreeParameter {
  std::string key;  // JSON pointer into the scenario
  double min, max;
  bool log_scale;
  std::string identifies;  // id of the target this parameter mainly moves
  double elasticity;       // d log(target) per unit (linear) or per log unit (log scale)
};

struct CalibrationSpec {
  std::vector<FreeParameter> free;
  int replications = 16;
  std::uint64_t seed = 1;
  int max_evaluations = 400;
  int fixed_point_rounds = 20;
  int threads = 1;
};

// Reads a calibration spec document (scenarios/calibration/spec.json); the file names inside are
// returned to the caller to load.
struct CalibrationFiles {
  std::string scenario, targets, output;
};
CalibrationSpec parse_calibration_spec(const nlohmann::json& doc, const std::string& file,
                                       CalibrationFiles& files);

struct CalibrationResult {
  std::vector<double> values;  // one per free parameter
  double objective = 0;
  int evaluations = 0;
  std::vector<TargetCheck> checks;  // at the fitted values
};

// Minimises the sum of squared log ratios of model means to target midpoints, starting from the
// values in `scenario_doc`: first damped fixed-point rounds that move each parameter by its
// target's log gap over its elasticity (the problem is nearly diagonal), then NLopt's Subplex
// on the full objective. Deterministic for a given spec.
CalibrationResult calibrate(const nlohmann::json& scenario_doc, const std::string& file,
                            const World& world, const std::vector<Target>& targets,
                            const CalibrationSpec& spec);

// The scenario fragment holding the fitted values (what `ccsim calibrate` writes).
nlohmann::json calibration_fragment(const CalibrationSpec& spec, const CalibrationResult& result,
                                    const std::string& provenance);

}  // namespace ccsim
