#pragma once
// Worlds for tests: the real data tables, or small hand-built ones whose numbers can be followed
// by hand.
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "model/error.hpp"
#include "model/io/csv.hpp"
#include "model/scenario.hpp"
#include "model/world.hpp"

namespace ccsim::test {

inline std::string source_path(const std::string& rel) {
  return std::string(CCSIM_SOURCE_DIR) + "/" + rel;
}

inline io::CsvTable table_from(const std::string& text) {
  std::istringstream in(text);
  return io::read_csv(in, "<test>");
}

inline World data_world() {
  auto table = [](const char* name) {
    const std::string path = source_path(std::string("scenarios/data/") + name);
    std::ifstream in(path);
    return io::read_csv(in, path);
  };
  return make_world(table(kCountriesFile), table(kGdpFile), table(kAgreementsFile),
                    table(kZonesFile), "scenarios/data");
}

// Countries named AAA, BBB, ... with the given GDPs (US$ bn), all partners, governance 0, no
// agreements, no zones; GDP follows a 3% trend where `gdp_history` (rows "AAA,2014,103.5") has
// no observation.
inline World small_world(const std::vector<double>& gdp, const std::string& gdp_history = "") {
  std::string c =
      "iso3,name,region,br64,gdp_usd_bn_2013,population_mn_2013,gdp_growth_trend,wgi_political_"
      "stability,"
      "wgi_regulatory_quality,wgi_rule_of_law,wgi_government_effectiveness,wgi_control_of_"
      "corruption,"
      "gcdf_commitments_usd_bn,gcdf_interest_rate,resource_oil_gas,resource_metals,resource_"
      "nonmetallic\n";
  for (std::size_t i = 0; i < gdp.size(); ++i) {
    const std::string code(3, static_cast<char>('A' + i));
    c += code + ",Country " + code + ",Central Asia,1," + std::to_string(gdp[i]) +
         ",10,0.03,0,0,0,0,0,0,,0,0,0\n";
  }
  return make_world(table_from(c), table_from("iso3,year,gdp_usd_bn\n" + gdp_history),
                    table_from("iso3,kind,year\n"),
                    table_from("name,iso3,sector_focus,open_year\n"), "<small world>");
}

inline nlohmann::json load_json(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path, "", "cannot open");
  return nlohmann::json::parse(in);
}

// A scenario file of the repository, resolved, with `patch` merged over it.
inline Scenario repo_scenario(const std::string& rel, const World& w,
                              const nlohmann::json& patch = {}) {
  nlohmann::json doc = resolve_extends(source_path(rel), load_json);
  if (!patch.is_null()) deep_merge(doc, patch);
  return parse_scenario(doc, rel, w.iso3);
}

}  // namespace ccsim::test
