#include "model/calibration/spec.hpp"

#include <cmath>

#include "model/error.hpp"
#include "model/params.hpp"

namespace ccsim::calibration {

using nlohmann::json;

double FreeParameter::to_x(double v) const { return log_scale ? std::log(v) : v; }
double FreeParameter::to_value(double x) const { return log_scale ? std::exp(x) : x; }

const ObjectDecl& free_parameter_decl() {
  static const ObjectDecl d{
      "free parameter",
      "A scenario parameter the estimation moves within its bounds.",
      {
          {"key", FieldType::kString, true,
           "JSON pointer of a scalar scenario parameter, e.g. /policy/insurance_coverage"},
          {"min", FieldType::kNumber, true, "lower bound"},
          {"max", FieldType::kNumber, true, "upper bound"},
          {"scale", FieldType::kString, false,
           "linear or log: the scale the estimate, its standard error and the ensemble live on "
           "(default linear)",
           -INFINITY, INFINITY, {"linear", "log"}},
          {"identifies", FieldType::kString, false,
           "id of the fit target this parameter mainly moves: the first rounds move it by that "
           "target's gap over the elasticity"},
          {"elasticity", FieldType::kNumber, false,
           "d log(target) per unit of the transformed parameter, for those rounds (default 1)"},
          {"start", FieldType::kNumber, false,
           "where the estimation starts (default: the parameter's declared default, never the "
           "value an earlier calibration wrote)"},
          {"note", FieldType::kString, false, "why the parameter is free"},
      }};
  return d;
}

const ObjectDecl& spec_decl() {
  static const ObjectDecl d{
      "ccsim calibration spec",
      "How `ccsim calibrate` estimates the free parameters by the method of simulated moments.",
      {
          {"$schema", FieldType::kString, false, "JSON Schema of this file"},
          {"name", FieldType::kString, true,
           "names the default output folder outputs/calibration/<name>/"},
          {"description", FieldType::kString, false, "what the calibration is"},
          {"scenario", FieldType::kString, true, "the scenario fitted (relative to this file)"},
          {"targets", FieldType::kString, true, "the targets file (relative to this file)"},
          {"baseline_output", FieldType::kString, true,
           "where --write-baseline writes the fitted parameters (relative to this file)"},
          {"ensemble_output", FieldType::kString, true,
           "where --write-baseline writes the parameter ensemble (relative to this file)"},
          {"replications", FieldType::kInteger, false,
           "replications an evaluation averages (default 40)", 2, 10000},
          {"seed", FieldType::kInteger, false,
           "seed of the evaluations (common random numbers make the loss deterministic)", 0,
           9007199254740991.0},
          {"max_evaluations", FieldType::kInteger, false,
           "evaluations the optimiser may spend (default 300)", 1, 100000},
          {"fixed_point_rounds", FieldType::kInteger, false,
           "damped rounds before the optimiser, for parameters with 'identifies' (default 10)", 0,
           1000},
          {"ensemble_size", FieldType::kInteger, false,
           "parameter sets drawn from the estimate's uncertainty (default 100)", 2, 100000},
          {"jacobian_step", FieldType::kNumber, false,
           "central-difference step as a share of each parameter's transformed range (default "
           "0.02)",
           1e-4, 0.25},
          {"free_parameters", FieldType::kArray, true, "the parameters estimated", -INFINITY,
           INFINITY, {}, FieldType::kObject, 1, -1},
      }};
  return d;
}

json spec_schema() {
  json s = object_schema(spec_decl());
  s["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  s["properties"]["free_parameters"]["items"] = object_schema(free_parameter_decl());
  return s;
}

Spec parse_spec(const json& doc, const std::string& file) {
  std::vector<Issue> issues;
  check_object(doc, spec_decl(), file, "", issues);
  Spec s;
  s.file = file;
  if (!issues.empty() || !doc.is_object()) throw InputError(std::move(issues));
  s.name = doc["name"].get<std::string>();
  for (char c : s.name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'))
      issues.push_back({file, "/name", "use letters, digits, '_', '-' and '.' only (it names a folder)"});
  if (s.name.empty() || s.name[0] == '.')
    issues.push_back({file, "/name", "must not be empty or start with '.'"});
  s.scenario = doc["scenario"].get<std::string>();
  s.targets = doc["targets"].get<std::string>();
  s.baseline_output = doc["baseline_output"].get<std::string>();
  s.ensemble_output = doc["ensemble_output"].get<std::string>();
  s.replications = doc.value("replications", s.replications);
  s.seed = doc.value("seed", s.seed);
  s.max_evaluations = doc.value("max_evaluations", s.max_evaluations);
  s.fixed_point_rounds = doc.value("fixed_point_rounds", s.fixed_point_rounds);
  s.ensemble_size = doc.value("ensemble_size", s.ensemble_size);
  s.jacobian_step = doc.value("jacobian_step", s.jacobian_step);
  const json& fp = doc["free_parameters"];
  for (std::size_t i = 0; i < fp.size(); ++i) {
    const std::string p = "/free_parameters/" + std::to_string(i);
    const std::size_t before = issues.size();
    check_object(fp[i], free_parameter_decl(), file, p, issues);
    if (issues.size() != before) continue;
    FreeParameter f;
    f.key = fp[i]["key"].get<std::string>();
    f.min = fp[i]["min"].get<double>();
    f.max = fp[i]["max"].get<double>();
    f.log_scale = fp[i].value("scale", std::string("linear")) == "log";
    f.identifies = fp[i].value("identifies", std::string());
    f.elasticity = fp[i].value("elasticity", 1.0);
    const ParamDecl* d = find_param(f.key);
    if (!d || d->shape != Shape::Scalar) {
      issues.push_back({file, p + "/key", "'" + f.key + "' is not a scalar scenario parameter"});
    } else {
      f.start = fp[i].value("start", d->defaults[0]);
      if (fp[i].contains("start") && !(f.start >= f.min && f.start <= f.max))
        issues.push_back({file, p + "/start", "must lie within [min, max]"});
      if (f.min < d->min) issues.push_back({file, p + "/min", "is below the parameter's declared minimum"});
      if (f.max > d->max) issues.push_back({file, p + "/max", "is above the parameter's declared maximum"});
    }
    if (!(f.min < f.max)) issues.push_back({file, p + "/max", "must exceed min"});
    if (f.log_scale && !(f.min > 0))
      issues.push_back({file, p + "/min", "a log-scale bound must be positive"});
    if (f.elasticity == 0) issues.push_back({file, p + "/elasticity", "must not be zero"});
    for (std::size_t j = 0; j < s.free.size(); ++j)
      if (s.free[j].key == f.key) issues.push_back({file, p + "/key", "already free at /free_parameters/" + std::to_string(j)});
    s.free.push_back(f);
  }
  if (!issues.empty()) throw InputError(std::move(issues));
  return s;
}

}  // namespace ccsim::calibration
