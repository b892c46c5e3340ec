#pragma once
// The data dictionary of a run's outputs: a Frictionless Data Package (datapackage.json,
// https://specs.frictionlessdata.io/data-package/) with one tabular resource per CSV file, each
// field's type, unit and meaning, and each table's primary key. Generated from
// model/metrics.hpp, as the README's output tables are, so that tools read units and meanings
// from the same definitions the writers use.
#include <nlohmann/json.hpp>
#include <string>

namespace ccsim::io {

// The package of a run named `name`; `detail` says whether countries.csv and sectors.csv were
// written.
nlohmann::json run_data_package(const std::string& name, bool detail);

}  // namespace ccsim::io
