#include "model/params.hpp"

#include <stdexcept>

namespace ccsim {

namespace {

using Field = std::function<double*(Params&)>;

class Builder {
 public:
  explicit Builder(std::vector<ParamDecl>& out) : out_(out) {}

  Builder& group(std::string prefix) {
    prefix_ = std::move(prefix);
    return *this;
  }
  // A real-valued scalar that the timeline may change.
  void num(const std::string& key, double Params::*m, const char* unit, double def, double lo,
           double hi, const char* desc, bool schedulable = true) {
    add(key, ValueKind::Number, Shape::Scalar, unit, {def}, lo, hi, desc, schedulable,
        [m](Params& p) { return &(p.*m); });
  }
  void integer(const std::string& key, double Params::*m, const char* unit, double def, double lo,
               double hi, const char* desc) {
    add(key, ValueKind::Integer, Shape::Scalar, unit, {def}, lo, hi, desc, false,
        [m](Params& p) { return &(p.*m); });
  }
  void num_at(const std::string& key, Field f, const char* unit, double def, double lo, double hi,
              const char* desc) {
    add(key, ValueKind::Number, Shape::Scalar, unit, {def}, lo, hi, desc, true, std::move(f));
  }
  void sectors(const std::string& key, SectorArray Params::*m, const char* unit, SectorArray def,
               double lo, double hi, const char* desc) {
    sectors_at(
        key, [m](Params& p) { return (p.*m).data(); }, unit, def, lo, hi, desc);
  }
  void sectors_at(const std::string& key, Field f, const char* unit, SectorArray def, double lo,
                  double hi, const char* desc) {
    add(key, ValueKind::Number, Shape::BySector, unit, {def.begin(), def.end()}, lo, hi, desc, true,
        std::move(f));
  }
  void regions_at(const std::string& key, Field f, const char* unit, RegionArray def, double lo,
                  double hi, const char* desc) {
    add(key, ValueKind::Number, Shape::ByRegion, unit, {def.begin(), def.end()}, lo, hi, desc, true,
        std::move(f));
  }
  void countries(const std::string& key, std::map<std::string, double> Params::*m, const char* unit,
                 double lo, double hi, const char* desc) {
    ParamDecl d{prefix_ + "/" + key,
                ValueKind::Number,
                Shape::ByCountry,
                unit,
                {},
                lo,
                hi,
                desc,
                true,
                nullptr,
                [m](Params& p) { return &(p.*m); }};
    out_.push_back(std::move(d));
  }

