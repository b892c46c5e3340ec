#pragma once
// Fixed dimensions of the model: sectors, regions, competitor origins, agreement kinds, risk kinds.
#include <array>
#include <cstddef>
#include <string_view>

namespace ccsim {

// Countries are numbered in a byte, 255 meaning none (state.hpp's kNoCountry).
inline constexpr int kMaxCountries = 254;

// Nine industrial sectors (MODEL.md) and three infrastructure segments, which dominate B&R
// contracting (AEI's China Global Investment Tracker: energy and transport are 72% of B&R
// construction contracts 2013-2018; docs 001/002 name rail, power, telecom networks and the
// African transport network). The segments are sectors like the others: their contractors are
// firm agents with their own contract sizes, lags and competitors (docs/model.md, "Infrastructure
// segments").
inline constexpr std::size_t kSectors = 12;
inline constexpr std::size_t kIndustrialSectors = 9;
inline constexpr std::array<std::string_view, kSectors> kSectorKeys = {
    "steel", "nonferrous", "building_materials",  "chemicals", "machinery_rail", "automotive",
    "ict",   "new_energy", "light_manufacturing", "power",     "transport",      "telecom"};
enum Sector : int {
  kSteel,
  kNonferrous,
  kBuildingMaterials,
  kChemicals,
  kMachineryRail,
  kAutomotive,
  kIct,
  kNewEnergy,
  kLightManufacturing,
  kPower,      // power generation and grids (EPC of plants, lines, substations)
  kTransport,  // railways, roads, ports, airports
  kTelecom     // telecom networks (backbones, submarine and terrestrial cable, mobile networks)
};

// Regions of shared/data/br_countries_64.csv, plus two for countries outside the 64.
inline constexpr std::size_t kRegions = 9;
inline constexpr std::array<std::string_view, kRegions> kRegionKeys = {
    "mongolia_russia",        "southeast_asia", "south_asia", "west_asia_north_africa",
    "central_eastern_europe", "central_asia",   "cis_other",  "africa",
    "latin_america"};
inline constexpr std::array<std::string_view, kRegions> kRegionNames = {
    "Mongolia & Russia",
    "Southeast Asia",
    "South Asia",
    "West Asia & North Africa",
    "Central & Eastern Europe",
    "Central Asia",
    "CIS other",
    "Africa (outside the 64)",
    "Latin America (outside the 64)"};

inline constexpr std::size_t kOrigins = 3;
inline constexpr std::array<std::string_view, kOrigins> kOriginKeys = {"western", "middle_east",
                                                                       "india"};

inline constexpr std::size_t kAgreementKinds = 6;
inline constexpr std::array<std::string_view, kAgreementKinds> kAgreementKeys = {
    "capacity_mou", "bit", "dtt", "currency_swap", "bank_branch", "standards"};
enum Agreement : int { kMou, kBit, kDtt, kSwap, kBranch, kStandards };

inline constexpr std::size_t kRiskKinds = 4;
inline constexpr std::array<std::string_view, kRiskKinds> kRiskKeys = {"geopolitical", "policy",
                                                                       "cultural", "fx_credit"};

// Index of `key` in `keys`, or -1.
template <std::size_t N>
constexpr int index_of(const std::array<std::string_view, N>& keys, std::string_view key) {
  for (std::size_t i = 0; i < N; ++i)
    if (keys[i] == key) return static_cast<int>(i);
  return -1;
}

}  // namespace ccsim
