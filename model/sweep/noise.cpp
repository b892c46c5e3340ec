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

MorrisFloor morris_floor(const std::vector<double>& v, double confidence) {
  MorrisFloor f{kNaN, kNaN, kNaN};
  if (v.empty()) return f;
  double mean_v = 0, mean_sd = 0;
  for (double x : v) {
    mean_v += x;
    mean_sd += std::sqrt(x);
  }
  const double r = double(v.size()), z = z_of(confidence);
  mean_v /= r;
  mean_sd /= r;
  f.mu = z * std::sqrt(mean_v / r);
  f.mu_star = mean_sd * std::sqrt(2 / kPi) + z * std::sqrt((1 - 2 / kPi) * mean_v / r);
  if (v.size() >= 2)
    f.sigma = std::sqrt(mean_v * chi2_quantile(r - 1, (1 + confidence) / 2) / (r - 1));
  return f;
}

MorrisFloor morris_floor(double s2, double delta, int effects, double confidence) {
  if (!(s2 >= 0) || !(delta > 0) || effects < 1) return {kNaN, kNaN, kNaN};
  return morris_floor(std::vector<double>(std::size_t(effects), 2 * s2 / (delta * delta)),
                      confidence);
}

SobolFloor sobol_floor(const std::vector<double>& w, const std::vector<double>& b, double variance,
                       double confidence) {
  SobolFloor f{kNaN, kNaN};
  if (w.empty() || w.size() != b.size() || !(variance > 0)) return f;
  const double m = double(w.size());
  double mean_w = 0, bw = 0;
  for (std::size_t j = 0; j < w.size(); ++j) {
    mean_w += w[j] / m;
    bw += b[j] * b[j] * w[j];
  }
  f.st = mean_w * chi2_quantile(m, (1 + confidence) / 2) / (2 * m * variance);
  f.s1 = z_of(confidence) * std::sqrt(bw) / (m * variance);
  return f;
}

SobolFloor sobol_floor(double s2, double variance, int rows, double confidence) {
  if (!(s2 >= 0) || !(variance > 0) || rows < 1) return {kNaN, kNaN};
  const std::size_t m = std::size_t(rows);
  return sobol_floor(std::vector<double>(m, 2 * s2), std::vector<double>(m, std::sqrt(variance)),
                     variance, confidence);
}

double difference_noise(const Eigen::MatrixXd& runs, int replications, Eigen::Index p,
                        Eigen::Index q, Eigen::Index metric) {
  double sum = 0, sum2 = 0;
  int n = 0;
  std::vector<double> d;
  for (int r = 0; r < replications; ++r) {
    const double a = runs(p * replications + r, metric), b = runs(q * replications + r, metric);
    if (std::isfinite(a) && std::isfinite(b)) d.push_back(a - b);
  }
  n = static_cast<int>(d.size());
  if (n < 2) return kNaN;
  for (double x : d) sum += x;
  const double mean = sum / n;
  for (double x : d) sum2 += (x - mean) * (x - mean);
  return sum2 / (n - 1) / n;
}

std::vector<MorrisFloor> morris_floors(const MorrisDesign& d, const Eigen::MatrixXd& runs,
                                       int replications, Eigen::Index metric, double confidence) {
  std::vector<std::vector<double>> v(std::size_t(d.factors));
  for (int t = 0; t < d.trajectories; ++t)
    for (int s = 0; s < d.factors; ++s) {
      const Eigen::Index row = d.row(t, s);
      const double w = difference_noise(runs, replications, row + 1, row, metric);
      const double step = d.step(Eigen::Index(t) * d.factors + s);
      if (std::isfinite(w))
        v[std::size_t(d.factor(Eigen::Index(t) * d.factors + s))].push_back(w / (step * step));
    }
  std::vector<MorrisFloor> out;
  for (const auto& x : v) out.push_back(morris_floor(x, confidence));
  return out;
}

std::vector<SobolFloor> sobol_floors(const SaltelliDesign& d,
                                     const Eigen::Ref<const Eigen::VectorXd>& means,
                                     const Eigen::MatrixXd& runs, int replications,
                                     Eigen::Index metric, double variance, double confidence) {
  // The rows sobol_indices uses (every mean present) and their centre c.
  std::vector<int> rows;
  double c = 0;
  for (int j = 0; j < d.n; ++j) {
    bool ok =
        std::isfinite(means(d.a_rows().begin + j)) && std::isfinite(means(d.b_rows().begin + j));
    for (int i = 0; i < d.factors && ok; ++i) ok = std::isfinite(means(d.ab_rows(i).begin + j));
    if (!ok) continue;
    rows.push_back(j);
    c += means(d.a_rows().begin + j) + means(d.b_rows().begin + j);
    for (int i = 0; i < d.factors; ++i) c += means(d.ab_rows(i).begin + j);
  }
  c /= double(rows.size()) * (d.factors + 2);
  std::vector<SobolFloor> out;
  for (int i = 0; i < d.factors; ++i) {
    std::vector<double> w, b;
    for (int j : rows) {
      const double x = difference_noise(runs, replications, d.a_rows().begin + j,
                                        d.ab_rows(i).begin + j, metric);
      if (!std::isfinite(x)) continue;
      w.push_back(x);
      b.push_back(means(d.b_rows().begin + j) - c);
    }
    out.push_back(sobol_floor(w, b, variance, confidence));
  }
  return out;
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
