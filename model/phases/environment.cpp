#include <cmath>

#include "model/phases/phases.hpp"
#include "model/rng.hpp"

namespace ccsim {

namespace {

double observed_gdp(const World& w, int c, int year) {
  const int k = year - w.gdp_first_year;
  return k >= 0 && k < w.gdp_history.cols() ? w.gdp_history(c, k) : std::nan("");
}

}  // namespace

void environment(Context& cx) {
  const World& w = cx.world;
  const Params& p = cx.p;
  State& s = cx.s;
  const int n = w.countries();
  const std::size_t yi = static_cast<std::size_t>(cx.year - cx.setup.first_year);

  // Host GDP: observed where the data have it, then the trend slowed by last year's shocks. In an
  // observed year a scheduled shock moves GDP off the observed path by the growth it withholds,
  // (1 + trend (1 - shock)) / (1 + trend) a year, and the gap persists; random events are already
  // in the data.
  for (int c = 0; c < n; ++c) {
    const double prev = s.gdp(c), g = w.growth_trend(c);
    const double observed = observed_gdp(w, c, cx.year);
    if (yi == 0 && prev > 0) {
      s.gdp(c) = prev;
    } else if (std::isfinite(observed)) {
      if (s.scheduled_shock(c) > 0) s.off_path(c) *= (1 + g * (1 - s.scheduled_shock(c))) / (1 + g);
      s.gdp(c) = observed * s.off_path(c);
    } else {
      s.gdp(c) = prev * (1 + g * (1 - s.shock(c)));
    }
    s.growth(c) = prev > 0 ? std::clamp(s.gdp(c) / prev - 1, -0.1, 0.15) : g;
  }
  for (std::size_t k = 0; k < kSectors; ++k) s.demand.col(k) = s.gdp * p.demand_share[k];

  // Agreements: the schedule, then random signings once the data's horizon has passed. Only the
  // 64 partners are in the signing process: countries outside them keep their own schedule.
  if (cx.year > p.agreement_data_horizon) {
    const Stream st(cx.setup.seed, cx.replication, Purpose::kSigning, cx.year);
    for (int c = 0; c < n; ++c) {
      if (!(w.br64(c) > 0)) continue;
      const auto u = st.uniforms(static_cast<std::uint32_t>(c), 0);
      const auto u2 = st.uniforms(static_cast<std::uint32_t>(c), 1);
      const double draws[kAgreementKinds - 1] = {u[0], u[1], u[2], u[3], u2[0]};
      for (int k = 0; k < static_cast<int>(kAgreementKinds) - 1;
           ++k)  // standards are adopted, not signed
        if (s.agreement_year(c, k) > cx.year && draws[k] < p.signing_rate)
          s.agreement_year(c, k) = cx.year;
    }
  }
  // Policy support: the weighted share of agreement kinds in force, in [0, 1] by construction (the
  // kinds in force weigh at most all of them, summed in the same order); no weight, no support.
  for (int c = 0; c < n; ++c) {
    double in_force = 0, all = 0;
    for (int k = 0; k < static_cast<int>(kAgreementKinds); ++k) {
      const double wk = p.agreement_weight[static_cast<std::size_t>(k)];
      in_force += s.agreement_year(c, k) <= cx.year ? wk : 0.0;
      all += wk;
    }
    s.policy_support(c) = all > 0 ? in_force / all : 0.0;
    s.finance_cost(c) =
        std::max(0.0, p.base_finance_cost - p.interest_subsidy -
                          p.branch_cost_effect * (s.agreement_year(c, kBranch) <= cx.year) -
                          p.swap_cost_effect * (s.agreement_year(c, kSwap) <= cx.year));
  }

  // Budgets of the year: growth compounds from start_year, so a timeline change of growth
  // bends the path from then on.
  if (cx.year > cx.setup.start_year) {
    s.budget_growth_index *= 1 + p.lending_budget_growth;
    s.fund_growth_index *= 1 + p.fund_budget_growth;
  }
  s.lending_budget = p.lending_budget_usd_bn * s.budget_growth_index;
  s.fund_budget = p.fund_budget_usd_bn * s.fund_growth_index;
  s.special_loan = cx.setup.package_loan[yi];
  s.package_fund = cx.setup.package_fund[yi];
  s.package_pull = cx.setup.package_list[yi] / s.gdp;

  // Risk: components from governance data, events drawn per country and kind, scheduled shocks.
  s.risk_components = risk_components(w, p);
  const Eigen::ArrayXd& mult = cx.setup.risk_multiplier[yi];
  double wsum = 0;
  for (double x : p.weight) wsum += x;
  s.base_risk.setZero();
  for (std::size_t k = 0; k < kRiskKinds; ++k)
    s.base_risk += p.weight[k] / wsum * s.risk_components.col(static_cast<Eigen::Index>(k));
  s.base_risk *= mult;
  const Stream st(cx.setup.seed, cx.replication, Purpose::kShock, cx.year);
  const Eigen::ArrayXXd& scheduled = cx.setup.shocks[yi];
  for (int c = 0; c < n; ++c) {
    double fresh = 0, fresh_planned = 0, fx = 0;
    for (std::size_t k = 0; k < kRiskKinds; ++k) {
      const auto u = st.uniforms(static_cast<std::uint32_t>(c * kRiskKinds + k));
      const double hazard =
          std::min(1.0, p.hazard[k] * s.risk_components(c, static_cast<Eigen::Index>(k)) * mult(c));
      double sev = u[0] < hazard
                       ? p.shock_severity_min + (p.shock_severity_max - p.shock_severity_min) * u[1]
                       : 0;
      const double planned = scheduled(c, static_cast<Eigen::Index>(k));
      sev += planned;
      fresh += sev;
      fresh_planned += planned;
      if (k == 3) fx = sev;
    }
    s.shock(c) = std::min(1.0, p.shock_persistence * s.shock(c) + fresh);
    s.scheduled_shock(c) =
        std::min(1.0, p.shock_persistence * s.scheduled_shock(c) + fresh_planned);
    s.fx_shock(c) = std::min(1.0, fx);
  }
  s.risk = s.base_risk + s.shock;

  // Competitors: competitiveness drifts with its trend; presence is state (grows with wins).
  s.competition.setZero();
  const double years_on = cx.year - cx.setup.start_year;
  for (std::size_t o = 0; o < kOrigins; ++o)
    for (std::size_t k = 0; k < kSectors; ++k) {
      const double comp =
          std::max(0.0, p.competitor[o].competitiveness[k] + p.competitor[o].trend * years_on);
      s.competition.col(static_cast<Eigen::Index>(k)) +=
          s.presence.col(static_cast<Eigen::Index>(o)) * comp;
    }

  // Chinese technology by sector: trend growth compounding yearly (a decline stays a decline,
  // never below zero, as a linear trend would go), cut by restrictions on neck-jamming inputs.
  for (std::size_t k = 0; k < kSectors; ++k)
    s.tech_index[k] = std::pow(1 + p.tech_growth, years_on) * (1 - p.tech_restriction[k]);
}

Eigen::ArrayXXd risk_components(const World& w, const Params& p) {
  const int n = w.countries();
  Eigen::ArrayXXd r(n, kRiskKinds);
  // WGI estimates run about -2.5..2.5; a governance score of 0 maps to risk 0.5.
  r.col(0) = (0.5 - w.wgi.col(0) / 5).cwiseMax(0).cwiseMin(1);
  r.col(1) = (0.5 - (w.wgi.col(1) + w.wgi.col(2)) / 10).cwiseMax(0).cwiseMin(1);
  for (int c = 0; c < n; ++c) r(c, 2) = p.cultural_distance[static_cast<std::size_t>(w.region(c))];
  r.col(3) = ((0.5 - (w.wgi.col(3) + w.wgi.col(4)) / 10) * p.fx_volatility).cwiseMax(0).cwiseMin(1);
  return r;
}

}  // namespace ccsim
