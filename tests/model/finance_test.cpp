// Finance, contracts and insurance on small hand-built worlds, with expectations derived by hand;
// then the lending budget as a real constraint on the data world.
#include <catch2/catch.hpp>

#include "model/metrics.hpp"
#include "model/simulate.hpp"
#include "tests/support/bench.hpp"
#include "tests/support/worlds.hpp"

using ccsim::test::Bench;
using nlohmann::json;

namespace {

// Finance terms that keep the arithmetic by hand: EPC asks 0.6 of its value, an investment 0.25
// (steel: equity 0.45 and no fund stake leave 0.55 to debt), SOEs no more; commercial banks fill
// half of an investment's shortfall, 0.7 must be financed; exposure limits do not bind.
json terms(double limit = 10) {
  return {{"policy",
           {{"exposure_limit_gdp_share", limit},
            {"policy_loan_share_epc", 0.6},
            {"epc_credit_share", 1},
            {"policy_loan_share_fdi", 0.25},
            {"soe_loan_bonus", 0},
            {"fund_share_max", 0},
            {"insurance_coverage", 0.9},
            {"insurance_loan_cover", 0.5}}},
          {"behaviour",
           {{"commercial_substitution", 0.5},
            {"commercial_buyer_credit", 0},
            {"commercial_branch_bonus", 0.2},
            {"min_financed_share", 0.7}}}};
}

// Candidates in queue order: an EPC contract of 100 in A (asks 60), one of 10 in B (asks 6), a
// steel investment of 20 in A (asks 5); finance asked, then committed.
void three_candidates(Bench& b, double budget) {
  b.state.gdp << 100, 10;
  b.state.lending_budget = budget;
  b.add_candidate(0, ccsim::kEpc, 100);
  b.add_candidate(1, ccsim::kEpc, 10);
  b.add_candidate(0, ccsim::kGreenfield, 20);
  auto cx = b.context();
  ccsim::finance(cx);
  ccsim::commit_finance(cx);
}

}  // namespace

TEST_CASE("finance: when no limit binds every loan asked is issued and the budget is not bound",
          "[finance]") {
  Bench b({100, 10}, terms());
  three_candidates(b, 1000);
  const auto& c = b.state.candidates;
  CHECK(c.loan[0] == Approx(60));
  CHECK(c.loan[1] == Approx(6));
  CHECK(c.loan[2] == Approx(5));
  CHECK(c.cost[2] == Approx(20));  // fully financed: no shrinking
  CHECK(b.state.budget_used == Approx(71));
  CHECK_FALSE(b.state.budget_bound);
  CHECK(b.state.cm(0, ccsim::cm_loans_requested) == Approx(65));
  CHECK(b.state.loan_ratio(0) == 1);
  CHECK(b.state.cm(0, ccsim::cm_projects_dropped) == 0);
}

TEST_CASE(
    "finance: a binding budget funds applications in turn, never lends more than it has, "
    "and a contract whose buyer's credit falls short is not signed",
    "[finance]") {
  // Budget 50: the first contract gets 50 of its 60 (financed 1 - 10/100 = 0.9: signed); the
  // second gets nothing (financed 1 - 6/10 = 0.4 < 0.7: not signed, draws nothing); the
  // investment gets nothing, commercial banks lend half its 5 and it shrinks to 1 - 2.5/20.
  Bench b({100, 10}, terms());
  three_candidates(b, 50);
  const auto& c = b.state.candidates;
  CHECK(c.admitted[0] == 1);
  CHECK(c.loan[0] == Approx(50));
  CHECK(c.admitted[1] == 0);
  CHECK(c.admitted[2] == 1);
  CHECK(c.loan[2] == Approx(0).margin(1e-12));
  CHECK(c.cost[2] == Approx(20 * 0.875));
  CHECK(b.state.cm(0, ccsim::cm_commercial_loans) == Approx(2.5));
  CHECK(b.state.budget_used == Approx(50));
  CHECK(b.state.budget_bound);
  CHECK(b.state.cm(1, ccsim::cm_projects_dropped) == 1);
  CHECK(b.state.loan_ratio(0) == Approx(50.0 / 65));
  CHECK(b.state.loan_ratio(1) == 0);

  // A lost bid asks nothing: with the first contract lost, the budget covers the rest in full.
  Bench lost({100, 10}, terms());
  lost.state.gdp << 100, 10;
  lost.state.lending_budget = 50;
  lost.add_candidate(0, ccsim::kEpc, 100);
  lost.add_candidate(1, ccsim::kEpc, 10);
  lost.add_candidate(0, ccsim::kGreenfield, 20);
  auto cx = lost.context();
  ccsim::finance(cx);
  lost.state.candidates.admitted[0] = 0;  // as contracts() leaves a lost bid
  lost.state.going_ahead.erase(lost.state.going_ahead.begin());
  ccsim::commit_finance(cx);
  CHECK(lost.state.candidates.loan[1] == Approx(6));
  CHECK(lost.state.candidates.loan[2] == Approx(5));
  CHECK(lost.state.budget_used == Approx(11));
  CHECK_FALSE(lost.state.budget_bound);
}

