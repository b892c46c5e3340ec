#pragma once
// Sensitivity estimators for the designs in design.hpp.
//
// Outputs arrive as one value per design point, in the design's row order. A missing output (a
// failed run) is passed as NaN; any non-finite value (NaN or +-inf) counts as missing, since one
// infinite output would make every mean and variance meaningless. The rule for each estimator is
// stated with it. Estimators never throw on missing outputs: they report how much data they used
// and return NaN where an index cannot be estimated, so that a sweep with some failures still
// gets its table. Mismatched or invalid arguments throw ccsim::InputError.
#include <Eigen/Core>
#include <cstdint>

#include "model/sweep/design.hpp"

namespace ccsim::sweep {

// Morris screening measures, one entry per factor (length k).
struct MorrisIndices {
  Eigen::VectorXd mu;       // mean elementary effect
  Eigen::VectorXd mu_star;  // mean absolute elementary effect (Campolongo et al. 2007)
  Eigen::VectorXd sigma;    // sample standard deviation (n - 1) of the elementary effects
  Eigen::VectorXi effects;  // number of elementary effects used
};

// Elementary effect of step s in trajectory t moving factor i by signed step d:
//   EE = (y[row(t, s) + 1] - y[row(t, s)]) / d,
// i.e. (f(x + delta e_i) - f(x)) / delta whichever way the step went.
// y has one value per design point (r(k+1)). Missing outputs: an effect is dropped when either of
// its two points is missing (so one failed run costs at most two effects); `effects` counts what
// is left. mu and mu_star are NaN with no effects, sigma with fewer than two.
MorrisIndices morris_indices(const MorrisDesign& design,
                             const Eigen::Ref<const Eigen::VectorXd>& y);

// First-order and total Sobol indices, one entry per factor (length k).
struct SobolIndices {
  Eigen::VectorXd s1;  // first order
  Eigen::VectorXd st;  // total
  // Bootstrap percentile interval at `confidence`; NaN when bootstrap == 0.
  Eigen::VectorXd s1_low, s1_high;
  Eigen::VectorXd st_low, st_high;
  double variance = 0.0;  // V, over the used A and B outputs
  int rows_used = 0;      // base rows with every output present
  int rows_dropped = 0;   // base rows with at least one output missing
  int bootstrap = 0;
  double confidence = 0.0;
};

// y has one value per point of the design, n(k+2), stacked as in SaltelliDesign (A, B, AB_0..).
// Over the used base rows j = 1..m, with f_A = y_A[j] etc.:
//   V     = population variance (divisor 2m) of the 2m values {f_A[j]} and {f_B[j]}
//   S1_i  = mean_j( (f_B - c) (f_ABi - f_A) ) / V    (Saltelli et al. 2010, on centred outputs)
//   ST_i  = mean_j( (f_A - f_ABi)^2 ) / 2 / V        (Jansen 1999)
// with c the mean of all m(k+2) outputs of the used rows, as SALib's sobol.analyze centres them:
// every index is unchanged when a constant is added to the outputs or they are multiplied by one.
// A bootstrap replicate keeps c and recomputes V from its rows (as SALib does).
// Missing outputs: base row j is used only when f_A[j], f_B[j] and every f_ABi[j] are present;
// otherwise the whole row is dropped from all estimators, keeping every index on the same sample
// (the estimators are differences of paired runs, so a lone missing value cannot be bridged).
// With fewer than two used rows, or V == 0, the indices are NaN.
//
// Confidence intervals: `bootstrap` replicates (0 for none), each resampling the m used base rows
// with replacement and recomputing V, S1 and ST; the interval is the (1-c)/2 and (1+c)/2 quantiles
// (linear interpolation) of the replicates, c = confidence in (0, 1). Resampling draws come from
// Stream(seed, replicate, Purpose::kBootstrap, 0), so intervals are deterministic for a seed.
// Bootstrap assumes independent rows, so for Sobol (quasi-random) rows they are conservative.
SobolIndices sobol_indices(const SaltelliDesign& design, const Eigen::Ref<const Eigen::VectorXd>& y,
                           int bootstrap, double confidence, std::uint64_t seed);

}  // namespace ccsim::sweep
