// The report's Vega-Lite specs, each with its data inline (values taken unrounded from the loaded
// tables, so that a test can find them in the page).
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "model/report/report.hpp"

namespace ccsim::report {

namespace {

using nlohmann::json;

// JSON has no NaN: a missing value is null, which Vega-Lite leaves undrawn.
json number(double x) {
  return std::isfinite(x) ? json(x) : json(nullptr);
}

json base_spec(const std::string& title, json values) {
  return json{{"title", title},
              {"width", 520},
              {"height", 220},
              {"data", {{"values", std::move(values)}}},
              {"config", {{"font", "sans-serif"}}}};
}

json scenario_color(const std::vector<std::string>& labels) {
  return json{{"field", "scenario"},
              {"type", "nominal"},
              {"title", "scenario"},
              {"scale", {{"domain", labels}}}};
}

std::vector<std::string> labels_of(const Input& input) {
  std::vector<std::string> labels;
  for (const auto& r : input.runs) labels.push_back(r.label);
  return labels;
}

// Fan chart: p05-p95 and p25-p75 bands and the median line, one colour per scenario.
Chart fan_chart(const Input& input, const std::string& metric, std::size_t k) {
  json values = json::array();
  for (const auto& run : input.runs)
    for (const auto& r : run.yearly)
      if (r.metric == metric)
        values.push_back({{"scenario", run.label},
                          {"year", r.year},
                          {"mean", number(r.mean)},
                          {"p05", number(r.p05)},
                          {"p25", number(r.p25)},
                          {"p50", number(r.p50)},
                          {"p75", number(r.p75)},
                          {"p95", number(r.p95)}});
  const json color = scenario_color(labels_of(input));
  const json x = {{"field", "year"}, {"type", "quantitative"}, {"axis", {{"format", "d"}}}};
  json spec = base_spec(metric + " by year: median, p25-p75 and p05-p95 across replications",
                        std::move(values));
  spec["layer"] =
      json::array({{{"mark", {{"type", "area"}, {"opacity", 0.15}}},
                    {"encoding",
                     {{"x", x},
                      {"y", {{"field", "p05"}, {"type", "quantitative"}, {"title", metric}}},
                      {"y2", {{"field", "p95"}}},
                      {"color", color}}}},
                   {{"mark", {{"type", "area"}, {"opacity", 0.3}}},
                    {"encoding",
                     {{"x", x},
                      {"y", {{"field", "p25"}, {"type", "quantitative"}}},
                      {"y2", {{"field", "p75"}}},
                      {"color", color}}}},
                   {{"mark", {{"type", "line"}, {"point", true}}},
                    {"encoding",
                     {{"x", x},
                      {"y", {{"field", "p50"}, {"type", "quantitative"}}},
                      {"color", color},
                      {"tooltip", json::array({{{"field", "scenario"}},
                                               {{"field", "year"}},
                                               {{"field", "p50"}, {"title", "median"}},
                                               {{"field", "mean"}},
                                               {{"field", "p05"}},
                                               {{"field", "p95"}}})}}}}});
  return {"fan-" + std::to_string(k), metric, std::move(spec)};
}

// Scenario minus baseline, one panel per metric: the difference of means and its interval.
Chart difference_chart(const Input& input) {
  json values = json::array();
  for (const auto& d : input.differences)
    values.push_back({{"scenario", d.scenario},
                      {"metric", d.metric},
                      {"year", d.year},
                      {"diff", number(d.diff)},
                      {"ci_low", number(d.ci_low)},
                      {"ci_high", number(d.ci_high)}});
  std::vector<std::string> others(input.runs.size() > 1 ? input.runs.size() - 1 : 0);
  for (std::size_t i = 1; i < input.runs.size(); ++i) others[i - 1] = input.runs[i].label;
  // The fan charts' colours (the baseline's kept in the domain), the legend naming the others.
  const json color = {{"field", "scenario"},
                      {"type", "nominal"},
                      {"scale", {{"domain", labels_of(input)}}},
                      {"legend", {{"values", others}}}};
  const json x = {{"field", "year"}, {"type", "quantitative"}, {"axis", {{"format", "d"}}}};
  json spec = base_spec("", std::move(values));
  spec["title"] = "Scenario minus " + input.runs.front().label + ": difference of means with its " +
                  std::to_string(static_cast<int>(std::lround(input.options.level * 100))) +
                  "% interval";
  spec.erase("width");
  spec.erase("height");
  spec["facet"] = {{"row",
                    {{"field", "metric"},
                     {"type", "nominal"},
                     {"title", nullptr},
                     {"sort", input.options.metrics}}}};
  spec["resolve"] = {{"scale", {{"y", "independent"}}}};
  spec["spec"] = {
      {"width", 520},
      {"height", 130},
      {"layer",
       json::array(
           {{{"mark", {{"type", "area"}, {"opacity", 0.25}}},
             {"encoding",
              {{"x", x},
               {"y", {{"field", "ci_low"}, {"type", "quantitative"}, {"title", "difference"}}},
               {"y2", {{"field", "ci_high"}}},
               {"color", color}}}},
            {{"mark", {{"type", "line"}, {"point", true}}},
             {"encoding",
              {{"x", x},
               {"y", {{"field", "diff"}, {"type", "quantitative"}}},
               {"color", color},
               {"tooltip", json::array({{{"field", "scenario"}},
                                        {{"field", "year"}},
                                        {{"field", "diff"}},
                                        {{"field", "ci_low"}},
                                        {{"field", "ci_high"}}})}}}},
            {{"mark", {{"type", "rule"}, {"color", "#444"}, {"strokeDash", {4, 3}}}},
             {"encoding", {{"y", {{"datum", 0}}}}}}})}};
  return {"differences", "differences", std::move(spec)};
}

// Horizontal bars of a mean with a p05-p95 whisker, one bar per scenario within each category.
json bars(json values, const std::string& title, const std::vector<std::string>& order,
          const std::vector<std::string>& labels, const std::string& metric) {
  json spec = base_spec(title, std::move(values));
  spec["height"] = {{"step", labels.size() > 1 ? 12 : 18}};
  const json y = {{"field", "name"}, {"type", "nominal"}, {"title", nullptr}, {"sort", order}};
  const json off = {{"field", "scenario"}, {"scale", {{"domain", labels}}}};
  const json color = scenario_color(labels);
  spec["layer"] = json::array(
      {{{"mark", "bar"},
        {"encoding",
         {{"y", y},
          {"yOffset", off},
          {"x", {{"field", "mean"}, {"type", "quantitative"}, {"title", metric + " (mean)"}}},
          {"color", color},
          {"tooltip", json::array({{{"field", "scenario"}},
                                   {{"field", "name"}},
                                   {{"field", "mean"}},
                                   {{"field", "p05"}},
                                   {{"field", "p95"}}})}}}},
       {{"mark", {{"type", "rule"}, {"color", "#222"}}},
        {"encoding",
         {{"y", y},
          {"yOffset", off},
          {"x", {{"field", "p05"}, {"type", "quantitative"}}},
          {"x2", {{"field", "p95"}}}}}}});
  return spec;
}

json bar_row(const std::string& label, const StatRow& r) {
  return {{"scenario", label},      {"key", r.key},         {"name", r.name},
          {"mean", number(r.mean)}, {"p05", number(r.p05)}, {"p95", number(r.p95)}};
}

Chart region_chart(const Input& input) {
  json values = json::array();
  std::vector<std::string> order;
  const auto& base = input.runs.front().regions;
  std::vector<const StatRow*> sorted;
  for (const auto& r : base) sorted.push_back(&r);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const StatRow* a, const StatRow* b) { return a->mean > b->mean; });
  for (const auto* r : sorted) order.push_back(r->name);
  for (const auto& run : input.runs)
    for (const auto& r : run.regions) values.push_back(bar_row(run.label, r));
  const std::string& m = input.options.bar_metric;
  return {"regions", "regions",
          bars(std::move(values),
               m + " in " + std::to_string(input.options.bar_year) +
                   " by region (64 partners): mean and p05-p95",
               order, labels_of(input), m)};
}

