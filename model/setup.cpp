#include "model/setup.hpp"

#include <algorithm>
#include <cmath>

#include "model/error.hpp"
#include "model/metrics.hpp"
#include "model/rng.hpp"

namespace ccsim {

Setup prepare(const Scenario& sc, const World& w) {
  Setup s;
  s.world = &w;
  s.first_year = sc.first_simulated_year();
  s.start_year = sc.start_year();
  s.end_year = sc.end_year();
  s.seed = sc.seed();
  s.params = yearly_params(sc);
  const int n = w.countries();
  std::vector<Issue> issues;
  auto country = [&](const std::string& code, const std::string& where) {
    const int c = w.country_index(code);
    if (c < 0) issues.push_back({sc.name, where, "unknown country '" + code + "'"});
    return c;
  };

  s.agreement_year = w.agreement_year;
  for (std::size_t i = 0; i < sc.agreements.size(); ++i) {
    const auto& a = sc.agreements[i];
    const int c = country(a.country, "/agreements/" + std::to_string(i) + "/country");
    if (c >= 0) s.agreement_year(c, a.kind) = a.year;
  }

  const int years = s.years();
  s.shocks.assign(static_cast<std::size_t>(years), Eigen::ArrayXXd::Zero(n, kRiskKinds));
  for (std::size_t i = 0; i < sc.shocks.size(); ++i) {
    const auto& e = sc.shocks[i];
    const int c =
        e.country.empty() ? -1 : country(e.country, "/shocks/" + std::to_string(i) + "/country");
    for (int y = e.start_year; y < e.start_year + e.duration; ++y) {
      if (y < s.first_year || y > s.end_year) continue;
      auto& m = s.shocks[static_cast<std::size_t>(y - s.first_year)];
      for (int k = 0; k < n; ++k)
        if (k == c || (c < 0 && w.region(k) == e.region)) m(k, e.kind) += e.severity;
    }
  }

  s.package_loan.assign(static_cast<std::size_t>(years), Eigen::ArrayXd::Zero(n));
  s.package_fund = s.package_loan;
  s.package_list = s.package_loan;
  for (std::size_t i = 0; i < sc.packages.size(); ++i) {
    const auto& pk = sc.packages[i];
    const int c = country(pk.country, "/packages/" + std::to_string(i) + "/country");
    if (c < 0) continue;
    const double span = pk.end_year - pk.start_year + 1;
    for (int y = pk.start_year; y <= pk.end_year; ++y) {
      if (y < s.first_year || y > s.end_year) continue;
      const auto yi = static_cast<std::size_t>(y - s.first_year);
      s.package_loan[yi](c) += pk.special_loan_usd_bn / span;
      s.package_fund[yi](c) += pk.fund_usd_bn / span;
      s.package_list[yi](c) += pk.project_list_usd_bn / span;
    }
  }

  s.risk_multiplier.reserve(static_cast<std::size_t>(years));
  for (int y = s.first_year; y <= s.end_year; ++y) {
    const Params& p = s.at(y);
    Eigen::ArrayXd m(n);
    for (int c = 0; c < n; ++c) {
      const auto it = p.country_multiplier.find(w.iso3[static_cast<std::size_t>(c)]);
      m(c) = p.global_multiplier * p.region_multiplier[static_cast<std::size_t>(w.region(c))] *
             (it == p.country_multiplier.end() ? 1.0 : it->second);
    }
    s.risk_multiplier.push_back(m);
  }
  for (const auto& [code, _] : sc.params.country_multiplier)
    country(code, "/risk/country_multiplier/" + code);
  if (!issues.empty()) throw InputError(std::move(issues));

  s.gdp_per_capita_2013 = w.gdp_2013_usd_bn * 1000 / w.population_mn;
  // The riskiest third of the 64 by base risk at the scenario's start: where insurance matters
  // most.
  const Params& p0 = s.at(s.start_year);
  const Eigen::ArrayXXd comp = risk_components(w, p0);
  Eigen::ArrayXd base = Eigen::ArrayXd::Zero(n);
  double wsum = 0;
  for (double x : p0.weight) wsum += x;
  for (std::size_t k = 0; k < kRiskKinds; ++k)
    base += p0.weight[k] / wsum * comp.col(static_cast<Eigen::Index>(k));
  std::vector<double> partner;
  for (int c = 0; c < n; ++c)
    if (w.br64(c) > 0) partner.push_back(base(c));
  std::sort(partner.begin(), partner.end());
  const double cut = partner.empty() ? 0.0 : partner[partner.size() * 2 / 3];
  s.high_risk = (base >= cut).cast<double>() * w.br64;
  return s;
}

namespace {

constexpr std::uint32_t kTraitsBlock = 0;  // a firm's sector, ownership, membership, risk class
constexpr int kMembershipWord = 2;

Stream traits_stream(const Setup& setup, std::uint32_t replication) {
  return Stream(setup.seed, replication, Purpose::kInit, 0);
}

}  // namespace

State initial_state(const Setup& setup, std::uint32_t replication) {
  State s;
  initial_state(setup, replication, s);
  return s;
}

void initial_state(const Setup& setup, std::uint32_t replication, State& s) {
  const World& w = *setup.world;
  const Params& p = setup.at(setup.first_year);
  const int n = w.countries();
  reset(s);
  const auto agents = static_cast<std::uint32_t>(p.firm_agents);
  s.weight = p.firm_population / p.firm_agents;

  // Firms: sector by firm_share, ownership, platform membership, risk class, capital, technology.
  Firms& f = s.firms;
  f.sector.resize(agents);
  f.soe.resize(agents);
  f.member.resize(agents);
  f.risk_class.resize(agents);
  f.tech.resize(agents);
  f.push_factor.resize(agents);
  f.size_factor.resize(agents);
  std::array<std::uint8_t, kExperienceSlots> empty;
  empty.fill(kNoCountry);
  f.exp_country.assign(agents, empty);
  f.exp_level.assign(agents, std::array<float, kExperienceSlots>{});
  f.exp_gain.assign(agents, std::array<float, kExperienceSlots>{});
  std::array<double, kSectors> cum{};
  double total = 0;
  for (std::size_t k = 0; k < kSectors; ++k) cum[k] = total += p.firm_share[k];
  const Stream st = traits_stream(setup, replication);
  for (std::uint32_t i = 0; i < agents; ++i) {
    const auto u = st.uniforms(i, kTraitsBlock);
    const auto z = st.normals(i, 1);
    const auto k = static_cast<std::size_t>(std::upper_bound(cum.begin(), cum.end(), u[0] * total) -
                                            cum.begin());
    f.sector[i] = static_cast<std::uint8_t>(std::min(k, kSectors - 1));
    f.soe[i] = u[1] < p.soe_share;
    f.member[i] = u[kMembershipWord] < p.platform_membership;
    f.risk_class[i] = static_cast<std::uint8_t>(std::min(2.0, u[3] * kRiskClasses));
    const auto capital = static_cast<float>(std::exp(z[0] - 0.5));  // log-normal, mean 1
    f.tech[i] = static_cast<float>(std::clamp(p.tech_level[f.sector[i]] + 0.1 * z[1], 0.05, 1.0));
    // capital^x as exp(x log capital): one logarithm for both powers, within a few double ulps
    // of pow, which the rounding to float absorbs (not one of 2e7 log-normal draws differed).
    const double log_capital = std::log(static_cast<double>(capital));
    f.push_factor[i] = static_cast<float>(std::exp(-p.push_capital * log_capital));
    f.size_factor[i] = static_cast<float>(std::exp(p.size_capital_elasticity * log_capital));
  }
  s.membership_share = p.platform_membership;

  // Countries: GDP before the first year (the environment steps it), capacity from income and
  // government effectiveness, competitors' presence by region.
  const int k0 = setup.first_year - 1 - w.gdp_first_year;
  s.gdp.resize(n);
  for (int c = 0; c < n; ++c) {
    const double h = k0 >= 0 && k0 < w.gdp_history.cols() ? w.gdp_history(c, k0) : std::nan("");
    s.gdp(c) = std::isfinite(h) ? h
                                : w.gdp_2013_usd_bn(c) /
                                      std::pow(1 + w.growth_trend(c), 2014 - setup.first_year);
  }
  const Eigen::ArrayXd income =
      ((setup.gdp_per_capita_2013.log10() - 2.5) / 2.5).cwiseMax(0).cwiseMin(1);
  const Eigen::ArrayXd governance = ((w.wgi.col(3) + 2.5) / 5).cwiseMax(0).cwiseMin(1);
  s.capacity = (0.5 * income + 0.5 * governance).cwiseMax(0.05).cwiseMin(0.95);
  s.presence.resize(n, kOrigins);
  for (int c = 0; c < n; ++c)
    for (std::size_t o = 0; o < kOrigins; ++o)
      s.presence(c, static_cast<Eigen::Index>(o)) =
          p.competitor[o].presence[static_cast<std::size_t>(w.region(c))];
  s.presence0 = s.presence;
  s.resource_fit = Eigen::ArrayXXd::Zero(n, kSectors);
  s.resource_fit.col(kSteel) = w.resource.col(1);
  s.resource_fit.col(kNonferrous) = w.resource.col(1);
  s.resource_fit.col(kBuildingMaterials) = w.resource.col(2);
  s.resource_fit.col(kChemicals) = w.resource.col(0);
  s.resource_fit.col(kNewEnergy) = 0.5 * w.resource.col(1);
  // Energy-rich hosts build power plants and grids on their fuel (assumption, as new energy's).
  s.resource_fit.col(kPower) = 0.5 * w.resource.col(0);
  s.agreement_year = setup.agreement_year;

  for (auto* a : {&s.growth,
                  &s.base_risk,
                  &s.risk,
                  &s.shock,
                  &s.fx_shock,
                  &s.loans,
                  &s.npl,
                  &s.odi_stock,
                  &s.policy_support,
                  &s.finance_cost,
                  &s.special_loan,
                  &s.package_fund,
                  &s.package_pull,
                  &s.loan_ratio,
                  &s.fund_ratio,
                  &s.loan_offer,
                  &s.loan_asked,
                  &s.zone_pull,
                  &s.bm_projects,
                  &s.invest_tech,
                  &s.scheduled_shock,
                  &s.off_path,
                  &s.zone_output_cum,
                  &s.zone_taxes_cum,
                  &s.zone_investment_cum})
    *a = Eigen::ArrayXd::Zero(n);
  s.loan_ratio.setOnes();
  s.off_path.setOnes();
  s.cluster = Eigen::ArrayXXd::Zero(n, 3);
  for (auto* a : {&s.demand, &s.competition, &s.crowding, &s.chinese_projects, &s.epc_prob,
                  &s.cluster_sector, &s.expected_projects, &s.expected_extra})
    *a = Eigen::ArrayXXd::Zero(n, kSectors);
  s.best_zone = Eigen::ArrayXXi::Constant(n, kSectors, -1);
  s.choice_cdf.resize(n, kSectors * kColumnsPerSector);
  s.choice_guide.resize(n, kSectors * kColumnsPerSector);
  s.inclusive_value = Eigen::ArrayXd::Zero(kSectors * kRiskClasses);
  s.expected_column = Eigen::ArrayXd::Zero(kSectors * kColumnsPerSector);
  s.cm = Eigen::ArrayXXd::Zero(n, kCountryMetrics);
  s.sm = Eigen::ArrayXXd::Zero(kSectors, kSectorMetrics);

  // Zones named in the data that opened before the first simulated year.
  for (const auto& z : w.zones)
    if (z.open_year < setup.first_year)
      s.zones.push_back({z.country, z.sector, z.open_year, p.zone_quality_initial, 0.0, 0.0, 0.0});
  for (std::size_t zi = 0; zi < s.zones.size(); ++zi)
    for (int k = 0; k < static_cast<int>(kIndustrialSectors); ++k)  // zones are industrial
      if (s.best_zone(s.zones[zi].country, k) < 0)
        s.best_zone(s.zones[zi].country, k) = static_cast<int>(zi);

  // Reserve so that the yearly loops do not allocate once the pool has warmed up.
  s.goers.reserve(agents);
  s.projects.reserve(agents * 2);
  s.learning.reserve(agents / 4 + 16);
  s.zone_firm_keys.reserve(agents / 4 + 16);
}

void assign_membership(const Setup& setup, std::uint32_t replication, double share, State& s) {
  const Stream st = traits_stream(setup, replication);
  Firms& f = s.firms;
  for (std::uint32_t i = 0; i < f.size(); ++i)
    f.member[i] = st.uniforms(i, kTraitsBlock)[kMembershipWord] < share;
  s.membership_share = share;
}

}  // namespace ccsim
