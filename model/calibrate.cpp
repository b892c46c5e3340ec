#include "model/calibrate.hpp"

#include <nlopt.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <type_traits>

#include "model/error.hpp"
#include "model/metrics.hpp"
#include "model/scenario.hpp"

namespace ccsim {

using nlohmann::json;

namespace {

// Reads `v` as T; false when it holds another type or, for an integer, a number that T cannot
// hold (get<int>() would convert 1e300 with undefined behaviour). Integral floats count.
template <typename T>
bool read(const json& v, T& out) {
  if constexpr (std::is_same_v<T, std::string>) {
    if (!v.is_string()) return false;
    out = v.get<std::string>();
  } else if constexpr (std::is_floating_point_v<T>) {
    if (!v.is_number()) return false;
    out = v.get<T>();
  } else {
    if (!v.is_number()) return false;
    const double d = v.get<double>();
    const double hi = std::ldexp(1.0, std::numeric_limits<T>::digits);  // T's range is [lo, hi)
    const double lo = std::is_signed_v<T> ? -hi : 0.0;
    if (v.is_number_float() && d != std::floor(d)) return false;
    if (!(d >= lo && d < hi)) return false;
    out = v.is_number_unsigned()  ? static_cast<T>(v.get<std::uint64_t>())
          : v.is_number_integer() ? static_cast<T>(v.get<std::int64_t>())
                                  : static_cast<T>(d);
  }
  return true;
}

template <typename T>
T field(const json& e, const char* key, const std::string& file, const std::string& ptr,
        std::vector<Issue>& issues, T fallback) {
  if (!e.contains(key)) {
    issues.push_back({file, ptr, std::string("missing required key '") + key + "'"});
    return fallback;
  }
  T out = fallback;
  if (!read(e.at(key), out)) issues.push_back({file, ptr + "/" + key, "wrong type"});
  return out;
}

// An optional key: `fallback` when absent.
template <typename T>
T optional(const json& e, const char* key, const std::string& file, const std::string& ptr,
           std::vector<Issue>& issues, T fallback) {
  return e.contains(key) ? field(e, key, file, ptr, issues, fallback) : fallback;
}

}  // namespace

std::vector<Target> parse_targets(const json& doc, const std::string& file) {
  std::vector<Issue> issues;
  std::vector<Target> out;
  if (!doc.is_object()) throw InputError(file, "", "expected a JSON object at the top level");
  if (!doc.contains("targets") || !doc["targets"].is_array())
    throw InputError(file, "/targets", "expected an array of targets");
  for (std::size_t i = 0; i < doc["targets"].size(); ++i) {
    const json& e = doc["targets"][i];
    const std::string p = "/targets/" + std::to_string(i);
    if (!e.is_object()) {
      issues.push_back({file, p, "expected an object"});
      continue;
    }
    Target t;
    t.id = field<std::string>(e, "id", file, p, issues, "");
    t.metric = field<std::string>(e, "metric", file, p, issues, "");
    t.source = field<std::string>(e, "source", file, p, issues, "");
    t.quote = optional<std::string>(e, "quote", file, p, issues, "");
    t.year_from = field<int>(e, "year_from", file, p, issues, 0);
    t.year_to = field<int>(e, "year_to", file, p, issues, 0);
    const std::string agg = field<std::string>(e, "aggregate", file, p, issues, "sum");
    const std::string kind = field<std::string>(e, "kind", file, p, issues, "about");
    t.figure = field<double>(e, "figure", file, p, issues, 0);
    t.tolerance = optional(e, "tolerance", file, p, issues, 0.1);
    t.sum = agg == "sum";
    t.over = kind == "over";
    if (agg != "sum" && agg != "end")
      issues.push_back({file, p + "/aggregate", "expected 'sum' or 'end'"});
    if (kind != "over" && kind != "about")
      issues.push_back({file, p + "/kind", "expected 'over' or 'about'"});
    if (!t.metric.empty() && yearly_index(t.metric.c_str()) < 0)
      issues.push_back(
          {file, p + "/metric", "unknown metric '" + t.metric + "' (not a column of yearly.csv)"});
    if (t.year_to < t.year_from) issues.push_back({file, p + "/year_to", "is before year_from"});
    out.push_back(t);
  }
  if (!issues.empty()) throw InputError(std::move(issues));
  return out;
}

std::vector<TargetCheck> check_targets(const std::vector<Target>& targets, const RunResult& run) {
  std::vector<TargetCheck> out;
  for (const auto& t : targets) {
    const int m = yearly_index(t.metric.c_str());
    double total = 0;
    for (const auto& rep : run.replications) {
      if (t.sum) {
        for (int y = t.year_from; y <= t.year_to; ++y) total += rep.yearly(y - run.start_year, m);
      } else {
        total += rep.yearly(t.year_to - run.start_year, m);
      }
    }
    const double v = total / static_cast<double>(run.replications.size());
    out.push_back({t, v, v >= t.low() && v <= t.high()});
  }
  return out;
}

CalibrationSpec parse_calibration_spec(const json& doc, const std::string& file,
                                       CalibrationFiles& files) {
  if (!doc.is_object()) throw InputError(file, "", "expected a JSON object at the top level");
  std::vector<Issue> issues;
  CalibrationSpec s;
  files.scenario = field<std::string>(doc, "scenario", file, "", issues, "");
  files.targets = field<std::string>(doc, "targets", file, "", issues, "");
  files.output = field<std::string>(doc, "output", file, "", issues, "");
  s.replications = optional(doc, "replications", file, "", issues, 16);
  s.seed = optional(doc, "seed", file, "", issues, std::uint64_t{1});
  s.max_evaluations = optional(doc, "max_evaluations", file, "", issues, 400);
  s.fixed_point_rounds = optional(doc, "fixed_point_rounds", file, "", issues, 20);
  if (!doc.contains("free_parameters") || !doc["free_parameters"].is_array()) {
    issues.push_back({file, "/free_parameters", "expected an array"});
  } else {
    for (std::size_t i = 0; i < doc["free_parameters"].size(); ++i) {
      const json& e = doc["free_parameters"][i];
      const std::string p = "/free_parameters/" + std::to_string(i);
      if (!e.is_object()) {
        issues.push_back({file, p, "expected an object"});
        continue;
      }
      FreeParameter f;
      f.key = field<std::string>(e, "key", file, p, issues, "");
      f.min = field<double>(e, "min", file, p, issues, 0);
      f.max = field<double>(e, "max", file, p, issues, 1);
      f.log_scale = optional<std::string>(e, "scale", file, p, issues, "linear") == "log";
      f.identifies = field<std::string>(e, "identifies", file, p, issues, "");
      f.elasticity = optional(e, "elasticity", file, p, issues, 1.0);
      if (f.elasticity == 0) issues.push_back({file, p + "/elasticity", "must not be zero"});
      const ParamDecl* d = find_param(f.key);
      if (!d || d->shape != Shape::Scalar)
        issues.push_back({file, p + "/key", "'" + f.key + "' is not a scalar parameter"});
      if (f.min >= f.max) issues.push_back({file, p + "/max", "must exceed min"});
      if (f.log_scale && f.min <= 0)
        issues.push_back({file, p + "/min", "a log-scale bound must be positive"});
      s.free.push_back(f);
    }
  }
  if (!issues.empty()) throw InputError(std::move(issues));
  return s;
}

namespace {

struct Problem {
  const json* doc;
  const std::string* file;
  const World* world;
  const std::vector<Target>* targets;
  const CalibrationSpec* spec;
  int evaluations = 0;
  std::vector<TargetCheck> last;
};

json with_values(const json& doc, const CalibrationSpec& spec, const std::vector<double>& values) {
  json d = doc;
  for (std::size_t i = 0; i < spec.free.size(); ++i)
    d[json::json_pointer(spec.free[i].key)] = values[i];
  d["simulation"]["replications"] = spec.replications;
  d["simulation"]["seed"] = spec.seed;
  return d;
}

std::vector<double> to_values(const CalibrationSpec& spec, const double* x) {
  std::vector<double> v(spec.free.size());
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = spec.free[i].log_scale ? std::exp(x[i]) : x[i];
  return v;
}

double objective(unsigned n, const double* x, double*, void* data) {
  auto& pb = *static_cast<Problem*>(data);
  (void)n;
  const Scenario sc = parse_scenario(with_values(*pb.doc, *pb.spec, to_values(*pb.spec, x)),
                                     *pb.file, pb.world->iso3);
  RunOptions ro;
  ro.threads = pb.spec->threads;
  ro.detail = false;
  pb.last = check_targets(*pb.targets, run(sc, *pb.world, ro));
  ++pb.evaluations;
  double f = 0;
  for (const auto& c : pb.last) {
    const double r = std::log(std::max(c.value, 1e-9) / c.target.midpoint());
    f += r * r;
  }
  return f;
}

}  // namespace

CalibrationResult calibrate(const json& scenario_doc, const std::string& file, const World& world,
                            const std::vector<Target>& targets, const CalibrationSpec& spec) {
  const std::size_t n = spec.free.size();
  std::vector<double> x(n), lo(n), hi(n);
  const Params start = parse_scenario(scenario_doc, file, world.iso3).params;
  for (std::size_t i = 0; i < n; ++i) {
    const FreeParameter& f = spec.free[i];
    Params copy = start;
    const double v = std::clamp(*find_param(f.key)->field(copy), f.min, f.max);
    x[i] = f.log_scale ? std::log(v) : v;
    lo[i] = f.log_scale ? std::log(f.min) : f.min;
    hi[i] = f.log_scale ? std::log(f.max) : f.max;
  }
  Problem pb{&scenario_doc, &file, &world, &targets, &spec, 0, {}};
  std::vector<int> target_of(n, -1);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t t = 0; t < targets.size(); ++t)
      if (targets[t].id == spec.free[i].identifies) target_of[i] = static_cast<int>(t);
  for (std::size_t i = 0; i < n; ++i)
    if (target_of[i] < 0)
      throw InputError("calibration spec", "/free_parameters/" + std::to_string(i) + "/identifies",
                       "no target with id '" + spec.free[i].identifies + "'");
  double best = objective(static_cast<unsigned>(n), x.data(), nullptr, &pb);
  std::vector<double> best_x = x;
  for (int round = 0; round < spec.fixed_point_rounds && best > 1e-5; ++round) {
    for (std::size_t i = 0; i < n; ++i) {
      const TargetCheck& c = pb.last[static_cast<std::size_t>(target_of[i])];
      const double gap = std::log(c.target.midpoint() / std::max(c.value, 1e-9));
      x[i] = std::clamp(x[i] + 0.7 * gap / spec.free[i].elasticity, lo[i], hi[i]);
    }
    const double f = objective(static_cast<unsigned>(n), x.data(), nullptr, &pb);
    if (f < best) {
      best = f;
      best_x = x;
    }
  }
  x = best_x;
  nlopt_opt opt = nlopt_create(NLOPT_LN_SBPLX, static_cast<unsigned>(n));
  nlopt_set_lower_bounds(opt, lo.data());
  nlopt_set_upper_bounds(opt, hi.data());
  nlopt_set_min_objective(opt, objective, &pb);
  nlopt_set_maxeval(opt, spec.max_evaluations);
  nlopt_set_xtol_rel(opt, 1e-4);
  std::vector<double> step(n);
  for (std::size_t i = 0; i < n; ++i) step[i] = 0.02 * (hi[i] - lo[i]);
  nlopt_set_initial_step(opt, step.data());
  nlopt_set_stopval(opt, 1e-5);
  double fmin = best;
  const nlopt_result rc =
      best > 1e-5 ? nlopt_optimize(opt, x.data(), &fmin) : NLOPT_STOPVAL_REACHED;
  nlopt_destroy(opt);
  if (rc < 0) throw std::runtime_error("calibration: NLopt failed with code " + std::to_string(rc));
  if (fmin > best) {  // Subplex never returns worse than its start, but keep the invariant explicit
    x = best_x;
    fmin = best;
  }
  CalibrationResult r;
  r.values = to_values(spec, x.data());
  objective(static_cast<unsigned>(n), x.data(), nullptr, &pb);  // checks at the optimum
  r.objective = fmin;
  r.evaluations = pb.evaluations;
  r.checks = pb.last;
  return r;
}

json calibration_fragment(const CalibrationSpec& spec, const CalibrationResult& result,
                          const std::string& provenance) {
  json out = json::object();
  out["description"] = provenance;
  for (std::size_t i = 0; i < spec.free.size(); ++i) {
    // Rounded so that the committed file is readable and stable across platforms.
    const double v = std::stod(json(result.values[i]).dump());
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    out[json::json_pointer(spec.free[i].key)] = std::stod(buf);
  }
  return out;
}

}  // namespace ccsim
