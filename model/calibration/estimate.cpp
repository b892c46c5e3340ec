#include "model/calibration/estimate.hpp"

#include <nlopt.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>
#include <cstdio>
#include <limits>

#include "model/error.hpp"
#include "model/rng.hpp"
#include "model/scenario.hpp"
#include "model/stats.hpp"

namespace ccsim::calibration {

using nlohmann::json;

std::vector<TargetStat> target_stats(const std::vector<Target>& targets, const RunResult& run,
                                     const World& world) {
  std::vector<TargetStat> out;
  const double r = static_cast<double>(run.replications.size());
  for (const auto& t : targets) {
    const std::vector<double> v = target_values(t, run, world);
    const Summary s = summarise(v);
    TargetStat st;
    st.mean = s.mean;
    st.sd = s.sd;
    st.p05 = s.p05;
    st.p95 = s.p95;
    st.error = t.error(s.mean);
    // The mean's simulation variance on the comparison scale (delta method for the log).
    const double sim_sd = t.log_scale() ? s.sd / std::max(std::abs(s.mean), 1e-12) : s.sd;
    st.sd_total = std::sqrt(t.data_sd() * t.data_sd() + sim_sd * sim_sd / std::max(r, 1.0));
    st.in_band = s.mean >= t.low && s.mean <= t.high;
    out.push_back(st);
  }
  return out;
}

namespace {

struct Problem {
  const Evaluator* evaluator;
  const std::vector<Target>* targets;
  const Spec* spec;
  const ProgressFn* progress;
  std::vector<double> weights;  // per target; 0 for held-out ones
  int evaluations = 0;
  int budget = 0;
  double best = std::numeric_limits<double>::infinity();
  const char* stage = "start";
  std::vector<TargetStat> last;
  std::vector<CrossSectionReport> last_cross;
  std::vector<TraceRow> trace;
};

std::vector<double> values_of(const Spec& spec, const double* x) {
  std::vector<double> v(spec.free.size());
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = spec.free[i].to_value(x[i]);
  return v;
}

double loss_of(const Problem& pb, const std::vector<TargetStat>& st) {
  double f = 0;
  for (std::size_t i = 0; i < st.size(); ++i) f += pb.weights[i] * st[i].error * st[i].error;
  return f;
}

void set_weights(Problem& pb) {
  pb.weights.assign(pb.targets->size(), 0.0);
  for (std::size_t i = 0; i < pb.targets->size(); ++i)
    if ((*pb.targets)[i].fit) pb.weights[i] = 1 / (pb.last[i].sd_total * pb.last[i].sd_total);
}

double evaluate(Problem& pb, const double* x) {
  const std::vector<double> v = values_of(*pb.spec, x);
  Evaluation ev = (*pb.evaluator)(v);
  pb.last = std::move(ev.stats);
  pb.last_cross = std::move(ev.cross);
  if (pb.weights.empty()) set_weights(pb);
  const double f = loss_of(pb, pb.last);
  ++pb.evaluations;
  pb.trace.push_back({pb.evaluations, pb.stage, f, v});
  if (f < pb.best) pb.best = f;
  if (*pb.progress) (*pb.progress)({pb.evaluations, pb.budget, pb.best, pb.stage});
  return f;
}

double nlopt_objective(unsigned, const double* x, double*, void* data) {
  return evaluate(*static_cast<Problem*>(data), x);
}

}  // namespace

Estimate estimate(const json& scenario_doc, const std::string& scenario_file, const World& world,
                  const std::vector<Target>& targets, const Spec& spec, const ProgressFn& progress,
                  const Runner& runner) {
  std::vector<double> start;
  for (const auto& f : spec.free) start.push_back(f.start);
  const Evaluator model = [&](const std::vector<double>& values) {
    json d = scenario_doc;
    for (std::size_t i = 0; i < spec.free.size(); ++i)
      d[json::json_pointer(spec.free[i].key)] = values[i];
    d["simulation"]["replications"] = spec.replications;
    d["simulation"]["seed"] = spec.seed;
    const Scenario sc = parse_scenario(d, scenario_file, world.iso3);
    RunOptions ro;
    ro.threads = spec.threads;
    ro.detail = true;  // the cross-section targets read the country tables
    const RunResult r = runner ? runner(d, sc, ro) : run(sc, world, ro);
    Evaluation ev;
    ev.stats = target_stats(targets, r, world);
    for (const auto& t : targets) ev.cross.push_back(cross_section_report(t, r, world));
    return ev;
  };
  return estimate_with(model, start, targets, spec, progress);
}

Estimate estimate_with(const Evaluator& evaluator, const std::vector<double>& start,
                       const std::vector<Target>& targets, const Spec& spec,
                       const ProgressFn& progress) {
  const std::size_t p = spec.free.size();
  std::vector<double> x(p), lo(p), hi(p);
  for (std::size_t i = 0; i < p; ++i) {
    const FreeParameter& f = spec.free[i];
    const double v = std::clamp(start[i], f.min, f.max);
    x[i] = f.to_x(v);
    lo[i] = f.x_min();
    hi[i] = f.x_max();
  }
  std::vector<int> target_of(p, -1);
  int fitted = 0;
  for (std::size_t t = 0; t < targets.size(); ++t) fitted += targets[t].fit ? 1 : 0;
  for (std::size_t i = 0; i < p; ++i) {
    if (spec.free[i].identifies.empty()) continue;
    for (std::size_t t = 0; t < targets.size(); ++t)
      if (targets[t].id == spec.free[i].identifies && targets[t].fit)
        target_of[i] = static_cast<int>(t);
    if (target_of[i] < 0)
      throw InputError(spec.file, "/free_parameters/" + std::to_string(i) + "/identifies",
                       "no target used in the fit has id '" + spec.free[i].identifies + "'");
  }
  if (fitted <= static_cast<int>(p))
    throw InputError(spec.file, "/free_parameters",
                     std::to_string(p) + " free parameters need more than " +
                         std::to_string(fitted) +
                         " targets in the fit (the estimate would not be tested by any)");

  const int jacobian_evals = 2 * static_cast<int>(p) + 1;
  Problem pb{&evaluator,
             &targets,
             &spec,
             &progress,
             {},
             0,
             1 + spec.fixed_point_rounds + spec.max_evaluations + jacobian_evals};
  double best = evaluate(pb, x.data());
  std::vector<double> best_x = x;

  // Damped fixed-point rounds for the parameters that name their target (nearly diagonal).
  pb.stage = "fixed_point";
  for (int round = 0; round < spec.fixed_point_rounds; ++round) {
    bool moved = false;
    for (std::size_t i = 0; i < p; ++i) {
      if (target_of[i] < 0) continue;
      const double gap = -pb.last[static_cast<std::size_t>(target_of[i])].error;
      const double nx = std::clamp(x[i] + 0.7 * gap / spec.free[i].elasticity, lo[i], hi[i]);
      moved = moved || nx != x[i];
      x[i] = nx;
    }
    if (!moved) break;
    const double f = evaluate(pb, x.data());
    if (f < best) {
      best = f;
      best_x = x;
    }
  }
  x = best_x;

  pb.stage = "optimiser";
  nlopt_opt opt = nlopt_create(NLOPT_LN_SBPLX, static_cast<unsigned>(p));
  nlopt_set_lower_bounds(opt, lo.data());
  nlopt_set_upper_bounds(opt, hi.data());
  nlopt_set_min_objective(opt, nlopt_objective, &pb);
  nlopt_set_maxeval(opt, spec.max_evaluations);
  nlopt_set_xtol_rel(opt, 1e-4);
  nlopt_set_ftol_abs(opt, 1e-3);  // the loss is a chi-squared: 0.001 is far below its noise
  std::vector<double> step(p);
  for (std::size_t i = 0; i < p; ++i) step[i] = 0.05 * (hi[i] - lo[i]);
  nlopt_set_initial_step(opt, step.data());
  double fmin = best;
  const nlopt_result rc = nlopt_optimize(opt, x.data(), &fmin);
  nlopt_destroy(opt);
  if (rc < 0 && rc != NLOPT_ROUNDOFF_LIMITED)
    throw std::runtime_error("calibration: NLopt failed with code " + std::to_string(rc));
  if (!(fmin <= best)) x = best_x;

  // Second step: weights from the simulation noise at the estimate.
  pb.stage = "estimate";
  evaluate(pb, x.data());
  set_weights(pb);
  const std::vector<TargetStat> at = pb.last;
  const std::vector<CrossSectionReport> cross = pb.last_cross;

  // Jacobian of the fitted moments by central differences (one-sided at a bound).
  pb.stage = "jacobian";
  std::vector<std::size_t> rows;
  for (std::size_t t = 0; t < targets.size(); ++t)
    if (targets[t].fit) rows.push_back(t);
  const auto m = static_cast<Eigen::Index>(rows.size());
  Eigen::MatrixXd G(m, static_cast<Eigen::Index>(p));
  Eigen::VectorXd W(m);
  for (Eigen::Index r = 0; r < m; ++r) W(r) = pb.weights[rows[static_cast<std::size_t>(r)]];
  for (std::size_t j = 0; j < p; ++j) {
    const double h = spec.jacobian_step * (hi[j] - lo[j]);
    std::vector<double> up = x, down = x;
    up[j] = std::min(hi[j], x[j] + h);
    down[j] = std::max(lo[j], x[j] - h);
    evaluate(pb, up.data());
    const std::vector<TargetStat> su = pb.last;
    evaluate(pb, down.data());
    const std::vector<TargetStat> sd = pb.last;
    for (Eigen::Index r = 0; r < m; ++r) {
      const std::size_t t = rows[static_cast<std::size_t>(r)];
      G(r, static_cast<Eigen::Index>(j)) = (su[t].error - sd[t].error) / (up[j] - down[j]);
    }
  }

  Estimate e;
  e.x = x;
  e.values = values_of(spec, x.data());
  e.stats = at;
  e.cross = cross;
  e.loss = loss_of(pb, at);
  e.dof = static_cast<int>(m) - static_cast<int>(p);
  e.j_pvalue =
      e.dof > 0 ? boost::math::cdf(boost::math::complement(boost::math::chi_squared(e.dof), e.loss))
                : 1.0;
  e.evaluations = pb.evaluations;
  e.trace = pb.trace;

  const Eigen::MatrixXd H = G.transpose() * W.asDiagonal() * G;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(H);
  const Eigen::VectorXd lambda = eig.eigenvalues();  // ascending: least identified first
  const double floor = std::max(lambda.maxCoeff(), 1e-300) * 1e-12;
  e.covariance = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(p), static_cast<Eigen::Index>(p));
  for (Eigen::Index k = 0; k < lambda.size(); ++k) {
    Direction d;
    const double l = std::max(lambda(k), floor);
    d.sd = 1 / std::sqrt(l);
    for (Eigen::Index i = 0; i < lambda.size(); ++i) d.loading.push_back(eig.eigenvectors()(i, k));
    e.covariance += eig.eigenvectors().col(k) * eig.eigenvectors().col(k).transpose() / l;
    e.directions.push_back(d);
    if (d.sd > kFlatSd) e.flat.push_back(d);
  }
  for (std::size_t i = 0; i < p; ++i) {
    const auto ii = static_cast<Eigen::Index>(i);
    const double se = std::sqrt(std::max(0.0, e.covariance(ii, ii)));
    e.se.push_back(se);
    const double z = 1.6448536269514722;
    e.low90.push_back(spec.free[i].to_value(std::max(lo[i], x[i] - z * se)));
    e.high90.push_back(spec.free[i].to_value(std::min(hi[i], x[i] + z * se)));
    const double tol = 1e-6 * (hi[i] - lo[i]);
    e.at_bound.push_back(x[i] <= lo[i] + tol || x[i] >= hi[i] - tol);
  }
  return e;
}

