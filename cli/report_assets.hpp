#pragma once
// The charting scripts `ccsim report` inlines (Vega, Vega-Lite, vega-embed): taken from npm at
// build time (report/package.json) and compiled in as byte arrays (tools/embed_assets.py), so
// that the command works offline and the page fetches nothing.
#include "model/report/report.hpp"

namespace ccsim::cli::report_assets {

// False when the build had no npm (and no node_modules): CCSIM_REPORT was off.
bool available();
report::Scripts scripts();

}  // namespace ccsim::cli::report_assets
