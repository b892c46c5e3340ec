#include "model/sweep/design.hpp"

#include <boost/random/sobol.hpp>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <utility>

#include "model/error.hpp"
#include "model/rng.hpp"

namespace ccsim::sweep {
namespace {

// Stream `replication` values that keep the designs' draws apart, so that, say, an LHS and a
// random design made with the same seed are independent. Part of the reproducibility contract.
constexpr std::uint32_t kRandomUniformStream = 1;
constexpr std::uint32_t kLatinHypercubeStream = 2;
constexpr std::uint32_t kMorrisStream = 3;

// Designs are handed to code that reads them with int row counts.
constexpr std::int64_t kMaxPoints = std::numeric_limits<int>::max();

[[noreturn]] void fail(const std::string& pointer, const std::string& message) {
  throw InputError("", pointer, message);
}

void check_at_least(int value, int minimum, const std::string& pointer, const std::string& what) {
  if (value < minimum) {
    fail(pointer, "expected at least " + std::to_string(minimum) + " " + what + ", got " +
                      std::to_string(value));
  }
}

void check_points(std::int64_t rows, std::int64_t k, const std::string& pointer) {
  if (rows > kMaxPoints || rows * k > kMaxPoints) {
    fail(pointer, "expected a design of at most " + std::to_string(kMaxPoints) +
                      " coordinates, got " + std::to_string(rows) + " points of " +
                      std::to_string(k) + " factors");
  }
}

// Midpoint of one of 2^32 equal cells: never 0 or 1, unlike Stream::uniforms' (0, 1].
double open_uniform(std::uint32_t w) {
  return (double(w) + 0.5) * 0x1p-32;
}

// Uniform integer in [0, m) by multiply-shift; the bias, below m / 2^32, is far under what a
// design or a bootstrap can notice.
std::uint32_t below(std::uint32_t w, std::uint32_t m) {
  return static_cast<std::uint32_t>((std::uint64_t(w) * m) >> 32);
}

}  // namespace

Eigen::MatrixXd full_grid(const std::vector<int>& levels_per_factor) {
  const int k = static_cast<int>(levels_per_factor.size());
  check_at_least(k, 1, "/levels_per_factor", "factor");
  std::int64_t rows = 1;
  for (int j = 0; j < k; ++j) {
    check_at_least(levels_per_factor[j], 1, "/levels_per_factor/" + std::to_string(j), "level");
    rows *= levels_per_factor[j];
    check_points(rows, k, "/levels_per_factor");
  }

  Eigen::MatrixXd x(rows, k);
  for (int j = 0; j < k; ++j) {
    const int levels = levels_per_factor[j];
    std::int64_t stride = 1;  // rows between successive levels of factor j
    for (int m = j + 1; m < k; ++m) stride *= levels_per_factor[m];
    for (std::int64_t r = 0; r < rows; ++r) {
      const int level = static_cast<int>((r / stride) % levels);
      x(r, j) = levels == 1 ? 0.5 : double(level) / double(levels - 1);
    }
  }
  return x;
}

Eigen::MatrixXd random_uniform(int n, int k, std::uint64_t seed) {
  check_at_least(n, 2, "/n", "points");
  check_at_least(k, 1, "/k", "factor");
  check_points(n, k, "/n");

  const Stream stream(seed, kRandomUniformStream, Purpose::kSweepDesign, 0);
  Eigen::MatrixXd x(n, k);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < k; j += 4) {
      const auto w = stream.words(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j / 4));
      for (int c = 0; c < 4 && j + c < k; ++c) x(i, j + c) = open_uniform(w[c]);
    }
  }
  return x;
}

Eigen::MatrixXd latin_hypercube(int n, int k, std::uint64_t seed) {
  check_at_least(n, 2, "/n", "points");
  check_at_least(k, 1, "/k", "factor");
  check_points(n, k, "/n");

  Eigen::MatrixXd x(n, k);
  std::vector<int> stratum(n);
  for (int j = 0; j < k; ++j) {
    // One stream per factor: factor j's column does not depend on how many factors there are.
    const Stream stream(seed, kLatinHypercubeStream, Purpose::kSweepDesign,
                        static_cast<std::uint32_t>(j));
    std::iota(stratum.begin(), stratum.end(), 0);
    for (int i = n - 1; i > 0; --i) {  // Fisher-Yates
      const auto w = stream.words(static_cast<std::uint32_t>(i), 0);
      std::swap(stratum[i], stratum[below(w[1], static_cast<std::uint32_t>(i + 1))]);
    }
    for (int i = 0; i < n; ++i) {
      const auto w = stream.words(static_cast<std::uint32_t>(i), 0);
      const double hi = double(stratum[i] + 1) / n;
      double v = (stratum[i] + open_uniform(w[0])) / n;
      // Rounding may carry a point onto the next stratum's lower edge; keep it in its own.
      if (!(v < hi)) v = std::nextafter(hi, 0.0);
      x(i, j) = v;
    }
  }
  return x;
}

