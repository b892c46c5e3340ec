#include "model/calibration/report.hpp"

#include <cmath>
#include <iomanip>
#include <ostream>

#include "model/io/csv.hpp"
#include "model/sweep/spec.hpp"

namespace ccsim::calibration {

namespace {

std::string num(double x) { return std::isfinite(x) ? io::format_number(x) : std::string("inf"); }

}  // namespace

void write_fit(std::ostream& os, const std::vector<Target>& targets,
               const std::vector<TargetStat>& stats, const std::vector<CrossSectionReport>& cross) {
  os << "target,kind,use,figure,low,high,model_mean,model_p05,model_p95,error,z,in_band,"
        "partial_given_gdp,data_vs_gdp,confidence,basis,source\n";
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const Target& t = targets[i];
    const TargetStat& s = stats[i];
    const bool rc = t.kind == TargetKind::kRankCorrelation;
    os << io::quote_field(t.id) << ',' << kind_name(t.kind) << ',' << (t.fit ? "fit" : "holdout") << ','
       << num(t.figure) << ',' << num(t.low) << ',' << num(t.high) << ',' << num(s.mean) << ','
       << num(s.p05) << ',' << num(s.p95) << ',' << num(s.error) << ','
       << num(s.error / s.sd_total) << ',' << (s.in_band ? 1 : 0) << ','
       << (rc ? num(cross[i].partial_given_gdp) : std::string()) << ','
       << (rc ? num(cross[i].data_vs_gdp) : std::string()) << ',' << t.confidence << ','
       << io::quote_field(t.basis) << ',' << io::quote_field(t.source) << '\n';
  }
}

void write_parameters(std::ostream& os, const Spec& spec, const Estimate& e) {
  os << "parameter,scale,estimate,se,low90,high90,min,max,at_bound\n";
  for (std::size_t i = 0; i < spec.free.size(); ++i) {
    const FreeParameter& f = spec.free[i];
    os << sweep::to_dotted(f.key) << ',' << (f.log_scale ? "log" : "linear") << ','
       << num(e.values[i]) << ',' << num(e.se[i]) << ',' << num(e.low90[i]) << ','
       << num(e.high90[i]) << ',' << num(f.min) << ',' << num(f.max) << ','
       << (e.at_bound[i] ? 1 : 0) << '\n';
  }
}

void write_identification(std::ostream& os, const Spec& spec, const Estimate& e) {
  os << "direction,sd,identified";
  for (const auto& f : spec.free) os << ',' << sweep::to_dotted(f.key);
  os << '\n';
  for (std::size_t k = 0; k < e.directions.size(); ++k) {
    const Direction& d = e.directions[k];
    os << k + 1 << ',' << num(d.sd) << ',' << (d.sd > kFlatSd ? 0 : 1);
    for (double l : d.loading) os << ',' << num(l);
    os << '\n';
  }
}

void write_trace(std::ostream& os, const Spec& spec, const Estimate& e) {
  os << "evaluation,stage,loss";
  for (const auto& f : spec.free) os << ',' << sweep::to_dotted(f.key);
  os << '\n';
  for (const auto& r : e.trace) {
    os << r.evaluation << ',' << r.stage << ',' << num(r.loss);
    for (double v : r.values) os << ',' << num(v);
    os << '\n';
  }
}

void print_fit(std::ostream& os, const std::vector<Target>& targets,
               const std::vector<TargetStat>& stats) {
  os << std::left << std::setw(34) << "target" << std::setw(8) << "use" << std::right
     << std::setw(12) << "figure" << std::setw(12) << "low" << std::setw(12) << "high"
     << std::setw(12) << "model" << std::setw(8) << "z"
     << "  in band\n";
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const auto& t = targets[i];
    const auto& s = stats[i];
    os << std::left << std::setw(34) << t.id << std::setw(8) << (t.fit ? "fit" : "holdout")
       << std::right << std::setw(12) << std::setprecision(5) << t.figure << std::setw(12)
       << t.low << std::setw(12) << t.high << std::setw(12) << s.mean << std::setw(8)
       << std::fixed << std::setprecision(2) << s.error / s.sd_total << std::defaultfloat
       << "  " << (s.in_band ? "yes" : "no") << '\n';
  }
}

}  // namespace ccsim::calibration
