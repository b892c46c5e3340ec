#pragma once
// The tables `ccsim calibrate` writes: the fit (every target, fitted or held out), the parameter
// estimates with their intervals, the identification (directions of the loss), the trace.
#include <iosfwd>
#include <vector>

#include "model/calibration/estimate.hpp"

namespace ccsim::calibration {

// target,kind,use,figure,low,high,model_mean,model_p05,model_p95,error,z,in_band,
// partial_given_gdp,data_vs_gdp,confidence,basis,source
void write_fit(std::ostream& os, const std::vector<Target>& targets,
               const std::vector<TargetStat>& stats, const std::vector<CrossSectionReport>& cross);
// parameter,scale,estimate,se,low90,high90,min,max,at_bound
void write_parameters(std::ostream& os, const Spec& spec, const Estimate& e);
// direction,sd,identified,<one loading column per parameter>
void write_identification(std::ostream& os, const Spec& spec, const Estimate& e);
// evaluation,stage,loss,<one column per parameter>
void write_trace(std::ostream& os, const Spec& spec, const Estimate& e);

// A plain-text fit table for the terminal.
void print_fit(std::ostream& os, const std::vector<Target>& targets,
               const std::vector<TargetStat>& stats);

}  // namespace ccsim::calibration