 private:
  void add(const std::string& key, ValueKind kind, Shape shape, const char* unit,
           std::vector<double> defs, double lo, double hi, const char* desc, bool schedulable,
           Field f) {
    out_.push_back(ParamDecl{prefix_ + "/" + key, kind, shape, unit, std::move(defs), lo, hi, desc,
                             schedulable, std::move(f), nullptr});
  }
  std::vector<ParamDecl>& out_;
  std::string prefix_;
};

RegionArray fill(double v) {
  RegionArray a;
  a.fill(v);
  return a;
}

std::vector<ParamDecl> declare() {
  std::vector<ParamDecl> d;
  Builder b(d);
  constexpr double kInf = 1e12;

  b.group("/simulation");
  b.integer("start_year", &Params::start_year, "year", 2013, 2000, 2100,
            "First year recorded in the outputs. Figures of the 2013-2016 calibration need 2013.");
  b.integer("end_year", &Params::end_year, "year", 2030, 2000, 2100, "Last year simulated.");
  b.integer("spinup_years", &Params::spinup_years, "years", 5, 0, 8,
            "Years simulated before start_year, not recorded, so that 2013 starts with the "
            "projects, parks and loans of earlier years (historical GDP drives them).");
  b.integer("firm_agents", &Params::firm_agents, "agents", 4000, 10, 5e7,
            "Number of firm agents: the model's resolution. Each agent stands for "
            "firm_population/firm_agents real enterprises. Totals should not depend on it; zone "
            "figures still do, by 3-5% between 2,000 and 8,000 agents, through the zones' "
            "agglomeration's lumps (bench/resolution.py, docs/performance.md).");
  b.num("firm_population", &Params::firm_population, "enterprises", 40000, 1, 1e7,
        "Chinese enterprises able to go out to partner countries that the agents represent "
        "(assumption: about the 25,500 domestic investors holding direct investment abroad at "
        "end-2017, MOFCOM/NBS/SAFE Statistical Bulletin 2017, and the contracting firms). With "
        "the share going out (a calibration target) it fixes how many go out.",
        false);
  b.integer("replications", &Params::replications, "runs", 20, 1, 1e6,
            "Independent replications; each draws its own random streams.");
  b.integer("seed", &Params::seed, "", 20130907, 0, 9007199254740991.0,
            "Master seed. Replication r of two runs with the same seed shares random streams "
            "(common random numbers).");

  b.group("/policy");
  b.num("lending_budget_usd_bn", &Params::lending_budget_usd_bn, "US$ bn/year", 40, 0, 1e4,
        "Policy-bank (CDB + China Exim) lending budget for partner countries in start_year: it "
        "rations the loans of contracts won and investments going ahead (free parameter, "
        "calibrated: doc 004 reports over US$110bn issued 2013-2016). Package special loans are "
        "on top of it.");
  b.num("lending_budget_growth", &Params::lending_budget_growth, "1/year", 0.05, -0.5, 1,
        "Annual growth of the lending budget.");
  b.num("exposure_limit_gdp_share", &Params::exposure_limit_gdp_share, "share of host GDP", 0.15, 0,
        10,
        "Country exposure limit: policy loans outstanding, performing or not, may not exceed this "
        "share of the host's GDP.");
  b.num("policy_loan_share_fdi", &Params::policy_loan_share_fdi, "share", 0.25, 0, 1,
        "Share of an investment project's cost asked of policy banks (at most what equity and the "
        "fund's stake leave to debt).");
  b.num("policy_loan_share_epc", &Params::policy_loan_share_epc, "share", 0.6, 0, 1,
        "Share of an EPC contract's value asked of policy banks as buyer's credit, for a contract "
        "financed by one (preferential buyer's credit covers most of a contract).");
  b.num("epc_credit_share", &Params::epc_credit_share, "share", 0.8, 0, 1,
        "Share of EPC contracts financed by a Chinese policy-bank buyer's credit; the rest are "
        "paid by their hosts, multilateral banks or others, ask no policy loan and owe their bids "
        "nothing to Chinese finance (assumption).");
  b.integer("epc_financing_delay_years", &Params::epc_financing_delay_years, "years", 0, 0, 5,
            "Years between the signing of an EPC contract financed by a Chinese buyer's credit and "
            "the start of its works: the commercial contract comes into force only once its loan "
            "agreement has (a clause of Chinese EPC contracts, docs/model.md 'Policy finance'); "
            "MOFCOM counts the contract at signing. 0 by default; the baseline waits a year, which "
            "fits the 2013-2016 targets better (docs/model.md, 'Backlog').");
  b.num("soe_loan_bonus", &Params::soe_loan_bonus, "share", 0.1, 0, 1,
        "Extra policy-loan share that state-owned enterprises ask for and get.");
  b.num("sovereign_guarantee_share", &Params::sovereign_guarantee_share, "share", 0.7, 0, 1,
        "Share of an EPC contract's buyer's credit borrowed or guaranteed by the host government: "
        "when the project fails or is impaired that part stays owed and serviced by the host "
        "budget (it sours only through the host's FX/credit events); the rest is the lender's "
        "loss (assumption after AidData 2021: about 30% of China's BRI-era lending to central "
        "governments, most of the rest to state-owned borrowers, often host-guaranteed).");
  b.num("loan_tenor_years", &Params::loan_tenor_years, "years", 12, 1, 40,
        "Years over which a performing loan is repaid after construction.");
  b.num("fund_budget_usd_bn", &Params::fund_budget_usd_bn, "US$ bn/year", 3, 0, 1e3,
        "Equity that funds (Silk Road Fund, bilateral funds) can co-invest each year.");
  b.num("fund_budget_growth", &Params::fund_budget_growth, "1/year", 0.05, -0.5, 1,
        "Annual growth of the fund budget.");
  b.num("fund_share_max", &Params::fund_share_max, "share", 0.15, 0, 0.5,
        "Largest share of an investment project a fund takes.");
  b.num("insurance_coverage", &Params::insurance_coverage, "share", 0.9, 0, 1,
        "Share of an investment's Chinese equity that Sinosure insures (overseas investment "
        "insurance; assumption: it indemnifies up to 90-95% of a covered loss; doc 004: major "
        "projects 'insured as fully as they should be'). EPC contractors are covered through "
        "their buyer's credits (insurance_loan_cover) and the short-term book.");
  b.num("insurance_loan_cover", &Params::insurance_loan_cover, "share", 0.5, 0, 1,
        "Share of each policy-bank loan that Sinosure insures (medium- and long-term credit "
        "insurance of buyer's credits), a separate exposure from the equity or receivable.");
  b.num("insurance_premium_rate", &Params::insurance_premium_rate, "share/year per unit risk",
        0.025, 0, 0.5,
        "Premium per insured dollar and year per unit of the host's structural country risk "
        "(1.25% a year at a risk of 0.5): set so that the baseline's premiums about cover its "
        "claims, Sinosure's break-even mandate (assumption); firms weigh the premium on their "
        "equity cover as a financing cost.");
  b.num("insurance_effectiveness", &Params::insurance_effectiveness, "share", 0.6, 0, 1,
        "How much of the covered risk a firm stops weighing: effective risk = risk x (1 - "
        "coverage x effectiveness).");
  b.num("interest_subsidy", &Params::interest_subsidy, "share", 0.0, 0, 0.1,
        "Interest subsidy on policy loans (rate points as a fraction); lowers financing cost.");
  b.num("short_term_cover_usd_bn", &Params::short_term_cover_usd_bn, "US$ bn/year", 60, 0, 1e4,
        "Sinosure's short-term export credit cover to the partners at their 2013 GDP, growing "
        "with their GDP: a book of its own, most of doc 004's 'exports and investment' cover "
        "(free parameter, calibrated with project cover to the over US$320bn of 2013-2016).");
  b.num("signing_rate", &Params::signing_rate, "1/year", 0.04, 0, 1,
        "After agreement_data_horizon, the yearly probability that a country without a given "
        "agreement signs it.");
  b.integer("agreement_data_horizon", &Params::agreement_data_horizon, "year", 2017, 2000, 2100,
            "Last year of the agreements table (scenarios/data/agreements.csv); later signings "
            "are drawn at signing_rate.");
  b.num("platform_coordination", &Params::platform_coordination, "share", 0.3, 0, 1,
        "Strength of industry-association platforms: the share of crowding that members avoid "
        "(doc 000: 'blindness and disorder').");
  b.num("platform_membership", &Params::platform_membership, "share", 0.3, 0, 1,
        "Share of firms that are members of an industry-association platform; a change during a "
        "run moves firms in or out by their own fixed draws (members at a lower share stay "
        "members).");
  b.num("park_support_usd_bn", &Params::park_support_usd_bn, "US$ bn/year", 0.5, 0, 100,
        "Budget that supports cooperation-zone infrastructure (raises quality and openings).");
  b.num("standards_programme", &Params::standards_programme, "1/year", 0.1, 0, 1,
        "Yearly probability that a host with enough Chinese building-materials projects adopts "
        "Chinese standards (doc 001: cement in Ethiopia, ceramics in Kenya).");

  b.group("/risk");
  b.num("global_multiplier", &Params::global_multiplier, "x", 1, 0, 10,
        "Multiplies every country's risk and event hazard.");
  b.num("fx_volatility", &Params::fx_volatility, "x", 1, 0, 10,
        "Multiplies the FX/credit risk component.");
  b.regions_at(
      "region_multiplier", [](Params& p) { return p.region_multiplier.data(); }, "x", fill(1), 0,
      10, "Per-region risk multiplier.");
  b.countries("country_multiplier", &Params::country_multiplier, "x", 0, 10,
              "Per-country risk multiplier, by ISO3 code (default 1).");
  const char* kind_desc[kRiskKinds] = {
      "geopolitical (from WGI political stability)",
      "policy/regulatory (WGI regulatory quality and rule of law)",
      "cultural (region's cultural distance)",
      "FX/credit (WGI government effectiveness and control of corruption)"};
  const double hazards[kRiskKinds] = {0.06, 0.05, 0.02, 0.05};
  const double weights[kRiskKinds] = {0.35, 0.3, 0.15, 0.2};
  for (std::size_t k = 0; k < kRiskKinds; ++k) {
    const std::string key(kRiskKeys[k]);
    b.num_at(
        "hazard/" + key, [k](Params& p) { return &p.hazard[k]; }, "1/year", hazards[k], 0, 1,
        (std::string("Yearly probability of a ") + kind_desc[k] +
         " event in a country whose component is 1.")
            .c_str());
    b.num_at(
        "weight/" + key, [k](Params& p) { return &p.weight[k]; }, "weight", weights[k], 0, 1,
        (std::string("Weight of the ") + kind_desc[k] + " component in composite risk.").c_str());
  }
  b.regions_at(
      "cultural_distance", [](Params& p) { return p.cultural_distance.data(); }, "0-1",
      {0.35, 0.3, 0.5, 0.7, 0.6, 0.35, 0.5, 0.65, 0.75}, 0, 1,
      "Cultural distance from China by region (doc 000 names cultural differences as a risk).");
  b.num("shock_severity_min", &Params::shock_severity_min, "0-1", 0.1, 0, 1,
        "Smallest severity of a drawn risk event.");
  b.num("shock_severity_max", &Params::shock_severity_max, "0-1", 0.6, 0, 1,
        "Largest severity of a drawn risk event.");
  b.num("shock_persistence", &Params::shock_persistence, "share", 0.5, 0, 0.99,
        "Share of a country's shock severity that carries into the next year.");
  b.num("project_hazard", &Params::project_hazard, "1/year", 0.02, 0, 1,
        "Yearly probability of a project event per unit of effective country risk.");
  b.num("shock_hazard", &Params::shock_hazard, "1/year", 0.25, 0, 1,
        "Yearly probability of a project event per unit of current shock severity.");
  b.num("failure_share", &Params::failure_share, "share", 0.3, 0, 1,
        "Share of project events that kill the project (the rest impair it).");
  b.num("impairment_severity", &Params::impairment_severity, "share", 0.3, 0, 1,
        "Share of a project's value lost in an impairment.");

  b.num("sovereign_npl_share", &Params::sovereign_npl_share, "share", 0.2, 0, 1,
        "Share of a country's performing policy loans that turn non-performing per unit of "
        "FX/credit event severity.");
  b.num("npl_writeoff_rate", &Params::npl_writeoff_rate, "1/year", 0.2, 0, 1,
        "Share of non-performing loans resolved (written off or restructured) each year.");

  b.group("/competition");
  // Infrastructure segments (power, transport, telecom; assumption after ENR's Top 250
  // International Contractors): Western firms lead power plant and network equipment, Turkish
  // and Gulf contractors (middle_east) are strong in transport works, Indian EPC firms in power
  // transmission.
  const SectorArray comp[kOrigins] = {{0.5, 0.5, 0.4, 0.7, 0.8, 0.8, 0.8, 0.6, 0.4, 0.8, 0.7, 0.8},
                                      {0.3, 0.3, 0.4, 0.6, 0.2, 0.1, 0.2, 0.3, 0.3, 0.3, 0.5, 0.1},
                                      {0.4, 0.3, 0.4, 0.4, 0.3, 0.4, 0.5, 0.4, 0.6, 0.5, 0.4, 0.4}};
  const RegionArray presence[kOrigins] = {{0.4, 0.5, 0.5, 0.6, 0.9, 0.3, 0.5, 0.5, 0.7},
                                          {0.1, 0.1, 0.3, 0.7, 0.1, 0.2, 0.1, 0.3, 0.1},
                                          {0.1, 0.3, 0.7, 0.3, 0.1, 0.2, 0.1, 0.4, 0.1}};
  for (std::size_t o = 0; o < kOrigins; ++o) {
    const std::string key(kOriginKeys[o]);
    b.sectors_at(
        key + "/competitiveness", [o](Params& p) { return p.competitor[o].competitiveness.data(); },
        "0-1", comp[o], 0, 2,
        "Competitiveness of this origin's firms by sector (doc 000: Western, Middle-East and "
        "Indian firms with homogeneous development).");
    b.num_at(
        key + "/trend", [o](Params& p) { return &p.competitor[o].trend; }, "1/year", 0.005, -0.5,
        0.5, "Annual change of this origin's competitiveness in every sector.");
    b.regions_at(
        key + "/presence", [o](Params& p) { return p.competitor[o].presence.data(); }, "0-1",
        presence[o], 0, 1, "Initial presence of this origin's firms in each region.");
  }
  b.num("win_intercept", &Params::win_intercept, "logit", 0.6, -10, 10,
        "Log-odds that a Chinese EPC bid wins against no competition.");
  b.num("win_tech", &Params::win_tech, "logit per unit", 2, 0, 20,
        "Weight of the technology edge in an EPC bid.");
  b.num("win_finance", &Params::win_finance, "logit per unit", 1.5, 0, 20,
        "Weight of the finance package (share of requested policy credit granted).");
  b.num("win_competition", &Params::win_competition, "logit per unit", 1.5, 0, 20,
        "Weight of competitor strength against a bid.");
  b.num("presence_gain", &Params::presence_gain, "share", 0.05, 0, 1,
        "How fast competitors' presence grows with the bids they win from Chinese firms.");
  b.num("presence_reversion", &Params::presence_reversion, "1/year", 0.2, 0, 1,
        "Yearly pull of competitors' presence back to its initial level.");

  b.group("/domestic");
  b.sectors("overcapacity", &Params::overcapacity, "0-1",
            {0.9, 0.8, 0.85, 0.6, 0.6, 0.4, 0.3, 0.75, 0.5, 0.6, 0.6, 0.3}, 0, 1,
            "Domestic overcapacity pressure in start_year (doc 002: the 'surplus capacity' "
            "motive; steel, non-ferrous and building materials named by doc 004; power and "
            "transport contractors face a slowing home construction market: assumption).");
  b.num("overcapacity_decline", &Params::overcapacity_decline, "1/year", 0.03, -0.5, 1,
        "Yearly relative decline of overcapacity pressure.");
  b.sectors("tech_restriction", &Params::tech_restriction, "0-1",
            {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0, 1,
            "Technology restrictions on 'neck-jamming' inputs (doc 003): cuts the sector's "
            "technology and productivity.");
  b.sectors("tech_level", &Params::tech_level, "0-1",
            {0.7, 0.7, 0.8, 0.55, 0.8, 0.5, 0.7, 0.85, 0.65, 0.8, 0.8, 0.75}, 0, 1,
            "Chinese firms' technology level by sector relative to the frontier (doc 001: "
            "rail, machinery and automobiles 'represent the higher technological level'; power "
            "and transport contractors as rail, telecom a little below: assumption).");
  b.num("tech_growth", &Params::tech_growth, "1/year", 0.005, -0.1, 0.1,
        "Yearly gain of Chinese firms' technology level.");
  b.num("restriction_productivity_loss", &Params::restriction_productivity_loss, "share", 0.5, 0, 1,
        "Share of output lost per unit of technology restriction.");

  b.group("/sectors");
  b.sectors("demand_share", &Params::demand_share, "share of GDP",
            {0.02, 0.01, 0.015, 0.03, 0.02, 0.03, 0.03, 0.01, 0.05, 0.033, 0.019, 0.0052}, 0, 1,
            "Host market for the sector as a share of GDP; for the infrastructure segments the "
            "investment need: ADB (2017), Meeting Asia's Infrastructure Needs, 5.9% of GDP a year "
            "of which power 56.5%, transport 32.3%, telecommunications 8.8%.");
  b.sectors("fdi_size_musd", &Params::fdi_size_musd, "US$ m",
            {120, 150, 40, 100, 30, 40, 20, 50, 10, 200, 150, 50}, 0.1, 1e5,
            "Mean size of an investment project by sector (before fdi_size_scale; infrastructure: "
            "power plants and port or road concessions, assumption).");
  b.sectors("epc_size_musd", &Params::epc_size_musd, "US$ m",
            {40, 40, 25, 50, 40, 15, 20, 30, 8, 250, 250, 40}, 0.1, 1e5,
            "Mean value of an EPC contract by sector in a host of US$100bn GDP in start_year "
            "(before epc_size_scale, the host and the trend: docs/model.md, 'Contract size'). "
            "Infrastructure contracts are an order of magnitude larger (assumption; MOFCOM counts "
            "904 new contracts of US$50m or more in 2020, 514 of US$100m or more, among several "
            "thousand).");
  b.num("epc_size_gdp_elasticity", &Params::epc_size_gdp_elasticity, "elasticity", 0.3, 0, 2,
        "Elasticity of a contract's value to its host's GDP (assumption: larger economies build "
        "larger plants and networks, less than proportionally).");
  b.num("epc_size_trend", &Params::epc_size_trend, "1/year", 0.01, -0.5, 0.5,
        "Yearly growth of contract size beyond the host's GDP (assumption: MOFCOM's B&R mean "
        "contract, US$26.8m in H1 2015, 15.4m in 2016, 24.9m in H1 2018, 26.3m in H1 2020, shows "
        "no clear trend beyond noise; MOFCOM reports more large contracts each year).");
  b.sectors("output_per_usd", &Params::output_per_usd, "US$/US$/year",
            {0.8, 0.7, 0.6, 0.9, 1.2, 1.5, 1.3, 0.3, 2.0, 0.2, 0.15, 0.4}, 0, 20,
            "Yearly output per dollar invested at full productivity (infrastructure: asset-heavy "
            "utilities and concessions, revenue of 0.15-0.4 of assets, assumption).");
  b.sectors("jobs_per_musd", &Params::jobs_per_musd, "jobs per US$ m",
            {3, 2, 4, 1.5, 5, 6, 4, 1, 25, 0.5, 1, 1}, 0, 1000,
            "Local jobs per US$ million invested, in operation (before jobs_scale).");
  b.sectors("construction_jobs_per_musd", &Params::construction_jobs_per_musd,
            "jobs per US$ m a year", {10, 10, 12, 8, 10, 10, 8, 10, 12, 12, 25, 8}, 0, 1000,
            "Host workers employed in a year per US$ million of construction done that year (a "
            "contract's turnover, an investment's works). Schwartz, Andres and Dragoiu (2009, "
            "World Bank) find about 40 direct and indirect annual jobs per US$1m of "
            "infrastructure investment in Latin America; direct host jobs on Chinese sites are "
            "taken as a quarter to a half of it (part of the workforce is dispatched from China; "
            "civil works employ most, equipment-heavy plants and networks least): assumption.");
  b.sectors("tax_yield", &Params::tax_yield, "share of output",
            {0.02, 0.02, 0.025, 0.02, 0.02, 0.025, 0.02, 0.02, 0.015, 0.03, 0.03, 0.03}, 0, 1,
            "Taxes paid to the host per dollar of output (before tax_yield_scale).");
  b.sectors("construction_years", &Params::construction_years, "years",
            {3, 3, 2, 3, 2, 2, 1, 2, 1, 5, 5, 2}, 1, 10,
            "Construction lag (infrastructure: Ansar, Flyvbjerg et al. (2014, Energy Policy) find "
            "large dams take 8.6 years on average, thermal plants and railways take 3-6; "
            "networks 1-2; assumption within these).");
  b.sectors("epc_share", &Params::epc_share, "probability",
            {0.5, 0.5, 0.6, 0.6, 0.4, 0.3, 0.3, 0.5, 0.2, 0.3, 0.5, 0.4}, 0.001, 0.999,
            "Probability that a project is an EPC contract rather than an investment (before "
            "epc_shift; infrastructure: set so that, after the calibrated shift, construction is "
            "about the share of value it has in AEI's B&R energy and transport deals 2013-2018, "
            "111 of 167 and 74.5 of 93 US$bn, docs/model.md 'Sector mix'). Railway, power-plant "
            "and network construction are the segments' contracts, so machinery_rail, ict and "
            "new_energy keep their manufacturing, which goes abroad as plants as often as "
            "contracts (assumption; MOFCOM: equipment manufacturing was 57.5% of 2016's "
            "manufacturing ODI).");
  b.sectors("labour_intensity", &Params::labour_intensity, "0-1",
            {0.3, 0.2, 0.4, 0.2, 0.4, 0.5, 0.3, 0.2, 1.0, 0.2, 0.3, 0.1}, 0, 1,
            "How much low host labour cost attracts the sector.");
  b.sectors("equity_share", &Params::equity_share, "share",
            {0.45, 0.45, 0.5, 0.45, 0.5, 0.55, 0.6, 0.4, 0.7, 0.3, 0.3, 0.5}, 0, 1,
            "Share of an investment project paid as Chinese equity (counted as direct "
            "investment).");

  b.sectors(
      "firm_share", &Params::firm_share, "share",
      {0.04, 0.03, 0.12, 0.12, 0.14, 0.08, 0.1, 0.08, 0.14, 0.09, 0.07, 0.03}, 0, 1,
      "Share of firm agents in each sector (normalised to sum to one). Steel and "
      "non-ferrous going out are a few large groups (AEI's China Global Investment "
      "Tracker: metals are 4.7% of B&R investment 2013-2018); the infrastructure "
      "contractors, about a fifth of the agents, sign most contract value (assumption, set so "
      "that the sector mix falls in the ranges of docs/model.md, 'Sector mix').");

  b.group("/behaviour");
  b.num("soe_share", &Params::soe_share, "share", 0.35, 0, 1,
        "Share of firm agents that are state-owned.", false);
  b.num("propensity_intercept", &Params::propensity_intercept, "logit", -4.5, -20, 20,
        "Log-odds of going out in a year (free parameter, calibrated).");
  b.num("push_pressure", &Params::push_pressure, "logit per unit", 1.5, 0, 20,
        "Weight of domestic overcapacity in the going-out decision.");
  b.num("push_soe", &Params::push_soe, "logit", 0.5, -5, 5, "Extra log-odds for SOEs.");
  b.num("push_capital", &Params::push_capital, "logit per log", 1.0, 0, 5,
        "Weight of log firm capital (size) in going out: Helpman-Melitz-Yeaple sorting, the "
        "larger and more productive firms go out (Chen and Tang 2014 on Chinese firms; the "
        "slope, odds proportional to size, is an assumption).",
        false);
  b.num("push_experience", &Params::push_experience, "logit", 0.5, -5, 5,
        "Extra log-odds for firms with experience abroad.");
  b.num("push_inclusive_value", &Params::push_inclusive_value, "logit per unit", 1, 0, 1,
        "Weight of the inclusive value of the country choice (how attractive going out is): the "
        "nest parameter. At 1 staying home is one more alternative of the choice, so risk in "
        "every partner moves firms home as risk in one moves them to the others (assumption; "
        "below 1 the partners substitute for each other more than for home).");
  const double aversion[3] = {0.8, 2.0, 3.5};
  const char* cls[3] = {"tolerant", "neutral", "averse"};
  for (int k = 0; k < 3; ++k)
    b.num_at(
        std::string("risk_aversion/") + cls[k], [k](Params& p) { return &p.risk_aversion[k]; },
        "utility per unit risk", aversion[k], 0, 50,
        "Weight of effective risk in the country choice of firms in this risk class.");
  b.num("beta_market", &Params::beta_market, "utility per log", 0.6, 0, 10,
        "Market size (log sector demand).");
  b.num("beta_growth", &Params::beta_growth, "utility per unit", 5, 0, 100, "Host GDP growth.");
  b.num("beta_resource", &Params::beta_resource, "utility per unit", 1.0, 0, 10,
        "Resource fit of the sector.");
  b.num("beta_policy", &Params::beta_policy, "utility per unit", 1.5, 0, 10,
        "Policy support (weighted agreements).");
  b.num("beta_finance_cost", &Params::beta_finance_cost, "utility per rate point", 20, 0, 500,
        "Financing cost (bank branches and swaps lower it).");
  b.num("beta_park", &Params::beta_park, "utility per log", 1.8, 0, 10,
        "Park agglomeration (log of 1 + the quality of the country's best zone: an investor "
        "enters one zone, so more zones in a host do not pull without bound).");
  b.num("beta_experience", &Params::beta_experience, "utility per unit", 0.4, 0, 5,
        "A firm's own experience in the country.");
  b.num("beta_competition", &Params::beta_competition, "utility per unit", 0.8, 0, 10,
        "Competition from foreign firms.");
  b.num("beta_crowding", &Params::beta_crowding, "utility per unit", 2.0, 0, 20,
        "Crowding by other Chinese firms in the same country and sector.");
  b.num("beta_support", &Params::beta_support, "utility per unit", 1.0, 0, 10,
        "Weak host supporting capacity (1 - capacity).");
  b.num("beta_labour", &Params::beta_labour, "utility per log", 0.4, 0, 5,
        "Low labour cost (log GDP per capita below US$ 5,000), times labour intensity.");
  b.num("beta_package", &Params::beta_package, "utility per unit", 3, 0, 50,
        "A country package's project list relative to host GDP.");
  const double aw[kAgreementKinds] = {0.35, 0.2, 0.15, 0.1, 0.15, 0.05};
  for (std::size_t k = 0; k < kAgreementKinds; ++k)
    b.num_at(
        "agreement_weight/" + std::string(kAgreementKeys[k]),
        [k](Params& p) { return &p.agreement_weight[k]; }, "0-1", aw[k], 0, 1,
        "Weight of this agreement kind in the policy-support index, relative to the others: the "
        "index is the weights of the kinds in force over the sum of all weights.");
  b.num("base_finance_cost", &Params::base_finance_cost, "rate", 0.05, 0, 0.5,
        "Financing cost spread without branches or swaps.");
  b.num("branch_cost_effect", &Params::branch_cost_effect, "rate", 0.01, 0, 0.5,
        "Cost reduction where Chinese banks have branches.");
  b.num("swap_cost_effect", &Params::swap_cost_effect, "rate", 0.005, 0, 0.5,
        "Cost reduction where a currency swap exists.");
  b.num("epc_shift", &Params::epc_shift, "logit", 1.5, -20, 20,
        "Shift of the EPC-versus-investment log-odds (free parameter, calibrated).");
  b.num("epc_extra_bids", &Params::epc_extra_bids, "bids", 1, 0, 10,
        "Mean number of further EPC bids a contractor going out makes in the year, beyond its "
        "first (Poisson; each in a host drawn from its own choice probabilities, of its own size): "
        "a contractor bids for several contracts a year (free parameter, calibrated on the "
        "count of contracts signed).");
  b.num("epc_low_capacity", &Params::epc_low_capacity, "logit per unit", 1, -10, 10,
        "Extra EPC log-odds per unit of weak host capacity.");
  b.num("ma_share", &Params::ma_share, "probability per unit", 0.4, 0, 1,
        "Probability of M&A instead of greenfield, per unit of host capacity.");
  b.num("ma_size_factor", &Params::ma_size_factor, "x", 2, 0.1, 20,
        "M&A deals are this much "
        "larger.");
  b.num("size_sigma", &Params::size_sigma, "log sd", 0.8, 0, 3,
        "Log-normal spread of project sizes.");
  b.num("size_capital_elasticity", &Params::size_capital_elasticity, "elasticity", 0.5, 0, 2,
        "Elasticity of project size to firm capital.", false);
  b.num("min_financed_share", &Params::min_financed_share, "share", 0.7, 0, 1,
        "Investments financed below this share of their cost are dropped, above it they shrink; "
        "a won EPC contract whose buyer's credit leaves more than 1 - this share of its value "
        "unfinanced is signed but never comes into force.");
  b.num("commercial_branch_bonus", &Params::commercial_branch_bonus, "share", 0.2, 0, 1,
        "Extra share of an investment's policy-loan shortfall that commercial banks fill where "
        "Chinese banks have branches (doc 004: 62 branches of 9 banks in 26 partners).");
  b.num("commercial_substitution", &Params::commercial_substitution, "share", 0.5, 0, 1,
        "Share of an investment's policy-loan shortfall that commercial banks fill (where no "
        "Chinese bank has a branch).");
  b.num("commercial_buyer_credit", &Params::commercial_buyer_credit, "share", 0.4, 0, 1,
        "Share of a won EPC contract's buyer's-credit shortfall that Chinese commercial banks "
        "fill with export buyer's credit insured by Sinosure (assumption: the big four and "
        "others lend beside CDB and China Exim, doc 004's 'commercial finance'); a contract "
        "whose credit, so filled, leaves more than 1 - min_financed_share of its value unfinanced "
        "is signed but never comes into force.");
  b.num("project_life_years", &Params::project_life_years, "years", 25, 1, 100,
        "Years a project operates before it closes.");

  b.group("/zones");
  b.num("park_entry", &Params::park_entry, "probability", 0.78, 0, 1,
        "Probability that an investment (greenfield or acquisition) locates in a zone of its "
        "country, at zone quality 1 (set to the 1,082 enterprises of end-2016 by hand; not in "
        "the fit: the EPC shift already moves zone firms).");
  b.num("zone_facility_share", &Params::zone_facility_share, "share", 0.5, 0, 1,
        "Share of an entrant's own investment that a zone of quality 1 provides instead (standard "
        "factories, land and utilities leased from the developer): an investment locating in a "
        "zone of quality q costs its firm (1 - share x q) of its size elsewhere, so maturing zones "
        "take smaller entrants (calibrated to the zones' cumulative investment at end-2016, "
        "US$18.55bn by 1,082 enterprises, MOFCOM; docs/model.md 'Cooperation zones').");
  b.num("zone_quality_initial", &Params::zone_quality_initial, "0-1", 0.4, 0, 1,
        "Hard and soft infrastructure quality of a new zone.");
  b.num("zone_quality_gain", &Params::zone_quality_gain, "per US$ bn", 0.1, 0, 10,
        "Quality gained per US$ bn invested in the zone (and of support budget).");
  b.num("zone_quality_decay", &Params::zone_quality_decay, "1/year", 0.02, 0, 1,
        "Yearly depreciation of zone quality.");
  b.num("zone_cluster_threshold", &Params::zone_cluster_threshold, "enterprises", 15, 0, 1e6,
        "Chinese investment starts (any mode, in zones too) in a country over three years at "
        "which the yearly mean of new zones is zone_open_rate.");
  b.num("zone_open_rate", &Params::zone_open_rate, "1/year", 0.05, 0, 10,
        "Yearly mean of new zones at the cluster threshold (free parameter, "
        "calibrated).");
  b.num("zone_agglomeration", &Params::zone_agglomeration, "per log member", 0.05, 0, 1,
        "Productivity gain per log of zone members, times zone quality.");
  b.num("zone_productivity", &Params::zone_productivity, "x", 1, 0.01, 100,
        "Output multiplier of projects in zones (free parameter, calibrated).");
  b.num("zone_support_open_effect", &Params::zone_support_open_effect, "per US$ bn", 0.02, 0, 100,
        "Rise of the zone opening rate per US$ bn of park support budget.");
  b.num("zone_policy_open_effect", &Params::zone_policy_open_effect, "x", 1, 0, 100,
        "Relative rise of a host's zone opening rate with all its agreements with China in force "
        "(policy support 1; stated assumption: zones are agreed between governments).");
  b.num("zone_host_open_effect", &Params::zone_host_open_effect, "x", 4, 0, 100,
        "Relative rise of the zone opening rate of a host that already holds a zone (agreements, "
        "developers and agencies in place; free parameter, calibrated to the host count).");

  b.group("/host");
  b.num("capacity_cap_floor", &Params::capacity_cap_floor, "x", 0.6, 0, 2,
        "Productivity cap at zero supporting capacity (doc 000: poor supporting capacity and "
        "low-level parks).");
  b.num("capacity_cap_slope", &Params::capacity_cap_slope, "x", 0.8, 0, 5,
        "Rise of the productivity cap per unit of supporting capacity.");
  b.num("upgrade_rate", &Params::upgrade_rate, "per share of GDP", 2, 0, 100,
        "Supporting capacity gained per unit of Chinese investment relative to host GDP, times "
        "technology (doc 002: 'upgrade industry structure').");
  b.num("standards_threshold", &Params::standards_threshold, "projects", 10, 0, 1e6,
        "Cumulative Chinese building-materials projects that open the way to standards "
        "adoption.");

  b.group("/learning");
  b.num("experience_success", &Params::experience_success, "units", 1, 0, 10,
        "Experience a firm gains in a country when a project there succeeds.");
  b.num("experience_failure", &Params::experience_failure, "units", 2, 0, 10,
        "Experience a firm loses in a country when a project there fails.");
  b.num("experience_cap", &Params::experience_cap, "units", 5, 0, 100,
        "Largest absolute experience in one country.");
  b.num("crowding_scale", &Params::crowding_scale, "projects per US$ bn demand", 0.5, 1e-6, 1e6,
        "Chinese projects per US$ bn of sector demand at which crowding is one half.");
  b.num("crowding_loss", &Params::crowding_loss, "share", 0.8, 0, 1,
        "Share of the price-cost margin (crowding_margin) that price competition among Chinese "
        "firms competes away at full crowding (1: Bertrand among like rivals, price at cost; "
        "assumption).");
  b.num("crowding_margin", &Params::crowding_margin, "share of sales", 0.06, 0, 1,
        "Margin over cost that price competition can erode, a share of sales: 5.97% profit on "
        "main-business revenue of China's industrial enterprises above designated size in 2016 "
        "(NBS, Xinhua 2017-01-27).");

  b.group("/calibration");
  b.num("fdi_size_scale", &Params::fdi_size_scale, "x", 1, 0.01, 100,
        "Multiplies investment project sizes (free parameter, calibrated to direct investment).");
  b.num("epc_size_scale", &Params::epc_size_scale, "x", 1, 0.01, 100,
        "Multiplies EPC contract sizes (free parameter, calibrated to EPC turnover).");
  b.num("tax_yield_scale", &Params::tax_yield_scale, "x", 1, 0.01, 100,
        "Multiplies tax yields (free parameter, calibrated to zones' taxes).");
  b.num("jobs_scale", &Params::jobs_scale, "x", 1, 0.01, 100,
        "Multiplies jobs per dollar (free parameter, calibrated to zones' jobs).");
  (void)kInf;
  return d;
}

}  // namespace

std::size_t ParamDecl::width() const {
  switch (shape) {
    case Shape::BySector:
      return kSectors;
    case Shape::ByRegion:
      return kRegions;
    default:
      return 1;
  }
}

const std::string_view* ParamDecl::element_keys() const {
  switch (shape) {
    case Shape::BySector:
      return kSectorKeys.data();
    case Shape::ByRegion:
      return kRegionKeys.data();
    default:
      return nullptr;
  }
}

const std::vector<ParamDecl>& param_declarations() {
  static const std::vector<ParamDecl> decls = declare();
  return decls;
}

const ParamDecl* find_param(const std::string& pointer) {
  for (const auto& d : param_declarations())
    if (d.pointer == pointer) return &d;
  return nullptr;
}

Params default_params() {
  Params p{};
  for (const auto& d : param_declarations()) {
    if (d.shape == Shape::ByCountry) continue;
    double* v = d.field(p);
    for (std::size_t i = 0; i < d.width(); ++i) v[i] = d.defaults[i];
  }
  return p;
}

}  // namespace ccsim