// The baseline's top countries by mean, and every scenario's bars for the same countries.
Chart country_chart(const Input& input) {
  std::vector<const StatRow*> sorted;
  for (const auto& r : input.runs.front().countries) sorted.push_back(&r);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const StatRow* a, const StatRow* b) { return a->mean > b->mean; });
  if (sorted.size() > input.options.top_countries) sorted.resize(input.options.top_countries);
  std::set<std::string> top;
  std::vector<std::string> order;
  for (const auto* r : sorted) top.insert(r->key), order.push_back(r->name);
  json values = json::array();
  for (const auto& run : input.runs)
    for (const auto& r : run.countries)
      if (top.count(r.key)) values.push_back(bar_row(run.label, r));
  const std::string& m = input.options.bar_metric;
  return {
      "countries", "countries",
      bars(std::move(values),
           "Top " + std::to_string(sorted.size()) + " countries of " + input.runs.front().label +
               " by " + m + " in " + std::to_string(input.options.bar_year) + ": mean and p05-p95",
           order, labels_of(input), m)};
}

// Morris mu* (or Sobol S1 and ST) by parameter, one panel per metric, with the interval and the
// noise floor (what replication noise alone gives the index) as a tick.
Chart sensitivity_chart(const SweepData& sweep, std::size_t k) {
  const std::string method = sweep.rows.empty() ? "" : sweep.rows.front().method;
  const bool morris = method == "morris";
  json values = json::array();
  std::vector<std::string> metrics;
  for (const auto& r : sweep.rows) {
    if (morris ? r.index != "mu_star" : (r.index != "S1" && r.index != "ST")) continue;
    if (std::find(metrics.begin(), metrics.end(), r.metric) == metrics.end())
      metrics.push_back(r.metric);
    values.push_back({{"metric", r.metric},
                      {"parameter", r.parameter},
                      {"index", r.index},
                      {"value", number(r.value)},
                      {"ci_low", number(r.ci_low)},
                      {"ci_high", number(r.ci_high)},
                      {"noise_floor", number(r.noise_floor)},
                      {"noise", r.noise}});
  }
  const std::string name =
      sweep.manifest.value("sweep", nlohmann::json::object()).value("name", sweep.dir);
  json spec = base_spec(name + ": " + (morris ? "Morris mu*" : "Sobol S1 and ST") +
                            " with intervals; ticks: noise floor",
                        std::move(values));
  spec.erase("width");
  spec.erase("height");
  const json y = {{"field", "parameter"}, {"type", "nominal"}, {"title", nullptr}};
  const json off = {{"field", "index"}};
  const json x_title = morris ? "mu* (metric's units)" : "index";
  spec["facet"] = {
      {"row", {{"field", "metric"}, {"type", "nominal"}, {"title", nullptr}, {"sort", metrics}}}};
  spec["resolve"] = {{"scale", {{"x", "independent"}}}};
  spec["spec"] = {
      {"width", 460},
      {"height", {{"step", morris ? 16 : 10}}},
      {"layer",
       json::array({{{"mark", "bar"},
                     {"encoding",
                      {{"y", y},
                       {"yOffset", off},
                       {"x", {{"field", "value"}, {"type", "quantitative"}, {"title", x_title}}},
                       {"color", {{"field", "index"}, {"type", "nominal"}}},
                       {"opacity",
                        {{"condition", {{"test", "datum.noise === 'yes'"}, {"value", 0.35}}},
                         {"value", 1}}},
                       {"tooltip", json::array({{{"field", "parameter"}},
                                                {{"field", "index"}},
                                                {{"field", "value"}},
                                                {{"field", "ci_low"}},
                                                {{"field", "ci_high"}},
                                                {{"field", "noise_floor"}},
                                                {{"field", "noise"}}})}}}},
                    {{"mark", {{"type", "rule"}, {"color", "#222"}}},
                     {"encoding",
                      {{"y", y},
                       {"yOffset", off},
                       {"x", {{"field", "ci_low"}, {"type", "quantitative"}}},
                       {"x2", {{"field", "ci_high"}}}}}},
                    {{"mark", {{"type", "tick"}, {"color", "#d62728"}, {"thickness", 2}}},
                     {"encoding",
                      {{"y", y},
                       {"yOffset", off},
                       {"x", {{"field", "noise_floor"}, {"type", "quantitative"}}}}}}})}};
  return {"sweep-" + std::to_string(k), name, std::move(spec)};
}

}  // namespace

std::vector<Chart> build_charts(const Input& input) {
  std::vector<Chart> charts;
  if (!input.runs.empty()) {
    for (std::size_t k = 0; k < input.options.metrics.size(); ++k)
      charts.push_back(fan_chart(input, input.options.metrics[k], k));
    if (input.runs.size() > 1) charts.push_back(difference_chart(input));
    if (!input.runs.front().regions.empty()) charts.push_back(region_chart(input));
    if (!input.runs.front().countries.empty()) charts.push_back(country_chart(input));
  }
  for (std::size_t k = 0; k < input.sweeps.size(); ++k)
    charts.push_back(sensitivity_chart(input.sweeps[k], k));
  return charts;
}

}  // namespace ccsim::report
