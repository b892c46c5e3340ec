// The method of simulated moments on problems whose answer is known in closed form: moments
// linear in the parameters, e = A x - b, with known standard deviations. The estimate is then
// weighted least squares, x = (A'WA)^-1 A'Wb, its covariance (A'WA)^-1 exactly (central
// differences are exact for a linear map), and the loss at the optimum b'Wb - b'WA x.
#include <Eigen/Dense>
#include <catch2/catch.hpp>
#include <cmath>

#include "model/calibration/ensemble.hpp"
#include "model/calibration/estimate.hpp"

namespace cal = ccsim::calibration;

namespace {

struct Linear {
  Eigen::MatrixXd A;
  Eigen::VectorXd b, sd;
  std::vector<bool> fit;
};

std::vector<cal::Target> targets_for(const Linear& l) {
  std::vector<cal::Target> t(static_cast<std::size_t>(l.A.rows()));
  for (std::size_t i = 0; i < t.size(); ++i) {
    t[i].id = "m" + std::to_string(i);
    t[i].fit = l.fit[i];
  }
  return t;
}

cal::Spec spec_for(int p) {
  cal::Spec s;
  for (int j = 0; j < p; ++j) {
    cal::FreeParameter f;
    f.key = "/p" + std::to_string(j);
    f.min = -10;
    f.max = 10;
    s.free.push_back(f);
  }
  s.max_evaluations = 2000;
  s.fixed_point_rounds = 0;
  s.jacobian_step = 0.01;
  return s;
}

cal::Evaluator evaluator_for(const Linear& l) {
  return [l](const std::vector<double>& x) {
    const Eigen::VectorXd xv = Eigen::Map<const Eigen::VectorXd>(x.data(), static_cast<Eigen::Index>(x.size()));
    const Eigen::VectorXd e = l.A * xv - l.b;
    cal::Evaluation ev;
    for (Eigen::Index i = 0; i < e.size(); ++i) {
      cal::TargetStat s;
      s.error = e(i);
      s.sd_total = l.sd(i);
      ev.stats.push_back(s);
      ev.cross.emplace_back();
    }
    return ev;
  };
}

}  // namespace

TEST_CASE("estimate: linear moments give weighted least squares and its covariance",
          "[calibration][estimate]") {
  Linear l;
  l.A.resize(4, 2);
  l.A << 1, 0, 0, 1, 1, 1, 2, -1;
  l.b.resize(4);
  l.b << 1.0, 2.0, 2.5, 0.3;
  l.sd.resize(4);
  l.sd << 0.1, 0.2, 0.1, 0.5;
  l.fit = {true, true, true, true};
  const auto targets = targets_for(l);
  const auto spec = spec_for(2);
  const cal::Estimate e = cal::estimate_with(evaluator_for(l), {0.0, 0.0}, targets, spec);

  const Eigen::MatrixXd W = l.sd.array().square().inverse().matrix().asDiagonal();
  const Eigen::MatrixXd H = l.A.transpose() * W * l.A;
  const Eigen::VectorXd x = H.ldlt().solve(l.A.transpose() * W * l.b);
  const Eigen::MatrixXd V = H.inverse();
  CHECK(e.x[0] == Approx(x(0)).margin(2e-3));
  CHECK(e.x[1] == Approx(x(1)).margin(2e-3));
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) CHECK(e.covariance(i, j) == Approx(V(i, j)).epsilon(1e-6));
  CHECK(e.se[0] == Approx(std::sqrt(V(0, 0))).epsilon(1e-6));
  const Eigen::VectorXd r = l.A * x - l.b;
  CHECK(e.loss == Approx(r.dot(W * r)).epsilon(1e-3));
  CHECK(e.dof == 2);
  CHECK(e.flat.empty());
  // The 90% interval is the estimate +- 1.645 se on the parameter's (linear) scale.
  CHECK(e.high90[0] - e.low90[0] == Approx(2 * 1.6448536269514722 * e.se[0]).epsilon(1e-9));
}

