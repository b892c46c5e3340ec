#include "model/sweep/design.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <set>
#include <vector>

#include "model/error.hpp"

using ccsim::InputError;
namespace sweep = ccsim::sweep;

namespace {

bool inside_open_unit(const Eigen::MatrixXd& x) {
  return (x.array() > 0.0).all() && (x.array() < 1.0).all();
}

// The stratum index of every point must be a permutation of 0..n-1 in every column.
bool one_point_per_stratum(const Eigen::MatrixXd& x) {
  const auto n = x.rows();
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    std::vector<int> hits(n, 0);
    for (Eigen::Index i = 0; i < n; ++i) {
      const auto s = static_cast<Eigen::Index>(std::floor(x(i, j) * n));
      if (s < 0 || s >= n) return false;
      ++hits[s];
    }
    for (int h : hits) {
      if (h != 1) return false;
    }
  }
  return true;
}

std::string pointer_of(const InputError& e) {
  return e.issues().at(0).pointer;
}

}  // namespace

TEST_CASE("sweep: full grid has every combination once, last factor fastest") {
  const Eigen::MatrixXd x = sweep::full_grid({3, 1, 2});
  REQUIRE(x.rows() == 6);
  REQUIRE(x.cols() == 3);

  std::set<std::vector<double>> seen;
  for (Eigen::Index r = 0; r < x.rows(); ++r) {
    seen.insert({x(r, 0), x(r, 1), x(r, 2)});
    CHECK(x(r, 1) == 0.5);  // a single level sits mid-range
  }
  CHECK(seen.size() == 6);
  for (double a : {0.0, 0.5, 1.0}) {
    for (double c : {0.0, 1.0}) CHECK(seen.count({a, 0.5, c}) == 1);
  }

  // Nested-loop order: the last factor changes on every row, the first only every 2 rows.
  CHECK(x(0, 2) == 0.0);
  CHECK(x(1, 2) == 1.0);
  CHECK(x(0, 0) == 0.0);
  CHECK(x(1, 0) == 0.0);
  CHECK(x(2, 0) == 0.5);
  CHECK(x(5, 0) == 1.0);
}

TEST_CASE("sweep: full grid levels are evenly spaced over the unit interval") {
  const Eigen::MatrixXd x = sweep::full_grid({5});
  REQUIRE(x.rows() == 5);
  for (int i = 0; i < 5; ++i) CHECK(x(i, 0) == Approx(i / 4.0).margin(1e-15));
  CHECK(x(0, 0) == 0.0);
  CHECK(x(4, 0) == 1.0);
}

TEST_CASE("sweep: full grid rejects missing factors and levels") {
  CHECK_THROWS_AS(sweep::full_grid({}), InputError);
  try {
    sweep::full_grid({2, 0, 3});
    FAIL("expected InputError");
  } catch (const InputError& e) {
    CHECK(pointer_of(e) == "/levels_per_factor/1");
    CHECK(e.issues().at(0).file.empty());
  }
  // 2^40 points would not fit in memory; refuse before allocating.
  CHECK_THROWS_AS(sweep::full_grid(std::vector<int>(40, 2)), InputError);
}

TEST_CASE("sweep: random uniform design is deterministic, seed-dependent and inside (0, 1)") {
  const Eigen::MatrixXd x = sweep::random_uniform(2000, 5, 42);
  REQUIRE(x.rows() == 2000);
  REQUIRE(x.cols() == 5);
  CHECK(inside_open_unit(x));
  CHECK(x == sweep::random_uniform(2000, 5, 42));
  CHECK(x != sweep::random_uniform(2000, 5, 43));
  // A column of 2000 uniforms has mean 0.5 with sd 0.0065; 0.03 is over 4 sd.
  for (Eigen::Index j = 0; j < x.cols(); ++j) CHECK(x.col(j).mean() == Approx(0.5).margin(0.03));
  // The first columns do not depend on how many factors follow.
  CHECK(sweep::random_uniform(2000, 2, 42) == x.leftCols(2));
}

