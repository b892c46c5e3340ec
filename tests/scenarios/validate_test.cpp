// Every scenario file of the library validates with no issue against the real country list, as
// `ccsim validate` would check it, and names itself and says what it is for.
#include <catch2/catch.hpp>

#include "model/scenario.hpp"
#include "tests/support/load.hpp"

namespace sf = ccsim::scenario_files;

TEST_CASE("library: every scenario file in scenarios validates with zero issues", "[scenarios]") {
  const auto files = sf::library_files();
  // The ten of the library at least; a missing one would otherwise pass silently.
  REQUIRE(files.size() >= 10);
  for (const auto& file : files) {
    INFO(file);
    const nlohmann::json doc = sf::resolve_file(file);
    const ccsim::World world = sf::read_world(sf::data_dir_of(doc, file));
    const auto issues = ccsim::validate_scenario(doc, file, world.iso3);
    std::string all;
    for (const auto& i : issues) all += i.to_string() + "\n";
    INFO(all);
    CHECK(issues.empty());
    // A library entry explains itself: its own name and description, not inherited ones.
    const nlohmann::json own = sf::read_json(file);
    CHECK(own.contains("name"));
    CHECK(own.value("description", std::string()).size() > 80);
  }
}

TEST_CASE("library: the ten scenarios of the library are all present", "[scenarios]") {
  for (const char* name :
       {"baseline", "strong_policy_support", "retrenchment", "coordination_platform",
        "global_risk_up", "central_asia_shock", "tougher_competition", "kazakhstan_package",
        "zone_upgrading", "tech_restrictions_chemicals"}) {
    INFO(name);
    const std::string file = sf::repo_path(std::string("scenarios/") + name + ".json");
    const auto l = sf::load(file);
    CHECK(l.scenario.name == name);
  }
}
