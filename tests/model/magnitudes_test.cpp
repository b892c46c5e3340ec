// The mechanisms behind docs/model.md's "Magnitudes" (issue 15 point 5): price competition takes
// margins, not output; the largest firms go out (size sorting); risk reaches the going-out
// decision through the choice's inclusive value; bad loans come with the book's maturity.
// Expectations derived by hand on small worlds, then the baseline's magnitudes in their ranges.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "model/metrics.hpp"
#include "model/phases/phases.hpp"
#include "model/simulate.hpp"
#include "model/stats.hpp"
#include "tests/support/bench.hpp"
#include "tests/support/runs.hpp"
#include "tests/support/worlds.hpp"

using ccsim::test::Bench;
using nlohmann::json;

namespace {

// An operating (or building) greenfield steel project of `country` with value = cost = `value`
// and policy loan `loan`, whose risk clock never runs out.
std::uint32_t add_project(ccsim::State& s, int country, std::uint8_t stage, float value,
                          float loan) {
  auto& pr = s.projects;
  const auto i = pr.add();
  pr.stage[i] = stage;
  pr.mode[i] = ccsim::kGreenfield;
  pr.country[i] = static_cast<std::uint8_t>(country);
  pr.sector[i] = ccsim::kSteel;
  pr.lag[i] = pr.years_left[i] = 3;
  pr.cost[i] = pr.value[i] = value;
  pr.loan[i] = loan;
  pr.risk_clock[i] = 1e30f;
  return i;
}

const json kNoRisk = {{"project_hazard", 0}, {"shock_hazard", 0}};

}  // namespace

TEST_CASE("crowding: price competition takes a share of the margin, not of output or jobs",
          "[projects][magnitudes]") {
  // loss = crowding_loss x crowding_margin x crowding x sales before crowding: 0.5 x 0.1 x 0.6
  // = 3% of sales at value 2; jobs follow the value, whatever the crowding.
  Bench b({100}, {{"risk", kNoRisk},
                  {"policy", {{"platform_coordination", 0}}},
                  {"learning", {{"crowding_loss", 0.5}, {"crowding_margin", 0.1}}},
                  {"host", {{"capacity_cap_floor", 1}, {"capacity_cap_slope", 0}}}});
  auto& s = b.state;
  const auto i = add_project(s, 0, ccsim::kOperation, 2.0f, 0.0f);
  const double rate = b.setup.at(2013).output_per_usd[ccsim::kSteel];
  s.crowding.setZero();
  auto cx = b.context();
  ccsim::run_projects(cx);
  const double jobs_uncrowded = s.cm(0, ccsim::cm_jobs);
  CHECK(s.cm(0, ccsim::cm_crowding_loss) == 0);

  s.cm.setZero();
  s.projects.age[i] = 0;
  s.crowding.setConstant(0.6);
  auto cx2 = b.context();
  ccsim::run_projects(cx2);
  CHECK(s.cm(0, ccsim::cm_crowding_loss) == Approx(2 * rate * 0.03));
  CHECK(s.cm(0, ccsim::cm_output) == Approx(2 * rate * 0.97));
  CHECK(s.cm(0, ccsim::cm_jobs) == Approx(jobs_uncrowded));
  // At full crowding and crowding_loss 1 the loss is the whole margin, never more.
  for (const double crowd : {0.0, 0.3, 1.0}) {
    Bench full({100}, {{"risk", kNoRisk},
                       {"policy", {{"platform_coordination", 0}}},
                       {"learning", {{"crowding_loss", 1}, {"crowding_margin", 0.1}}},
                       {"host", {{"capacity_cap_floor", 1}, {"capacity_cap_slope", 0}}}});
    add_project(full.state, 0, ccsim::kOperation, 2.0f, 0.0f);
    full.state.crowding.setConstant(crowd);
    auto c = full.context();
    ccsim::run_projects(c);
    const double lost = full.state.cm(0, ccsim::cm_crowding_loss),
                 sales = full.state.cm(0, ccsim::cm_output) + lost;
    CHECK(lost == Approx(0.1 * crowd * sales).margin(1e-12));
  }
}