TEST_CASE("finance: commercial banks' buyer's credit fills part of a contract's shortfall",
          "[finance]") {
  // Budget 50 as above, with commercial banks lending half of a buyer's credit the policy banks
  // cannot: the second contract, short of all its 6, is financed 1 - 0.5 x 6 / 10 = 0.7 and
  // signed, with 3 of commercial buyer's credit; the first is short of 10 and gets 5 commercially.
  json t = terms();
  t["behaviour"]["commercial_buyer_credit"] = 0.5;
  Bench b({100, 10}, t);
  three_candidates(b, 50);
  const auto& c = b.state.candidates;
  CHECK(c.admitted[0] == 1);
  CHECK(c.admitted[1] == 1);
  CHECK(c.loan[1] == Approx(0).margin(1e-12));
  CHECK(c.cost[1] == Approx(10));  // a contract signed is built whole
  CHECK(b.state.cm(1, ccsim::cm_commercial_loans) == Approx(3));
  CHECK(b.state.cm(0, ccsim::cm_commercial_loans) == Approx(5 + 2.5));
  CHECK(b.state.cm(1, ccsim::cm_projects_dropped) == 0);
  CHECK(b.state.budget_used == Approx(50));  // the policy banks still lend only their budget
}

TEST_CASE("finance: commercial banks fill more of a shortfall where Chinese banks have branches",
          "[finance]") {
  // Budget 0: each steel investment of 20 is short of its 5 of policy credit; commercial banks
  // fill 0.5 of it in A and 0.5 + 0.2 in B, where a Chinese bank has a branch.
  Bench b({100, 100}, terms());
  b.state.gdp << 100, 100;
  b.state.agreement_year(1, ccsim::kBranch) = 2010;
  b.state.lending_budget = 0;
  b.add_candidate(0, ccsim::kGreenfield, 20);
  b.add_candidate(1, ccsim::kGreenfield, 20);
  auto cx = b.context();
  ccsim::finance(cx);
  ccsim::commit_finance(cx);
  CHECK(b.state.cm(0, ccsim::cm_commercial_loans) == Approx(2.5));
  CHECK(b.state.cm(1, ccsim::cm_commercial_loans) == Approx(3.5));
  CHECK(b.state.candidates.cost[0] == Approx(20 - 2.5));
  CHECK(b.state.candidates.cost[1] == Approx(20 - 1.5));
}

TEST_CASE("finance: the exposure limit counts non-performing loans", "[finance]") {
  // Limit 0.2 of GDP 10 = 2, of which 0.5 is performing and 1 non-performing: room 0.5 for a
  // contract of 1 asking 0.6; it gets 0.5 (financed 0.9, signed). A default frees no room.
  json t = terms(0.2);
  Bench b({10}, t);
  b.state.gdp << 10;
  b.state.loans << 0.5;
  b.state.npl << 1.0;
  b.state.lending_budget = 1000;
  b.add_candidate(0, ccsim::kEpc, 1);
  auto cx = b.context();
  ccsim::finance(cx);
  ccsim::commit_finance(cx);
  CHECK(b.state.candidates.loan[0] == Approx(0.5));
  CHECK_FALSE(b.state.budget_bound);  // the country's limit bound, not the budget

  Bench performing({10}, t);
  performing.state.gdp << 10;
  performing.state.loans << 0.5;
  performing.state.lending_budget = 1000;
  performing.add_candidate(0, ccsim::kEpc, 1);
  auto cx2 = performing.context();
  ccsim::finance(cx2);
  ccsim::commit_finance(cx2);
  CHECK(performing.state.candidates.loan[0] == Approx(0.6));
}

TEST_CASE("finance: bids carry last year's realised share, capped by the room left", "[finance]") {
  // A: half of what was asked last year was granted; B: all of it, but only 2 of room is left
  // against the 10 asked last year (limit 0.2 x 10). The Sinosure short-term book follows GDP.
  Bench b({100, 10},
          {{"policy", {{"exposure_limit_gdp_share", 0.2}, {"short_term_cover_usd_bn", 50}}}});
  b.state.gdp << 200, 20;  // both doubled since 2013
  b.state.loan_ratio << 0.5, 1;
  b.state.loan_asked << 10, 10;
  b.state.loans << 0, 2;
  auto cx = b.context();
  ccsim::finance(cx);
  CHECK(b.state.loan_offer(0) == Approx(0.5));
  CHECK(b.state.loan_offer(1) == Approx(0.2));
  CHECK(b.state.short_term_cover == Approx(100));
}

