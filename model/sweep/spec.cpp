#include "model/sweep/spec.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <functional>
#include <limits>
#include <set>

#include "model/dims.hpp"
#include "model/json_text.hpp"
#include "model/metrics.hpp"
#include "model/scenario.hpp"

namespace ccsim::sweep {

namespace {

using json = nlohmann::json;

// The sweep owns these: every run sets its own seed and exactly one replication, and the
// collected metrics are defined on the base scenario's recorded years.
const std::vector<std::string> kOwnedBySweep = {"/simulation/seed", "/simulation/replications",
                                                "/simulation/start_year", "/simulation/end_year"};
const std::vector<std::string> kReservedColumns = {"run",  "point",  "replication",
                                                   "seed", "status", "error"};
const std::vector<std::string> kTopKeys = {"$schema",   "name",       "description", "scenario",
                                           "overrides", "parameters", "design",      "replications",
                                           "seed",      "metrics",    "from_year"};
const std::vector<std::string> kDesignTypes = {"grid", "random", "latin_hypercube", "morris",
                                               "sobol"};
const std::vector<std::string> kDistributionTypes = {"uniform", "loguniform", "normal",
                                                     "lognormal"};
// Above this the output would not be a sweep one runs but a typo in a design size.
constexpr double kMaxRuns = 1e9;
constexpr double kMaxSeed = 9007199254740991.0;  // 2^53 - 1: exact in JSON readers and doubles

std::string list(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

bool simple_name(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

// closest(), or else the options `word` begins (a shortened name is the commonest slip).
std::string suggestion(const std::string& word, const std::vector<std::string>& options,
                       const std::function<std::string(const std::string&)>& shown) {
  const std::string near = closest(word, options);
  if (!near.empty()) return " (did you mean '" + shown(near) + "'?)";
  std::vector<std::string> starts;
  for (const auto& o : options)
    if (o.size() > word.size() && o.compare(0, word.size(), word) == 0) starts.push_back(shown(o));
  if (starts.empty() || word.size() < 3) return "";
  if (starts.size() == 1) return " (did you mean '" + starts[0] + "'?)";
  std::string s;
  for (std::size_t i = 0; i < std::min<std::size_t>(3, starts.size()); ++i)
    s += (i ? ", '" : "'") + starts[i] + "'";
  return " (did you mean one of " + s + (starts.size() > 3 ? ", ..." : "") + "?)";
}

std::string suggestion(const std::string& word, const std::vector<std::string>& options) {
  return suggestion(word, options, [](const std::string& x) { return x; });
}

// Every pointer a factor may name: scalars, and one element of by-sector and by-region values.
// By-country values are checked against the base scenario's countries separately.
const std::vector<std::string>& element_pointers() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> v;
    for (const auto& d : param_declarations()) {
      if (d.shape == Shape::Scalar) {
        v.push_back(d.pointer);
      } else if (const auto* keys = d.element_keys()) {
        for (std::size_t i = 0; i < d.width(); ++i)
          v.push_back(d.pointer + "/" + std::string(keys[i]));
      }
    }
    return v;
  }();
  return all;
}

std::string parent_of(const std::string& pointer) {
  const auto slash = pointer.rfind('/');
  return slash == 0 || slash == std::string::npos ? std::string() : pointer.substr(0, slash);
}

std::string last_token(const std::string& pointer) {
  const auto slash = pointer.rfind('/');
  return slash == std::string::npos ? pointer : pointer.substr(slash + 1);
}

class Checker {
 public:
  Checker(std::string file, const BaseInfo* base) : file_(std::move(file)), base_(base) {}

  // The base scenario's countries, or none when it could not be loaded.
  const std::vector<std::string>& countries() const {
    static const std::vector<std::string> none;
    return base_ ? base_->countries : none;
  }

  void issue(const std::string& ptr, const std::string& msg) {
    issues.push_back({file_, ptr, msg});
  }

  void unknown_key(const std::string& ptr, const std::string& key,
                   const std::vector<std::string>& options) {
    // Past a page of problems (not shown), no costly suggestion.
    issue(ptr, (issues.size() < kIssuePage ? unknown_key_message(key, options)
                                           : "unknown key '" + key + "'") +
                   "; expected one of: " + list(options));
  }

  void keys(const json& obj, const std::string& ptr, const std::vector<std::string>& allowed) {
    for (const auto& [k, _] : obj.items())
      if (std::find(allowed.begin(), allowed.end(), k) == allowed.end())
        unknown_key(ptr, k, allowed);
  }

  std::optional<double> number(const json& obj, const std::string& key, const std::string& ptr,
                               bool required, bool integer, double lo, double hi) {
    const std::string child = ptr + "/" + escape_token(key);
    if (!obj.contains(key)) {
      if (required) issue(ptr, "missing required key '" + key + "'");
      return std::nullopt;
    }
    return value(obj[key], child, integer, lo, hi);
  }

  std::optional<double> value(const json& v, const std::string& ptr, bool integer, double lo,
                              double hi) {
    if (!v.is_number()) {
      issue(ptr, std::string("expected ") + (integer ? "an integer" : "a number") + ", found " +
                     type_name(v));
      return std::nullopt;
    }
    const double x = v.get<double>();
    if (integer && x != std::floor(x)) {
      issue(ptr, "expected an integer, found " + format_value(x));
      return std::nullopt;
    }
    if (!(x >= lo && x <= hi)) {
      issue(ptr, "value " + format_value(x) + " is out of range [" + format_value(lo) + ", " +
                     format_value(hi) + "]");
      return std::nullopt;
    }
    return x;
  }

