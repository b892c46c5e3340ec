#pragma once
// Writers of a run's tables. The model emits records (RunResult); these add the layout. Columns
// come from model/metrics.hpp only.
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>

#include "model/scenario.hpp"
#include "model/simulate.hpp"
#include "model/world.hpp"

namespace ccsim::io {

void write_yearly(std::ostream& os, const RunResult& r);
void write_yearly_stats(std::ostream& os, const RunResult& r);
void write_countries(std::ostream& os, const RunResult& r, const World& w);
void write_sectors(std::ostream& os, const RunResult& r);

// The manifest's fields: what made the run and how to make it again.
nlohmann::json manifest(const Scenario& s, const RunResult& r, double wall_seconds, int threads,
                        const std::string& scenario_file);

}  // namespace ccsim::io
