// Every declared parameter is a lever: perturbed by a documented step on a small, fast version of
// the baseline, it must change some output (yearly, country or sector table). A parameter that
// moves nothing is either dead code or a mechanism that never acts, and a user who sets it would
// be misled. The exemptions below say why a parameter may leave the outputs alone.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <map>
#include <sstream>
#include <string>

#include "model/params.hpp"
#include "model/simulate.hpp"
#include "tests/support/worlds.hpp"

using nlohmann::json;

namespace {

// Parameters that may leave every output unchanged, with the reason.
const std::map<std::string, std::string>& exemptions() {
  static const std::map<std::string, std::string> e = {
      {"/simulation/replications",
       "adds replications; each replication's results are its own (the test compares replication "
       "0)"},
      {"/simulation/start_year", "the window of the run, not a model parameter"},
      {"/simulation/end_year", "the window of the run, not a model parameter"},
      {"/behaviour/project_life_years",
       "acts only after the recorded years: the first projects (2008, the spin-up) reach 25 years "
       "of operation after 2030"},
  };
  return e;
}

// Parameters that act only under a condition the baseline lacks are tried under it: the context is
// merged into both runs.
const std::map<std::string, json>& contexts() {
  static const std::map<std::string, json> c = {
      // a productivity loss per unit of restriction: none without a restriction
      {"/domestic/restriction_productivity_loss",
       {{"domestic", {{"tech_restriction", {{"chemicals", 0.3}}}}}}},
      // thresholds counted in real enterprises and experience units: at 400 agents one agent
      // project is 100 enterprises, too coarse for a step of 2.5 projects; few firms reach the cap
      {"/host/standards_threshold", {{"simulation", {{"firm_agents", 4000}}}}},
      {"/learning/experience_cap", {{"simulation", {{"firm_agents", 4000}}}}},
      // adoption is drawn per host and year among hosts past the threshold: at 400 agents for
      // 40,000 enterprises (100 an agent) the step moved no output of the one replication
      {"/policy/standards_programme", {{"simulation", {{"firm_agents", 4000}}}}},
  };
  return c;
}

// The step: +25% of the value (the first element of a sector or region vector +50%, so that a
// vector normalised to shares changes too); from zero, a tenth of the way into the range (up to
// 1e3); an integer or a number of years +1; a step that would leave the range goes halfway toward
// the middle of the range instead.
double perturbed(const ccsim::ParamDecl& d, double v, bool first = false) {
  if (d.kind == ccsim::ValueKind::Integer || d.unit == "years")
    return v + 1 <= d.max ? v + 1 : v - 1;
  double t = v != 0 ? (first ? 1.5 : 1.25) * v : d.min + 0.1 * (std::min(d.max, 1e3) - d.min);
  if (t > d.max || t < d.min) t = 0.5 * (v + 0.5 * (d.min + std::min(d.max, 1e3)));
  return t;
}

json patch_for(const ccsim::ParamDecl& d, const ccsim::Params& p0) {
  ccsim::Params p = p0;
  json value;
  if (d.shape == ccsim::Shape::ByCountry) {
    value = {{"KAZ", 1.5}, {"PAK", 1.5}, {"IDN", 0.7}};
  } else if (d.shape == ccsim::Shape::Scalar) {
    value = perturbed(d, *d.field(p));
  } else {
    const double* v = d.field(p);
    value = json::object();
    for (std::size_t i = 0; i < d.width(); ++i)
      value[std::string(d.element_keys()[i])] = perturbed(d, v[i], i == 0);
  }
  json patch = json::object();
  patch[json::json_pointer(d.pointer)] = value;
  return patch;
}

bool same_bytes(const Eigen::ArrayXXd& a, const Eigen::ArrayXXd& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         std::memcmp(a.data(), b.data(), sizeof(double) * static_cast<std::size_t>(a.size())) == 0;
}

const json kSmall = {
    {"simulation", {{"replications", 1}, {"firm_agents", 400}, {"end_year", 2030}}}};

ccsim::ReplicationResult run_patch(const ccsim::World& w, const json& patch) {
  json all = kSmall;
  ccsim::deep_merge(all, patch);
  const ccsim::Scenario sc = ccsim::test::repo_scenario("scenarios/baseline.json", w, all);
  return ccsim::run(sc, w, {1, true}).replications.at(0);
}

}  // namespace

TEST_CASE("parameters: every declared parameter moves some output", "[parameters]") {
  const ccsim::World w = ccsim::test::data_world();
  const ccsim::Scenario base_sc = ccsim::test::repo_scenario("scenarios/baseline.json", w, kSmall);
  const ccsim::Params p0 = base_sc.params;
  const ccsim::ReplicationResult base = run_patch(w, json::object());

  std::ostringstream inert;
  int tried = 0;
  for (const auto& d : ccsim::param_declarations()) {
    if (exemptions().count(d.pointer)) continue;
    ++tried;
    json patch = patch_for(d, p0);
    const auto context = contexts().find(d.pointer);
    const bool in_context = context != contexts().end();
    if (in_context) ccsim::deep_merge(patch, context->second);
    const ccsim::ReplicationResult r = run_patch(w, patch);
    const ccsim::ReplicationResult ref = in_context ? run_patch(w, context->second) : base;
    if (same_bytes(r.yearly, ref.yearly) && same_bytes(r.countries, ref.countries) &&
        same_bytes(r.sectors, ref.sectors))
      inert << d.pointer << " (" << patch.dump() << ")\n";
  }
  INFO("parameters tried: " << tried << "; inert:\n" << inert.str());
  CHECK(inert.str().empty());
  CHECK(tried > 100);
}
