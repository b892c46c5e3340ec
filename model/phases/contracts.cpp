#include <algorithm>
#include <cmath>

#include "model/phases/phases.hpp"
#include "model/rng.hpp"

namespace ccsim {

namespace {

// Where a start was expected to go: the choice probabilities its firm drew its country from (the
// column's, with the firm's experienced countries weighted up, as draw_country draws), booked as
// the agent weight over the firm's total weight on the column plus its experience terms. Summed
// over the year's starts and spread by the columns' probabilities once, in
// update_expected_projects.
void expect_location(Context& cx, std::uint32_t firm, int c, int k) {
  State& s = cx.s;
  const Firms& f = s.firms;
  const int column = choice_column(k, f.risk_class[firm], f.member[firm]);
  const auto cdf = s.choice_cdf.col(column);
  const Eigen::Index n = cdf.size();
  double extra[kExperienceSlots], total = cdf(n - 1);
  int m = 0;
  for (; m < kExperienceSlots && f.exp_country[firm][m] != kNoCountry; ++m) {
    const int c = f.exp_country[firm][m];
    extra[m] = (cdf(c) - (c > 0 ? cdf(c - 1) : 0.0)) * f.exp_gain[firm][m];
    total += extra[m];
  }
  if (!(total > 0)) {  // no country had weight (never in practice): where it went
    s.expected_extra(c, k) += s.weight;
    return;
  }
  const double share = s.weight / total;
  s.expected_column(column) += share;
  for (int j = 0; j < m; ++j) s.expected_extra(f.exp_country[firm][j], k) += share * extra[j];
}

// A contract won is signed: MOFCOM counts it then, whether or not its finance comes through.
void book_signing(Context& cx, std::size_t j) {
  State& s = cx.s;
  const Candidates& cand = s.candidates;
  const int c = cand.country[j], k = cand.sector[j];
  const double w = s.weight;
  s.cm(c, cm_epc_contracts) += w;
  s.cm(c, cm_epc_value) += w * cand.cost[j];
  if (cx.world.br64(c) > 0) {
    s.sm(k, sm_epc_contracts) += w;
    s.sm(k, sm_epc_value) += w * cand.cost[j];
  }
}

// Moves an admitted candidate into the project pool and books its finance.
void start_project(Context& cx, std::size_t j) {
  const Params& p = cx.p;
  State& s = cx.s;
  const Candidates& cand = s.candidates;
  Projects& pr = s.projects;
  const int c = cand.country[j], k = cand.sector[j];
  const double w = s.weight, br = cx.world.br64(c);
  const bool epc = cand.mode[j] == kEpc;
  const std::uint32_t slot = pr.add();
  pr.mode[slot] = cand.mode[j];
  pr.country[slot] = static_cast<std::uint8_t>(c);
  pr.sector[slot] = static_cast<std::uint8_t>(k);
  pr.lag[slot] = static_cast<std::uint8_t>(p.construction_years[static_cast<std::size_t>(k)]);
  pr.years_left[slot] = pr.lag[slot];
  pr.age[slot] = 0;
  pr.member[slot] = s.firms.member[cand.firm[j]];
  pr.zone[slot] = cand.zone[j];
  pr.firm[slot] = cand.firm[j];
  pr.start_year[slot] = static_cast<std::uint16_t>(cx.year);
  pr.cost[slot] = static_cast<float>(cand.cost[j]);
  pr.value[slot] = static_cast<float>(cand.cost[j]);
  pr.due[slot] = static_cast<float>(cand.cost[j]);  // the whole works are still to build
  // A contract on a Chinese buyer's credit waits for its loan agreement to come into effect.
  pr.wait[slot] =
      static_cast<std::uint8_t>(epc && cand.loan[j] > 0 ? p.epc_financing_delay_years : 0);
  // Chinese equity: the firm's share plus the fund's stake; an EPC contract has none.
  pr.equity[slot] =
      epc ? 0.0f
          : static_cast<float>(cand.cost[j] * p.equity_share[static_cast<std::size_t>(k)] +
                               cand.fund[j]);
  pr.loan[slot] = static_cast<float>(cand.loan[j]);
  // Sinosure insures each exposure once: an investment's Chinese equity at insurance_coverage
  // (overseas investment insurance), the policy loan at insurance_loan_cover (medium- and
  // long-term credit insurance, a share of the loan kept as the loan amortises). An EPC
  // contractor is covered through the buyer's credit; its own receivables are short-term
  // business, in the short-term book. The mix never exceeds the project's cost, so claims never
  // exceed losses.
  const double exposure = epc ? 0.0 : pr.equity[slot];
  pr.insured[slot] = static_cast<float>(p.insurance_coverage * exposure);
  pr.loan_cover[slot] = static_cast<float>(p.insurance_loan_cover);
  pr.risk_clock[slot] = risk_clock(cand.clock[j]);

  expect_location(cx, cand.firm[j], c, k);

  s.loans(c) += w * cand.loan[j];
  s.cm(c, cm_policy_loans) += w * cand.loan[j];
  s.cm(c, cm_insured) +=
      w * (p.insurance_coverage * exposure + p.insurance_loan_cover * cand.loan[j]);
  s.cm(c, cm_fund_equity) += w * cand.fund[j];
  s.cm(c, cm_projects_started) += w;
  s.invest_tech(c) +=
      w * cand.cost[j] * s.firms.tech[cand.firm[j]] * s.tech_index[static_cast<std::size_t>(k)];
  if (br > 0) s.sm(k, sm_projects_started) += w;
  if (epc) {
    book_signing(cx, j);
  } else {
    s.cm(c, cm_investment_projects_started) += w;
    if (k == kBuildingMaterials) s.bm_projects(c) += w;
    // Every industrial investment start, in a zone or not and of any mode, adds to the host's
    // cluster of Chinese enterprises, behind the openings of new zones (parks); a power plant or
    // a port concession does not call for a zone.
    if (k < static_cast<int>(kIndustrialSectors)) {
      s.cluster(c, 0) += w;
      s.cluster_sector(c, k) += w;
    }
  }
}

}  // namespace

// EPC bids are won against foreign competitors on technology, the indicative finance package and
// the competitors' strength; lost bids strengthen the competitors' presence. Then the loans of
// the contracts won and the investments going ahead are committed (commit_finance), and every
// project financed starts. One Philox block per candidate: word 0 decides an EPC bid, word 1
// draws the project's first risk clock, word 2 its place in the banks' queue, word 3 whether an
// EPC contract is financed by a Chinese buyer's credit.
void contracts(Context& cx) {
  const Params& p = cx.p;
  State& s = cx.s;
  Candidates& cand = s.candidates;
  const double w = s.weight;
  const Eigen::Index n = cx.world.countries();
  const Stream st(cx.setup.seed, cx.replication, Purpose::kContract, cx.year);
  Eigen::ArrayXd lost = Eigen::ArrayXd::Zero(n), bid = Eigen::ArrayXd::Zero(n);

  // exp(-logit) of the bids a chunk at a time: vectorised, and the chunk's candidates are still in
  // cache when they are decided (a pass over all of them first cost a trip to memory at scale).
  // The chunk is even, so each candidate's exponential is computed as in one pass over all.
  constexpr std::size_t kChunk = 256;
  Eigen::Array<double, kChunk, 1> odds_against, u_bid;
  // The candidates going ahead, appended without a branch on the outcome (a bid is won about half
  // the time: a branch on it would be mispredicted every other candidate, in every pass after).
  s.going_ahead.resize(cand.size());
  std::uint32_t* ahead = s.going_ahead.data();
  std::uint32_t count = 0;
  for (std::size_t j0 = 0; j0 < cand.size(); j0 += kChunk) {
    const auto len = static_cast<Eigen::Index>(std::min(kChunk, cand.size() - j0));
    for (Eigen::Index t = 0; t < len; ++t) {
      const std::size_t j = j0 + static_cast<std::size_t>(t);
      const auto words = st.words(cand.firm[j], cand.bid[j]);  // a further bid: its own block
      cand.clock[j] = words[1];
      cand.priority[j] = words[2];
      cand.admitted[j] = 1;
      u_bid(t) = r123::u01<double>(words[0]);
      const int c = cand.country[j], k = cand.sector[j];
      // A contract paid by its host (or a multilateral bank) asks no Chinese buyer's credit, and
      // its bid owes nothing to Chinese finance.
      double package = 0;
      if (cand.mode[j] == kEpc) {
        if (r123::u01<double>(words[3]) < p.epc_credit_share)
          package = s.loan_offer(c) - 1 + 20 * p.interest_subsidy;
        else
          cand.loan[j] = 0;
      }
      const double tech = s.firms.tech[cand.firm[j]] * s.tech_index[static_cast<std::size_t>(k)];
      odds_against(t) = -(p.win_intercept + p.win_tech * (tech - 0.7) + p.win_finance * package -
                          p.win_competition * s.competition(c, k));
    }
    odds_against.head(len) = odds_against.head(len).exp();

    for (Eigen::Index t = 0; t < len; ++t) {
      const std::size_t j = j0 + static_cast<std::size_t>(t);
      const bool epc = cand.mode[j] == kEpc;
      const bool won = u_bid(t) * (1 + odds_against(t)) < 1;
      ahead[count] = static_cast<std::uint32_t>(j);
      count += !epc || won;
      if (!epc) continue;
      const int c = cand.country[j], k = cand.sector[j];
      bid(c) += w * cand.cost[j];
      s.cm(c, cm_bid_value) += w * cand.cost[j];
      if (cx.world.br64(c) > 0) {
        s.sm(k, sm_bid_value) += w * cand.cost[j];
        if (won) s.sm(k, sm_market_share) += w * cand.cost[j];  // won value; divided at record
      }
      if (!won) {
        cand.admitted[j] = 0;
        lost(c) += w * cand.cost[j];
      }
    }
  }

  s.going_ahead.resize(count);

  commit_finance(cx);
  // A contract won whose finance did not come through was still signed, subject to financing
  // (docs/model.md, "Policy finance"): counted as signed, it never comes into force (no works, no
  // turnover, no loan), and counts among the projects dropped.
  for (const std::uint32_t j : s.going_ahead) {
    if (cand.admitted[j])
      start_project(cx, j);
    else if (cand.mode[j] == kEpc)
      book_signing(cx, j);
  }

  // Competitors take what Chinese firms lose, in proportion to their presence.
  for (Eigen::Index c = 0; c < n; ++c) {
    const double lost_share = bid(c) > 0 ? lost(c) / bid(c) : 0.0;
    for (Eigen::Index o = 0; o < static_cast<Eigen::Index>(kOrigins); ++o)
      s.presence(c, o) += p.presence_gain * lost_share * s.presence(c, o) * (1 - s.presence(c, o)) -
                          p.presence_reversion * (s.presence(c, o) - s.presence0(c, o));
  }
}

}  // namespace ccsim
