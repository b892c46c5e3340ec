#include "model/sweep/plan.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <exception>
#include <limits>
#include <map>

#include "model/error.hpp"
#include "model/io/csv.hpp"
#include "model/metrics.hpp"
#include "model/regions.hpp"
#include "model/rng.hpp"
#include "model/scenario.hpp"
#include "model/setup.hpp"
#include "model/simulate.hpp"

namespace ccsim::sweep {

namespace {

// Design arguments name themselves ("/n"); the user wrote them under /design.
template <typename F>
auto design_call(const Spec& spec, F f) {
  try {
    return f();
  } catch (const InputError& e) {
    std::vector<Issue> issues;
    for (const auto& i : e.issues())
      issues.push_back({spec.file, "/design", i.message + " (design argument " + i.pointer + ")"});
    throw InputError(std::move(issues));
  }
}

std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  return s;
}

}  // namespace

Plan make_plan(const Spec& spec) {
  Plan p;
  const int k = static_cast<int>(spec.factors.size());
  const DesignSpec& d = spec.design;
  switch (d.kind) {
    case DesignKind::kGrid: {
      std::vector<int> levels;
      for (const auto& f : spec.factors) levels.push_back(f.grid_levels());
      p.unit = design_call(spec, [&] { return full_grid(levels); });
      break;
    }
    case DesignKind::kRandom:
      p.unit = design_call(spec, [&] { return random_uniform(d.points, k, spec.seed); });
      break;
    case DesignKind::kLatinHypercube:
      p.unit = design_call(spec, [&] { return latin_hypercube(d.points, k, spec.seed); });
      break;
    case DesignKind::kMorris:
      p.morris = design_call(spec, [&] { return morris(d.trajectories, k, d.levels, spec.seed); });
      p.unit = p.morris->points;
      break;
    case DesignKind::kSobol:
      p.saltelli = design_call(spec, [&] { return saltelli(d.base_points, k, d.skip); });
      p.unit = p.saltelli->points;
      break;
  }
  p.points = static_cast<int>(p.unit.rows());
  p.replications = spec.replications;
  p.values.resize(p.unit.rows(), k);
  for (Eigen::Index r = 0; r < p.unit.rows(); ++r)
    for (int j = 0; j < k; ++j) p.values(r, j) = spec.factors[std::size_t(j)].value(p.unit(r, j));
  return p;
}

Estimate estimate(const Spec& spec, const Scenario& base, const World& world) {
  Estimate e;
  const double points = design_points(spec);
  const double k = double(spec.factors.size());
  e.points = static_cast<std::int64_t>(points);
  e.runs = e.points * spec.replications;
  e.design_bytes = points * k * 2 * sizeof(double);
  // Point means, and every run's metrics for the noise floors (with two or more replications).
  if (spec.design.kind == DesignKind::kMorris || spec.design.kind == DesignKind::kSobol)
    e.design_bytes += points * (spec.replications >= 2 ? 1 + spec.replications : 1) *
                      double(spec.metrics.size()) * sizeof(double);
  // A factor that sizes the simulation is costed at its largest value.
  Scenario costliest = base;
  for (const auto& f : spec.factors) {
    const double top = f.kind == FactorKind::kLevels && !f.levels.empty()
                           ? *std::max_element(f.levels.begin(), f.levels.end())
                           : f.high;
    if (f.pointer == "/simulation/firm_agents")
      costliest.params.firm_agents = std::max(costliest.params.firm_agents, top);
    if (f.pointer == "/simulation/spinup_years")
      costliest.params.spinup_years = std::max(costliest.params.spinup_years, top);
  }
  e.run = replication_cost(costliest, world);
  e.seconds = double(e.runs) * e.run.seconds;
  return e;
}

std::string describe(const Estimate& e, int threads, std::int64_t runs) {
  const double one = double(runs) * e.run.seconds;
  std::string s = "estimate: design " + format_bytes(e.design_bytes) + " in memory, " +
                  format_bytes(e.run.bytes) + " a thread; about " + format_seconds(one) +
                  " on one core";
  if (threads > 1)
    s += ", " + format_seconds(one / threads) + " on " + std::to_string(threads) + " threads";
  return s;
}

int seed_group(const Spec& spec, int point) {
  const DesignSpec& d = spec.design;
  if (!d.common_random_numbers) return point;
  switch (d.kind) {
    case DesignKind::kSobol:  // A, B, AB_0, ... each n rows: row j of every block
      return point % d.base_points;
    case DesignKind::kMorris:  // trajectory t: points t (k + 1) .. t (k + 1) + k
      return point / static_cast<int>(spec.factors.size() + 1);
    default:
      return point;
  }
}

std::uint64_t run_seed(const Spec& spec, int point, int replication) {
  return derive_seed(spec.seed, std::uint64_t(seed_group(spec, point)),
                     std::uint64_t(replication)) &
         ((std::uint64_t(1) << 53) - 1);
}

std::int64_t Shard::size(std::int64_t total_runs) const {
  if (total_runs <= index - 1) return 0;
  return (total_runs - index) / count + 1;
}

std::optional<Shard> parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) return std::nullopt;
  Shard s;
  const char* b = text.data();
  const char* e = b + text.size();
  auto r1 = std::from_chars(b, b + slash, s.index);
  auto r2 = std::from_chars(b + slash + 1, e, s.count);
  if (r1.ec != std::errc() || r1.ptr != b + slash || r2.ec != std::errc() || r2.ptr != e)
    return std::nullopt;
  if (s.count < 1 || s.index < 1 || s.index > s.count) return std::nullopt;
  return s;
}

