#include "model/sweep/results.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <charconv>
#include <cmath>
#include <limits>
#include <ostream>
#include <stdexcept>

#include "model/error.hpp"
#include "model/io/csv.hpp"
#include "model/stats.hpp"
#include "model/sweep/noise.hpp"
#include "model/sweep/sensitivity.hpp"

namespace ccsim::sweep {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kFixedColumns = 4;  // run, point, replication, seed

template <typename T>
bool parse_integer(const std::string& s, T& out) {
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && !s.empty();
}

// Half-width multiplier of a 95% interval of the mean from n values.
double t_975(int n) {
  if (n < 2) return kNaN;
  return boost::math::quantile(boost::math::students_t(double(n - 1)), 0.975);
}

}  // namespace

std::string runs_header(const Spec& spec) {
  std::string h = "run,point,replication,seed";
  for (const auto& f : spec.factors) h += "," + io::quote_field(f.column);
  for (const auto& m : spec.metrics) h += "," + io::quote_field(m.name);
  return h + ",status,error\n";
}

std::string format_run(const Spec& spec, const RunRecord& r) {
  std::string s = std::to_string(r.run) + "," + std::to_string(r.point) + "," +
                  std::to_string(r.replication) + "," + std::to_string(r.seed);
  for (double v : r.values) s += "," + io::format_number(v);
  for (std::size_t m = 0; m < spec.metrics.size(); ++m)
    s += "," + (r.ok ? io::format_number(r.metrics[m]) : std::string());
  std::string error = r.error;
  for (char& c : error)
    if (c == '\n' || c == '\r') c = ' ';
  s += r.ok ? ",ok," : ",failed," + io::quote_field(error);
  return s + "\n";
}

