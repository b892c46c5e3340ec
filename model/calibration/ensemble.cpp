#include "model/calibration/ensemble.hpp"

#include <cmath>

#include "model/error.hpp"
#include "model/json_text.hpp"
#include "model/params.hpp"
#include "model/rng.hpp"

namespace ccsim::calibration {

using nlohmann::json;

Ensemble parse_ensemble(const json& doc, const std::string& file) {
  std::vector<Issue> issues;
  Ensemble e;
  e.file = file;
  if (!doc.is_object()) throw InputError(file, "", "expected an object, found " + type_name(doc));
  for (auto it = doc.begin(); it != doc.end(); ++it)
    if (it.key() != "description" && it.key() != "parameters" && it.key() != "estimate" &&
        it.key() != "sets")
      issues.push_back({file, "", unknown_key_message(it.key(), {"description", "parameters",
                                                                 "estimate", "sets"}),
                        it.key()});
  if (!doc.contains("parameters") || !doc["parameters"].is_array() || doc["parameters"].empty())
    issues.push_back({file, "/parameters", "expected a non-empty array of parameter pointers"});
  if (!doc.contains("sets") || !doc["sets"].is_array() || doc["sets"].empty())
    issues.push_back({file, "/sets", "expected a non-empty array of parameter sets"});
  if (!issues.empty()) throw InputError(std::move(issues));
  std::vector<const ParamDecl*> decls;
  for (std::size_t i = 0; i < doc["parameters"].size(); ++i) {
    const json& k = doc["parameters"][i];
    const ParamDecl* d = k.is_string() ? find_param(k.get<std::string>()) : nullptr;
    if (!d || d->shape != Shape::Scalar)
      issues.push_back({file, "/parameters/" + std::to_string(i),
                        "expected the pointer of a scalar scenario parameter"});
    else if (d->pointer.rfind("/simulation/", 0) == 0)
      issues.push_back({file, "/parameters/" + std::to_string(i),
                        "a simulation setting (years, agents, seed) cannot vary across an ensemble"});
    else
      e.keys.push_back(k.get<std::string>());
    decls.push_back(d);
  }
  for (std::size_t s = 0; s < doc["sets"].size(); ++s) {
    const json& row = doc["sets"][s];
    const std::string p = "/sets/" + std::to_string(s);
    if (!row.is_array() || row.size() != decls.size()) {
      issues.push_back({file, p, "expected an array of " + std::to_string(decls.size()) + " numbers"});
      continue;
    }
    std::vector<double> v;
    for (std::size_t i = 0; i < row.size(); ++i) {
      const std::string ip = p + "/" + std::to_string(i);
      if (!row[i].is_number() || !std::isfinite(row[i].get<double>())) {
        issues.push_back({file, ip, "expected a finite number"});
        continue;
      }
      const double x = row[i].get<double>();
      if (decls[i] && (x < decls[i]->min || x > decls[i]->max))
        issues.push_back({file, ip,
                          "outside the declared range [" + format_value(decls[i]->min) + ", " +
                              format_value(decls[i]->max) + "] of " + decls[i]->pointer});
      v.push_back(x);
    }
    e.sets.push_back(v);
  }
  if (issues.size() > 50) {
    const std::size_t more = issues.size() - 50;
    issues.resize(50);
    issues.push_back({file, "", "... and " + std::to_string(more) + " more problems"});
  }
  if (!issues.empty()) throw InputError(std::move(issues));
  return e;
}

std::size_t ensemble_index(std::uint64_t seed, std::uint32_t replication, std::size_t size) {
  const Stream st(seed, replication, Purpose::kParameters, 0);
  const double u = st.uniforms(0)[0];  // in (0, 1]
  const auto i = static_cast<std::size_t>(std::ceil(u * static_cast<double>(size))) - 1;
  return std::min(i, size - 1);
}

void apply_set(json& doc, const Ensemble& e, std::size_t index) {
  for (std::size_t i = 0; i < e.keys.size(); ++i)
    doc[json::json_pointer(e.keys[i])] = e.sets[index][i];
}

}  // namespace ccsim::calibration
