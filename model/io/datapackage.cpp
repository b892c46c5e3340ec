#include "model/io/datapackage.hpp"

#include <cctype>

#include "model/dims.hpp"
#include "model/metrics.hpp"

namespace ccsim::io {

namespace {

using nlohmann::json;

json field(const char* name, const char* type, const std::string& description,
           const char* unit = nullptr) {
  json f = {{"name", name}, {"type", type}, {"description", description}};
  if (unit) f["unit"] = unit;  // a custom property: the Table Schema has no unit of its own
  return f;
}

json metric_field(const MetricDef& d) {
  json f = field(d.name, "number", d.description, d.unit);
  json c = {{"required", true}};
  c["minimum"] = 0;
  if (d.bound == Bound::Unit) c["maximum"] = 1;
  f["constraints"] = c;
  return f;
}

template <std::size_t N>
json key_enum(const std::array<std::string_view, N>& keys) {
  json e = json::array();
  for (auto k : keys) e.push_back(std::string(k));
  return e;
}

// The statistics columns of every *_stats.csv table; `metric` names the row's metric, whose unit
// the statistics share.
void add_statistics(json& fields, const json& metric_names) {
  json m = field("metric", "string", "the metric summarised (its unit is the statistics')");
  m["constraints"] = {{"enum", metric_names}};
  fields.push_back(m);
  fields.push_back(field("mean", "number", "mean over replications"));
  fields.push_back(field("sd", "number", "sample standard deviation over replications"));
  for (const char* q : {"p05", "p25", "p50", "p75", "p95"}) {
    const std::string pct = std::string(q).substr(1);
    fields.push_back(field(q, "number",
                           std::to_string(std::stoi(pct)) +
                               "th percentile over replications (linear interpolation, R type 7)"));
  }
  fields.push_back(field("n", "integer", "replications summarised"));
}

json resource(const std::string& file, const std::string& description, json fields,
              json primary_key) {
  std::string name;
  for (char c : file.substr(0, file.find('.'))) name += c == '_' ? '-' : c;  // lower-case, dashes
  return {{"name", name},
          {"path", file},
          {"profile", "tabular-data-resource"},
          {"format", "csv"},
          {"mediatype", "text/csv"},
          {"encoding", "utf-8"},
          {"description", description},
          // "nan" is the sd of a single replication
          {"schema",
           {{"fields", std::move(fields)},
            {"primaryKey", std::move(primary_key)},
            {"missingValues", {"", "nan"}}}}};
}

json replication_year() {
  return json::array({field("replication", "integer", "replication, 0-based"),
                      field("year", "year", "calendar year")});
}

json country_keys() {
  json f = json::array({field("iso3", "string", "ISO 3166-1 alpha-3 code of the host country")});
  return f;
}

}  // namespace

json run_data_package(const std::string& scenario_name, const OutputLayout& layout) {
  json names_yearly = json::array(), names_country = json::array(), names_sector = json::array();
  json yearly = replication_year(), countries = replication_year(), sectors = replication_year();
  for (const auto& d : kYearlyDefs) {
    names_yearly.push_back(d.def.name);
    yearly.push_back(metric_field(d.def));
  }
  for (const auto& d : kCountryMetricDefs) names_country.push_back(d.name);
  for (const auto& d : kSectorMetricDefs) names_sector.push_back(d.name);
  const json regions = key_enum(kRegionKeys), sector_keys = key_enum(kSectorKeys);

  json resources = json::array();
  resources.push_back(resource("yearly.csv",
                               "One row per replication and year: totals over the 64 partners.",
                               yearly, {"replication", "year"}));

  json ys = json::array({field("year", "year", "calendar year")});
  add_statistics(ys, names_yearly);
  resources.push_back(resource("yearly_stats.csv",
                               "The yearly totals (64 partners) summarised across replications.",
                               ys, {"year", "metric"}));

  json cs = json::array({field("year", "year", "calendar year")});
  for (auto& f : country_keys()) cs.push_back(f);
  cs.push_back(field("name", "string", "country name"));
  json region = field("region", "string", "region of the countries table");
  region["constraints"] = {{"enum", regions}};
  cs.push_back(region);
  cs.push_back(field("br64", "integer", "1 for the 64 partner countries, 0 outside them"));
  add_statistics(cs, names_country);
  resources.push_back(resource("countries_stats.csv",
                               "Each country's metrics summarised across replications (the "
                               "countries outside the 64 included, br64 = 0).",
                               cs, {"year", "iso3", "metric"}));

  json rs = json::array(
      {field("year", "year", "calendar year"), region, field("name", "string", "region name")});
  add_statistics(rs, names_country);
  resources.push_back(resource(
      "regions_stats.csv",
      "Each region's metrics over its partners only, summarised across replications: flows, "
      "stocks and counts summed, supporting_capacity, effective_risk, shock_severity and "
      "policy_support_index as GDP-weighted means.",
      rs, {"year", "region", "metric"}));

  json sector = field("sector", "string", "industrial sector");
  sector["constraints"] = {{"enum", sector_keys}};
  json ss = json::array({field("year", "year", "calendar year"), sector});
  add_statistics(ss, names_sector);
  resources.push_back(resource("sectors_stats.csv",
                               "Each sector's metrics over the 64 partners, summarised across "
                               "replications.",
                               ss, {"year", "sector", "metric"}));

  {
    for (auto& f : country_keys()) countries.push_back(f);
    countries.push_back(field("br64", "integer", "1 for the 64 partner countries, 0 outside them"));
    for (const auto& d : kCountryMetricDefs) countries.push_back(metric_field(d));
    resources.push_back(resource("countries.csv", "One row per replication, year and country.",
                                 countries, {"replication", "year", "iso3"}));
    sectors.push_back(sector);
    for (const auto& d : kSectorMetricDefs) sectors.push_back(metric_field(d));
    resources.push_back(resource("sectors.csv",
                                 "One row per replication, year and sector (64 partners).", sectors,
                                 {"replication", "year", "sector"}));
  }
  // Only the files written, under the names they are written as.
  json written = json::array();
  for (auto& r : resources) {
    const std::string table = r["path"];
    if (!layout.written(table)) continue;
    r["path"] = layout.file(table);
    if (layout.gzipped(table)) r["compression"] = "gz";
    written.push_back(std::move(r));
  }
  resources = std::move(written);
  std::string name;
  for (char c : scenario_name)
    name += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '-';
  return {{"profile", "tabular-data-package"},
          {"name", "ccsim-run-" + name},
          {"title", "ccsim run of scenario " + scenario_name},
          {"description",
           "Outputs of `ccsim run`: money in current US$ bn, flows of the year, stocks at year "
           "end. Numbers are written with " +
               (layout.digits > 0 ? std::to_string(layout.digits) + " significant digits"
                                  : std::string("full precision (shortest round-trip text)")) +
               ". manifest.json beside this file says what made the run."},
          {"resources", resources}};
}

}  // namespace ccsim::io