std::vector<std::string> split_csv_line(std::string_view line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          fields.back() += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

RunRecord parse_run(std::string_view line, const Spec& spec, const Plan& plan,
                    const std::string& source, std::size_t line_number) {
  const std::string where = "line " + std::to_string(line_number);
  auto fail = [&](const std::string& why) -> RunRecord { throw InputError(source, where, why); };
  const auto f = split_csv_line(line);
  const std::size_t k = spec.factors.size(), m = spec.metrics.size();
  const std::size_t expected = kFixedColumns + k + m + 2;
  if (f.size() != expected)
    return fail("expected " + std::to_string(expected) + " fields, found " +
                std::to_string(f.size()));
  RunRecord r;
  if (!parse_integer(f[0], r.run) || !parse_integer(f[1], r.point) ||
      !parse_integer(f[2], r.replication) || !parse_integer(f[3], r.seed))
    return fail("run, point, replication and seed must be non-negative integers");
  if (r.run < 0 || r.run >= plan.runs()) return fail("run " + f[0] + " is not a run of this sweep");
  if (r.point != plan.point_of(r.run) || r.replication != plan.replication_of(r.run) ||
      r.seed != run_seed(spec, r.point, r.replication))
    return fail("run " + f[0] + " does not match this sweep's plan (point, replication or seed)");
  const std::string& status = f[expected - 2];
  if (status != "ok" && status != "failed")
    return fail("status must be 'ok' or 'failed', found '" + status + "'");
  r.ok = status == "ok";
  r.error = f[expected - 1];
  for (std::size_t j = 0; j < k; ++j) {
    const std::string& text = f[kFixedColumns + j];
    r.values.push_back(io::parse_number(text, source, line_number, spec.factors[j].column));
    // Written by format_run from the plan, so byte for byte the plan's value: a row whose value
    // was edited (or written by another sweep) would otherwise be summarised as this point's.
    const std::string planned = io::format_number(plan.values(r.point, Eigen::Index(j)));
    if (text != planned)
      throw InputError(source,
                       where + ", column " + std::to_string(kFixedColumns + j + 1) + " (" +
                           spec.factors[j].column + ")",
                       "run " + f[0] + " has " + spec.factors[j].column + " = " + text +
                           ", but this sweep's plan gives point " + f[1] + " the value " + planned);
  }
  for (std::size_t j = 0; j < m; ++j) {
    const std::string& text = f[kFixedColumns + k + j];
    r.metrics.push_back(!r.ok && text.empty()
                            ? kNaN
                            : io::parse_number(text, source, line_number, spec.metrics[j].name));
  }
  return r;
}

PointsWriter::PointsWriter(const Spec& spec, const Plan& plan, std::ostream& out)
    : spec_(spec),
      plan_(plan),
      out_(out),
      current_(spec.metrics.size()),
      squares_(spec.metrics.size(), 0.0),
      dof_(spec.metrics.size(), 0.0) {
  out_ << "point";
  for (const auto& f : spec.factors) out_ << ',' << io::quote_field(f.column);
  out_ << ",metric,n,failed,mean,sd,ci_low,ci_high\n";
  if (has_sensitivity(spec))
    means_ = Eigen::MatrixXd::Constant(plan.points, Eigen::Index(spec.metrics.size()), kNaN);
  if (has_sensitivity(spec) && plan.replications >= 2)
    runs_ = Eigen::MatrixXd::Constant(plan.runs(), Eigen::Index(spec.metrics.size()), kNaN);
}

void PointsWriter::add(const RunRecord& r) {
  if (r.run != next_)
    throw std::logic_error("sweep results: expected run " + std::to_string(next_) + ", got " +
                           std::to_string(r.run));
  if (!r.ok) ++failed_;
  for (std::size_t m = 0; m < current_.size(); ++m)
    if (r.ok) current_[m].push_back(r.metrics[m]);
  if (runs_.size() > 0 && r.ok)
    for (std::size_t m = 0; m < current_.size(); ++m)
      if (std::isfinite(r.metrics[m])) runs_(r.run, Eigen::Index(m)) = r.metrics[m];
  ++next_;
  if (plan_.replication_of(r.run) == plan_.replications - 1) flush_point();
}

void PointsWriter::flush_point() {
  const int point = plan_.point_of(next_ - 1);
  std::string prefix = std::to_string(point);
  for (Eigen::Index j = 0; j < plan_.values.cols(); ++j)
    prefix += "," + io::format_number(plan_.values(point, j));
  for (std::size_t m = 0; m < current_.size(); ++m) {
    // Infinite values would make every moment meaningless; like NaN they are left out.
    std::vector<double> v;
    for (double x : current_[m])
      if (std::isfinite(x)) v.push_back(x);
    const Summary s = summarise(v);
    const double half = t_975(s.n) * s.sd / std::sqrt(double(s.n));
    out_ << prefix << ',' << io::quote_field(spec_.metrics[m].name) << ',' << s.n << ',' << failed_
         << ',' << io::format_number(s.mean) << ',' << io::format_number(s.sd) << ','
         << io::format_number(s.mean - half) << ',' << io::format_number(s.mean + half) << '\n';
    if (means_.size() > 0) means_(point, Eigen::Index(m)) = s.mean;
    if (s.n >= 2) {
      squares_[m] += (s.n - 1) * s.sd * s.sd;
      dof_[m] += s.n - 1;
    }
    current_[m].clear();
  }
  failed_ = 0;
}

Eigen::VectorXd PointsWriter::run_variance() const {
  Eigen::VectorXd v(Eigen::Index(squares_.size()));
  for (std::size_t m = 0; m < squares_.size(); ++m)
    v(Eigen::Index(m)) = dof_[m] > 0 ? squares_[m] / dof_[m] : kNaN;
  return v;
}

bool has_sensitivity(const Spec& spec) {
  return spec.design.kind == DesignKind::kMorris || spec.design.kind == DesignKind::kSobol;
}

void write_sensitivity(std::ostream& out, const Spec& spec, const Plan& plan,
                       const Eigen::MatrixXd& point_means, const Eigen::MatrixXd& run_values) {
  out << "method,metric,parameter,index,value,ci_low,ci_high,n,noise_floor,noise\n";
  // `floor` NaN: unknown, both columns empty. `two_sided`: |value| is compared (Morris mu).
  auto row = [&](const char* method, const std::string& metric, const std::string& param,
                 const char* index, double value, const std::string& lo, const std::string& hi,
                 int n, double floor, bool two_sided = false) {
    out << method << ',' << io::quote_field(metric) << ',' << io::quote_field(param) << ',' << index
        << ',' << io::format_number(value) << ',' << lo << ',' << hi << ',' << n << ',';
    if (std::isfinite(floor) && std::isfinite(value))
      out << io::format_number(floor) << ','
          << ((two_sided ? std::abs(value) : value) > floor ? "no" : "yes");
    else
      out << ',';
    out << '\n';
  };
  for (std::size_t m = 0; m < spec.metrics.size(); ++m) {
    const Eigen::VectorXd y = point_means.col(Eigen::Index(m));
    const std::string& name = spec.metrics[m].name;
    const bool floors = run_values.rows() == plan.runs() && plan.replications >= 2;
    if (plan.morris) {
      const MorrisIndices ix = morris_indices(*plan.morris, y);
      const auto f = floors ? morris_floors(*plan.morris, run_values, plan.replications,
                                            Eigen::Index(m), spec.design.confidence)
                            : std::vector<MorrisFloor>(spec.factors.size(), {kNaN, kNaN, kNaN});
      for (std::size_t j = 0; j < spec.factors.size(); ++j) {
        const auto i = Eigen::Index(j);
        const std::string& p = spec.factors[j].column;
        row("morris", name, p, "mu", ix.mu(i), "", "", ix.effects(i), f[j].mu, true);
        row("morris", name, p, "mu_star", ix.mu_star(i), "", "", ix.effects(i), f[j].mu_star);
        row("morris", name, p, "sigma", ix.sigma(i), "", "", ix.effects(i), f[j].sigma);
      }
    } else if (plan.saltelli) {
      const SobolIndices ix = sobol_indices(*plan.saltelli, y, spec.design.bootstrap,
                                            spec.design.confidence, spec.seed);
      const auto f = floors ? sobol_floors(*plan.saltelli, y, run_values, plan.replications,
                                           Eigen::Index(m), ix.variance, spec.design.confidence)
                            : std::vector<SobolFloor>(spec.factors.size(), {kNaN, kNaN});
      const bool ci = ix.bootstrap > 0;
      auto bound = [&](double x) { return ci ? io::format_number(x) : std::string(); };
      for (std::size_t j = 0; j < spec.factors.size(); ++j) {
        const auto i = Eigen::Index(j);
        const std::string& p = spec.factors[j].column;
        row("sobol", name, p, "S1", ix.s1(i), bound(ix.s1_low(i)), bound(ix.s1_high(i)),
            ix.rows_used, f[j].s1);
        row("sobol", name, p, "ST", ix.st(i), bound(ix.st_low(i)), bound(ix.st_high(i)),
            ix.rows_used, f[j].st);
      }
    }
  }
}

nlohmann::json salib_export(const Spec& spec, const Plan& plan,
                            const Eigen::MatrixXd& point_means) {
  using nlohmann::json;
  const auto k = static_cast<int>(spec.factors.size());
  // SALib's row order: Morris trajectories as ccsim's; Saltelli rows interleaved per base row,
  // A_j, AB_0j .. AB_(k-1)j, B_j (SALib's saltelli.sample without second order), where ccsim
  // stacks the blocks A, B, AB_0, ...
  std::vector<Eigen::Index> order;
  if (plan.saltelli) {
    const SaltelliDesign& d = *plan.saltelli;
    for (int j = 0; j < d.n; ++j) {
      order.push_back(d.a_rows().begin + j);
      for (int i = 0; i < k; ++i) order.push_back(d.ab_rows(i).begin + j);
      order.push_back(d.b_rows().begin + j);
    }
  } else {
    for (Eigen::Index p = 0; p < plan.points; ++p) order.push_back(p);
  }
  json names = json::array(), bounds = json::array();
  for (const auto& f : spec.factors) {
    names.push_back(f.column);
    bounds.push_back({0, 1});
  }
  json x = json::array();
  for (const Eigen::Index p : order) {
    json row = json::array();
    for (int i = 0; i < k; ++i) row.push_back(plan.unit(p, i));
    x.push_back(row);
  }
  json y = json::object();
  for (std::size_t m = 0; m < spec.metrics.size(); ++m) {
    json col = json::array();
    for (const Eigen::Index p : order) {
      const double v = point_means(p, static_cast<Eigen::Index>(m));
      col.push_back(std::isfinite(v) ? json(v) : json());  // a failed point: null
    }
    y[spec.metrics[m].name] = col;
  }
  json out = {{"problem", {{"num_vars", k}, {"names", names}, {"bounds", bounds}}},
              {"method", plan.saltelli ? "sobol" : "morris"},
              {"X", x},
              {"Y", y}};
  if (plan.morris) out["num_levels"] = spec.design.levels;
  if (plan.saltelli) out["calc_second_order"] = false;
  return out;
}

}  // namespace ccsim::sweep
