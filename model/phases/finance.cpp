#include <algorithm>

#include "model/phases/phases.hpp"

namespace ccsim {

// Policy banks lend within the year's budget and each country's exposure limit, pro rata (so no
// firm is favoured by its id); package loans serve their country first. Funds co-invest equity
// the same way. Investments financed below the viability share are dropped; the rest shrink to
// what was financed; commercial banks fill part of a policy-loan shortfall. The insurer covers a
// share of what goes ahead.
void finance(Context& cx) {
  const Params& p = cx.p;
  State& s = cx.s;
  Candidates& cand = s.candidates;
  const Eigen::Index n = cx.world.countries();
  const double w = s.weight;

  Eigen::ArrayXd loan_req = Eigen::ArrayXd::Zero(n), fund_req = Eigen::ArrayXd::Zero(n);
  for (std::size_t j = 0; j < cand.size(); ++j) {
    const bool epc = cand.mode[j] == kEpc;
    const double share =
        epc ? p.policy_loan_share_epc
            : std::min(1.0, p.policy_loan_share_fdi + p.soe_loan_bonus * s.firms.soe[cand.firm[j]]);
    cand.loan[j] = cand.cost[j] * share;  // requested, per agent
    cand.fund[j] = epc ? 0.0 : cand.cost[j] * p.fund_share_max;
    loan_req(cand.country[j]) += w * cand.loan[j];
    fund_req(cand.country[j]) += w * cand.fund[j];
  }

  const Eigen::ArrayXd earmarked = loan_req.min(s.special_loan);
  const Eigen::ArrayXd headroom = (p.exposure_limit_gdp_share * s.gdp - s.loans).cwiseMax(0);
  const Eigen::ArrayXd capped = (loan_req - earmarked).min(headroom);
  const double total = capped.sum();
  const double phi = total > s.lending_budget ? s.lending_budget / total : 1.0;
  s.loan_ratio = ((earmarked + phi * capped) / loan_req).unaryExpr([](double x) {
    return std::isfinite(x) ? x : 1.0;
  });

  const Eigen::ArrayXd fund_earmarked = fund_req.min(s.package_fund);
  const double fund_total = (fund_req - fund_earmarked).sum();
  const double psi = fund_total > s.fund_budget ? s.fund_budget / fund_total : 1.0;
  s.fund_ratio =
      ((fund_earmarked + psi * (fund_req - fund_earmarked)) / fund_req).unaryExpr([](double x) {
        return std::isfinite(x) ? x : 1.0;
      });

  for (std::size_t j = 0; j < cand.size(); ++j) {
    const int c = cand.country[j];
    const double requested_loan = cand.loan[j], requested_fund = cand.fund[j];
    cand.loan[j] = requested_loan * s.loan_ratio(c);
    cand.fund[j] = requested_fund * s.fund_ratio(c);
    if (cand.mode[j] != kEpc) {
      const double shortfall = (1 - p.commercial_substitution) * (requested_loan - cand.loan[j]) +
                               (requested_fund - cand.fund[j]);
      const double financed = 1 - shortfall / cand.cost[j];
      if (financed < p.min_financed_share) {
        s.cm(c, cm_projects_dropped) += w * cx.world.br64(c);
        cand.insured[j] = 0;
        cand.admitted[j] = 0;
        continue;
      }
      cand.cost[j] *= financed;
    }
    cand.insured[j] = p.insurance_coverage * cand.cost[j] + p.insurance_loan_cover * cand.loan[j];
    cand.admitted[j] = 1;  // EPC bids are still to be won
  }
}

}  // namespace ccsim