MorrisDesign morris(int trajectories, int k, int levels, std::uint64_t seed) {
  check_at_least(trajectories, 2, "/trajectories", "trajectories");
  check_at_least(k, 1, "/k", "factor");
  check_at_least(levels, 2, "/levels", "levels");
  if (levels % 2 != 0) {
    fail("/levels",
         "expected an even number of levels (so that x + delta stays on the grid), got " +
             std::to_string(levels));
  }
  check_points(std::int64_t(trajectories) * (k + 1), k, "/trajectories");

  MorrisDesign d;
  d.trajectories = trajectories;
  d.factors = k;
  d.levels = levels;
  d.delta = double(levels) / (2.0 * (levels - 1));
  d.points.resize(Eigen::Index(trajectories) * (k + 1), k);
  d.factor.resize(Eigen::Index(trajectories) * k);
  d.step.resize(Eigen::Index(trajectories) * k);

  // delta is half the levels in grid steps, so a factor either starts on one of the lower half
  // levels and moves up, or on the matching upper level and moves down; together these make every
  // level equally likely as a start.
  const int jump = levels / 2;
  auto value = [levels](int level) { return double(level) / double(levels - 1); };

  std::vector<int> level(k);
  std::vector<int> order(k);
  for (int t = 0; t < trajectories; ++t) {
    const Stream stream(seed, kMorrisStream, Purpose::kSweepDesign, static_cast<std::uint32_t>(t));
    std::vector<int> sign(k);
    for (int j = 0; j < k; ++j) {
      const auto w = stream.words(static_cast<std::uint32_t>(j), 0);
      const int base = static_cast<int>(below(w[0], static_cast<std::uint32_t>(jump)));
      sign[j] = (w[1] >> 31) ? 1 : -1;
      level[j] = sign[j] > 0 ? base : base + jump;
    }
    std::iota(order.begin(), order.end(), 0);
    for (int i = k - 1; i > 0; --i) {
      const auto w = stream.words(static_cast<std::uint32_t>(i), 1);
      std::swap(order[i], order[below(w[0], static_cast<std::uint32_t>(i + 1))]);
    }

    for (int j = 0; j < k; ++j) d.points(d.row(t, 0), j) = value(level[j]);
    for (int s = 0; s < k; ++s) {
      const int j = order[s];
      const Eigen::Index r = d.row(t, s);
      d.points.row(r + 1) = d.points.row(r);
      level[j] += sign[j] * jump;
      // From the level rather than x + delta, so points are exact grid values.
      d.points(r + 1, j) = value(level[j]);
      d.factor(Eigen::Index(t) * k + s) = j;
      d.step(Eigen::Index(t) * k + s) = sign[j] * d.delta;
    }
  }
  return d;
}

SaltelliDesign saltelli(int n, int k, std::uint64_t skip) {
  constexpr int kMaxFactors = 1833;  // 2k Sobol dimensions; Boost's table has 3667
  // Below 2^53 every coordinate converts to double exactly, so none rounds up to 1.
  constexpr std::uint64_t kMaxIndex = std::uint64_t(1) << 53;
  check_at_least(n, 2, "/n", "base rows");
  check_at_least(k, 1, "/k", "factor");
  if (k > kMaxFactors) {
    fail("/k",
         "expected at most " + std::to_string(kMaxFactors) + " factors, got " + std::to_string(k));
  }
  check_points(std::int64_t(n) * (k + 2), k, "/n");
  if (skip > kMaxIndex - std::uint64_t(n)) {
    fail("/skip", "expected skip + n at most 2^53, got skip " + std::to_string(skip));
  }

  SaltelliDesign d;
  d.n = n;
  d.factors = k;
  d.skip = skip;
  d.points.resize(Eigen::Index(n) * (k + 2), k);

  boost::random::sobol sobol(2 * static_cast<std::size_t>(k));
  // seed(s) positions the generator at point s + 1; seed(0) is the default start after the
  // all-zero point.
  sobol.seed(skip);
  for (int r = 0; r < n; ++r) {
    for (int c = 0; c < 2 * k; ++c) {
      const double v = std::ldexp(static_cast<double>(sobol()), -64);
      if (c < k) {
        d.points(r, c) = v;
      } else {
        d.points(Eigen::Index(n) + r, c - k) = v;
      }
    }
  }
  for (int i = 0; i < k; ++i) {
    auto ab = d.points.middleRows(Eigen::Index(2 + i) * n, n);
    ab = d.points.topRows(n);
    ab.col(i) = d.points.middleRows(n, n).col(i);
  }
  return d;
}

}  // namespace ccsim::sweep
