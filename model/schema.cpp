#include "model/schema.hpp"

#include <sstream>

#include "model/events.hpp"
#include "model/io/csv.hpp"
#include "model/metrics.hpp"
#include "model/params.hpp"

namespace ccsim {

using nlohmann::json;

namespace {

json number_schema(const ParamDecl& d, double def) {
  json s = {{"type", d.kind == ValueKind::Integer ? "integer" : "number"},
            {"minimum", d.min},
            {"maximum", d.max},
            {"default", def}};
  return s;
}

json leaf_schema(const ParamDecl& d) {
  std::string desc = d.description;
  if (!d.unit.empty()) desc += " Unit: " + d.unit + ".";
  if (d.shape == Shape::Scalar) {
    json s = number_schema(d, d.defaults[0]);
    s["description"] = desc;
    return s;
  }
  json s = {{"type", "object"}, {"description", desc}, {"additionalProperties", false}};
  if (d.shape == Shape::ByCountry) {
    s["propertyNames"] = {{"pattern", "^[A-Z]{3}$"}};
    s["additionalProperties"] = {{"type", "number"}, {"minimum", d.min}, {"maximum", d.max}};
    return s;
  }
  for (std::size_t i = 0; i < d.width(); ++i)
    s["properties"][std::string(d.element_keys()[i])] = number_schema(d, d.defaults[i]);
  return s;
}

// Inserts `leaf` at the pointer's path inside an object schema.
void insert(json& root, const std::string& pointer, const json& leaf) {
  json* node = &root;
  std::size_t pos = 1;
  while (true) {
    const std::size_t next = pointer.find('/', pos);
    const std::string tok =
        pointer.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
    json& props = (*node)["properties"];
    if (next == std::string::npos) {
      props[tok] = leaf;
      return;
    }
    if (!props.contains(tok)) props[tok] = {{"type", "object"}, {"additionalProperties", false}};
    node = &props[tok];
    pos = next + 1;
  }
}

json field_schema(const FieldDecl& f, const json& params_ref) {
  json s;
  switch (f.type) {
    case FieldType::Integer:
      s = {{"type", "integer"}, {"minimum", f.min}, {"maximum", f.max}};
      break;
    case FieldType::Number:
      s = {{"type", "number"}, {"minimum", f.min}, {"maximum", f.max}};
      break;
    case FieldType::String:
      s = {{"type", "string"}};
      break;
    case FieldType::Country:
      s = {{"type", "string"}, {"pattern", "^[A-Z]{3}$"}};
      break;
    case FieldType::Region: {
      s = {{"type", "string"}, {"enum", json::array()}};
      for (auto k : kRegionKeys) s["enum"].push_back(std::string(k));
      break;
    }
    case FieldType::Enum: {
      s = {{"type", "string"}, {"enum", json::array()}};
      for (auto k : f.keys) s["enum"].push_back(std::string(k));
      break;
    }
    case FieldType::Object:
      s = params_ref;
      break;
  }
  s["description"] = f.description;
  return s;
}

}  // namespace

json scenario_schema() {
  json params = {{"type", "object"}, {"additionalProperties", false}};
  json schedulable = {{"type", "object"}, {"additionalProperties", false}};
  for (const auto& d : param_declarations()) {
    insert(params, d.pointer, leaf_schema(d));
    if (d.schedulable) insert(schedulable, d.pointer, leaf_schema(d));
  }
  json root = params;
  root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  root["$id"] = "https://ccsim.invalid/scenario.schema.json";
  root["title"] = "ccsim scenario";
  root["description"] = "A scenario of the ccsim capacity-cooperation model.";
  root["$defs"]["schedulable"] = schedulable;
  auto& props = root["properties"];
  props["$schema"] = {{"type", "string"}, {"description", "Path or URL of this schema."}};
  props["name"] = {{"type", "string"},
                   {"description", "Scenario name; names the output directory."}};
  props["description"] = {{"type", "string"}, {"description", "What the scenario is about."}};
  props["extends"] = {
      {"type", "string"},
      {"description", "A scenario file this one is merged over (relative to this file)."}};
  props["data_dir"] = {
      {"type", "string"},
      {"description", "Directory of the data tables, relative to the file (default 'data')."}};
  for (const auto& l : list_declarations()) {
    json item = {{"type", "object"}, {"additionalProperties", false}, {"required", json::array()}};
    for (const auto& f : l.fields) {
      item["properties"][f.name] = field_schema(f, {{"$ref", "#/$defs/schedulable"}});
      if (f.required) item["required"].push_back(f.name);
    }
    props[l.key] = {{"type", "array"}, {"description", l.description}, {"items", item}};
  }
  return root;
}

std::string parameter_reference() {
  std::ostringstream os;
  os << "# Scenario parameter reference\n\n"
     << "Generated from the parameter declarations in `model/params.cpp` and `model/events.cpp` "
        "by\n"
     << "`ccsim schema --markdown`; a test fails when this file is out of date. Every key below "
        "may\n"
     << "appear in a scenario file at the path shown (a JSON pointer); unknown keys are errors.\n"
     << "Parameters marked *schedulable* may also appear in a `timeline` entry's `set`.\n\n"
     << "By-sector parameters are objects keyed by sector ("
     << "`steel`, `nonferrous`, `building_materials`, `chemicals`, `machinery_rail`, "
        "`automotive`,\n"
     << "`ict`, `new_energy`, `light_manufacturing`); by-region ones by region "
        "(`mongolia_russia`,\n"
     << "`southeast_asia`, `south_asia`, `west_asia_north_africa`, `central_eastern_europe`,\n"
     << "`central_asia`, `cis_other`, `africa`, `latin_america`); by-country ones by ISO3 code.\n\n"
     << "| key | type | unit | default | range | schedulable | description |\n"
     << "|---|---|---|---|---|---|---|\n";
  for (const auto& d : param_declarations()) {
    std::string type = d.kind == ValueKind::Integer ? "integer" : "number";
    if (d.shape == Shape::BySector) type += " by sector";
    if (d.shape == Shape::ByRegion) type += " by region";
    if (d.shape == Shape::ByCountry) type += " by country";
    std::string def;
    if (d.shape == Shape::ByCountry) {
      def = "1 each";
    } else {
      for (std::size_t i = 0; i < d.defaults.size(); ++i)
        def += (i ? ", " : "") + io::format_number(d.defaults[i]);
    }
    os << "| `" << d.pointer << "` | " << type << " | " << d.unit << " | " << def << " | "
       << io::format_number(d.min) << " to " << io::format_number(d.max) << " | "
       << (d.schedulable ? "yes" : "no") << " | " << d.description << " |\n";
  }
  for (const auto& l : list_declarations()) {
    os << "\n## `" << l.key << "`\n\n"
       << l.description << " Each entry is an object:\n\n"
       << "| field | type | required | range | description |\n|---|---|---|---|---|\n";
    for (const auto& f : l.fields) {
      std::string type, range;
      switch (f.type) {
        case FieldType::Integer:
          type = "integer";
          range = io::format_number(f.min) + " to " + io::format_number(f.max);
          break;
        case FieldType::Number:
          type = "number";
          range = io::format_number(f.min) + " to " + io::format_number(f.max);
          break;
        case FieldType::String:
          type = "string";
          break;
        case FieldType::Country:
          type = "ISO3 code";
          break;
        case FieldType::Region:
          type = "region key";
          break;
        case FieldType::Object:
          type = "object of schedulable parameters";
          break;
        case FieldType::Enum:
          type = "one of";
          for (auto k : f.keys)
            range += (range.empty() ? "" : ", ") + std::string("`") + std::string(k) + "`";
          break;
      }
      os << "| `" << f.name << "` | " << type << " | " << (f.required ? "yes" : "no") << " | "
         << range << " | " << f.description << " |\n";
    }
  }
  return os.str();
}

std::string output_reference() {
  std::ostringstream os;
  auto table = [&](const char* title, const char* keys, auto const& defs, auto name_of) {
    os << "#### " << title << "\n\n" << keys << "\n\n| column | unit | meaning |\n|---|---|---|\n";
    for (const auto& d : defs) {
      const MetricDef& m = name_of(d);
      os << "| `" << m.name << "` | " << m.unit << " | " << m.description << " |\n";
    }
    os << "\n";
  };
  table("yearly.csv",
        "Key columns: `replication` (0-based), `year`. Totals over the 64 partner countries.",
        kYearlyDefs, [](const YearlyDef& d) -> const MetricDef& { return d.def; });
  table("countries.csv",
        "Key columns: `replication`, `year`, `iso3`, `br64` (1 for the 64 partners, 0 for "
        "countries the "
        "documents name outside them).",
        kCountryMetricDefs, [](const MetricDef& d) -> const MetricDef& { return d; });
  table("sectors.csv",
        "Key columns: `replication`, `year`, `sector`. Over the 64 partner countries.",
        kSectorMetricDefs, [](const MetricDef& d) -> const MetricDef& { return d; });
  return os.str();
}

}  // namespace ccsim
