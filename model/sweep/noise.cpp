#include "model/sweep/noise.hpp"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <limits>

#include "model/error.hpp"
#include "model/io/csv.hpp"
#include "model/rng.hpp"
#include "model/scenario.hpp"
#include "model/setup.hpp"
#include "model/simulate.hpp"
#include "model/sweep/plan.hpp"

namespace ccsim::sweep {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kPi = 3.14159265358979323846;

double chi2_quantile(double dof, double p) {
  return boost::math::quantile(boost::math::chi_squared(dof), p);
}

}  // namespace

double z_of(double confidence) {
  return boost::math::quantile(boost::math::normal(), (1 + confidence) / 2);
}

MorrisFloor morris_floor(double s2, double delta, int effects, double confidence) {
  MorrisFloor f{kNaN, kNaN, kNaN};
  if (!(s2 >= 0) || !(delta > 0) || effects < 1) return f;
  const double sd = std::sqrt(2 * s2) / delta, z = z_of(confidence), r = effects;
  f.mu = z * sd / std::sqrt(r);
  f.mu_star = sd * (std::sqrt(2 / kPi) + z * std::sqrt((1 - 2 / kPi) / r));
  if (effects >= 2) f.sigma = sd * std::sqrt(chi2_quantile(r - 1, (1 + confidence) / 2) / (r - 1));
  return f;
}

SobolFloor sobol_floor(double s2, double variance, int rows, double confidence) {
  SobolFloor f{kNaN, kNaN};
  if (!(s2 >= 0) || !(variance > 0) || rows < 1) return f;
  const double m = rows;
  f.s1 = z_of(confidence) * std::sqrt(2 * s2 / (m * variance));
  f.st = s2 * chi2_quantile(m, (1 + confidence) / 2) / (m * variance);
  return f;
}

int replications_needed(double sd, double width, double confidence) {
  if (!(width > 0) || !std::isfinite(sd) || sd < 0)
    throw InputError("", "/width", "expected a positive interval width and a finite sd");
  const double n = std::ceil(std::pow(2 * z_of(confidence) * sd / width, 2));
  return n < 2 ? 2 : n > 1e9 ? 1000000000 : static_cast<int>(n);
}

Pilot pilot(const Spec& spec, const nlohmann::json& base, const World& world, int replications) {
  if (replications < 2) throw InputError("", "/pilot", "a pilot needs at least 2 replications");
  nlohmann::json doc = base;
  // A seed no run of the sweep has: run seeds take seed groups below the design's points.
  doc["simulation"]["seed"] =
      derive_seed(spec.seed, ~std::uint64_t(0), 0) & ((std::uint64_t(1) << 53) - 1);
  doc["simulation"]["replications"] = replications;
  const Scenario sc = parse_scenario(doc, spec.scenario_path, world.iso3);
  const Setup setup = prepare(sc, world);
  const std::size_t m = spec.metrics.size();
  std::vector<std::vector<double>> values(m);
  State workspace;
  for (int r = 0; r < replications; ++r) {
    const ReplicationResult res =
        simulate(setup, static_cast<std::uint32_t>(r), workspace, needs_detail(spec));
    const auto v = collect_metrics(spec, res, sc.start_year(), world);
    for (std::size_t j = 0; j < m; ++j) values[j].push_back(v[j]);
  }
  Pilot p;
  p.replications = replications;
  for (std::size_t j = 0; j < m; ++j) {
    double mean = 0;
    for (double x : values[j]) mean += x;
    mean /= replications;
    double ss = 0;
    for (double x : values[j]) ss += (x - mean) * (x - mean);
    p.mean.push_back(mean);
    p.sd.push_back(std::sqrt(ss / (replications - 1)));
  }
  return p;
}

std::string describe_pilot(const Spec& spec, const Pilot& pilot, double width, bool relative) {
  const double c = spec.design.confidence;
  std::string s =
      "pilot: " + std::to_string(pilot.replications) +
      " replications of the base scenario; replications a point needs for a " +
      io::format_number(100 * c) + "% interval of the mean of width " +
      (relative ? io::format_number(100 * width) + "% of the mean" : io::format_number(width)) +
      ", n = ceil((2 x " + io::format_number(std::round(z_of(c) * 1e4) / 1e4) +
      " x sd / width)^2); the sweep has " + std::to_string(spec.replications) + "\n";
  for (std::size_t j = 0; j < spec.metrics.size(); ++j) {
    const double w = relative ? width * std::abs(pilot.mean[j]) : width;
    s += "  " + spec.metrics[j].name + ": mean " + io::format_number(pilot.mean[j]) + ", sd " +
         io::format_number(pilot.sd[j]) + ", width " + io::format_number(w) + ": ";
    s += w > 0 ? std::to_string(replications_needed(pilot.sd[j], w, c)) + " replications\n"
               : "no width (the mean is 0)\n";
  }
  return s;
}

}  // namespace ccsim::sweep
