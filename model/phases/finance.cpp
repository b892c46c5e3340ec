#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "model/phases/phases.hpp"

namespace ccsim {

namespace {

// x / y, or 1 where nothing was asked.
double ratio_or_one(double x, double y) {
  return y > 0 ? x / y : 1.0;
}

// The policy-loan headroom of each country: the exposure limit less what is outstanding,
// performing or not (a default does not free lending room: the bank still holds the claim).
Eigen::ArrayXd headroom(const Params& p, const State& s) {
  return (p.exposure_limit_gdp_share * s.gdp - s.loans - s.npl).cwiseMax(0);
}

// The order in which the banks fund this year's applications when money is short: ascending in
// each candidate's priority word (its own random draw, so no firm is favoured by its id), by a
// counting sort on the word's top bits (ties, 1 in 1,024, in candidate order).
void funding_order(const Candidates& cand, const std::vector<std::uint32_t>& ahead,
                   std::vector<std::uint32_t>& order) {
  constexpr int kBits = 10;
  std::array<std::uint32_t, (1u << kBits) + 1> start{};
  for (const std::uint32_t j : ahead) ++start[(cand.priority[j] >> (32 - kBits)) + 1];
  for (std::size_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
  order.resize(ahead.size());
  for (const std::uint32_t j : ahead) order[start[cand.priority[j] >> (32 - kBits)]++] = j;
}

}  // namespace

// 4. Finance, before the bids: each candidate asks for its finance, and each country's bids carry
// an indicative finance package, the share of buyer's credit a bid can expect: last year's
// realised share in the country, capped by the lending room the country has left against last
// year's demand. Nothing is committed yet: loans go to contracts won and investments that go
// ahead (commit_finance, after the bids).
void finance(Context& cx) {
  const Params& p = cx.p;
  State& s = cx.s;
  Candidates& cand = s.candidates;

  for (std::size_t j = 0; j < cand.size(); ++j) {
    const int k = cand.sector[j];
    if (cand.mode[j] == kEpc) {
      cand.loan[j] = cand.cost[j] * p.policy_loan_share_epc;  // buyer's credit asked, per agent
      cand.fund[j] = 0;
      continue;
    }
    // An investment's debt finances what equity and the fund's stake do not: the policy loan
    // asked never takes the financing mix past the project's cost.
    const double fund_share = p.fund_share_max;
    const double debt_room =
        std::max(0.0, 1 - p.equity_share[static_cast<std::size_t>(k)] - fund_share);
    const double share = std::min(
        {1.0, debt_room, p.policy_loan_share_fdi + p.soe_loan_bonus * s.firms.soe[cand.firm[j]]});
    cand.loan[j] = cand.cost[j] * share;
    cand.fund[j] = cand.cost[j] * fund_share;
  }

  const Eigen::ArrayXd room = s.special_loan + headroom(p, s);
  for (Eigen::Index c = 0; c < s.loan_offer.size(); ++c)
    s.loan_offer(c) =
        std::min(s.loan_ratio(c), std::min(1.0, ratio_or_one(room(c), s.loan_asked(c))));

  // Sinosure's short-term export credit: a book of its own, not project cover. It follows the
  // partners' demand for Chinese exports, proxied by their GDP relative to 2013.
  const Eigen::ArrayXd& br = cx.world.br64;
  s.short_term_cover =
      p.short_term_cover_usd_bn * (s.gdp * br).sum() / (cx.world.gdp_2013_usd_bn * br).sum();
}

// 4b. Finance committed, after the bids: the year's budget and each country's exposure limit
// ration the policy loans of the contracts won and the investments going ahead (going_ahead).
// Package loans serve their country first. While no limit binds every request is met; when one
// does, the banks fund applications in a random order until the money (or the country's room) runs
// out: rationing at the extensive margin, so that a scarce budget funds fewer projects fully rather
// than every project a little. Commercial banks fill part of an investment's shortfall, more
// where Chinese banks have branches, and commercial_buyer_credit of a won contract's buyer's
// credit (export buyer's credit of commercial banks, insured by Sinosure). A project financed below
// min_financed_share is dropped (a won contract, signed, never comes into force: it takes effect
// only once its loan agreement does) and draws nothing; the rest shrink to what was financed. Funds co-invest equity
// pro rata within their budget.
void commit_finance(Context& cx) {
  const Params& p = cx.p;
  State& s = cx.s;
  Candidates& cand = s.candidates;
  const Eigen::Index n = cx.world.countries();
  const double w = s.weight;

  const std::vector<std::uint32_t>& ahead = s.going_ahead;
  Eigen::ArrayXd asked = Eigen::ArrayXd::Zero(n), fund_req = Eigen::ArrayXd::Zero(n);
  for (const std::uint32_t j : ahead) {
    asked(cand.country[j]) += w * cand.loan[j];
    fund_req(cand.country[j]) += w * cand.fund[j];
  }
  s.cm.col(cm_loans_requested) += asked;

  const Eigen::ArrayXd fund_earmarked = fund_req.min(s.package_fund);
  const double fund_total = (fund_req - fund_earmarked).sum();
  const double psi = fund_total > s.fund_budget ? s.fund_budget / fund_total : 1.0;
  for (Eigen::Index c = 0; c < n; ++c)
    s.fund_ratio(c) =
        ratio_or_one(fund_earmarked(c) + psi * (fund_req(c) - fund_earmarked(c)), fund_req(c));

  // What is left to lend, in real US$ bn: the package loan, the country's room, the budget.
  Eigen::ArrayXd special = s.special_loan, room = headroom(p, s);
  double budget = s.lending_budget;
  const Eigen::ArrayXd beyond_special = (asked - special).cwiseMax(0);
  const bool limits_bind =
      (beyond_special > room).any() || beyond_special.min(room).sum() > s.lending_budget;
  // While nothing binds every request is met and the order does not matter.
  if (limits_bind) funding_order(cand, ahead, s.funding_order);
  const std::vector<std::uint32_t>& order = limits_bind ? s.funding_order : ahead;

  // The share of an investment's policy shortfall that commercial banks fill, by country; of a
  // contract's buyer's credit, commercial_buyer_credit.
  Eigen::ArrayXd fill(n);
  for (Eigen::Index c = 0; c < n; ++c)
    fill(c) =
        std::min(1.0, p.commercial_substitution +
                          p.commercial_branch_bonus * (s.agreement_year(c, kBranch) <= cx.year));
  Eigen::ArrayXd granted = Eigen::ArrayXd::Zero(n);
  bool budget_bound = false;
  for (const std::uint32_t j : order) {
    const int c = cand.country[j];
    const bool epc = cand.mode[j] == kEpc;
    const double want = w * cand.loan[j];  // real
    const double from_special = std::min(want, special(c));
    const double rest = want - from_special;
    const double from_budget = std::max(0.0, std::min({rest, room(c), budget}));
    if (from_budget < std::min(rest, room(c))) budget_bound = true;
    const double got = from_special + from_budget;
    const double fund = cand.fund[j] * s.fund_ratio(c);  // per agent
    // Shortfalls per agent: of policy credit, and of the fund's stake.
    // (want - got is 0 when all is granted, but (want - special) + special can round below want.)
    const double short_loan = std::max(0.0, want - got) / w, short_fund = cand.fund[j] - fund;
    const double filled = epc ? p.commercial_buyer_credit : fill(c);
    const double financed = 1 - ((1 - filled) * short_loan + short_fund) / cand.cost[j];
    if (financed < p.min_financed_share) {
      cand.admitted[j] = 0;
      s.cm(c, cm_projects_dropped) += w;
      continue;
    }
    special(c) -= from_special;
    room(c) -= from_budget;
    budget -= from_budget;
    granted(c) += got;
    cand.loan[j] = got / w;
    cand.fund[j] = fund;
    s.cm(c, cm_commercial_loans) += w * filled * short_loan;
    if (!epc) cand.cost[j] *= financed;  // a contract signed is built whole
  }
  for (Eigen::Index c = 0; c < n; ++c) s.loan_ratio(c) = ratio_or_one(granted(c), asked(c));
  s.loan_asked = asked;
  s.budget_used = s.lending_budget - budget;
  s.budget_bound = budget_bound;
}

}  // namespace ccsim