std::vector<std::vector<double>> draw_ensemble(const Spec& spec, const Estimate& e, int size,
                                               std::uint64_t seed) {
  const auto p = static_cast<Eigen::Index>(spec.free.size());
  // V = L L' by eigen-decomposition (V may be near singular along flat directions).
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(e.covariance);
  const Eigen::MatrixXd L =
      eig.eigenvectors() * eig.eigenvalues().cwiseMax(0.0).cwiseSqrt().asDiagonal();
  const Stream st(seed, 0, Purpose::kCalibration, 0);
  std::vector<std::vector<double>> sets;
  for (int k = 0; k < size; ++k) {
    Eigen::VectorXd x(p);
    bool inside = false;
    for (std::uint32_t attempt = 0; attempt < 100 && !inside; ++attempt) {
      Eigen::VectorXd z(p);
      for (Eigen::Index i = 0; i < p; i += 2) {
        const auto n = st.normals(static_cast<std::uint32_t>(k),
                                  attempt * 64u + static_cast<std::uint32_t>(i / 2));
        z(i) = n[0];
        if (i + 1 < p) z(i + 1) = n[1];
      }
      for (Eigen::Index i = 0; i < p; ++i) x(i) = e.x[static_cast<std::size_t>(i)];
      x += L * z;
      inside = true;
      for (Eigen::Index i = 0; i < p; ++i) {
        const FreeParameter& f = spec.free[static_cast<std::size_t>(i)];
        inside = inside && x(i) >= f.x_min() && x(i) <= f.x_max();
      }
    }
    std::vector<double> v;
    for (Eigen::Index i = 0; i < p; ++i) {
      const FreeParameter& f = spec.free[static_cast<std::size_t>(i)];
      v.push_back(f.to_value(std::clamp(x(i), f.x_min(), f.x_max())));
    }
    sets.push_back(v);
  }
  return sets;
}

namespace {

double rounded(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return std::stod(buf);
}

}  // namespace

json fitted_fragment(const Spec& spec, const Estimate& e, const std::string& provenance) {
  json out = json::object();
  out["description"] = provenance;
  for (std::size_t i = 0; i < spec.free.size(); ++i)
    out[json::json_pointer(spec.free[i].key)] = rounded(e.values[i]);
  return out;
}

json ensemble_document(const Spec& spec, const Estimate& e,
                       const std::vector<std::vector<double>>& sets,
                       const std::string& provenance) {
  json doc;
  doc["description"] = provenance;
  doc["parameters"] = json::array();
  doc["estimate"] = json::array();
  for (std::size_t i = 0; i < spec.free.size(); ++i) {
    doc["parameters"].push_back(spec.free[i].key);
    doc["estimate"].push_back(rounded(e.values[i]));
  }
  doc["sets"] = json::array();
  for (const auto& s : sets) {
    json row = json::array();
    for (double v : s) row.push_back(rounded(v));
    doc["sets"].push_back(row);
  }
  return doc;
}

}  // namespace ccsim::calibration
