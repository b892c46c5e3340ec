#pragma once
// `ccsim report`: one self-contained HTML file of charts for runs and sweeps.
//
// load_* read what the report shows from run and sweep directories (the *_stats.csv summaries,
// yearly.csv for paired differences, sensitivity.csv, manifest.json); build_html turns the loaded
// tables into the page: Vega-Lite specs with their data inlined, rendered by vega-embed, whose
// scripts the caller hands in (the CLI embeds them at build time), so that opening the file
// fetches nothing. The page marks its <body> with data-charts-rendered / data-errors once every
// chart has been drawn, which the headless-browser test reads.
#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "model/compare/compare.hpp"

namespace ccsim::report {

// One row of a *_stats.csv table: statistics of a metric across replications.
struct StatRow {
  int year = 0;
  std::string key;   // "all" (yearly), the region id, or the country's iso3
  std::string name;  // region or country name ("" for yearly)
  std::string metric;
  double mean = 0, sd = 0, p05 = 0, p25 = 0, p50 = 0, p75 = 0, p95 = 0;
  double n = 0;
};

struct RunData {
  std::string dir;
  std::string label;  // the scenario name (made unique by finish_inputs)
  nlohmann::json manifest;
  std::vector<StatRow> yearly;     // yearly_stats.csv, the headline metrics only
  std::vector<StatRow> regions;    // regions_stats.csv, the bar metric in the bar year
  std::vector<StatRow> countries;  // countries_stats.csv(.gz), the bar metric in the bar year
  // yearly.csv(.gz), one row per replication and year, when the run has it: its path (for
  // messages) and how to open it afresh (model/compare streams it twice). Empty without one.
  std::string yearly_reps_path;
  std::function<std::unique_ptr<std::istream>()> open_yearly_reps;
};

// One row of a sweep's sensitivity.csv; NaN where the file has an empty field.
struct SensitivityRow {
  std::string method, metric, parameter, index;
  double value = 0, ci_low = 0, ci_high = 0, noise_floor = 0;
  std::string noise;  // "yes" when the index is within replication noise, "no", or ""
};

struct SweepData {
  std::string dir;
  nlohmann::json manifest;
  std::vector<SensitivityRow> rows;
};

struct Options {
  // Metrics drawn as fan charts and differenced, in this order.
  std::vector<std::string> metrics = {"odi_flow_usd_bn", "epc_contract_value_usd_bn", "jobs_total",
                                      "zone_jobs", "policy_loans_usd_bn"};
  std::string bar_metric = "odi_flow_usd_bn";  // regions and top countries
  int bar_year = 0;                            // 0: the baseline's last year
  std::size_t top_countries = 10;
  double level = 0.95;  // of the difference intervals
};

// A difference of means (scenario minus baseline) with its interval.
struct Difference {
  std::string scenario, metric;
  int year = 0;
  double diff = 0, ci_low = 0, ci_high = 0;
};

struct Input {
  std::vector<RunData> runs;  // the first is the baseline
  std::vector<SweepData> sweeps;
  Options options;
  // Filled by compute_differences: one per scenario and metric and year, and how each scenario
  // was compared ("paired", or "welch" when replications could not be paired).
  std::vector<Difference> differences;
  std::vector<std::pair<std::string, std::string>> interval_kinds;
};

// Streams a *_stats.csv table (yearly, regions or countries: the key is iso3, region, or "all"),
// keeping the rows `keep(metric, year)` accepts; InputError naming `source` on a malformed table.
std::vector<StatRow> read_stats(std::istream& in, const std::string& source,
                                const std::function<bool(const std::string&, int)>& keep);
// Parses a sweep's sensitivity.csv.
std::vector<SensitivityRow> read_sensitivity(std::istream& in, const std::string& source);

// Gives the runs unique labels (a suffix " (2)" on a repeated scenario name) and computes the
// differences: what the caller does once the runs and sweeps are loaded.
void finish_inputs(Input& input);

// Scenario-minus-baseline differences for each other run: paired over replications (model/compare,
// common random numbers) when both runs have yearly.csv and pair, else Welch's interval from the
// summaries' mean, sd and n.
void compute_differences(Input& input);

// The charting scripts inlined into the page.
struct Scripts {
  std::string_view vega, vega_lite, vega_embed;
};

struct Chart {
  std::string id, title;
  nlohmann::json spec;  // a Vega-Lite spec with its data inline
};

// The charts the page holds, in page order.
std::vector<Chart> build_charts(const Input& input);

// The marker by which `ccsim report --force` knows its own earlier output.
constexpr const char* kReportMarker = "<meta name=\"generator\" content=\"ccsim report\">";

// The whole page.
std::string build_html(const Input& input, const Scripts& scripts);

}  // namespace ccsim::report