TEST_CASE("estimate: held-out targets move nothing, too few fitted targets are refused",
          "[calibration][estimate]") {
  Linear l;
  l.A.resize(4, 2);
  l.A << 1, 0, 0, 1, 1, 1, 5, 5;
  l.b.resize(4);
  l.b << 1.0, 2.0, 3.1, 100.0;  // the last one, held out, is far off
  l.sd = Eigen::VectorXd::Constant(4, 0.1);
  l.fit = {true, true, true, false};
  const auto spec = spec_for(2);
  const cal::Estimate with_holdout = cal::estimate_with(evaluator_for(l), {0, 0}, targets_for(l), spec);
  Linear three = l;
  three.A.conservativeResize(3, 2);
  three.b.conservativeResize(3);
  three.sd.conservativeResize(3);
  three.fit.resize(3);
  const cal::Estimate without = cal::estimate_with(evaluator_for(three), {0, 0}, targets_for(three), spec);
  CHECK(with_holdout.x[0] == Approx(without.x[0]).margin(2e-3));
  CHECK(with_holdout.x[1] == Approx(without.x[1]).margin(2e-3));
  CHECK(with_holdout.dof == 1);
  // The held-out target is still reported.
  REQUIRE(with_holdout.stats.size() == 4);
  CHECK(std::abs(with_holdout.stats[3].error) > 50);

  Linear two = three;
  two.A.conservativeResize(2, 2);
  two.b.conservativeResize(2);
  two.sd.conservativeResize(2);
  two.fit.resize(2);
  CHECK_THROWS_AS(cal::estimate_with(evaluator_for(two), {0, 0}, targets_for(two), spec),
                  ccsim::InputError);
}

TEST_CASE("estimate: a direction the moments do not see is reported, never set silently",
          "[calibration][estimate]") {
  // Only the sum of the two parameters matters.
  Linear l;
  l.A.resize(3, 2);
  l.A << 1, 1, 2, 2, -1, -1;
  l.b.resize(3);
  l.b << 1.0, 2.0, -1.0;
  l.sd = Eigen::VectorXd::Constant(3, 0.1);
  l.fit = {true, true, true};
  const cal::Estimate e = cal::estimate_with(evaluator_for(l), {0.5, 0.5}, targets_for(l), spec_for(2));
  REQUIRE(e.flat.size() == 1);
  CHECK(std::abs(e.flat[0].loading[0]) == Approx(std::sqrt(0.5)).epsilon(1e-6));
  CHECK(e.flat[0].loading[0] * e.flat[0].loading[1] < 0);  // along x0 - x1
  CHECK(e.x[0] + e.x[1] == Approx(1.0).margin(2e-3));
  // The identified direction (x0 + x1) has sd 1/sqrt(2 (1 + 4 + 1) / 0.01).
  CHECK(e.directions.back().sd == Approx(1 / std::sqrt(2 * 6 / 0.01)).epsilon(1e-6));
}

