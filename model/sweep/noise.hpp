#pragma once
// Replication noise in a sweep: what it alone gives each sensitivity index (the noise floor
// beside every index of sensitivity.csv), and how many replications a point needs for an
// interval of a given width (`ccsim sweep --dry-run --width`).
//
// The floors assume each point's mean carries independent noise of variance s2 = sigma^2 / R
// (sigma^2 the variance of one run about its point's mean, pooled over the points, R the
// replications a point). An index "clears" its floor when it lies above the (1 + c) / 2
// quantile of the index of a factor that changes nothing but the runs' random numbers, c the
// design's confidence (0.975 for the default 0.95). With common random numbers the runs of one
// trajectory or base row share seeds, so the noise in their differences is smaller than
// independent noise (as long as same-seed runs are not negatively correlated): the floor is then
// an upper bound, conservative, and a factor that changes nothing at all gets exactly 0.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/sweep/spec.hpp"
#include "model/world.hpp"

namespace ccsim::sweep {

// Two-sided normal quantile of a confidence level: z(0.95) = 1.959964.
double z_of(double confidence);

// Morris: pure-noise elementary effects EE = (e2 - e1) / delta are N(0, sd^2), sd = sqrt(2 s2) /
// delta; over r effects
//   mu       floor z sd / sqrt(r)                                (|mu| must exceed it)
//   mu_star  floor sd (sqrt(2/pi) + z sqrt((1 - 2/pi) / r))      (mean of r half-normals)
//   sigma    floor sd sqrt(chi2_{(1+c)/2}(r - 1) / (r - 1))      (sample sd of r normals)
struct MorrisFloor {
  double mu = 0, mu_star = 0, sigma = 0;
};
MorrisFloor morris_floor(double s2, double delta, int effects, double confidence);

// Sobol, on m base rows of outputs of variance V: a pure-noise factor's AB_i differs from A by
// e_A - e_ABi ~ N(0, 2 s2), so
//   ST  = mean((e_A - e_ABi)^2) / 2V ~ s2 chi2(m) / (m V):  floor s2 chi2_{(1+c)/2}(m) / (m V)
//   S1  = mean((f_B - c)(e_ABi - e_A)) / V, mean 0, sd sqrt(2 s2 / (m V)):  floor z times that.
struct SobolFloor {
  double s1 = 0, st = 0;
};
SobolFloor sobol_floor(double s2, double variance, int rows, double confidence);

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
