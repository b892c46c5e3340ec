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

namespace {

// The problems make_world finds in the given tables (two countries AAA and AAB unless
// `countries` is given), as "file: location: message" lines.
std::string world_problems(const std::string& gdp, const std::string& agreements = "",
                           const std::string& zones = "", const std::string& countries = "") {
  using ccsim::test::table_from;
  try {
    ccsim::make_world(table_from(countries.empty() ? countries_csv(2) : countries),
                      table_from("iso3,year,gdp_usd_bn\n" + gdp),
                      table_from("iso3,kind,year\n" + agreements),
                      table_from("name,iso3,sector_focus,open_year\n" + zones), "d");
  } catch (const ccsim::InputError& e) {
    std::string s;
    for (const auto& i : e.issues()) s += i.to_string() + "\n";
    return s;
  }
  return "";
}

}  // namespace

TEST_CASE("world: every numeric cell is checked, all problems reported with line and column",
          "[world]") {
  // A GDP of 0 would divide by zero; NaN, negative or infinite values are no GDP either.
  const std::string p = world_problems(
      "AAA,2013,0\nAAA,2014,nan\nAAA,2015,-3\nAAA,2016,inf\nAAB,2013,5\nAAB,2013,6\n");
  CHECK_THAT(p, Catch::Contains("d/country_gdp.csv: line 2, column 3 (gdp_usd_bn): expected a "
                                "number in (0, 1000000] (US$ bn), found '0'"));
  CHECK_THAT(p, Catch::Contains("line 3, column 3 (gdp_usd_bn)") && Catch::Contains("found 'nan'"));
  CHECK_THAT(p, Catch::Contains("line 4, column 3 (gdp_usd_bn)") && Catch::Contains("found '-3'"));
  CHECK_THAT(p, Catch::Contains("line 5, column 3 (gdp_usd_bn)") && Catch::Contains("found 'inf'"));
  CHECK_THAT(p, Catch::Contains("d/country_gdp.csv: line 7, column 2 (year): AAB 2013 appears "
                                "twice: line 6 has it too"));
  // Years: whole numbers in the range the model reads.
  CHECK_THAT(world_problems("AAA,2013.5,1\nAAA,1800,1\n"),
             Catch::Contains("line 2, column 2 (year): expected a whole number") &&
                 Catch::Contains("line 3, column 2 (year)"));

  // An open_year out of int range was undefined behaviour in the conversion.
  const std::string z = world_problems("", "", "Z1,AAA,mixed,1e12\nZ1,AAB,steel,2010\n");
  CHECK_THAT(z, Catch::Contains("d/zones.csv: line 2, column 4 (open_year): expected a whole "
                                "number in [1900, 2100] (a calendar year), found '1e12'"));
  CHECK_THAT(z, Catch::Contains("d/zones.csv: line 3, column 1 (name): zone 'Z1' appears twice"));

  const std::string a = world_problems("", "AAA,bit,2001\nAAA,bit,2005\nAAB,dtt,-inf\n");
  CHECK_THAT(a, Catch::Contains("d/agreements.csv: line 3, column 2 (kind): agreement bit of AAA "
                                "appears twice"));
  CHECK_THAT(a, Catch::Contains("d/agreements.csv: line 4, column 3 (year)"));

  // The countries table: positive sizes, shares in [0, 1], distinct codes.
  std::string c = countries_csv(2);
  c += "AAA,Again,Central Asia,1,-1,nan,0.03,9,0,0,0,0,-2,,0,1.5,0\n";
  const std::string cp = world_problems("", "", "", c);
  CHECK_THAT(cp, Catch::Contains("d/countries.csv: line 4, column 1 (iso3): country AAA appears "
                                 "twice: line 2 has it too"));
  for (const char* col : {"column 5 (gdp_usd_bn_2013)", "column 6 (population_mn_2013)",
                          "column 8 (wgi_political_stability)",
                          "column 13 (gcdf_commitments_usd_bn)", "column 16 (resource_metals)"}) {
    INFO(col);
    CHECK_THAT(cp, Catch::Contains(std::string("d/countries.csv: line 4, ") + col));
  }
}