  // A parameter path (pointer or dotted) that one number can set; nullptr when it is not one.
  const ParamDecl* param_path(const json& v, const std::string& ptr, std::string* pointer,
                              const char* role) {
    if (!v.is_string()) {
      issue(ptr,
            "expected a parameter path such as \"policy.insurance_coverage\" or "
            "\"/policy/insurance_coverage\", found " +
                type_name(v));
      return nullptr;
    }
    const std::string text = v.get<std::string>();
    if (text.empty()) {
      issue(ptr, "expected a parameter path, found an empty string");
      return nullptr;
    }
    const bool dotted = text[0] != '/';
    *pointer = to_pointer(text);
    auto shown = [&](const std::string& p) { return dotted ? to_dotted(p) : p; };
    if (std::find(kOwnedBySweep.begin(), kOwnedBySweep.end(), *pointer) != kOwnedBySweep.end()) {
      issue(ptr, "'" + text + "' cannot be " + role +
                     ": the sweep sets each run's seed and replication, and metrics are defined "
                     "on the base scenario's years");
      return nullptr;
    }
    if (const ParamDecl* d = find_param(*pointer)) {
      if (d->shape == Shape::Scalar) return d;
      std::string example = d->pointer + "/";
      example +=
          d->shape == Shape::ByCountry ? std::string("KAZ") : std::string(d->element_keys()[0]);
      issue(ptr, "'" + text + "' holds one value per " +
                     (d->shape == Shape::BySector   ? std::string("sector")
                      : d->shape == Shape::ByRegion ? std::string("region")
                                                    : std::string("country")) +
                     ": name one, e.g. '" + shown(example) + "'");
      return nullptr;
    }
    const std::string parent = parent_of(*pointer);
    if (const ParamDecl* d = find_param(parent)) {
      const std::string key = last_token(*pointer);
      if (d->shape == Shape::ByCountry) {
        if (base_ && !base_->countries.empty()) {
          if (std::find(base_->countries.begin(), base_->countries.end(), key) !=
              base_->countries.end())
            return d;
          std::string msg = "unknown country '" + key + "' in '" + text + "'";
          const std::string near = closest(key, base_->countries);
          if (!near.empty()) msg += " (did you mean '" + near + "'?)";
          issue(ptr, msg + "; countries are those of the base scenario's data tables");
          return nullptr;
        }
        if (key.size() == 3 &&
            std::all_of(key.begin(), key.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
          return d;
        issue(ptr,
              "expected an ISO3 country code after '" + shown(parent) + "', found '" + key + "'");
        return nullptr;
      }
      if (d->element_keys()) {
        std::vector<std::string> keys;
        for (std::size_t i = 0; i < d->width(); ++i) keys.emplace_back(d->element_keys()[i]);
        if (std::find(keys.begin(), keys.end(), key) != keys.end()) return d;
        std::string msg = "unknown " +
                          std::string(d->shape == Shape::BySector ? "sector" : "region") + " '" +
                          key + "' in '" + text + "'";
        const std::string near = closest(key, keys);
        if (!near.empty()) msg += " (did you mean '" + shown(parent + "/" + near) + "'?)";
        issue(ptr, msg + "; expected one of: " + list(keys));
        return nullptr;
      }
    }
    issue(ptr, "'" + text + "' is not a scenario parameter" +
                   suggestion(*pointer, element_pointers(), shown) + "; `ccsim schema` lists them");
    return nullptr;
  }

  std::vector<Issue> issues;
  const BaseInfo* base() const { return base_; }
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  const BaseInfo* base_;
};

double standard_normal_cdf(double z) {
  if (std::isinf(z)) return z < 0 ? 0.0 : 1.0;
  return boost::math::cdf(boost::math::normal(), z);
}

// Parsed factor and its normalised form for the manifest.
struct FactorResult {
  Factor factor;
  json resolved;
  bool ok = false;
  bool schedulable = true;  // its parameter may change during a run (a timeline may set it)
};

FactorResult check_factor(Checker& c, const json& f, const std::string& ptr, DesignKind design,
                          bool design_known) {
  FactorResult r;
  if (!f.is_object()) {
    c.issue(ptr,
            "expected an object with a 'path' and one of 'levels', 'range' and "
            "'distribution', found " +
                type_name(f));
    return r;
  }
  c.keys(f, ptr, {"path", "levels", "range", "scale", "steps", "distribution", "from_year"});
  Factor& x = r.factor;
  const ParamDecl* d = nullptr;
  if (!f.contains("path"))
    c.issue(ptr, "missing required key 'path'");
  else
    d = c.param_path(f["path"], ptr + "/path", &x.pointer, "varied");
  bool ok = d != nullptr;
  const double lo = d ? d->min : -std::numeric_limits<double>::infinity();
  const double hi = d ? d->max : std::numeric_limits<double>::infinity();
  x.integer = d && d->kind == ValueKind::Integer;
  r.schedulable = !d || d->schedulable;
  x.column = to_dotted(x.pointer);
  r.resolved["path"] = x.pointer;

  const int given =
      int(f.contains("levels")) + int(f.contains("range")) + int(f.contains("distribution"));
  if (given != 1) {
    c.issue(ptr, given == 0 ? "give one of 'levels', 'range' and 'distribution'"
                            : "give only one of 'levels', 'range' and 'distribution'");
    return r;
  }
  if (f.contains("scale") && !f.contains("range"))
    c.issue(ptr + "/scale", "'scale' applies to a 'range' only");
  if (f.contains("steps") && !f.contains("range"))
    c.issue(ptr + "/steps", "'steps' applies to a 'range' only");

  if (f.contains("levels")) {
    x.kind = FactorKind::kLevels;
    const json& lv = f["levels"];
    if (!lv.is_array() || lv.empty()) {
      c.issue(ptr + "/levels", "expected a non-empty array of numbers, found " +
                                   (lv.is_array() ? std::string("an empty array") : type_name(lv)));
      return r;
    }
    for (std::size_t i = 0; i < lv.size(); ++i) {
      const auto v = c.value(lv[i], ptr + "/levels/" + std::to_string(i), x.integer, lo, hi);
      if (v)
        x.levels.push_back(*v);
      else
        ok = false;
    }
    r.resolved["levels"] = x.levels;
  } else if (f.contains("range")) {
    x.kind = FactorKind::kRange;
    const json& rg = f["range"];
    if (!rg.is_array() || rg.size() != 2) {
      c.issue(ptr + "/range",
              "expected [low, high], found " + type_name(rg) +
                  (rg.is_array() ? " of " + std::to_string(rg.size()) : std::string()));
      return r;
    }
    const auto a = c.value(rg[0], ptr + "/range/0", false, lo, hi);
    const auto b = c.value(rg[1], ptr + "/range/1", false, lo, hi);
    if (!a || !b) return r;
    x.low = *a;
    x.high = *b;
    if (!(x.low < x.high)) {
      c.issue(ptr + "/range", "expected low < high, found [" + format_value(x.low) + ", " +
                                  format_value(x.high) + "]");
      ok = false;
    }
    if (f.contains("scale")) {
      const json& s = f["scale"];
      if (!s.is_string() || (s != "linear" && s != "log")) {
        c.issue(ptr + "/scale",
                "expected \"linear\" or \"log\", found " +
                    (s.is_string() ? "'" + s.get<std::string>() + "'" : type_name(s)));
        ok = false;
      } else {
        x.log_scale = s == "log";
        if (x.log_scale && !(x.low > 0)) {
          c.issue(ptr + "/range/0",
                  "a log scale needs a positive low end, found " + format_value(x.low));
          ok = false;
        }
      }
    }
    if (f.contains("steps")) {
      const auto s = c.number(f, "steps", ptr, false, true, 2, 1e6);
      if (s)
        x.steps = static_cast<int>(*s);
      else
        ok = false;
    }
    r.resolved["range"] = {x.low, x.high};
    r.resolved["scale"] = x.log_scale ? "log" : "linear";
    if (x.steps > 0) r.resolved["steps"] = x.steps;
  } else {
    const std::string dp = ptr + "/distribution";
    const json& ds = f["distribution"];
    if (!ds.is_object()) {
      c.issue(
          dp,
          "expected an object such as {\"type\": \"normal\", \"mean\": 1, \"sd\": 0.1}, found " +
              type_name(ds));
      return r;
    }
    if (!ds.contains("type") || !ds["type"].is_string()) {
      c.issue(ds.contains("type") ? dp + "/type" : dp,
              "expected 'type', one of: " + list(kDistributionTypes));
      return r;
    }
    const std::string type = ds["type"].get<std::string>();
    json out = {{"type", type}};
    if (type == "uniform" || type == "loguniform") {
      x.kind = type == "uniform" ? FactorKind::kUniform : FactorKind::kLogUniform;
      c.keys(ds, dp, {"type", "min", "max"});
      const auto a = c.number(ds, "min", dp, true, false, lo, hi);
      const auto b = c.number(ds, "max", dp, true, false, lo, hi);
      if (!a || !b) return r;
      x.low = *a;
      x.high = *b;
      x.log_scale = x.kind == FactorKind::kLogUniform;
      if (!(x.low < x.high)) {
        c.issue(dp, "expected min < max, found " + format_value(x.low) + " and " +
                        format_value(x.high));
        ok = false;
      }
      if (x.log_scale && !(x.low > 0)) {
        c.issue(dp + "/min",
                "a loguniform distribution needs a positive min, found " + format_value(x.low));
        ok = false;
      }
    } else if (type == "normal" || type == "lognormal") {
      const bool log = type == "lognormal";
      x.kind = log ? FactorKind::kLogNormal : FactorKind::kNormal;
      const char* centre = log ? "median" : "mean";
      const char* spread = log ? "sigma" : "sd";
      c.keys(ds, dp, {"type", centre, spread, "min", "max"});
      const auto m = c.number(ds, centre, dp, true, false, log ? 0 : -1e300, 1e300);
      const auto s = c.number(ds, spread, dp, true, false, 0, 1e300);
      // Truncation keeps every draw a valid value of the parameter.
      const auto a = ds.contains("min") ? c.number(ds, "min", dp, true, false, lo, hi)
                                        : std::optional<double>(lo);
      const auto b = ds.contains("max") ? c.number(ds, "max", dp, true, false, lo, hi)
                                        : std::optional<double>(hi);
      if (!m || !s || !a || !b) return r;
      if (log && !(*m > 0)) {
        c.issue(dp + "/median", "a lognormal median must be positive, found " + format_value(*m));
        return r;
      }
      if (!(*s > 0)) {
        c.issue(dp + "/" + spread,
                std::string("expected a positive ") + spread + ", found " + format_value(*s));
        return r;
      }
      x.location = log ? std::log(*m) : *m;
      x.scale = *s;
      x.low = *a;
      x.high = *b;
      if (!(x.low < x.high)) {
        c.issue(dp, "expected min < max, found " + format_value(x.low) + " and " +
                        format_value(x.high));
        return r;
      }
      auto z = [&](double v) {
        if (log) v = v > 0 ? std::log(v) : -std::numeric_limits<double>::infinity();
        return (v - x.location) / x.scale;
      };
      if (standard_normal_cdf(z(x.high)) - standard_normal_cdf(z(x.low)) < 1e-9) {
        c.issue(dp, "the truncation bounds [" + format_value(x.low) + ", " + format_value(x.high) +
                        "] hold almost none of the distribution");
        ok = false;
      }
      out[centre] = *m;
      out[spread] = *s;
    } else {
      std::string msg = "unknown distribution '" + type + "'";
      const std::string near = closest(type, kDistributionTypes);
      if (!near.empty()) msg += " (did you mean '" + near + "'?)";
      c.issue(dp + "/type", msg + "; expected one of: " + list(kDistributionTypes));
      return r;
    }
    out["min"] = x.low;
    out["max"] = x.high;
    r.resolved["distribution"] = out;
  }

  if (design_known && design == DesignKind::kGrid) {
    if (x.kind != FactorKind::kLevels && !(x.kind == FactorKind::kRange && x.steps > 0)) {
      c.issue(ptr,
              "a grid design needs 'levels', or a 'range' with 'steps' (the number of "
              "evenly spaced values)");
      ok = false;
    }
  }
  if (design_known && design == DesignKind::kMorris &&
      (x.kind == FactorKind::kNormal || x.kind == FactorKind::kLogNormal)) {
    c.issue(ptr + "/distribution",
            "a morris design needs 'levels', a 'range' or a uniform "
            "distribution: its grid would put normal draws on the "
            "truncation bounds");
    ok = false;
  }
  r.ok = ok && d != nullptr;
  return r;
}

const std::vector<std::string>& design_keys(DesignKind k) {
  static const std::vector<std::string> grid = {"type"};
  static const std::vector<std::string> sampled = {"type", "points"};
  static const std::vector<std::string> morris = {"type", "trajectories", "levels",
                                                  "common_random_numbers"};
  static const std::vector<std::string> sobol = {
      "type", "base_points", "skip", "bootstrap", "confidence", "common_random_numbers"};
  switch (k) {
    case DesignKind::kGrid:
      return grid;
    case DesignKind::kRandom:
    case DesignKind::kLatinHypercube:
      return sampled;
    case DesignKind::kMorris:
      return morris;
    case DesignKind::kSobol:
      return sobol;
  }
  return grid;
}

// Checks the design object; returns whether its type is known (so factors can be checked
// against it).
bool check_design(Checker& c, const json& doc, DesignSpec& d) {
  if (!doc.contains("design")) {
    c.issue("", "missing required key 'design'");
    return false;
  }
  const json& ds = doc["design"];
  if (!ds.is_object()) {
    c.issue("/design", "expected an object such as {\"type\": \"grid\"}, found " + type_name(ds));
    return false;
  }
  if (!ds.contains("type") || !ds["type"].is_string()) {
    c.issue(ds.contains("type") ? "/design/type" : "/design",
            "expected 'type', one of: " + list(kDesignTypes));
    return false;
  }
  const std::string type = ds["type"].get<std::string>();
  const auto it = std::find(kDesignTypes.begin(), kDesignTypes.end(), type);
  if (it == kDesignTypes.end()) {
    std::string msg = "unknown design '" + type + "'";
    const std::string near = closest(type, kDesignTypes);
    if (!near.empty()) msg += " (did you mean '" + near + "'?)";
    c.issue("/design/type", msg + "; expected one of: " + list(kDesignTypes));
    return false;
  }
  d.kind = static_cast<DesignKind>(it - kDesignTypes.begin());
  c.keys(ds, "/design", design_keys(d.kind));
  const double big = std::numeric_limits<int>::max();
  if (ds.contains("common_random_numbers") &&
      design_keys(d.kind).back() == "common_random_numbers") {
    if (ds["common_random_numbers"].is_boolean())
      d.common_random_numbers = ds["common_random_numbers"].get<bool>();
    else
      c.issue("/design/common_random_numbers",
              "expected true or false, found " + type_name(ds["common_random_numbers"]));
  }
  switch (d.kind) {
    case DesignKind::kGrid:
      break;
    case DesignKind::kRandom:
    case DesignKind::kLatinHypercube:
      if (auto v = c.number(ds, "points", "/design", true, true, 2, big)) d.points = int(*v);
      break;
    case DesignKind::kMorris:
      if (auto v = c.number(ds, "trajectories", "/design", true, true, 2, big))
        d.trajectories = int(*v);
      if (auto v = c.number(ds, "levels", "/design", false, true, 2, 1000)) {
        d.levels = int(*v);
        if (d.levels % 2 != 0)
          c.issue("/design/levels",
                  "expected an even number of levels (so that every step of "
                  "delta = p / (2 (p - 1)) stays on the grid), found " +
                      std::to_string(d.levels));
      }
      break;
    case DesignKind::kSobol:
      if (auto v = c.number(ds, "base_points", "/design", true, true, 2, big))
        d.base_points = int(*v);
      if (auto v = c.number(ds, "skip", "/design", false, true, 0, 1e15))
        d.skip = std::uint64_t(*v);
      if (auto v = c.number(ds, "bootstrap", "/design", false, true, 0, 1e6)) d.bootstrap = int(*v);
      if (auto v = c.number(ds, "confidence", "/design", false, false, 0, 1)) {
        d.confidence = *v;
        if (!(d.confidence > 0 && d.confidence < 1))
          c.issue("/design/confidence",
                  "expected a level strictly between 0 and 1, found " + format_value(*v));
      }
      break;
  }
  return true;
}

json design_json(const DesignSpec& d) {
  json j = {{"type", design_name(d.kind)}};
  switch (d.kind) {
    case DesignKind::kGrid:
      break;
    case DesignKind::kRandom:
    case DesignKind::kLatinHypercube:
      j["points"] = d.points;
      break;
    case DesignKind::kMorris:
      j["trajectories"] = d.trajectories;
      j["levels"] = d.levels;
      j["common_random_numbers"] = d.common_random_numbers;
      break;
    case DesignKind::kSobol:
      j["base_points"] = d.base_points;
      j["skip"] = d.skip;
      j["bootstrap"] = d.bootstrap;
      j["confidence"] = d.confidence;
      j["common_random_numbers"] = d.common_random_numbers;
      break;
  }
  return j;
}

std::vector<std::string> yearly_names() {
  std::vector<std::string> v;
  for (const auto& d : kYearlyDefs) v.emplace_back(d.def.name);
  return v;
}

double count_points(const DesignSpec& d, const std::vector<Factor>& factors) {
  const double k = double(factors.size());
  switch (d.kind) {
    case DesignKind::kGrid: {
      double points = 1;
      for (const auto& f : factors) points *= f.grid_levels();
      return points;
    }
    case DesignKind::kRandom:
    case DesignKind::kLatinHypercube:
      return d.points;
    case DesignKind::kMorris:
      return double(d.trajectories) * (k + 1);
    case DesignKind::kSobol:
      return double(d.base_points) * (k + 2);
  }
  return 0;
}

std::vector<std::string> metric_names(const MetricDef* defs, int n) {
  std::vector<std::string> v;
  for (int i = 0; i < n; ++i) v.emplace_back(defs[i].name);
  return v;
}

// A metric's place: at most one of "country" (an ISO3 code of the base scenario), "region" (a
// region with partners) or "sector".
bool check_place(Checker& c, const json& m, const std::string& ptr, MetricSpec& x) {
  int given = 0;
  for (const char* key : {"country", "region", "sector"}) given += m.contains(key);
  if (given == 0) return true;
  if (given > 1) {
    c.issue(ptr, "give at most one of 'country', 'region' and 'sector'");
    return false;
  }
  const char* key = m.contains("country") ? "country" : m.contains("region") ? "region" : "sector";
  const std::string p = ptr + "/" + key;
  if (!m[key].is_string()) {
    c.issue(p, std::string("expected a ") + key + " name, found " + type_name(m[key]));
    return false;
  }
  x.place_key = m[key].get<std::string>();
  if (std::string(key) == "country") {
    x.place = Place::kCountry;
    const std::vector<std::string>& countries = c.countries();
    if (countries.empty()) return true;  // checked once the base scenario loads
    const auto at = std::find(countries.begin(), countries.end(), x.place_key);
    if (at == countries.end()) {
      c.issue(p, "unknown country '" + x.place_key + "'" + suggestion(x.place_key, countries) +
                     "; countries are those of the base scenario's data tables");
      return false;
    }
    x.place_index = static_cast<int>(at - countries.begin());
    return true;
  }
  std::vector<std::string> keys;
  if (std::string(key) == "region") {
    x.place = Place::kRegion;
    for (std::size_t g = 0; g < kRegions; ++g)
      if (std::string(kRegionNames[g]).find("outside the 64") == std::string::npos)
        keys.emplace_back(kRegionKeys[g]);
    x.place_index = index_of(kRegionKeys, x.place_key);
  } else {
    x.place = Place::kSector;
    for (auto k : kSectorKeys) keys.emplace_back(k);
    x.place_index = index_of(kSectorKeys, x.place_key);
  }
  if (std::find(keys.begin(), keys.end(), x.place_key) == keys.end()) {
    c.issue(p, "unknown " + std::string(key) + " '" + x.place_key + "'" +
                   suggestion(x.place_key, keys) + "; expected one of: " + list(keys) +
                   (x.place == Place::kRegion ? " (regions with partner countries)" : ""));
    return false;
  }
  return true;
}

struct Parsed {
  std::vector<Issue> issues;
  Spec spec;
};

// When each factor starts: its own "from_year", else the sweep's, else the year the base
// scenario's own changes start (its first timeline entry), else the first simulated year. A
// parameter that cannot change during a run (not schedulable) holds from the first simulated
// year whatever the defaults say; only an explicit later year of its own is an error.
void check_from_years(Checker& c, const json& doc, Spec& s, json& factors_out,
                      const std::vector<bool>& schedulable) {
  const BaseInfo* base = c.base();
  const int first = base ? (base->first_year != 0 ? base->first_year : base->start_year) : 0;
  auto year = [&](const json& v, const std::string& ptr) -> std::optional<int> {
    if (!v.is_number() || v.get<double>() != std::floor(v.get<double>())) {
      c.issue(ptr, "expected a year, found " + type_name(v));
      return std::nullopt;
    }
    const double y = v.get<double>();
    if (base && !(y >= first && y <= base->end_year)) {
      c.issue(ptr, "year " + format_value(y) + " is not simulated (the base scenario simulates " +
                       std::to_string(first) + "-" + std::to_string(base->end_year) +
                       ", spin-up included)");
      return std::nullopt;
    }
    return int(y);
  };
  std::optional<int> sweep_year;
  if (doc.contains("from_year")) sweep_year = year(doc["from_year"], "/from_year");
  const int fallback = sweep_year                        ? *sweep_year
                       : base && base->changes_year != 0 ? base->changes_year
                                                         : first;
  const json* ps =
      doc.contains("parameters") && doc["parameters"].is_array() ? &doc["parameters"] : nullptr;
  for (std::size_t i = 0; i < s.factors.size(); ++i) {
    Factor& f = s.factors[i];
    const bool can_change = i < schedulable.size() && schedulable[i];
    f.from_year = can_change ? fallback : first;
    const std::string ptr = "/parameters/" + std::to_string(i) + "/from_year";
    if (ps && i < ps->size() && (*ps)[i].is_object() && (*ps)[i].contains("from_year")) {
      if (const auto y = year((*ps)[i]["from_year"], ptr)) {
        if (!can_change && *y > first)
          c.issue(ptr, "'" + f.column +
                           "' cannot change during a run (it is not schedulable): it holds from "
                           "the first simulated year, " +
                           std::to_string(first));
        else
          f.from_year = *y;
      }
    }
    f.scheduled = f.from_year > first;
    if (i < factors_out.size() && factors_out[i].is_object())
      factors_out[i]["from_year"] = f.from_year;
  }
}

Parsed check(const json& doc, const std::string& file, const BaseInfo* base) {
  Checker c(file, base);
  Parsed out;
  Spec& s = out.spec;
  s.file = file;
  if (!doc.is_object()) {
    c.issue("", "expected a JSON object at the top level, found " + type_name(doc));
    out.issues = c.issues;
    return out;
  }
  c.keys(doc, "", kTopKeys);
  for (const char* key : {"$schema", "name", "description"})
    if (doc.contains(key) && !doc[key].is_string())
      c.issue(std::string("/") + escape_token(key),
              "expected a string, found " + type_name(doc[key]));
  s.description = doc.contains("description") && doc["description"].is_string()
                      ? doc["description"].get<std::string>()
                      : "";
  if (doc.contains("name") && doc["name"].is_string()) {
    s.name = doc["name"].get<std::string>();
    if (!simple_name(s.name))
      c.issue("/name",
              "expected letters, digits, '_', '-' or '.' only (the name makes the default "
              "output directory), found '" +
                  s.name + "'");
  } else {
    std::string stem =
        file.substr(file.find_last_of('/') == std::string::npos ? 0 : file.find_last_of('/') + 1);
    if (stem.size() > 5 && stem.compare(stem.size() - 5, 5, ".json") == 0)
      stem.resize(stem.size() - 5);
    s.name = stem.empty() ? "sweep" : stem;
  }

  // Base scenario and its fixed overrides.
  if (!doc.contains("scenario")) {
    c.issue("", "missing required key 'scenario' (the base scenario file, relative to this file)");
  } else if (!doc["scenario"].is_string() || doc["scenario"].get<std::string>().empty()) {
    c.issue("/scenario", "expected a scenario file name, found " + type_name(doc["scenario"]));
  } else {
    s.scenario = doc["scenario"].get<std::string>();
  }
  std::set<std::string> overridden;
  json overrides_out = json::object();
  if (doc.contains("overrides")) {
    const json& ov = doc["overrides"];
    if (!ov.is_object()) {
      c.issue("/overrides",
              "expected an object of parameter paths and values, such as "
              "{\"simulation.end_year\": 2020}, found " +
                  type_name(ov));
    } else {
      for (const auto& [key, value] : ov.items()) {
        const std::string ptr = "/overrides/" + escape_token(key);
        std::string pointer = to_pointer(key);
        const bool years = pointer == "/simulation/start_year" || pointer == "/simulation/end_year";
        if (years) {
          // The recorded years may be fixed for the whole sweep (metrics are checked against
          // the base scenario as overridden), just not varied.
        } else if (!c.param_path(json(key), ptr, &pointer, "overridden")) {
          continue;
        }
        overridden.insert(pointer);
        overrides_out[to_dotted(pointer)] = value;
        s.overrides.push_back(to_dotted(pointer) + "=" + value.dump());
      }
    }
  }
  if (auto req = base_request(doc, file)) s.scenario_path = req->scenario_path;

  DesignSpec& d = s.design;
  const bool design_known = check_design(c, doc, d);

  // Factors.
  std::set<std::string> columns;
  std::vector<bool> schedulable;
  bool factors_ok = true;
  json factors_out = json::array();
  if (!doc.contains("parameters")) {
    c.issue("", "missing required key 'parameters' (the parameters to vary)");
    factors_ok = false;
  } else if (!doc["parameters"].is_array() || doc["parameters"].empty()) {
    c.issue("/parameters", "expected a non-empty array of parameters to vary, found " +
                               (doc["parameters"].is_array() ? std::string("an empty array")
                                                             : type_name(doc["parameters"])));
    factors_ok = false;
  } else {
    const json& ps = doc["parameters"];
    for (std::size_t i = 0; i < ps.size(); ++i) {
      const std::string ptr = "/parameters/" + std::to_string(i);
      FactorResult r = check_factor(c, ps[i], ptr, d.kind, design_known);
      factors_ok = factors_ok && r.ok;
      schedulable.push_back(r.schedulable);
      if (!r.factor.pointer.empty()) {
        if (!columns.insert(r.factor.pointer).second) {
          c.issue(ptr + "/path", "'" + r.factor.column + "' is varied twice");
          factors_ok = false;
        }
        if (overridden.count(r.factor.pointer)) {
          c.issue(ptr + "/path", "'" + r.factor.column + "' is also fixed in /overrides: drop one");
          factors_ok = false;
        }
      }
      s.factors.push_back(std::move(r.factor));
      factors_out.push_back(std::move(r.resolved));
    }
  }

  check_from_years(c, doc, s, factors_out, schedulable);

  // Size of the sweep, from the design's arguments: a design too large to hold is refused here,
  // before anything tries to build it.
  double points = 0;
  if (design_known && factors_ok) {
    const double k = double(s.factors.size());
    points = count_points(d, s.factors);
    if (d.kind == DesignKind::kSobol && k > 1833)
      c.issue("/parameters", "a sobol design takes at most 1833 parameters");
    if (points * k > kMaxDesignCoordinates)
      c.issue("/design", "the design has " + format_value(points) + " points of " +
                             format_value(k) + " parameters, " + format_value(points * k) +
                             " coordinates: at most " + format_value(kMaxDesignCoordinates) +
                             " (about 1 GB in memory) can be held; use fewer points");
  }

  if (auto v = c.number(doc, "replications", "", true, true, 1, 1e6)) s.replications = int(*v);
  if (auto v = c.number(doc, "seed", "", true, true, 0, kMaxSeed)) s.seed = std::uint64_t(*v);
  if (points * s.replications > kMaxRuns)
    c.issue("/replications", "the sweep would make " + format_value(points) + " points x " +
                                 std::to_string(s.replications) +
                                 " replications = " + format_value(points * s.replications) +
                                 " runs; at most " + format_value(kMaxRuns));

  // Metrics.
  json metrics_out = json::array();
  if (!doc.contains("metrics")) {
    c.issue("", "missing required key 'metrics' (the outputs to collect)");
  } else if (!doc["metrics"].is_array() || doc["metrics"].empty()) {
    c.issue("/metrics", "expected a non-empty array of metrics, found " +
                            (doc["metrics"].is_array() ? std::string("an empty array")
                                                       : type_name(doc["metrics"])));
  } else {
    const json& ms = doc["metrics"];
    std::set<std::string> names;
    for (const auto& f : s.factors) names.insert(f.column);
    const auto yearly = yearly_names();
    for (std::size_t i = 0; i < ms.size(); ++i) {
      const std::string ptr = "/metrics/" + std::to_string(i);
      const json& m = ms[i];
      if (!m.is_object()) {
        c.issue(ptr,
                "expected an object such as {\"metric\": \"odi_flow_usd_bn\", \"years\": "
                "[2013, 2030]}, found " +
                    type_name(m));
        continue;
      }
      c.keys(m, ptr, {"name", "metric", "year", "years", "country", "region", "sector"});
      MetricSpec x;
      bool ok = true;
      ok = check_place(c, m, ptr, x) && ok;
      const std::vector<std::string>& names_here =
          x.place == Place::kTotal    ? yearly
          : x.place == Place::kSector ? metric_names(kSectorMetricDefs.data(), kSectorMetrics)
                                      : metric_names(kCountryMetricDefs.data(), kCountryMetrics);
      const char* table = x.place == Place::kTotal    ? "yearly.csv"
                          : x.place == Place::kSector ? "sectors.csv"
                                                      : "countries.csv";
      if (!m.contains("metric")) {
        c.issue(ptr, std::string("missing required key 'metric' (a column of ") + table + ")");
        ok = false;
      } else if (!m["metric"].is_string()) {
        c.issue(ptr + "/metric", "expected a metric name, found " + type_name(m["metric"]));
        ok = false;
      } else {
        x.metric = m["metric"].get<std::string>();
        const auto at = std::find(names_here.begin(), names_here.end(), x.metric);
        x.column = at == names_here.end() ? -1 : static_cast<int>(at - names_here.begin());
        if (x.column < 0) {
          c.issue(ptr + "/metric", "unknown metric '" + x.metric + "'" +
                                       suggestion(x.metric, names_here) + "; metrics " +
                                       (x.place == Place::kTotal ? "" : "of a place ") +
                                       "are the columns of " + table + ": " + list(names_here));
          ok = false;
        }
      }
      const double ylo = base ? base->start_year : 0, yhi = base ? base->end_year : 1e9;
      const std::string years_msg = base ? " (the base scenario records " +
                                               std::to_string(base->start_year) + "-" +
                                               std::to_string(base->end_year) + ")"
                                         : "";
      auto year = [&](const json& v, const std::string& p) -> std::optional<int> {
        if (!v.is_number_integer() &&
            !(v.is_number() && v.get<double>() == std::floor(v.get<double>()))) {
          c.issue(p, "expected a year, found " + type_name(v));
          return std::nullopt;
        }
        const double y = v.get<double>();
        if (!(y >= ylo && y <= yhi)) {
          c.issue(p, "year " + format_value(y) + " is not recorded" + years_msg);
          return std::nullopt;
        }
        return int(y);
      };
      if (m.contains("year") == m.contains("years")) {
        c.issue(ptr,
                "give exactly one of 'year' (a metric in one year) and 'years' ([from, to], "
                "the metric summed over those years)");
        ok = false;
      } else if (m.contains("year")) {
        const auto y = year(m["year"], ptr + "/year");
        ok = ok && y;
        if (y) x.from_year = x.to_year = *y;
      } else {
        const json& ys = m["years"];
        if (!ys.is_array() || ys.size() != 2) {
          c.issue(ptr + "/years", "expected [from, to], found " + type_name(ys));
          ok = false;
        } else {
          const auto a = year(ys[0], ptr + "/years/0");
          const auto b = year(ys[1], ptr + "/years/1");
          if (a && b && *a > *b) {
            c.issue(ptr + "/years", "expected from <= to, found [" + std::to_string(*a) + ", " +
                                        std::to_string(*b) + "]");
            ok = false;
          }
          ok = ok && a && b;
          if (a && b) {
            x.from_year = *a;
            x.to_year = *b;
            x.sum = true;
          }
        }
      }
      if (m.contains("name")) {
        if (!m["name"].is_string() || !simple_name(m["name"].get<std::string>())) {
          c.issue(ptr + "/name",
                  "expected a column name of letters, digits, '_', '-' or '.', found " +
                      (m["name"].is_string() ? "'" + m["name"].get<std::string>() + "'"
                                             : type_name(m["name"])));
          ok = false;
        } else {
          x.name = m["name"].get<std::string>();
        }
      } else if (ok) {
        x.name = x.metric + (x.place == Place::kTotal ? "" : "_" + x.place_key) +
                 (x.sum ? "_sum_" + std::to_string(x.from_year) + "_" + std::to_string(x.to_year)
                        : "_" + std::to_string(x.from_year));
      }
      if (!x.name.empty()) {
        if (std::find(kReservedColumns.begin(), kReservedColumns.end(), x.name) !=
            kReservedColumns.end())
          c.issue(ptr + (m.contains("name") ? "/name" : ""),
                  "'" + x.name + "' is a runs.csv column already: choose another name");
        else if (!names.insert(x.name).second)
          c.issue(ptr + (m.contains("name") ? "/name" : ""),
                  "column '" + x.name +
                      "' appears twice (metric names and varied paths must be "
                      "distinct): give this metric a 'name'");
      }
      json mo = {{"name", x.name}, {"metric", x.metric}};
      if (x.place != Place::kTotal)
        mo[x.place == Place::kCountry  ? "country"
           : x.place == Place::kRegion ? "region"
                                       : "sector"] = x.place_key;
      if (x.sum)
        mo["years"] = {x.from_year, x.to_year};
      else
        mo["year"] = x.from_year;
      metrics_out.push_back(mo);
      s.metrics.push_back(std::move(x));
    }
  }

  out.issues = c.issues;
  if (out.issues.empty()) {
    json& r = s.resolved;
    r["name"] = s.name;
    if (!s.description.empty()) r["description"] = s.description;
    r["scenario"] = s.scenario;
    r["overrides"] = overrides_out;
    r["parameters"] = factors_out;
    r["design"] = design_json(d);
    r["replications"] = s.replications;
    r["seed"] = s.seed;
    r["metrics"] = metrics_out;
  }
  return out;
}

}  // namespace

int Factor::grid_levels() const {
  return kind == FactorKind::kLevels ? static_cast<int>(levels.size()) : steps;
}

double Factor::value(double u) const {
  u = std::clamp(u, 0.0, 1.0);
  double v = 0;
  switch (kind) {
    case FactorKind::kLevels: {
      const auto n = levels.size();
      const auto i = std::min(n - 1, static_cast<std::size_t>(std::floor(u * double(n))));
      return levels[i];
    }
    case FactorKind::kRange:
    case FactorKind::kUniform:
    case FactorKind::kLogUniform:
      // (1 - u) low + u high rather than low + u (high - low): the ends come out exact.
      v = log_scale ? std::exp((1 - u) * std::log(low) + u * std::log(high))
                    : (1 - u) * low + u * high;
      if (u == 0) v = low;
      if (u == 1) v = high;
      break;
    case FactorKind::kNormal:
    case FactorKind::kLogNormal: {
      const bool log = kind == FactorKind::kLogNormal;
      auto z = [&](double x) {
        if (log) x = x > 0 ? std::log(x) : -std::numeric_limits<double>::infinity();
        return (x - location) / scale;
      };
      const double pa = standard_normal_cdf(z(low)), pb = standard_normal_cdf(z(high));
      const double p = pa + u * (pb - pa);
      if (!(p > 0)) {
        v = low;
      } else if (!(p < 1)) {
        v = high;
      } else {
        const double x = location + scale * boost::math::quantile(boost::math::normal(), p);
        v = log ? std::exp(x) : x;
      }
      break;
    }
  }
  v = std::clamp(v, low, high);
  if (integer) v = std::round(v);
  return v;
}

const char* design_name(DesignKind kind) {
  switch (kind) {
    case DesignKind::kGrid:
      return "grid";
    case DesignKind::kRandom:
      return "random";
    case DesignKind::kLatinHypercube:
      return "latin_hypercube";
    case DesignKind::kMorris:
      return "morris";
    case DesignKind::kSobol:
      return "sobol";
  }
  return "?";
}

std::string to_pointer(const std::string& path) {
  if (!path.empty() && path[0] == '/') return path;
  std::string ptr;
  std::size_t pos = 0;
  while (pos <= path.size()) {
    const auto dot = path.find('.', pos);
    ptr += "/" +
           escape_token(path.substr(pos, dot == std::string::npos ? std::string::npos : dot - pos));
    if (dot == std::string::npos) break;
    pos = dot + 1;
  }
  return ptr;
}

std::string to_dotted(const std::string& pointer) {
  std::string out;
  std::size_t pos = 1;
  while (pos <= pointer.size() && !pointer.empty()) {
    const auto slash = pointer.find('/', pos);
    std::string tok =
        pointer.substr(pos, slash == std::string::npos ? std::string::npos : slash - pos);
    std::string un;
    for (std::size_t i = 0; i < tok.size(); ++i) {
      if (tok[i] == '~' && i + 1 < tok.size()) {
        un += tok[i + 1] == '1' ? '/' : '~';
        ++i;
      } else {
        un += tok[i];
      }
    }
    out += (out.empty() ? "" : ".") + un;
    if (slash == std::string::npos) break;
    pos = slash + 1;
  }
  return out;
}

BaseInfo base_info(const Scenario& base, const std::vector<std::string>& countries) {
  BaseInfo b{base.start_year(), base.end_year(), countries, base.first_simulated_year(), 0};
  for (const auto& e : base.timeline)
    if (b.changes_year == 0 || e.year < b.changes_year) b.changes_year = e.year;
  return b;
}

std::optional<BaseRequest> base_request(const nlohmann::json& doc, const std::string& file) {
  if (!doc.is_object() || !doc.contains("scenario") || !doc["scenario"].is_string() ||
      doc["scenario"].get<std::string>().empty())
    return std::nullopt;
  BaseRequest r;
  const std::string s = doc["scenario"].get<std::string>();
  const std::string dir =
      file.find('/') == std::string::npos ? "" : file.substr(0, file.rfind('/') + 1);
  r.scenario_path = s[0] == '/' ? s : dir + s;
  if (doc.contains("overrides")) {
    if (!doc["overrides"].is_object()) return std::nullopt;
    for (const auto& [key, value] : doc["overrides"].items())
      r.overrides.push_back(to_dotted(to_pointer(key)) + "=" + value.dump());
  }
  return r;
}

double design_points(const Spec& spec) {
  return count_points(spec.design, spec.factors);
}

std::vector<Issue> validate_spec(const nlohmann::json& doc, const std::string& file,
                                 const BaseInfo* base) {
  return check(doc, file, base).issues;
}

Spec parse_spec(const nlohmann::json& doc, const std::string& file, const BaseInfo& base) {
  Parsed p = check(doc, file, &base);
  if (!p.issues.empty()) throw InputError(std::move(p.issues));
  return std::move(p.spec);
}

}  // namespace ccsim::sweep
