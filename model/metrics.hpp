#pragma once
// The one place that defines the output metrics: name, unit and meaning of every column of
// yearly.csv, countries.csv and sectors.csv. Flows are the year's; stocks are at year end.
#include <array>

namespace ccsim {

// What values a metric can take by its definition; the numerical guards (model/guard.hpp) and
// the library scan (tests/scenarios/outputs_test.cpp) read it. Every output is finite.
enum class Bound {
  NonNegative,  // stocks, flows, counts, levels: >= 0
  Unit          // shares and indices: in [0, 1]
};

// How a country metric adds up over a region's partners (regions_stats.csv): flows, stocks and
// counts sum; a country's index (capacity, risk, shock, policy support) becomes the
// GDP-weighted mean of the region's.
enum class Aggregate { Sum, GdpMean };

struct MetricDef {
  const char* name;
  const char* unit;
  const char* description;
  Bound bound = Bound::NonNegative;
  Aggregate aggregate = Aggregate::Sum;
};

// Per country and year (countries.csv). Sums of these over the 64 partners make most of yearly.csv.
enum CountryMetric : int {
  cm_odi_flow,
  cm_odi_stock,
  cm_projects_started,
  cm_investment_projects_started,
  cm_epc_contracts,
  cm_epc_value,
  cm_epc_turnover,
  cm_bid_value,
  cm_policy_loans,
  cm_loans_requested,
  cm_commercial_loans,
  cm_loans_outstanding,
  cm_npl,
  cm_insured,
  cm_claims,
  cm_premiums,
  cm_fund_equity,
  cm_zones,
  cm_zone_firms,
  cm_zone_output,
  cm_zone_taxes,
  cm_zone_jobs,
  cm_jobs,
  cm_output,
  cm_taxes,
  cm_losses,
  cm_crowding_loss,
  cm_projects_dropped,
  cm_projects_failed,
  cm_under_construction,
  cm_capacity,
  cm_risk,
  cm_shock,
  cm_policy_support,
  cm_gdp,
  cm_zone_output_cum,
  cm_zone_taxes_cum,
  cm_zone_investment_cum,
  cm_construction_jobs,
  kCountryMetrics
};
extern const std::array<MetricDef, kCountryMetrics> kCountryMetricDefs;

// Per sector and year (sectors.csv), over the 64 partners.
enum SectorMetric : int {
  sm_odi_flow,
  sm_projects_started,
  sm_epc_contracts,
  sm_epc_value,
  sm_epc_turnover,
  sm_bid_value,
  sm_output,
  sm_jobs,
  sm_taxes,
  sm_losses,
  sm_crowding_loss,
  sm_under_construction,
  sm_countries_present,
  sm_overcapacity,
  sm_market_share,
  sm_construction_jobs,
  kSectorMetrics
};
extern const std::array<MetricDef, kSectorMetrics> kSectorMetricDefs;

// yearly.csv: either the sum of a country metric over the 64 partners, or computed on its own.
enum class YearlySource {
  CountrySum,
  HostCapacity,
  MarketShare,
  FirmsGoingOut,
  HighRiskOdi,
  LendingBudget,
  BudgetUsed,
  BudgetBound,
  ShortTermCover,
  SinosureCover,
  MouCountries,
  FirmsGoingOutShare,
  NplRatio
};
struct YearlyDef {
  MetricDef def;
  YearlySource source;
  int country_metric;  // for CountrySum
};
inline constexpr int kYearlyMetrics = 45;
extern const std::array<YearlyDef, kYearlyMetrics> kYearlyDefs;

// Index of a yearly metric by name, or -1.
int yearly_index(const char* name);

}  // namespace ccsim
