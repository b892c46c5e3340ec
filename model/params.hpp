#pragma once
// Every number a scenario can set, and the one declaration of each (key, type, unit, default,
// range, description) that parsing, validation, `ccsim schema` and the parameter reference use.
#include <array>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "model/dims.hpp"

namespace ccsim {

using SectorArray = std::array<double, kSectors>;
using RegionArray = std::array<double, kRegions>;

struct CompetitorParams {
  SectorArray competitiveness{};  // 0-1, against Chinese firms' 1 - tech gap
  double trend = 0;               // annual change of competitiveness
  RegionArray presence{};         // 0-1 share of markets where the origin bids
};

// All numeric levers and behavioural parameters for one year. Timelines produce one per year.
struct Params {
  // simulation
  double start_year, end_year, spinup_years, firm_agents, firm_population, replications, seed;
  // policy support
  double lending_budget_usd_bn, lending_budget_growth, exposure_limit_gdp_share;
  double policy_loan_share_fdi, policy_loan_share_epc, epc_credit_share, soe_loan_bonus,
      sovereign_guarantee_share, loan_tenor_years;
  double fund_budget_usd_bn, fund_budget_growth, fund_share_max;
  double insurance_coverage, insurance_loan_cover, insurance_premium_rate, insurance_effectiveness,
      interest_subsidy, short_term_cover_usd_bn;
  double signing_rate, agreement_data_horizon;
  double platform_coordination, platform_membership;
  double park_support_usd_bn, standards_programme;
  // risk
  double global_multiplier, fx_volatility;
  RegionArray region_multiplier;
  std::map<std::string, double> country_multiplier;  // iso3 -> multiplier
  std::array<double, kRiskKinds> hazard;             // annual event probability at component 1
  std::array<double, kRiskKinds> weight;             // composite risk weights
  RegionArray cultural_distance;
  double shock_severity_min, shock_severity_max, shock_persistence;
  double project_hazard, shock_hazard, failure_share, impairment_severity;
  double sovereign_npl_share, npl_writeoff_rate;
  // competition
  std::array<CompetitorParams, kOrigins> competitor;
  double win_intercept, win_tech, win_finance, win_competition, presence_gain, presence_reversion;
  // domestic
  SectorArray overcapacity, tech_restriction, tech_level;
  double overcapacity_decline, tech_growth, restriction_productivity_loss;
  // sector structure
  SectorArray demand_share, fdi_size_musd, epc_size_musd, output_per_usd, jobs_per_musd;
  SectorArray tax_yield, construction_years, epc_share, labour_intensity, equity_share, firm_share;
  SectorArray construction_jobs_per_musd;
  double epc_size_gdp_elasticity, epc_size_trend, epc_financing_delay_years;
  // firm behaviour
  double soe_share, propensity_intercept, push_pressure, push_soe, push_capital, push_experience,
      push_inclusive_value;
  std::array<double, 3> risk_aversion;  // by firm risk class: tolerant, neutral, averse
  double beta_market, beta_growth, beta_resource, beta_policy, beta_finance_cost, beta_park,
      beta_experience, beta_competition, beta_crowding, beta_support, beta_labour, beta_package;
  std::array<double, kAgreementKinds> agreement_weight;
  double base_finance_cost, branch_cost_effect, swap_cost_effect;
  double epc_shift, epc_extra_bids, epc_low_capacity, ma_share, ma_size_factor, size_sigma,
      size_capital_elasticity;
  double min_financed_share, commercial_branch_bonus, commercial_substitution, project_life_years;
  double commercial_buyer_credit;
  // zones
  double park_entry, zone_facility_share, zone_quality_initial, zone_quality_gain,
      zone_quality_decay, zone_cluster_threshold, zone_open_rate, zone_agglomeration,
      zone_productivity, zone_support_open_effect, zone_policy_open_effect, zone_host_open_effect;
  // host and learning
  double capacity_cap_floor, capacity_cap_slope, upgrade_rate, standards_threshold;
  double experience_success, experience_failure, experience_cap;
  double crowding_scale, crowding_loss, crowding_margin;
  // free parameters fitted by calibration
  double fdi_size_scale, epc_size_scale, tax_yield_scale, jobs_scale;
};

enum class ValueKind { Number, Integer };
enum class Shape { Scalar, BySector, ByRegion, ByCountry };

struct ParamDecl {
  std::string pointer;  // JSON pointer under the scenario root, e.g. "/policy/insurance_coverage"
  ValueKind kind;
  Shape shape;
  std::string unit;
  std::vector<double> defaults;  // 1 value, or one per sector/region
  double min, max;
  std::string description;
  bool schedulable;                       // may appear in the timeline
  std::function<double*(Params&)> field;  // first element (Scalar, BySector, ByRegion)
  std::function<std::map<std::string, double>*(Params&)> map_field;  // ByCountry

  std::size_t width() const;                     // elements: 1, kSectors or kRegions
  const std::string_view* element_keys() const;  // sector or region keys, or nullptr
};

// The declarations, in documentation order.
const std::vector<ParamDecl>& param_declarations();

// The declaration whose pointer is `pointer`, or nullptr.
const ParamDecl* find_param(const std::string& pointer);

// Parameters at their declared defaults.
Params default_params();

}  // namespace ccsim