TEST_CASE("insurance: each exposure is insured once and claims never exceed the loss",
          "[insurance]") {
  // A steel investment of 20 (equity 0.45: 9; loan 5) and a contract of 10 (buyer's credit 6);
  // cover 0.9 of the equity, 0.5 of each loan, nothing on the contractor's own receivable.
  json t = terms();
  t["risk"] = {{"project_hazard", 1}, {"failure_share", 1}, {"shock_hazard", 0}};
  // The host guarantees half of the buyer's credit: that half stays owed when the project fails.
  t["policy"]["sovereign_guarantee_share"] = 0.5;
  Bench b({100}, t);
  b.state.gdp << 100;
  b.state.lending_budget = 1000;
  b.add_candidate(0, ccsim::kGreenfield, 20);
  b.add_candidate(0, ccsim::kEpc, 10);
  // contracts() decides the EPC bid by a draw: the bid is made sure to win.
  ccsim::Params p = b.setup.at(2013);
  p.win_intercept = 50;
  ccsim::Context won{b.setup, b.world, p, b.state, 0, 2013};
  ccsim::finance(won);
  ccsim::contracts(won);
  const double cover = 0.9 * 9 + 0.5 * 5 + 0.5 * 6;
  CHECK(b.state.cm(0, ccsim::cm_insured) == Approx(cover));
  CHECK(b.state.cm(0, ccsim::cm_policy_loans) == Approx(11));

  // Both fail in the year: every exposure loses all; the lender loses the investment's loan and
  // the unguaranteed half of the buyer's credit, and claims are the cover of what was lost, below
  // the losses.
  b.state.risk << 1.0;
  b.state.shock << 0.0;
  b.state.base_risk << 0.4;
  b.state.cm.setZero();
  const double book = b.state.loans(0);
  ccsim::run_projects(won);
  CHECK(b.state.cm(0, ccsim::cm_losses) == Approx(30));
  // (The year's end resolves npl_writeoff_rate of the bad loans; the book left, the guaranteed 3,
  // is serviced by the host and amortises, no project of its own being left to build.)
  CHECK(b.state.npl(0) == Approx((5 + 0.5 * 6) * (1 - p.npl_writeoff_rate)).epsilon(1e-6));
  CHECK(b.state.loans(0) == Approx((book - 8) * (1 - 1 / p.loan_tenor_years)).epsilon(1e-6));
  CHECK(b.state.cm(0, ccsim::cm_claims) == Approx(0.9 * 9 + 0.5 * 5 + 0.5 * 6 * 0.5).epsilon(1e-6));
  CHECK(b.state.cm(0, ccsim::cm_claims) <= b.state.cm(0, ccsim::cm_losses));
}

TEST_CASE("insurance: premiums are priced on country risk", "[insurance]") {
  // An operating project with cover 1 in force: premium = rate x base risk x cover.
  json t = {{"risk", {{"project_hazard", 0}, {"shock_hazard", 0}}},
            {"policy", {{"insurance_premium_rate", 0.02}}}};
  Bench b({100, 100}, t);
  b.state.base_risk << 0.2, 0.8;
  b.state.crowding.setZero();
  auto& pr = b.state.projects;
  for (std::uint8_t c = 0; c < 2; ++c) {
    const auto i = pr.add();
    pr.stage[i] = ccsim::kOperation;
    pr.mode[i] = ccsim::kGreenfield;
    pr.country[i] = c;
    pr.sector[i] = ccsim::kSteel;
    pr.cost[i] = pr.value[i] = 2.0f;
    pr.insured[i] = 1.0f;
    pr.loan_cover[i] = 0;
  }
  auto cx = b.context();
  ccsim::run_projects(cx);
  CHECK(b.state.cm(0, ccsim::cm_premiums) == Approx(0.02 * 0.2));
  CHECK(b.state.cm(1, ccsim::cm_premiums) == Approx(0.02 * 0.8));
}