TEST_CASE("npl: only the repaying book sours and amortises, not a book in its grace period",
          "[projects][magnitudes]") {
  // Country 0's loan is its project's in construction (grace), country 1's an operating
  // project's (repaying). An FX/credit event of severity 0.4 at sovereign_npl_share 0.5 sours
  // 20% of the repaying book; the repaying book amortises at 1/tenor, the grace book not at all.
  Bench b({100, 100}, {{"risk",
                        {{"project_hazard", 0},
                         {"shock_hazard", 0},
                         {"sovereign_npl_share", 0.5},
                         {"npl_writeoff_rate", 0}}},
                       {"policy", {{"loan_tenor_years", 10}}}});
  auto& s = b.state;
  add_project(s, 0, ccsim::kConstruction, 1.0f, 1.0f);
  add_project(s, 1, ccsim::kOperation, 1.0f, 1.0f);
  s.loans << 1.0, 1.0;
  s.npl.setZero();
  s.fx_shock << 0.4, 0.4;
  auto cx = b.context();
  ccsim::run_projects(cx);
  CHECK(s.npl(0) == 0);
  CHECK(s.loans(0) == Approx(1.0));
  CHECK(s.npl(1) == Approx(0.2));
  CHECK(s.loans(1) == Approx(0.8 * 0.9));

  // Half the book repaying: half the arrears, half the amortisation.
  Bench h({100}, {{"risk",
                   {{"project_hazard", 0},
                    {"shock_hazard", 0},
                    {"sovereign_npl_share", 0.5},
                    {"npl_writeoff_rate", 0}}},
                  {"policy", {{"loan_tenor_years", 10}}}});
  add_project(h.state, 0, ccsim::kConstruction, 1.0f, 1.0f);
  add_project(h.state, 0, ccsim::kOperation, 1.0f, 1.0f);
  h.state.loans << 2.0;
  h.state.npl.setZero();
  h.state.fx_shock << 0.4;
  auto ch = h.context();
  ccsim::run_projects(ch);
  CHECK(h.state.npl(0) == Approx(2.0 * 0.5 * 0.2));
  CHECK(h.state.loans(0) == Approx((2.0 - 0.2) * (1 - 0.5 * 0.1)));
}

namespace {

// Shares going out this year of the quarter of firms with the most and the least capital
// (capital^-push_capital is the firm's push factor: the smallest factors are the largest firms).
std::pair<double, double> quartile_shares(double push_capital) {
  Bench b({100, 100, 100},
          {{"simulation", {{"firm_agents", 20000}, {"firm_population", 20000}}},
           {"behaviour", {{"push_capital", push_capital}, {"propensity_intercept", -3}}}});
  auto& s = b.state;
  auto cx = b.context();
  ccsim::environment(cx);
  ccsim::push(cx);
  // Capital is drawn before push_capital applies: rank by a run-independent proxy, the push
  // factor at push_capital 1 being 1/capital, recovered from this run's factor.
  const auto& f = s.firms;
  const std::size_t n = f.size();
  std::vector<double> log_capital(n);
  for (std::size_t i = 0; i < n; ++i)
    log_capital[i] = push_capital > 0 ? -std::log(f.push_factor[i]) / push_capital : 0.0;
  std::vector<char> out(n, 0);
  for (const auto g : s.goers) out[g] = 1;
  std::vector<double> sorted = log_capital;
  std::sort(sorted.begin(), sorted.end());
  const double q1 = sorted[n / 4], q3 = sorted[3 * n / 4];
  double top = 0, top_n = 0, bottom = 0, bottom_n = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (log_capital[i] >= q3) top += out[i], ++top_n;
    if (log_capital[i] < q1) bottom += out[i], ++bottom_n;
  }
  return {top / top_n, bottom / bottom_n};
}

}  // namespace