nlohmann::json run_document(const Spec& spec, const Plan& plan, const nlohmann::json& base,
                            int point, std::uint64_t seed) {
  nlohmann::json doc = base;
  // Factors that start later go into timeline entries, one per year, after the base's own
  // entries: the timeline applies entries in year order, keeping the file's order within a
  // year, so a factor's value replaces a change the base makes in the same year, and a change
  // the base makes later still happens.
  std::map<int, nlohmann::json> later;
  for (std::size_t j = 0; j < spec.factors.size(); ++j) {
    const Factor& f = spec.factors[j];
    const double v = plan.values(point, Eigen::Index(j));
    nlohmann::json& target = f.scheduled ? later[f.from_year] : doc;
    nlohmann::json& slot = target[nlohmann::json::json_pointer(f.pointer)];
    // Integers as JSON integers, as `--set path=3` reads them.
    if (f.integer)
      slot = static_cast<std::int64_t>(v);
    else
      slot = v;
  }
  for (auto& [year, set] : later) {
    if (!doc.contains("timeline")) doc["timeline"] = nlohmann::json::array();
    doc["timeline"].push_back({{"year", year}, {"set", std::move(set)}});
  }
  doc["simulation"]["seed"] = seed;
  doc["simulation"]["replications"] = 1;
  return doc;
}

std::vector<std::string> point_sets(const Spec& spec, const Plan& plan, int point) {
  std::vector<std::string> out;
  for (std::size_t j = 0; j < spec.factors.size(); ++j)
    out.push_back(spec.factors[j].column + "=" +
                  io::format_number(plan.values(point, Eigen::Index(j))));
  return out;
}

std::vector<std::string> rerun_sets(const Spec& spec, const nlohmann::json& base) {
  std::vector<std::string> out;
  std::map<int, nlohmann::json> later;
  for (const Factor& f : spec.factors) {
    const std::string value = "VALUE(" + f.column + ")";
    if (f.scheduled)
      later[f.from_year][nlohmann::json::json_pointer(f.pointer)] = value;
    else
      out.push_back(f.column + "=" + value);
  }
  if (later.empty()) return out;
  nlohmann::json timeline = base.contains("timeline") ? base["timeline"] : nlohmann::json::array();
  for (auto& [year, set] : later) timeline.push_back({{"year", year}, {"set", std::move(set)}});
  out.push_back("timeline=" + timeline.dump());
  return out;
}

namespace {

// A metric's value in one recorded year (row of the result's tables).
double metric_in_year(const MetricSpec& m, const ReplicationResult& r, const World& world,
                      Eigen::Index row) {
  const Eigen::Index n = world.countries();
  switch (m.place) {
    case Place::kTotal:
      return r.yearly(row, m.column);
    case Place::kCountry:
      return r.countries(row * n + m.place_index, m.column);
    case Place::kSector:
      return r.sectors(row * static_cast<Eigen::Index>(kSectors) + m.place_index, m.column);
    case Place::kRegion:
      return region_metrics(world, r.countries.middleRows(row * n, n), m.place_index)(m.column);
  }
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

bool needs_detail(const Spec& spec) {
  for (const auto& m : spec.metrics)
    if (m.place != Place::kTotal) return true;
  return false;
}

std::vector<double> collect_metrics(const Spec& spec, const ReplicationResult& result,
                                    int start_year, const World& world) {
  std::vector<double> out;
  for (const auto& m : spec.metrics) {
    double s = 0;
    for (int y = m.from_year; y <= m.to_year; ++y) {
      const Eigen::Index row = y - start_year;
      s += row >= 0 && row < result.yearly.rows() ? metric_in_year(m, result, world, row)
                                                  : std::numeric_limits<double>::quiet_NaN();
    }
    out.push_back(s);
  }
  return out;
}

RunRecord execute_run(const Spec& spec, const Plan& plan, const nlohmann::json& base,
                      const World& world, std::int64_t run, State* workspace) {
  RunRecord r;
  r.run = run;
  r.point = plan.point_of(run);
  r.replication = plan.replication_of(run);
  r.seed = run_seed(spec, r.point, r.replication);
  r.values.resize(spec.factors.size());
  for (std::size_t j = 0; j < spec.factors.size(); ++j)
    r.values[j] = plan.values(r.point, Eigen::Index(j));
  r.metrics.assign(spec.metrics.size(), std::numeric_limits<double>::quiet_NaN());
  try {
    const nlohmann::json doc = run_document(spec, plan, base, r.point, r.seed);
    const Scenario sc = parse_scenario(doc, spec.scenario_path, world.iso3);
    const Setup setup = prepare(sc, world);
    State own;
    const ReplicationResult res =
        simulate(setup, 0, workspace ? *workspace : own, needs_detail(spec));
    r.metrics = collect_metrics(spec, res, sc.start_year(), world);
  } catch (const InputError& e) {
    r.ok = false;
    std::string msg;
    for (const auto& i : e.issues())
      msg += (msg.empty() ? "" : "; ") + (i.pointer.empty() ? std::string("/") : i.pointer) + ": " +
             i.message;
    r.error = one_line("invalid scenario: " + msg);
  } catch (const std::exception& e) {
    r.ok = false;
    r.error = one_line(e.what());
  }
  if (!r.ok) r.metrics.assign(spec.metrics.size(), std::numeric_limits<double>::quiet_NaN());
  return r;
}

}  // namespace ccsim::sweep
