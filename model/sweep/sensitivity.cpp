#include "model/sweep/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "model/error.hpp"
#include "model/rng.hpp"

namespace ccsim::sweep {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Stream replication fields hold 24 bits; each bootstrap replicate has its own.
constexpr int kMaxBootstrap = 1 << 24;

void check_outputs(Eigen::Index expected, Eigen::Index got) {
  if (expected != got) {
    throw InputError("", "/y",
                     "expected " + std::to_string(expected) +
                         " outputs (one per design point), got " + std::to_string(got));
  }
}

// Type 7 (linear interpolation) quantile of the finite values; NaN when there are none.
double quantile(std::vector<double> v, double p) {
  v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return !std::isfinite(x); }), v.end());
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  const double h = (v.size() - 1) * p;
  const std::size_t lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - lo) * (v[hi] - v[lo]);
}

// Paired per-row terms of the Saltelli/Jansen estimators, so a bootstrap replicate is only sums.
struct SobolTerms {
  Eigen::VectorXd fa, fb;  // m
  Eigen::MatrixXd first;   // m x k: f_B (f_ABi - f_A)
  Eigen::MatrixXd total;   // m x k: (f_A - f_ABi)^2 / 2
};

// Indices from the rows listed in `rows` (with repeats, for the bootstrap).
void estimate(const SobolTerms& t, const std::vector<int>& rows, Eigen::Ref<Eigen::VectorXd> s1,
              Eigen::Ref<Eigen::VectorXd> st, double* variance) {
  const double m = static_cast<double>(rows.size());
  double mean = 0.0;
  for (int r : rows) mean += t.fa(r) + t.fb(r);
  mean /= 2.0 * m;
  // Two passes: outputs may carry a large offset, which a one-pass sum of squares would cancel.
  double var = 0.0;
  for (int r : rows)
    var += (t.fa(r) - mean) * (t.fa(r) - mean) + (t.fb(r) - mean) * (t.fb(r) - mean);
  var /= 2.0 * m;

  s1.setZero();
  st.setZero();
  for (int r : rows) {
    s1 += t.first.row(r).transpose();
    st += t.total.row(r).transpose();
  }
  s1 /= m * var;
  st /= m * var;
  if (variance) *variance = var;
}

}  // namespace

MorrisIndices morris_indices(const MorrisDesign& design,
                             const Eigen::Ref<const Eigen::VectorXd>& y) {
  const int r = design.trajectories;
  const int k = design.factors;
  if (design.points.rows() != Eigen::Index(r) * (k + 1) ||
      design.factor.size() != Eigen::Index(r) * k || design.step.size() != Eigen::Index(r) * k) {
    throw InputError("", "/design", "expected a Morris design as made by sweep::morris");
  }
  check_outputs(design.points.rows(), y.size());

  Eigen::VectorXd sum = Eigen::VectorXd::Zero(k);
  Eigen::VectorXd sum_abs = Eigen::VectorXd::Zero(k);
  Eigen::VectorXi count = Eigen::VectorXi::Zero(k);
  std::vector<std::vector<double>> effects(k);
  for (int t = 0; t < r; ++t) {
    for (int s = 0; s < k; ++s) {
      const Eigen::Index row = design.row(t, s);
      if (!std::isfinite(y(row)) || !std::isfinite(y(row + 1))) continue;
      const Eigen::Index step = Eigen::Index(t) * k + s;
      const int i = design.factor(step);
      const double ee = (y(row + 1) - y(row)) / design.step(step);
      effects[i].push_back(ee);
      sum(i) += ee;
      sum_abs(i) += std::abs(ee);
      ++count(i);
    }
  }

  MorrisIndices out;
  out.mu.resize(k);
  out.mu_star.resize(k);
  out.sigma.resize(k);
  out.effects = count;
  for (int i = 0; i < k; ++i) {
    const int c = count(i);
    out.mu(i) = c > 0 ? sum(i) / c : kNaN;
    out.mu_star(i) = c > 0 ? sum_abs(i) / c : kNaN;
    if (c < 2) {
      out.sigma(i) = kNaN;
      continue;
    }
    double ss = 0.0;
    for (double ee : effects[i]) ss += (ee - out.mu(i)) * (ee - out.mu(i));
    out.sigma(i) = std::sqrt(ss / (c - 1));
  }
  return out;
}

