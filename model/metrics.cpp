#include "model/metrics.hpp"

#include <cstring>

namespace ccsim {

const std::array<MetricDef, kCountryMetrics> kCountryMetricDefs = {{
    {"odi_flow_usd_bn", "US$ bn",
     "Chinese direct investment disbursed (equity and fund stakes, "
     "spread over construction)"},
    {"odi_stock_usd_bn", "US$ bn",
     "Direct investment accumulated since the first simulated year, "
     "less equity written off"},
    {"projects_started", "projects", "Investment projects and EPC contracts started"},
    {"investment_projects_started", "projects",
     "Investment projects (greenfield, in parks, M&A) "
     "started"},
    {"epc_contracts_signed", "contracts",
     "EPC contracts won and signed by Chinese firms (with those whose finance never came through)"},
    {"epc_contract_value_usd_bn", "US$ bn",
     "Value of EPC contracts signed (with those whose finance never came through)"},
    {"epc_turnover_usd_bn", "US$ bn", "EPC turnover: contract value completed during the year"},
    {"bid_value_usd_bn", "US$ bn", "Value of all EPC contracts Chinese firms bid for"},
    {"policy_loans_usd_bn", "US$ bn",
     "Policy-bank (CDB + China Exim) loans issued: committed to contracts signed and "
     "investments that went ahead"},
    {"policy_loans_requested_usd_bn", "US$ bn",
     "Policy loans asked by the contracts won and the investments going ahead, before rationing"},
    {"commercial_loans_usd_bn", "US$ bn",
     "Commercial-bank loans that filled part of an investment's policy-loan shortfall"},
    {"policy_loans_outstanding_usd_bn", "US$ bn", "Performing policy loans outstanding"},
    {"npl_usd_bn", "US$ bn", "Non-performing policy loans outstanding"},
    {"insured_usd_bn", "US$ bn",
     "New Sinosure project cover: on investments' equity and on policy loans, each exposure "
     "once"},
    {"insurance_claims_usd_bn", "US$ bn", "Insured losses paid as claims (never above the losses)"},
    {"insurance_premiums_usd_bn", "US$ bn",
     "Premiums on project cover in force, priced on the host's risk"},
    {"fund_equity_usd_bn", "US$ bn", "Equity co-invested by funds (Silk Road Fund, bilateral)"},
    {"zones", "zones", "Cooperation zones open"},
    {"zone_firms", "enterprises", "Enterprises in cooperation zones"},
    {"zone_output_usd_bn", "US$ bn", "Output of enterprises in zones"},
    {"zone_taxes_usd_bn", "US$ bn", "Taxes paid to the host by enterprises in zones"},
    {"zone_jobs", "jobs", "Local jobs in zones"},
    {"jobs_total", "jobs", "Local jobs in operating Chinese investment projects"},
    {"output_total_usd_bn", "US$ bn", "Output of operating Chinese investment projects"},
    {"taxes_total_usd_bn", "US$ bn", "Taxes paid to hosts by operating investment projects"},
    {"losses_usd_bn", "US$ bn", "Project value lost to risk events (failures and impairments)"},
    {"crowding_loss_usd_bn", "US$ bn", "Margin lost to price competition among Chinese firms"},
    {"projects_dropped", "projects",
     "Investment projects dropped, and EPC contracts signed that never came into force, for want "
     "of finance"},
    {"projects_failed", "projects", "Projects killed by risk events"},
    {"under_construction_value_usd_bn", "US$ bn",
     "Value of projects and contracts under "
     "construction at year end"},
    {"supporting_capacity", "0-1", "Host industrial supporting capacity", Bound::Unit,
     Aggregate::GdpMean},
    {"effective_risk", "0-1+", "Composite country risk with this year's shocks", Bound::NonNegative,
     Aggregate::GdpMean},
    {"shock_severity", "0-1", "Severity of risk events in force", Bound::Unit, Aggregate::GdpMean},
    {"policy_support_index", "0-1",
     "Agreements with China in force, weighted: sum of agreement_weight of the kinds in force "
     "over the sum of all agreement_weight (0 when every weight is 0)",
     Bound::Unit, Aggregate::GdpMean},
    {"gdp_usd_bn", "US$ bn",
     "Host GDP: observed to the data's last year (moved off that path by scheduled shocks), then "
     "trend growth slowed by shocks"},
    {"zone_output_cum_usd_bn", "US$ bn",
     "Output of enterprises in zones accumulated since the first simulated year (spin-up "
     "included): the zones' output since their opening, as MOFCOM counts it"},
    {"zone_taxes_cum_usd_bn", "US$ bn",
     "Taxes paid to the host by enterprises in zones accumulated since the first simulated year "
     "(spin-up included)"},
    {"zone_investment_cum_usd_bn", "US$ bn",
     "Investment built inside zones by their enterprises accumulated since the first simulated "
     "year (spin-up included): MOFCOM's cumulative investment of zone enterprises"},
    {"construction_jobs", "jobs",
     "Host workers employed in the year building Chinese EPC contracts and investment projects "
     "(construction done times construction_jobs_per_musd)"},
}};

const std::array<MetricDef, kSectorMetrics> kSectorMetricDefs = {{
    {"odi_flow_usd_bn", "US$ bn", "Direct investment disbursed in the sector"},
    {"projects_started", "projects", "Investment projects and EPC contracts started"},
    {"epc_contracts_signed", "contracts",
     "EPC contracts signed (with those whose finance never came through)"},
    {"epc_contract_value_usd_bn", "US$ bn",
     "Value of EPC contracts signed (with those whose finance never came through)"},
    {"epc_turnover_usd_bn", "US$ bn", "EPC turnover"},
    {"bid_value_usd_bn", "US$ bn", "Value of EPC bids"},
    {"output_usd_bn", "US$ bn", "Output of operating investment projects"},
    {"jobs", "jobs", "Local jobs in operating investment projects"},
    {"taxes_usd_bn", "US$ bn", "Taxes paid to hosts"},
    {"losses_usd_bn", "US$ bn", "Project value lost to risk events"},
    {"crowding_loss_usd_bn", "US$ bn", "Margin lost to price competition among Chinese firms"},
    {"under_construction_value_usd_bn", "US$ bn", "Value under construction at year end"},
    {"countries_present", "countries", "Partner countries with a live project of the sector"},
    {"overcapacity_pressure", "0-1", "Domestic overcapacity pressure", Bound::Unit},
    {"chinese_market_share", "share", "Share of EPC bid value won by Chinese firms", Bound::Unit},
    {"construction_jobs", "jobs",
     "Host workers employed building the sector's contracts and projects"},
}};

namespace {
constexpr YearlyDef sum(const char* name, const char* unit, const char* desc, int cm) {
  return {{name, unit, desc}, YearlySource::CountrySum, cm};
}
constexpr YearlyDef own(const char* name, const char* unit, const char* desc, YearlySource s,
                        Bound bound = Bound::NonNegative) {
  return {{name, unit, desc, bound}, s, -1};
}
}  // namespace

const std::array<YearlyDef, kYearlyMetrics> kYearlyDefs = {{
    sum("odi_flow_usd_bn", "US$ bn", "Chinese direct investment disbursed in the 64 partners",
        cm_odi_flow),
    sum("odi_stock_usd_bn", "US$ bn",
        "Direct investment accumulated since the first simulated "
        "year, less equity written off",
        cm_odi_stock),
    sum("projects_started", "projects", "Investment projects and EPC contracts started",
        cm_projects_started),
    sum("epc_contracts_signed", "contracts",
        "EPC contracts won and signed by Chinese firms (with those whose finance never came "
        "through)",
        cm_epc_contracts),
    sum("epc_contract_value_usd_bn", "US$ bn",
        "Value of EPC contracts signed (with those whose finance never came through)",
        cm_epc_value),
    sum("epc_turnover_usd_bn", "US$ bn", "EPC turnover (value completed in the year)",
        cm_epc_turnover),
    sum("policy_loans_usd_bn", "US$ bn",
        "Policy-bank loans issued (committed to contracts signed and investments going ahead)",
        cm_policy_loans),
    sum("policy_loans_outstanding_usd_bn", "US$ bn", "Performing policy loans outstanding",
        cm_loans_outstanding),
    sum("npl_usd_bn", "US$ bn", "Non-performing policy loans outstanding", cm_npl),
    sum("insured_usd_bn", "US$ bn",
        "New Sinosure project cover (investments' equity, policy loans)", cm_insured),
    sum("insurance_claims_usd_bn", "US$ bn", "Insurance claims paid", cm_claims),
    sum("zones", "zones", "Cooperation zones open", cm_zones),
    sum("zone_firms", "enterprises", "Enterprises in zones", cm_zone_firms),
    sum("zone_output_usd_bn", "US$ bn", "Output of zone enterprises", cm_zone_output),
    sum("zone_taxes_usd_bn", "US$ bn", "Taxes paid to hosts by zone enterprises", cm_zone_taxes),
    sum("zone_jobs", "jobs", "Local jobs in zones", cm_zone_jobs),
    sum("jobs_total", "jobs", "Local jobs in operating investment projects", cm_jobs),
    sum("taxes_total_usd_bn", "US$ bn", "Taxes paid to hosts by investment projects", cm_taxes),
    sum("losses_usd_bn", "US$ bn", "Project value lost to risk events", cm_losses),
    own("host_capacity_index", "0-1", "GDP-weighted mean supporting capacity of the 64 partners",
        YearlySource::HostCapacity, Bound::Unit),
    own("chinese_market_share", "share", "Share of EPC bid value won by Chinese firms",
        YearlySource::MarketShare, Bound::Unit),
    sum("output_total_usd_bn", "US$ bn", "Output of operating investment projects", cm_output),
    sum("investment_projects_started", "projects", "Investment projects started",
        cm_investment_projects_started),
    sum("projects_dropped", "projects",
        "Investment projects dropped, and EPC contracts signed that never came into force, for "
        "want of finance",
        cm_projects_dropped),
    sum("projects_failed", "projects", "Projects killed by risk events", cm_projects_failed),
    own("firms_going_out", "enterprises", "Enterprises that went out this year",
        YearlySource::FirmsGoingOut),
    sum("insurance_premiums_usd_bn", "US$ bn", "Insurance premiums", cm_premiums),
    sum("fund_equity_usd_bn", "US$ bn", "Equity co-invested by funds", cm_fund_equity),
    sum("crowding_loss_usd_bn", "US$ bn", "Margin lost to price competition among Chinese firms",
        cm_crowding_loss),
    sum("under_construction_value_usd_bn", "US$ bn", "Value under construction at year end",
        cm_under_construction),
    own("odi_high_risk_usd_bn", "US$ bn",
        "Direct investment disbursed in the third of partners "
        "with the highest base risk",
        YearlySource::HighRiskOdi),
    own("lending_budget_usd_bn", "US$ bn", "Policy-bank lending budget of the year",
        YearlySource::LendingBudget),
    sum("policy_loans_requested_usd_bn", "US$ bn",
        "Policy loans asked by the contracts won and the investments going ahead",
        cm_loans_requested),
    sum("commercial_loans_usd_bn", "US$ bn",
        "Commercial-bank loans filling investments' policy-loan shortfalls", cm_commercial_loans),
    own("lending_budget_used_share", "share",
        "Share of the year's lending budget committed (package loans are on top of it)",
        YearlySource::BudgetUsed, Bound::Unit),
    own("lending_budget_bound", "0/1",
        "1 if the lending budget left some request short this year (its mean over replications "
        "is the probability that it binds)",
        YearlySource::BudgetBound),
    own("short_term_cover_usd_bn", "US$ bn",
        "Sinosure short-term export credit cover to the partners (a book of its own, following "
        "their GDP)",
        YearlySource::ShortTermCover),
    own("sinosure_cover_usd_bn", "US$ bn",
        "Sinosure cover of exports and investment: project cover plus the short-term book "
        "(doc 004's figure)",
        YearlySource::SinosureCover),
    own("mou_countries", "countries", "Partners with a capacity-cooperation document in force",
        YearlySource::MouCountries),
    sum("zone_output_cum_usd_bn", "US$ bn",
        "Output of zone enterprises accumulated since the first simulated year (spin-up included)",
        cm_zone_output_cum),
    sum("zone_taxes_cum_usd_bn", "US$ bn",
        "Taxes paid to hosts by zone enterprises accumulated since the first simulated year",
        cm_zone_taxes_cum),
    sum("zone_investment_cum_usd_bn", "US$ bn",
        "Investment built inside zones by their enterprises accumulated since the first simulated "
        "year",
        cm_zone_investment_cum),
    sum("construction_jobs", "jobs",
        "Host workers employed in the year building Chinese EPC contracts and investment projects",
        cm_construction_jobs),
    own("firms_going_out_share", "share",
        "Share of the firm population that went out this year (MOFCOM: about 31% of China's "
        "outward investors invested in 2016)",
        YearlySource::FirmsGoingOutShare, Bound::Unit),
    own("npl_ratio", "share",
        "Non-performing share of the policy loans outstanding in the 64 partners (performing "
        "and not)",
        YearlySource::NplRatio, Bound::Unit),
}};

int yearly_index(const char* name) {
  for (int i = 0; i < kYearlyMetrics; ++i)
    if (std::strcmp(kYearlyDefs[static_cast<std::size_t>(i)].def.name, name) == 0) return i;
  return -1;
}

}  // namespace ccsim