TEST_CASE("signing: countries outside the 64 partners do not sign at the partners' rate",
          "[environment]") {
  ccsim::World w = ccsim::test::data_world();
  ccsim::Scenario sc = ccsim::test::repo_scenario(
      "scenarios/baseline.json", w,
      {{"simulation", {{"end_year", 2019}, {"spinup_years", 0}}},
       {"policy", {{"signing_rate", 1}, {"agreement_data_horizon", 2017}}}});
  const ccsim::Setup setup = ccsim::prepare(sc, w);
  ccsim::State s = ccsim::initial_state(setup, 0);
  const Eigen::ArrayXXi before = s.agreement_year;
  for (int year = 2013; year <= 2018; ++year) {
    ccsim::Context cx{setup, w, setup.at(year), s, 0, year};
    s.year = year;
    ccsim::environment(cx);
  }
  int outside = 0, partners_signed = 0;
  for (int c = 0; c < w.countries(); ++c) {
    if (w.br64(c) > 0) {
      partners_signed += s.agreement_year(c, ccsim::kMou) <= 2018;
      continue;
    }
    ++outside;
    for (int k = 0; k < static_cast<int>(ccsim::kAgreementKinds); ++k)
      CHECK(s.agreement_year(c, k) == before(c, k));
  }
  CHECK(outside > 0);
  CHECK(partners_signed == static_cast<int>(w.br64.sum()));
}

namespace {

// The baseline on the data world, a few replications to 2020, with `patch` over it.
ccsim::RunResult baseline_run(const ccsim::World& w, json patch) {
  ccsim::deep_merge(patch, {{"simulation", {{"replications", 4}, {"end_year", 2020}}}});
  const ccsim::Scenario sc = ccsim::test::repo_scenario("scenarios/baseline.json", w, patch);
  return ccsim::run(sc, w, {1, false});
}

double yearly_sum(const ccsim::RunResult& r, const char* metric) {
  const int col = ccsim::yearly_index(metric);
  REQUIRE(col >= 0);
  double s = 0;
  for (const auto& rep : r.replications) s += rep.yearly.col(col).sum();
  return s;
}

}  // namespace

TEST_CASE("finance: the budget is a real constraint on the baseline", "[finance][baseline]") {
  const ccsim::World w = ccsim::test::data_world();
  const ccsim::RunResult base = baseline_run(w, json::object());
  const double budget = ccsim::test::load_json(ccsim::test::source_path(
      "scenarios/calibration/baseline.json"))["policy"]["lending_budget_usd_bn"];
  const ccsim::RunResult cut =
      baseline_run(w, {{"policy", {{"lending_budget_usd_bn", 0.25 * budget}}}});

  // Loans issued never exceed the budget plus the package's special loan; they equal what was
  // asked in every year the budget did not bind.
  const int loans = ccsim::yearly_index("policy_loans_usd_bn"),
            asked = ccsim::yearly_index("policy_loans_requested_usd_bn"),
            limit = ccsim::yearly_index("lending_budget_usd_bn"),
            bound = ccsim::yearly_index("lending_budget_bound"),
            used = ccsim::yearly_index("lending_budget_used_share");
  const ccsim::RunResult loose = baseline_run(
      w, {{"policy", {{"lending_budget_usd_bn", 10 * budget}, {"exposure_limit_gdp_share", 10}}}});
  for (const auto* run : {&base, &cut, &loose})
    for (const auto& rep : run->replications)
      for (Eigen::Index y = 0; y < rep.yearly.rows(); ++y) {
        CHECK(rep.yearly(y, loans) <= rep.yearly(y, limit) + 15.0 + 1e-9);  // KAZ special loan
        CHECK(rep.yearly(y, used) <= 1 + 1e-12);
        if (run == &loose) {
          CHECK(rep.yearly(y, bound) == 0);
          CHECK(rep.yearly(y, loans) == Approx(rep.yearly(y, asked)).epsilon(1e-12));
        }
      }
  // A budget cut to a quarter drops projects and issues fewer loans.
  CHECK(yearly_sum(cut, "projects_dropped") > yearly_sum(base, "projects_dropped") + 10);
  CHECK(yearly_sum(cut, "policy_loans_usd_bn") < 0.6 * yearly_sum(base, "policy_loans_usd_bn"));
  CHECK(yearly_sum(cut, "epc_contracts_signed") < yearly_sum(base, "epc_contracts_signed"));
  // The calibrated budget binds in most years already (docs/calibration.md); a quarter of it
  // binds in every year of every replication.
  CHECK(yearly_sum(base, "lending_budget_bound") > 0);
  CHECK(yearly_sum(cut, "lending_budget_bound") ==
        static_cast<double>(cut.replications.size() * cut.replications[0].yearly.rows()));
  // Claims never exceed losses, in any year of any replication.
  const int claims = ccsim::yearly_index("insurance_claims_usd_bn"),
            losses = ccsim::yearly_index("losses_usd_bn");
  for (const auto& rep : base.replications)
    for (Eigen::Index y = 0; y < rep.yearly.rows(); ++y)
      CHECK(rep.yearly(y, claims) <= rep.yearly(y, losses) + 1e-9);
}
