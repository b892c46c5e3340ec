#pragma once
// Replication noise in a sweep: what it alone gives each sensitivity index (the noise floor
// beside every index of sensitivity.csv), and how many replications a point needs for an
// interval of a given width (`ccsim sweep --dry-run --width`).
//
// Every index is built from differences of two points' means (Morris: a step's two points;
// Sobol: A_j and AB_ij). A difference carries noise of variance w = Var_r(y_p,r - y_q,r) / R,
// estimated from the R replications the two points share (with common random numbers they
// share seeds, so this is the noise that is left after pairing; without, it is about twice one
// point mean's). A factor's noise floor is the (1 + c) / 2 quantile (c the design's confidence;
// 0.975 with the default 0.95) of its index when its differences were that noise alone and no
// effect: an index at or below it does not clear the noise. A factor that moves nothing under
// common random numbers has w = 0 and index 0: it does not clear its floor of 0 either. Needs R
// >= 2.
#include <Eigen/Core>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/sweep/design.hpp"
#include "model/sweep/spec.hpp"
#include "model/world.hpp"

namespace ccsim::sweep {

// Two-sided normal quantile of a confidence level: z(0.95) = 1.959964.
double z_of(double confidence);

// Morris: over r effects of noise variances v_e (of EE = (ybar_2 - ybar_1) / delta, so
// v_e = w / delta^2), with v the mean of v_e and s the mean of sqrt(v_e):
//   mu       z sqrt(v / r)                                   (|mu| must exceed it)
//   mu_star  s sqrt(2/pi) + z sqrt((1 - 2/pi) v / r)         (mean of r half-normals)
//   sigma    sqrt(v chi2_{(1+c)/2}(r - 1) / (r - 1))         (sample sd of r normals)
struct MorrisFloor {
  double mu = 0, mu_star = 0, sigma = 0;
};
MorrisFloor morris_floor(const std::vector<double>& effect_variances, double confidence);
// The same for independent noise of variance s2 in every point's mean (v_e = 2 s2 / delta^2).
MorrisFloor morris_floor(double s2, double delta, int effects, double confidence);

// Sobol, over m base rows with noise variances w_j of f_A - f_ABi and b_j = f_B - c, V the
// outputs' variance:
//   ST  = mean(D_j^2) / 2V:  mean(w) chi2_{(1+c)/2}(m) / (2 m V)
//   S1  = mean(b_j D_j) / V, mean 0:  z sqrt(sum(b_j^2 w_j)) / (m V)
struct SobolFloor {
  double s1 = 0, st = 0;
};
SobolFloor sobol_floor(const std::vector<double>& w, const std::vector<double>& b, double variance,
                       double confidence);
// The same for independent noise of variance s2 in every point's mean (w = 2 s2, b^2 = V).
SobolFloor sobol_floor(double s2, double variance, int rows, double confidence);

// Noise variance of the difference of points p and q's means over the replications both have:
// the sample variance over r of y(p, r) - y(q, r) over the number of such r; NaN with fewer
// than two. `runs` is runs x metrics (row point * R + replication, NaN for a failed run).
double difference_noise(const Eigen::MatrixXd& runs, int replications, Eigen::Index p,
                        Eigen::Index q, Eigen::Index metric);

// Every factor's floors for one metric, from the runs; NaN where no difference has two
// replications. `means` are the point means of that metric.
std::vector<MorrisFloor> morris_floors(const MorrisDesign& d, const Eigen::MatrixXd& runs,
                                       int replications, Eigen::Index metric, double confidence);
std::vector<SobolFloor> sobol_floors(const SaltelliDesign& d,
                                     const Eigen::Ref<const Eigen::VectorXd>& means,
                                     const Eigen::MatrixXd& runs, int replications,
                                     Eigen::Index metric, double variance, double confidence);

// Replications for a confidence interval of a point's mean of total width `width` (normal
// approximation): n = ceil((2 z sd / width)^2), at least 2. sd is one run's standard deviation.
int replications_needed(double sd, double width, double confidence);

// A pilot at the base point: `replications` runs of the base scenario as the sweep's overrides
// leave it (no factor applied), replications 0.. of a seed derived from the sweep's, each
// metric's mean and standard deviation (n - 1) over them. Failed runs throw.
struct Pilot {
  int replications = 0;
  std::vector<double> mean, sd;  // one per metric
};
Pilot pilot(const Spec& spec, const nlohmann::json& base, const World& world, int replications);

// The pilot's report, one line per metric: mean, sd and the replications a point needs for an
// interval of `width` (in the metric's units, or with `relative` a share of the pilot's mean).
std::string describe_pilot(const Spec& spec, const Pilot& pilot, double width, bool relative);

}  // namespace ccsim::sweep
