#pragma once
// Experimental designs for parameter sweeps.
//
// Every design is a set of points in the unit hypercube, returned as an Eigen::MatrixXd with one
// row per point and one column per factor. Turning unit coordinates into parameter values (ranges,
// distributions, integer choices) is done elsewhere, so that the designs and the estimators in
// sensitivity.hpp never depend on what a factor means.
//
// Random designs draw from ccsim::Stream with Purpose::kSweepDesign, indexed by design kind,
// factor, point and trajectory, so a design is a pure function of its arguments: same seed, same
// design, on any machine and thread count.
//
// Invalid arguments throw ccsim::InputError with an empty file and a pointer naming the argument
// (e.g. "/n"), because the sweep front end reports them as problems in the sweep specification.
#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace ccsim::sweep {

// Every combination of levels. Factor j has levels_per_factor[j] >= 1 levels at i / (L - 1),
// i = 0..L-1; a factor with a single level sits at 0.5, the middle of its range.
// Shape: (L_0 * L_1 * ... * L_{k-1}) x k. Rows are ordered like nested loops with the last factor
// varying fastest, so row r has factor j at level (r / prod_{m>j} L_m) mod L_j.
Eigen::MatrixXd full_grid(const std::vector<int>& levels_per_factor);

// Independent uniform points, n x k (n >= 2, k >= 1). Coordinates lie in the open interval (0, 1)
// so that inverse-CDF mappings downstream never meet 0 or 1.
Eigen::MatrixXd random_uniform(int n, int k, std::uint64_t seed);

// Latin hypercube, n x k (n >= 2, k >= 1): for every factor each of the n strata
// [s/n, (s+1)/n) holds exactly one point, at a uniform position inside the stratum; strata are
// assigned to points by an independent random permutation per factor. Coordinates lie in (0, 1).
Eigen::MatrixXd latin_hypercube(int n, int k, std::uint64_t seed);

// Morris elementary-effects design (Morris 1991): r trajectories of k + 1 points on a grid of
// `levels` levels {0, 1/(p-1), ..., 1}. Each trajectory starts at a random grid point and moves one
// factor at a time, in a random order, by +delta or -delta with delta = p / (2 (p - 1)); every
// factor moves exactly once per trajectory and every point stays on the grid in [0, 1].
struct MorrisDesign {
  int trajectories = 0;  // r
  int factors = 0;       // k
  int levels = 0;        // p
  double delta = 0.0;    // p / (2 (p - 1))

  // r(k+1) x k. Trajectory t occupies rows t(k+1) .. t(k+1)+k.
  Eigen::MatrixXd points;
  // Length r k, indexed t k + s for step s of trajectory t (from row(t, s) to row(t, s) + 1):
  // the factor that moved there, and its signed change (+delta or -delta). Kept here so that the
  // estimator need not infer steps from coordinates.
  Eigen::VectorXi factor;
  Eigen::VectorXd step;

  // Row of the point before step s of trajectory t; the point after it is the next row.
  Eigen::Index row(int t, int s) const { return Eigen::Index(t) * (factors + 1) + s; }
};

// trajectories >= 2 (sigma needs two effects per factor), k >= 1, levels even and >= 2 (an odd
// number of levels puts x + delta off the grid).
MorrisDesign morris(int trajectories, int k, int levels, std::uint64_t seed);

// A half-open range of rows of a stacked design.
struct RowRange {
  Eigen::Index begin = 0;
  Eigen::Index size = 0;
};

// Saltelli (2010) sampling for first-order and total Sobol indices, from a Sobol low-discrepancy
// sequence of dimension 2k: columns 0..k-1 of each Sobol point give a row of A, columns k..2k-1 the
// same row of B. AB_i is A with column i taken from B.
//
// points is n(k+2) x k, stacked in this order (factors zero-based):
//   rows [0, n)                 A
//   rows [n, 2n)                B
//   rows [(2+i)n, (3+i)n)       AB_i, i = 0..k-1 (AB_1..AB_k in the literature)
// Base row j of A, B and every AB_i comes from the same Sobol point, which is what pairs the runs
// in the estimators.
struct SaltelliDesign {
  int n = 0;               // base rows
  int factors = 0;         // k
  std::uint64_t skip = 0;  // Sobol points skipped after the all-zero one
  Eigen::MatrixXd points;  // n(k+2) x k

  RowRange a_rows() const { return {0, n}; }
  RowRange b_rows() const { return {n, n}; }
  RowRange ab_rows(int i) const { return {Eigen::Index(2 + i) * n, n}; }

  auto a() const { return points.middleRows(0, n); }
  auto b() const { return points.middleRows(n, n); }
  auto ab(int i) const { return points.middleRows(Eigen::Index(2 + i) * n, n); }
};

// n >= 2 base rows (a power of two is conventional), 1 <= k <= 1833 (Boost's table
// has 3667 dimensions). The Sobol sequence's first point (all zeros) is always skipped, because it
// sits on the corner of the cube and Boost's generator starts after it; `skip` further points are
// then skipped (a power of two is typical, e.g. n), so the rows are Sobol points skip+1 ..
// skip+n. Every coordinate lies in (0, 1). The design is deterministic: there is no seed.
SaltelliDesign saltelli(int n, int k, std::uint64_t skip = 0);

}  // namespace ccsim::sweep