TEST_CASE("push: the largest firms go out (Helpman-Melitz-Yeaple sorting)", "[push][magnitudes]") {
  // Odds proportional to capital^push_capital. Log capital is normal with sd 1: at push_capital 1
  // and small shares the top quartile's mean capital is 13.3 times the bottom's (lognormal
  // partial means, Phi(0.326) / Phi(-1.674)); saturation at the top lowers the ratio, so the
  // test asks for more than 4. Without sorting every firm has the same chance.
  const auto [top, bottom] = quartile_shares(1.0);
  INFO("top quartile " << top << ", bottom quartile " << bottom);
  CHECK(top > 4 * bottom);
  CHECK(bottom > 0);
}

TEST_CASE(
    "push: doubling every risk lowers the going-out odds by push_inclusive_value x the "
    "fall of the choice's inclusive value",
    "[push][magnitudes]") {
  // The inclusive value of a logit falls by between the smallest and the largest rise of
  // aversion x effective risk across countries; the push's log-odds move by
  // push_inclusive_value times that fall, so fewer firms go out.
  Bench b({100, 300, 50}, {{"simulation", {{"firm_agents", 20000}, {"firm_population", 20000}}},
                           {"behaviour", {{"propensity_intercept", -3}}}});
  auto& s = b.state;
  auto cx = b.context();
  ccsim::environment(cx);
  ccsim::push(cx);
  const Eigen::ArrayXd iv = s.inclusive_value;
  const double goers = static_cast<double>(s.goers.size());
  const auto& p = b.setup.at(2013);
  const Eigen::ArrayXd effective = s.risk * (1 - p.insurance_coverage * p.insurance_effectiveness);
  s.risk *= 2;
  ccsim::push(cx);  // attractiveness again, at the doubled risk
  for (Eigen::Index col = 0; col < iv.size(); ++col) {
    const double beta = p.risk_aversion[static_cast<std::size_t>(col % ccsim::kRiskClasses)];
    const double fall = iv(col) - s.inclusive_value(col);
    INFO("column " << col);
    CHECK(fall >= beta * effective.minCoeff() - 1e-9);
    CHECK(fall <= beta * effective.maxCoeff() + 1e-9);
  }
  // The same firms' draws (common random numbers): a lower probability for every firm can only
  // remove goers.
  CHECK(static_cast<double>(s.goers.size()) < goers);
}

namespace {

const ccsim::World& data_world() {
  static const ccsim::World w = ccsim::test::data_world();
  return w;
}

ccsim::RunResult run_baseline(const json& patch) {
  json p = {{"simulation", {{"end_year", 2025}, {"replications", 12}}}};
  ccsim::deep_merge(p, patch);
  const auto sc = ccsim::test::repo_scenario("scenarios/baseline.json", data_world(), p);
  ccsim::RunOptions o;
  o.threads = 2;
  return ccsim::run(sc, data_world(), o);
}

// The baseline itself, run once for the test cases that read it.
const ccsim::RunResult& baseline_run() {
  static const ccsim::RunResult r = run_baseline({});
  return r;
}

using ccsim::test::per_rep;

double mean_of(const std::vector<double>& v) {
  return ccsim::summarise(v).mean;
}

}  // namespace