TEST_CASE("sweep: latin hypercube puts one point in each stratum") {
  for (int n : {2, 7, 100}) {
    const Eigen::MatrixXd x = sweep::latin_hypercube(n, 6, 9);
    REQUIRE(x.rows() == n);
    REQUIRE(x.cols() == 6);
    CHECK(inside_open_unit(x));
    CHECK(one_point_per_stratum(x));
  }
}

TEST_CASE("sweep: latin hypercube is deterministic and differs between seeds and factors") {
  const Eigen::MatrixXd x = sweep::latin_hypercube(50, 4, 1);
  CHECK(x == sweep::latin_hypercube(50, 4, 1));
  const Eigen::MatrixXd y = sweep::latin_hypercube(50, 4, 2);
  CHECK(x != y);
  CHECK(one_point_per_stratum(y));

  // Each factor gets its own permutation, not a copy of the first one.
  auto strata = [&](Eigen::Index j) {
    std::vector<int> s;
    for (Eigen::Index i = 0; i < x.rows(); ++i) s.push_back(int(std::floor(x(i, j) * 50)));
    return s;
  };
  CHECK(strata(0) != strata(1));
  CHECK(strata(1) != strata(2));

  // Not the identity permutation (probability 1/50! of a false failure).
  std::vector<int> identity(50);
  for (int i = 0; i < 50; ++i) identity[i] = i;
  CHECK(strata(0) != identity);
}

TEST_CASE("sweep: sampling designs reject too few points or factors") {
  try {
    sweep::latin_hypercube(1, 3, 0);
    FAIL("expected InputError");
  } catch (const InputError& e) {
    CHECK(pointer_of(e) == "/n");
    CHECK_THAT(e.issues().at(0).message, Catch::Contains("at least 2"));
  }
  CHECK_THROWS_AS(sweep::random_uniform(1, 3, 0), InputError);
  CHECK_THROWS_AS(sweep::random_uniform(10, 0, 0), InputError);
  CHECK_THROWS_AS(sweep::latin_hypercube(10, 0, 0), InputError);
}

TEST_CASE("sweep: morris trajectories move one factor per step by plus or minus delta") {
  const int r = 20, k = 5, p = 4;
  const sweep::MorrisDesign d = sweep::morris(r, k, p, 7);
  REQUIRE(d.points.rows() == r * (k + 1));
  REQUIRE(d.points.cols() == k);
  REQUIRE(d.factor.size() == r * k);
  REQUIRE(d.step.size() == r * k);
  CHECK(d.delta == Approx(2.0 / 3.0));

  // Every coordinate is a grid level in [0, 1].
  for (Eigen::Index i = 0; i < d.points.rows(); ++i) {
    for (Eigen::Index j = 0; j < k; ++j) {
      const double v = d.points(i, j);
      CHECK(v >= 0.0);
      CHECK(v <= 1.0);
      CHECK(std::abs(v * (p - 1) - std::round(v * (p - 1))) < 1e-12);
    }
  }

  std::set<double> starts;
  for (int t = 0; t < r; ++t) {
    std::set<int> moved;
    for (int s = 0; s < k; ++s) {
      const Eigen::Index row = d.row(t, s);
      const Eigen::RowVectorXd change = d.points.row(row + 1) - d.points.row(row);
      const int j = d.factor(t * k + s);
      moved.insert(j);
      CHECK(std::abs(d.step(t * k + s)) == Approx(d.delta));
      CHECK(change(j) == Approx(d.step(t * k + s)).margin(1e-12));
      CHECK((change.array().abs() > 1e-12).count() == 1);
    }
    CHECK(moved.size() == static_cast<std::size_t>(k));  // each factor once per trajectory
    for (int j = 0; j < k; ++j) starts.insert(d.points(d.row(t, 0), j));
  }
  // Starts cover all four levels, not only the lower ones.
  CHECK(starts.size() == static_cast<std::size_t>(p));
}

