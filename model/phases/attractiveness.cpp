#include <cmath>
#include <numeric>

#include "model/phases/phases.hpp"

namespace ccsim {

// Systematic utility of each country for each sector, risk class and platform membership, as
// cumulative logit weights (countries x columns). Built once a year; each firm then draws its
// country by a guided inverse-CDF search (about one comparison).
void attractiveness(Context& cx) {
  const World& w = cx.world;
  const Params& p = cx.p;
  State& s = cx.s;
  const Eigen::Index n = w.countries();

  const Eigen::ArrayXd effective_risk =
      s.risk * (1 - p.insurance_coverage * p.insurance_effectiveness);
  // Park agglomeration: the log of 1 + the quality of the host's best zone (its hard and soft
  // infrastructure; an investor enters one zone, so the pull is bounded however many a host has).
  // Not of their member count: a concave function of a count that moves in lumps of one agent's
  // weight is biased by the lumps (Jensen), so the pull depended on the agent count (issue 15,
  // point 6); quality moves by a small step per agent project.
  const Eigen::ArrayXd park = s.zone_pull.log1p();
  // Demand is GDP times the sector's share (environment), so the log of either is the log of GDP
  // plus a constant: one column of logarithms a year instead of one per sector.
  const Eigen::ArrayXd log_gdp = s.gdp.log();
  // log(5000 / GDP per capita), GDP per capita in US$ = gdp (US$ bn) * 1000 / population (mn)
  const Eigen::ArrayXd low_wage = ((5.0 * w.population_mn).log() - log_gdp).cwiseMax(0);
  // Crowding by the Chinese projects expected in the cell (their expected locations: a smooth
  // stock, see update_expected_projects), not the realised lumps of one agent's weight.
  s.crowding = s.expected_projects / (s.expected_projects + p.crowding_scale * s.demand + 1e-12);

  // Cover has a cost: the premium on the insured equity, priced on the host's risk, is a yearly
  // charge per dollar invested like a financing spread.
  const Eigen::ArrayXd premium = p.insurance_premium_rate * p.insurance_coverage * s.base_risk;
  Eigen::ArrayXd common = p.beta_growth * s.growth + p.beta_policy * s.policy_support -
                          p.beta_finance_cost * (s.finance_cost + premium) + p.beta_park * park -
                          p.beta_support * (1 - s.capacity) + p.beta_package * s.package_pull;
  // The utility is a sum of a sector part, a risk-class part and a crowding part (by membership),
  // so its exponential is a product: 3 exponentials of a country column for the risk classes and 2
  // per sector (its part with the crowding's, by membership), not one per (sector, risk class,
  // membership) column. Each factor is at most 1 (the sector part shifted by its maximum; risk and
  // crowding lower utility), so the product cannot overflow.
  Eigen::ArrayXXd risk_factor(n, kRiskClasses);
  for (int rc = 0; rc < kRiskClasses; ++rc)
    risk_factor.col(rc) = (-p.risk_aversion[static_cast<std::size_t>(rc)] * effective_risk).exp();
  Eigen::ArrayXd base(n), crowd_factor(n);
  for (std::size_t k = 0; k < kSectors; ++k) {
    const auto ki = static_cast<Eigen::Index>(k);
    base = common + p.beta_market * (log_gdp + std::log(p.demand_share[k])) +
           p.beta_resource * s.resource_fit.col(ki) - p.beta_competition * s.competition.col(ki) +
           p.beta_labour * p.labour_intensity[k] * low_wage;
    const double shift = base.maxCoeff();
    for (int m = 0; m < 2; ++m) {
      const double crowd_weight = p.beta_crowding * (1 - p.platform_coordination * m);
      crowd_factor = (base - shift - crowd_weight * s.crowding.col(ki)).exp();
      for (int rc = 0; rc < kRiskClasses; ++rc)
        s.choice_cdf.col(choice_column(static_cast<int>(k), rc, m)) =
            crowd_factor * risk_factor.col(rc);
    }
    // The sector's columns are adjacent: their running sums advance a row at a time, six
    // independent chains of additions instead of one after another (the same sums, in the same
    // order, as a running sum down each column).
    static_assert(choice_column(0, kRiskClasses - 1, 1) == kColumnsPerSector - 1);
    const int first = choice_column(static_cast<int>(k), 0, 0);
    auto block = s.choice_cdf.middleCols(first, kColumnsPerSector);
    for (Eigen::Index i = 1; i < n; ++i) block.row(i) += block.row(i - 1);
    for (int column = first; column < first + kColumnsPerSector; ++column)
      build_country_guide(s.choice_cdf.col(column).data(), static_cast<int>(n),
                          s.choice_guide.col(column).data());
    for (int rc = 0; rc < kRiskClasses; ++rc)
      s.inclusive_value(ki * kRiskClasses + rc) =
          shift + std::log(s.choice_cdf(n - 1, choice_column(static_cast<int>(k), rc, 0)));
  }

  // Mode: EPC is likelier where hosts are weaker (they buy plants rather than host investors): a
  // logistic in the sector's base odds and the host's capacity, whose exponential is a product of
  // a sector's constant and one country column.
  const Eigen::ArrayXd weak_host = (-p.epc_low_capacity * (1 - s.capacity)).exp();
  for (std::size_t k = 0; k < kSectors; ++k) {
    const double against = (1 - p.epc_share[k]) / p.epc_share[k] * std::exp(-p.epc_shift);
    s.epc_prob.col(static_cast<Eigen::Index>(k)) = 1 / (1 + against * weak_host);
  }
}

}  // namespace ccsim