TEST_CASE("baseline: crowding, going out, risk and bad loans within their documented ranges",
          "[baseline][magnitudes]") {
  // docs/model.md, "Magnitudes": the ranges are the published ones; the tolerances allow the
  // 12 replications' noise (standard errors below 1% of each mean but the risk response's 1.5%).
  const auto& base = baseline_run();
  const auto risky = run_baseline({{"risk", {{"global_multiplier", 2}}}});
  REQUIRE(!base.replications.empty());

  // Crowding takes at most crowding_loss x crowding_margin of sales, in every replication.
  const auto sc =
      ccsim::test::repo_scenario("scenarios/baseline.json", data_world(), json::object());
  const auto setup = ccsim::prepare(sc, data_world());
  const double cap = setup.at(2020).crowding_loss * setup.at(2020).crowding_margin;
  const auto lost = per_rep(base, "crowding_loss_usd_bn", 2017, 2025),
             out = per_rep(base, "output_total_usd_bn", 2017, 2025),
             odi = per_rep(base, "odi_flow_usd_bn", 2017, 2025);
  for (std::size_t r = 0; r < lost.size(); ++r) {
    CHECK(lost[r] > 0);
    CHECK(lost[r] <= cap * (out[r] + lost[r]));
  }
  // ...which is less than the direct investment of the same years (before: 3 times it).
  CHECK(mean_of(lost) < mean_of(odi));

  // The share going out lies in the published range of the share of China's outward investors
  // that invest in a year (32% in 2015 and 2016; the calibration target's band).
  const double share = mean_of(per_rep(base, "firms_going_out_share", 2016, 2016));
  CHECK(share > 0.24);
  CHECK(share < 0.40);

  // Doubling every risk lowers ODI 2017-2025 by a fifth to a half (before: 7%).
  const double fall = 1 - mean_of(per_rep(risky, "odi_flow_usd_bn", 2017, 2025)) / mean_of(odi);
  INFO("ODI fall with every risk doubled: " << fall);
  CHECK(fall > 0.15);
  CHECK(fall < 0.6);

  // Bad loans: within "about 1-2%" (the policy banks report under 1% bank-wide; renegotiations
  // reached about 1.7% of the book a year in 2017-2019), and a riskier world raises them by more
  // than a third. The host government's guarantee of most of a buyer's credit keeps a failed
  // contract's loan performing (before it: 2.5-2.6%). (With lending growing 5% a year the book's
  // repaying share changes little over the run: the maturity effect is tested on its own above.)
  const double young = mean_of(per_rep(base, "npl_ratio", 2013, 2016, true)),
               later = mean_of(per_rep(base, "npl_ratio", 2021, 2025, true)),
               later_risky = mean_of(per_rep(risky, "npl_ratio", 2021, 2025, true));
  INFO("NPL ratio 2013-2016 " << young << ", 2021-2025 " << later << ", risks doubled "
                              << later_risky);
  CHECK(young > 0.008);
  CHECK(young < 0.02);
  CHECK(later < 0.02);
  CHECK(later_risky > 1.3 * later);
}

TEST_CASE("baseline: the sector mix of partner ODI 2013-2016 lies in its documented ranges",
          "[baseline][magnitudes]") {
  // docs/model.md, "Sector mix": AEI's China Global Investment Tracker (B&R countries, 2013 to
  // mid-2018, deals of US$100m and more) and MOFCOM, mapped to the model's sectors. The ranges are
  // wide (large deals only, oil and gas outside the model); 12 replications' noise is a fraction
  // of a point of each share.
  const auto& base = baseline_run();
  REQUIRE(!base.replications.empty());
  using ccsim::Sector;
  struct Group {
    const char* name;
    std::vector<Sector> sectors;
    double lo, hi;
  };
  const std::vector<Group> groups = {
      {"energy", {ccsim::kPower, ccsim::kNewEnergy}, 0.15, 0.55},
      {"transport", {ccsim::kTransport, ccsim::kAutomotive, ccsim::kMachineryRail}, 0.10, 0.30},
      {"metals", {ccsim::kSteel, ccsim::kNonferrous}, 0.03, 0.15},
      {"technology", {ccsim::kIct, ccsim::kTelecom}, 0.03, 0.15},
      {"other",
       {ccsim::kBuildingMaterials, ccsim::kChemicals, ccsim::kLightManufacturing},
       0.10,
       0.35}};
  std::vector<double> odi(ccsim::kSectors, 0.0);
  for (const auto& rep : base.replications)
    for (int y = 2013; y <= 2016; ++y)
      for (std::size_t k = 0; k < ccsim::kSectors; ++k)
        odi[k] +=
            rep.sectors(static_cast<Eigen::Index>((y - base.start_year) * ccsim::kSectors + k),
                        ccsim::sm_odi_flow);
  double total = 0;
  for (const double v : odi) total += v;
  REQUIRE(total > 0);
  for (const auto& g : groups) {
    double share = 0;
    for (const Sector k : g.sectors) share += odi[static_cast<std::size_t>(k)] / total;
    INFO(g.name << " share of partner ODI 2013-2016: " << share);
    CHECK(share > g.lo);
    CHECK(share < g.hi);
  }
}