TEST_CASE("sweep: morris design is deterministic for a seed and differs for another") {
  const sweep::MorrisDesign a = sweep::morris(10, 4, 6, 123);
  const sweep::MorrisDesign b = sweep::morris(10, 4, 6, 123);
  const sweep::MorrisDesign c = sweep::morris(10, 4, 6, 124);
  CHECK(a.points == b.points);
  CHECK(a.factor == b.factor);
  CHECK(a.step == b.step);
  CHECK(a.points != c.points);
  CHECK(a.delta == Approx(0.6));

  const sweep::MorrisDesign two = sweep::morris(3, 2, 2, 5);  // two levels: delta is 1
  CHECK(two.delta == 1.0);
  CHECK(((two.points.array() == 0.0) || (two.points.array() == 1.0)).all());
}

TEST_CASE("sweep: morris rejects odd levels and single trajectories") {
  try {
    sweep::morris(10, 3, 5, 0);
    FAIL("expected InputError");
  } catch (const InputError& e) {
    CHECK(pointer_of(e) == "/levels");
  }
  CHECK_THROWS_AS(sweep::morris(1, 3, 4, 0), InputError);
  CHECK_THROWS_AS(sweep::morris(10, 0, 4, 0), InputError);
  CHECK_THROWS_AS(sweep::morris(10, 3, 0, 0), InputError);
}

TEST_CASE("sweep: saltelli stacks A, B and the AB matrices") {
  const int n = 16, k = 3;
  const sweep::SaltelliDesign d = sweep::saltelli(n, k, 0);
  REQUIRE(d.points.rows() == n * (k + 2));
  REQUIRE(d.points.cols() == k);
  CHECK(d.a_rows().begin == 0);
  CHECK(d.b_rows().begin == n);
  CHECK(d.ab_rows(2).begin == 4 * n);
  CHECK(d.ab_rows(2).size == n);
  CHECK(inside_open_unit(d.points));  // the all-zero Sobol point is skipped

  // Sobol point 1 is 0.5 in every dimension.
  CHECK((d.a().row(0).array() == 0.5).all());
  CHECK((d.b().row(0).array() == 0.5).all());
  CHECK(d.a() != d.b());
  for (int i = 0; i < k; ++i) {
    for (int j = 0; j < k; ++j) {
      if (j == i) {
        CHECK(d.ab(i).col(j) == d.b().col(j));
      } else {
        CHECK(d.ab(i).col(j) == d.a().col(j));
      }
    }
  }
}

TEST_CASE("sweep: saltelli skip starts further along the same Sobol sequence") {
  const sweep::SaltelliDesign full = sweep::saltelli(48, 2, 0);
  const sweep::SaltelliDesign skipped = sweep::saltelli(16, 2, 32);
  CHECK(skipped.a() == full.a().bottomRows(16));
  CHECK(skipped.b() == full.b().bottomRows(16));
  CHECK(sweep::saltelli(16, 2, 32).points == skipped.points);

  // Low discrepancy: 256 points have column means far closer to 0.5 than random ones (sd 0.018).
  const sweep::SaltelliDesign d = sweep::saltelli(256, 4, 256);
  for (int j = 0; j < 4; ++j) {
    CHECK(d.a().col(j).mean() == Approx(0.5).margin(0.005));
    CHECK(d.b().col(j).mean() == Approx(0.5).margin(0.005));
  }
}

TEST_CASE("sweep: saltelli rejects too few rows or factors") {
  CHECK_THROWS_AS(sweep::saltelli(1, 3, 0), InputError);
  CHECK_THROWS_AS(sweep::saltelli(8, 0, 0), InputError);
  CHECK_THROWS_AS(sweep::saltelli(8, 2000, 0), InputError);
}