TEST_CASE("ensemble: draws follow N(estimate, V) within the bounds, reproducibly",
          "[calibration][ensemble]") {
  Linear l;
  l.A.resize(3, 2);
  l.A << 1, 0, 0, 1, 1, 1;
  l.b.resize(3);
  l.b << 1.0, 2.0, 3.0;
  l.sd.resize(3);
  l.sd << 0.5, 1.0, 0.5;
  l.fit = {true, true, true};
  const auto spec = spec_for(2);
  const cal::Estimate e = cal::estimate_with(evaluator_for(l), {0, 0}, targets_for(l), spec);
  const int n = 4000;
  const auto sets = cal::draw_ensemble(spec, e, n, 42);
  CHECK(sets == cal::draw_ensemble(spec, e, n, 42));
  CHECK(sets != cal::draw_ensemble(spec, e, n, 43));
  Eigen::Vector2d mean = Eigen::Vector2d::Zero();
  for (const auto& s : sets) mean += Eigen::Vector2d(s[0], s[1]) / n;
  Eigen::Matrix2d cov = Eigen::Matrix2d::Zero();
  for (const auto& s : sets) {
    const Eigen::Vector2d d = Eigen::Vector2d(s[0], s[1]) - mean;
    cov += d * d.transpose() / (n - 1);
  }
  for (int i = 0; i < 2; ++i) {
    // The mean within 4 standard errors; the variance within 10% (its sd is about 2.2% at n=4000).
    CHECK(std::abs(mean(i) - e.x[static_cast<std::size_t>(i)]) <
          4 * std::sqrt(e.covariance(i, i) / n));
    CHECK(cov(i, i) == Approx(e.covariance(i, i)).epsilon(0.1));
  }
  CHECK(cov(0, 1) / std::sqrt(cov(0, 0) * cov(1, 1)) ==
        Approx(e.covariance(0, 1) / std::sqrt(e.covariance(0, 0) * e.covariance(1, 1))).margin(0.05));
  cal::Spec tight = spec;
  tight.free[0].min = e.x[0] - 0.1;
  tight.free[0].max = e.x[0] + 0.1;
  for (const auto& s : cal::draw_ensemble(tight, e, 200, 7)) {
    CHECK(s[0] >= tight.free[0].min);
    CHECK(s[0] <= tight.free[0].max);
  }
}

TEST_CASE("ensemble: a replication's set depends on (seed, replication) only, uniformly",
          "[calibration][ensemble]") {
  const std::size_t k = 10;
  std::vector<int> count(k, 0);
  const int n = 20000;
  for (int r = 0; r < n; ++r) {
    const std::size_t i = cal::ensemble_index(977, static_cast<std::uint32_t>(r), k);
    REQUIRE(i < k);
    ++count[i];
    CHECK(i == cal::ensemble_index(977, static_cast<std::uint32_t>(r), k));
  }
  // Chi-squared with 9 degrees of freedom: 27.9 is its 0.999 quantile.
  double chi2 = 0;
  for (int c : count) chi2 += (c - n / 10.0) * (c - n / 10.0) / (n / 10.0);
  CHECK(chi2 < 27.9);
  int same = 0;
  for (std::uint32_t r = 0; r < 1000; ++r)
    same += cal::ensemble_index(1, r, k) == cal::ensemble_index(2, r, k) ? 1 : 0;
  CHECK(same < 200);  // other seeds, other draws (about 100 agree by chance)
}

TEST_CASE("ensemble: the file is validated with pointers", "[calibration][ensemble][validation]") {
  using nlohmann::json;
  const json ok = {{"parameters", {"/policy/insurance_coverage", "/calibration/jobs_scale"}},
                   {"sets", {{0.9, 2.0}, {0.8, 2.5}}}};
  const auto e = cal::parse_ensemble(ok, "e.json");
  CHECK(e.sets.size() == 2);
  json doc = json::object();
  cal::apply_set(doc, e, 1);
  CHECK(doc["policy"]["insurance_coverage"] == 0.8);
  CHECK(doc["calibration"]["jobs_scale"] == 2.5);
  auto problems = [](const json& d) {
    try {
      cal::parse_ensemble(d, "e.json");
    } catch (const ccsim::InputError& x) {
      return x.issues();
    }
    return std::vector<ccsim::Issue>{};
  };
  json bad = ok;
  bad["sets"][1] = {0.8};
  bad["sets"][0][0] = 7.0;  // insurance coverage is a share
  bad["parameters"][1] = "/calibration/nope";
  const auto v = problems(bad);
  auto has = [&](const std::string& ptr) {
    for (const auto& i : v)
      if (i.pointer == ptr) return true;
    return false;
  };
  CHECK(has("/sets/1"));
  CHECK(has("/sets/0/0"));
  CHECK(has("/parameters/1"));
}
