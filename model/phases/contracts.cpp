#include <algorithm>
#include <cmath>

#include "model/phases/phases.hpp"
#include "model/rng.hpp"

namespace ccsim {

namespace {

// Moves an admitted candidate into the project pool and books its finance.
void start_project(Context& cx, std::size_t j, std::uint32_t clock_word) {
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
  // Chinese equity: the firm's share plus the fund's stake; an EPC contract has none.
  pr.equity[slot] =
      epc ? 0.0f
          : static_cast<float>(cand.cost[j] * p.equity_share[static_cast<std::size_t>(k)] +
                               cand.fund[j]);
  pr.loan[slot] = static_cast<float>(cand.loan[j]);
  pr.insured[slot] = static_cast<float>(cand.insured[j]);
  pr.risk_clock[slot] = risk_clock(clock_word);

  s.loans(c) += w * cand.loan[j];
  s.cm(c, cm_policy_loans) += w * cand.loan[j];
  s.cm(c, cm_insured) += w * cand.insured[j];
  s.cm(c, cm_fund_equity) += w * cand.fund[j];
  s.cm(c, cm_projects_started) += w;
  s.invest_tech(c) +=
      w * cand.cost[j] * s.firms.tech[cand.firm[j]] * s.tech_index[static_cast<std::size_t>(k)];
  if (br > 0) s.sm(k, sm_projects_started) += w;
  if (epc) {
    s.cm(c, cm_epc_contracts) += w;
    s.cm(c, cm_epc_value) += w * cand.cost[j];
    if (br > 0) {
      s.sm(k, sm_epc_contracts) += w;
      s.sm(k, sm_epc_value) += w * cand.cost[j];
    }
  } else {
    s.cm(c, cm_investment_projects_started) += w;
    if (k == kBuildingMaterials) s.bm_projects(c) += w;
    if (cand.mode[j] == kGreenfield) {
      s.cluster(c, 0) += w;
      s.cluster_sector(c, k) += w;
    }
  }
}

}  // namespace

// EPC bids are won against foreign competitors on technology, the finance package and the
// competitors' strength; lost bids strengthen the competitors' presence. Then every financed
// project starts. One Philox block per candidate: word 0 decides an EPC bid, word 1 draws the
// project's first risk clock.
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
  Eigen::Array<double, kChunk, 1> odds_against;
  for (std::size_t j0 = 0; j0 < cand.size(); j0 += kChunk) {
    const auto len = static_cast<Eigen::Index>(std::min(kChunk, cand.size() - j0));
    for (Eigen::Index t = 0; t < len; ++t) {
      const std::size_t j = j0 + static_cast<std::size_t>(t);
      const int c = cand.country[j], k = cand.sector[j];
      const double tech = s.firms.tech[cand.firm[j]] * s.tech_index[static_cast<std::size_t>(k)];
      const double package = s.loan_ratio(c) - 1 + 20 * p.interest_subsidy;
      odds_against(t) = -(p.win_intercept + p.win_tech * (tech - 0.7) + p.win_finance * package -
                          p.win_competition * s.competition(c, k));
    }
    odds_against.head(len) = odds_against.head(len).exp();

    for (Eigen::Index t = 0; t < len; ++t) {
      const std::size_t j = j0 + static_cast<std::size_t>(t);
      if (!cand.admitted[j]) continue;
      const auto words = st.words(cand.firm[j]);
      if (cand.mode[j] == kEpc) {
        const int c = cand.country[j], k = cand.sector[j];
        const bool won = r123::u01<double>(words[0]) * (1 + odds_against(t)) < 1;
        bid(c) += w * cand.cost[j];
        s.cm(c, cm_bid_value) += w * cand.cost[j];
        if (cx.world.br64(c) > 0) {
          s.sm(k, sm_bid_value) += w * cand.cost[j];
          if (won) s.sm(k, sm_market_share) += w * cand.cost[j];  // won value; divided at record
        }
        if (!won) {
          cand.admitted[j] = 0;
          lost(c) += w * cand.cost[j];
          continue;
        }
      }
      start_project(cx, j, words[1]);
    }
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
