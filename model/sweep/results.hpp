#pragma once
// The sweep's tables from its runs, streamed: runs.csv rows are formatted and parsed here, and
// points.csv and sensitivity.csv are computed from run records arriving in run order, so that
// neither a sweep nor a merge ever holds every run's row. Only what the sensitivity estimators
// need all at once is kept: the per-point means (points x metrics) and, for the noise floors of
// a Morris or Sobol design with two or more replications, each run's metrics (runs x metrics).
//
// runs.csv:        run,point,replication,seed,<factor columns>,<metric names>,status,error
// points.csv:      point,<factor columns>,metric,n,failed,mean,sd,ci_low,ci_high
// sensitivity.csv: method,metric,parameter,index,value,ci_low,ci_high,n,noise_floor,noise
#include <Eigen/Core>
#include <cstdint>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "model/sweep/plan.hpp"
#include "model/sweep/spec.hpp"

namespace ccsim::sweep {

// runs.csv's header line, with its newline.
std::string runs_header(const Spec& spec);

// One runs.csv line, with its newline. Always a single line: errors are kept to one line.
std::string format_run(const Spec& spec, const RunRecord& r);

// Parses one runs.csv line (without its newline) and checks it against the plan: the run
// exists, its point, replication, seed and parameter values are the plan's (values byte for byte
// as format_run writes them). Throws InputError(source, "line N", ...) otherwise.
RunRecord parse_run(std::string_view line, const Spec& spec, const Plan& plan,
                    const std::string& source, std::size_t line_number);

// Fields of one CSV record (RFC 4180 quoting).
std::vector<std::string> split_csv_line(std::string_view line);

// Writes points.csv as runs arrive in run order, and keeps the per-point means.
class PointsWriter {
 public:
  // Writes the header.
  PointsWriter(const Spec& spec, const Plan& plan, std::ostream& out);

  // `r` must be run number runs_seen(); throws std::logic_error otherwise. Writes a point's rows
  // when its last replication arrives.
  void add(const RunRecord& r);

  std::int64_t runs_seen() const { return next_; }
  bool complete() const { return next_ == plan_.runs(); }

  // Mean over each point's replications of each metric (NaN where no run of the point gave a
  // finite value): points x metrics, filled as points complete.
  const Eigen::MatrixXd& point_means() const { return means_; }

  // Per metric, the variance of one run about its point's mean, pooled over the points with two
  // or more finite values (sum of (n_p - 1) s_p^2 over sum of (n_p - 1)); NaN without any.
  Eigen::VectorXd run_variance() const;

  // Every run's metrics, runs x metrics (NaN for a failed run or a non-finite value), kept for
  // the noise floors of a Morris or Sobol design with two or more replications; else empty.
  const Eigen::MatrixXd& run_values() const { return runs_; }

 private:
  void flush_point();

  const Spec& spec_;
  const Plan& plan_;
  std::ostream& out_;
  std::int64_t next_ = 0;
  int failed_ = 0;
  std::vector<std::vector<double>> current_;  // metric -> this point's values
  Eigen::MatrixXd means_;
  std::vector<double> squares_, dof_;  // per metric: pooled sum of squares and its dof
  Eigen::MatrixXd runs_;
};

// Whether the design has a sensitivity table (morris and sobol).
bool has_sensitivity(const Spec& spec);

// Morris mu, mu_star and sigma, or Sobol S1 and ST with bootstrap intervals, of each metric's
// per-point mean, for every factor; beside each, its noise floor (model/sweep/noise.hpp) from
// `run_values` (PointsWriter::run_values) and whether the index does not clear it ("yes": the
// index is indistinguishable from replication noise; both empty when the floor is unknown, e.g.
// one replication a point).
void write_sensitivity(std::ostream& out, const Spec& spec, const Plan& plan,
                       const Eigen::MatrixXd& point_means,
                       const Eigen::MatrixXd& run_values = Eigen::MatrixXd());

// The design and point means in the layout SALib's analyze functions read (salib.json):
// "problem" (num_vars, names, bounds [0, 1]: X is in unit coordinates), "X" (points x factors)
// and "Y" (metric -> one mean per point, null for a point with no successful run), in SALib's row
// order (Saltelli rows interleaved per base row: A, AB_0 .. AB_(k-1), B), with "num_levels" for
// Morris and "calc_second_order": false for Sobol.
nlohmann::json salib_export(const Spec& spec, const Plan& plan, const Eigen::MatrixXd& point_means);

}  // namespace ccsim::sweep
