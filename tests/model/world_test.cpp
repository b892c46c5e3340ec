// The country tables as read into a World.
#include <catch2/catch.hpp>
#include <string>

#include "model/dims.hpp"
#include "model/error.hpp"
#include "tests/support/worlds.hpp"

namespace {

// A countries table of `n` rows with distinct three-letter codes.
std::string countries_csv(int n) {
  std::string c =
      "iso3,name,region,br64,gdp_usd_bn_2013,population_mn_2013,gdp_growth_trend,"
      "wgi_political_stability,wgi_regulatory_quality,wgi_rule_of_law,"
      "wgi_government_effectiveness,wgi_control_of_corruption,gcdf_commitments_usd_bn,"
      "gcdf_interest_rate,resource_oil_gas,resource_metals,resource_nonmetallic\n";
  for (int i = 0; i < n; ++i) {
    const std::string code = {static_cast<char>('A' + i / 676),
                              static_cast<char>('A' + i / 26 % 26),
                              static_cast<char>('A' + i % 26)};
    c += code + ",Country " + code + ",Central Asia,1,10,10,0.03,0,0,0,0,0,0,,0,0,0\n";
  }
  return c;
}

ccsim::World world_of(int n) {
  using ccsim::test::table_from;
  return ccsim::make_world(table_from(countries_csv(n)), table_from("iso3,year,gdp_usd_bn\n"),
                           table_from("iso3,kind,year\n"),
                           table_from("name,iso3,sector_focus,open_year\n"), "<test>");
}

}  // namespace

TEST_CASE("world: country ids fit a byte, and more countries are refused by name", "[world]") {
  CHECK(world_of(ccsim::kMaxCountries).countries() == ccsim::kMaxCountries);
  try {
    world_of(ccsim::kMaxCountries + 1);
    FAIL("a table of 255 countries was accepted");
  } catch (const ccsim::InputError& e) {
    CHECK_THAT(e.what(), Catch::Contains("countries.csv") &&
                             Catch::Contains("255 countries: at most 254 are supported"));
  }
}
