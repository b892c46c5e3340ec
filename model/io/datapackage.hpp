#pragma once
// The data dictionary of a run's outputs: a Frictionless Data Package (datapackage.json,
// https://specs.frictionlessdata.io/data-package/) with one tabular resource per CSV file, each
// field's type, unit and meaning, and each table's primary key. Generated from
// model/metrics.hpp, as the README's output tables are, so that tools read units and meanings
// from the same definitions the writers use.
#include <nlohmann/json.hpp>
#include <string>

#include "model/io/outputs.hpp"

namespace ccsim::io {

// The package of a run named `name`, describing the files `layout` writes (a compressed table's
// path ends in .csv.gz and its resource says "compression": "gz").
nlohmann::json run_data_package(const std::string& name, const OutputLayout& layout = {});

}  // namespace ccsim::io