SobolIndices sobol_indices(const SaltelliDesign& design, const Eigen::Ref<const Eigen::VectorXd>& y,
                           int bootstrap, double confidence, std::uint64_t seed) {
  const int n = design.n;
  const int k = design.factors;
  if (n < 0 || k < 0 || design.points.rows() != Eigen::Index(n) * (k + 2)) {
    throw InputError("", "/design", "expected a Saltelli design as made by sweep::saltelli");
  }
  check_outputs(Eigen::Index(n) * (k + 2), y.size());
  if (bootstrap < 0 || bootstrap > kMaxBootstrap) {
    throw InputError("", "/bootstrap",
                     "expected 0 to " + std::to_string(kMaxBootstrap) + " replicates, got " +
                         std::to_string(bootstrap));
  }
  if (!(confidence > 0.0 && confidence < 1.0)) {
    throw InputError(
        "", "/confidence",
        "expected a confidence level strictly between 0 and 1, got " + std::to_string(confidence));
  }

  const auto ya = y.segment(design.a_rows().begin, n);
  const auto yb = y.segment(design.b_rows().begin, n);
  std::vector<int> used;
  for (int j = 0; j < n; ++j) {
    bool complete = std::isfinite(ya(j)) && std::isfinite(yb(j));
    for (int i = 0; complete && i < k; ++i)
      complete = std::isfinite(y(design.ab_rows(i).begin + j));
    if (complete) used.push_back(j);
  }
  const int m = static_cast<int>(used.size());

  SobolIndices out;
  out.rows_used = m;
  out.rows_dropped = n - m;
  out.bootstrap = bootstrap;
  out.confidence = confidence;
  out.s1 = Eigen::VectorXd::Constant(k, kNaN);
  out.st = Eigen::VectorXd::Constant(k, kNaN);
  out.s1_low = out.s1_high = out.st_low = out.st_high = Eigen::VectorXd::Constant(k, kNaN);
  out.variance = kNaN;
  if (m < 2) return out;

  // Outputs are centred on the mean of every output of the used rows before the first-order term:
  // mean(f_B (f_ABi - f_A)) estimates V_i only for outputs of mean zero (a constant c added to
  // every output adds c mean(f_ABi - f_A), which sampling makes non-zero), so uncentred outputs
  // far from 0 give first-order indices of any size (SALib's sobol.analyze centres them too).
  // The total-order term and V are differences, shift-invariant as they stand.
  double centre = 0.0;
  for (const int j : used) {
    centre += ya(j) + yb(j);
    for (int i = 0; i < k; ++i) centre += y(design.ab_rows(i).begin + j);
  }
  centre /= static_cast<double>(m) * (k + 2);

  SobolTerms terms;
  terms.fa.resize(m);
  terms.fb.resize(m);
  terms.first.resize(m, k);
  terms.total.resize(m, k);
  for (int r = 0; r < m; ++r) {
    const int j = used[r];
    terms.fa(r) = ya(j);
    terms.fb(r) = yb(j);
    for (int i = 0; i < k; ++i) {
      const double fab = y(design.ab_rows(i).begin + j);
      terms.first(r, i) = (yb(j) - centre) * (fab - ya(j));
      terms.total(r, i) = 0.5 * (ya(j) - fab) * (ya(j) - fab);
    }
  }

  std::vector<int> rows(m);
  for (int r = 0; r < m; ++r) rows[r] = r;
  estimate(terms, rows, out.s1, out.st, &out.variance);
  if (bootstrap == 0) return out;

  // Replicate values, factor-major: s1_boot[i][b].
  std::vector<std::vector<double>> s1_boot(k, std::vector<double>(bootstrap));
  std::vector<std::vector<double>> st_boot(k, std::vector<double>(bootstrap));
  Eigen::VectorXd s1(k), st(k);
  for (int b = 0; b < bootstrap; ++b) {
    const Stream stream(seed, static_cast<std::uint32_t>(b), Purpose::kBootstrap, 0);
    for (int r = 0; r < m; r += 4) {
      const auto w = stream.words(static_cast<std::uint32_t>(r / 4), 0);
      for (int c = 0; c < 4 && r + c < m; ++c) {
        // Multiply-shift: uniform in [0, m) up to a bias below m / 2^32.
        rows[r + c] = static_cast<int>((std::uint64_t(w[c]) * std::uint64_t(m)) >> 32);
      }
    }
    estimate(terms, rows, s1, st, nullptr);
    for (int i = 0; i < k; ++i) {
      s1_boot[i][b] = s1(i);
      st_boot[i][b] = st(i);
    }
  }
  const double lo = (1.0 - confidence) / 2.0;
  const double hi = (1.0 + confidence) / 2.0;
  for (int i = 0; i < k; ++i) {
    out.s1_low(i) = quantile(s1_boot[i], lo);
    out.s1_high(i) = quantile(s1_boot[i], hi);
    out.st_low(i) = quantile(st_boot[i], lo);
    out.st_high(i) = quantile(st_boot[i], hi);
  }
  return out;
}

}  // namespace ccsim::sweep
