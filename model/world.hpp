#pragma once
// The static inputs of a run: partner countries (scenarios/data/countries.csv), their GDP history,
// agreements with China and the named cooperation zones. Built from parsed tables.
#include <Eigen/Core>
#include <climits>
#include <string>
#include <vector>

#include "model/dims.hpp"
#include "model/io/csv.hpp"

namespace ccsim {

struct ZoneSeed {
  std::string name;
  int country;
  int sector;  // -1 for a mixed zone
  int open_year;
};

struct World {
  static constexpr int kNever = INT_MAX;

  std::vector<std::string> iso3, name;
  Eigen::ArrayXi region;  // countries: index into kRegionKeys
  Eigen::ArrayXd br64;    // countries: 1 for the 64 partners, 0 for countries outside
  Eigen::ArrayXd gdp_2013_usd_bn, population_mn, growth_trend;
  // countries x 5: political stability, regulatory quality, rule of law, government
  // effectiveness, control of corruption (WGI estimates, about -2.5..2.5)
  Eigen::ArrayXXd wgi;
  Eigen::ArrayXd gcdf_usd_bn;
  Eigen::ArrayXXd resource;  // countries x 3: oil & gas, metals, non-metallic minerals (0-1)
  // countries x years from gdp_first_year: historical GDP, NaN where missing
  Eigen::ArrayXXd gdp_history;
  int gdp_first_year = 2005;
  Eigen::ArrayXXi agreement_year;  // countries x kAgreementKinds; kNever when none
  std::vector<ZoneSeed> zones;

  int countries() const { return static_cast<int>(iso3.size()); }
  int country_index(const std::string& code) const;  // -1 when absent
};

// Builds the world from the four tables; `dir` names them in error messages. Throws InputError
// with every problem found.
World make_world(const io::CsvTable& countries, const io::CsvTable& gdp,
                 const io::CsvTable& agreements, const io::CsvTable& zones, const std::string& dir);

// Names of the data files inside a scenario's data directory.
inline constexpr const char* kCountriesFile = "countries.csv";
inline constexpr const char* kGdpFile = "country_gdp.csv";
inline constexpr const char* kAgreementsFile = "agreements.csv";
inline constexpr const char* kZonesFile = "zones.csv";

}  // namespace ccsim
