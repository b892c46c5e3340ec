#pragma once
// Calibration targets: figures from data that the model is fitted to (or checked against), each
// with its band, basis and source. Four kinds:
//   series            a yearly total (sum of flows over years, or the stock at the end of a year)
//   rank_correlation  Spearman correlation across partner countries between a country metric and
//                     a column of the countries table (e.g. policy loans vs AidData commitments)
//   top_destinations  share of a listed set of countries (e.g. MOFCOM's main ODI destinations)
//                     found among the model's top N partners by a country metric
//   countries_with    number of partner countries where a country metric is positive
// A target is either used in the fit or held out (checked, never fitted).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/calibration/fields.hpp"
#include "model/simulate.hpp"
#include "model/world.hpp"

namespace ccsim::calibration {

enum class TargetKind { kSeries, kRankCorrelation, kTopDestinations, kCountriesWith };

struct Target {
  std::string id;
  TargetKind kind = TargetKind::kSeries;
  std::string metric;  // a yearly.csv column (series) or a countries.csv column (cross-section)
  int metric_index = -1;
  int year_from = 0, year_to = 0;
  bool sum = true;     // sum over the years, else the value at the end of year_to
  double scale = 1;    // the model's value is multiplied by this (e.g. a first quarter's share)
  double figure = 0;   // the data's value
  double low = 0, high = 0;  // the band: read as a 90% interval of what the data allow
  bool fit = true;     // false: held out (a check)
  std::string basis, source, quote, confidence;
  std::string against;               // rank_correlation: countries.csv column
  std::vector<std::string> countries;  // top_destinations: ISO3 codes in the data's order
  int top = 10;                      // top_destinations: the model's top N

  // Positive magnitudes are compared on a log scale; correlations and shares on their own.
  bool log_scale() const { return kind == TargetKind::kSeries || kind == TargetKind::kCountriesWith; }
  // Standard deviation of the data's figure on the comparison scale (the band as a 90% interval).
  double data_sd() const;
  // The error of a model value on the comparison scale (log ratio, or difference).
  double error(double model) const;
};

// The declarations of a targets file (drive validation and `ccsim schema --targets`).
const ObjectDecl& targets_file_decl();
const ObjectDecl& target_decl();
nlohmann::json targets_schema();

// Validates a targets document (every problem with its pointer) and converts it. `world` checks
// country codes and the columns named by `against`.
std::vector<Target> parse_targets(const nlohmann::json& doc, const std::string& file,
                                  const World& world);

// The target's value in each replication of a run (the run must keep country detail for the
// cross-section kinds).
std::vector<double> target_values(const Target& t, const RunResult& run, const World& world);

// Spearman rank correlation (average ranks for ties); 0 when either side is constant.
double spearman(const std::vector<double>& x, const std::vector<double>& y);
// Partial correlation of x and y given z from the three pairwise correlations.
double partial_correlation(double rxy, double rxz, double ryz);

// For a rank_correlation target: the model's partial rank correlation given GDP (mean over
// replications), and the data column's own rank correlation with GDP.
struct CrossSectionReport {
  double partial_given_gdp = 0;
  double data_vs_gdp = 0;
  double model_vs_gdp = 0;
};
CrossSectionReport cross_section_report(const Target& t, const RunResult& run, const World& world);

const char* kind_name(TargetKind k);

}  // namespace ccsim::calibration
