// Numbers that their definitions bound (issue 14 point 3): each cause of a wrong number on a small
// hand-built world, with expectations derived by hand.
#include <catch2/catch.hpp>
#include <cmath>

#include "model/metrics.hpp"
#include "model/phases/phases.hpp"
#include "tests/support/worlds.hpp"

using nlohmann::json;

namespace {

// A one-year setup on small_world(gdp), `patch` merged over the scenario.
struct Bench {
  ccsim::World world;
  ccsim::Scenario scenario;
  ccsim::Setup setup;
  ccsim::State state;

  Bench(std::vector<double> gdp, const json& patch, int end_year = 2013)
      : world(ccsim::test::small_world(std::move(gdp))),
        scenario(parse(patch, world, end_year)),
        setup(ccsim::prepare(scenario, world)),
        state(ccsim::initial_state(setup, 0)) {
    state.year = 2013;
  }
  ccsim::Context context(int year = 2013) {
    state.year = year;
    return ccsim::Context{setup, world, setup.at(year), state, 0, year};
  }
  static ccsim::Scenario parse(const json& patch, const ccsim::World& w, int end_year) {
    json doc = {{"simulation",
                 {{"start_year", 2013},
                  {"end_year", end_year},
                  {"spinup_years", 0},
                  {"firm_agents", 10},
                  {"firm_population", 10}}}};
    ccsim::deep_merge(doc, patch);
    return ccsim::parse_scenario(doc, "bench.json", w.iso3);
  }
  // An investment project of country 0 in steel, value = cost = 1, whose clock has run out (the
  // hazard of the scenario's risk then strikes it this year).
  std::uint32_t project(std::uint8_t stage) {
    auto& pr = state.projects;
    const auto i = pr.add();
    pr.stage[i] = stage;
    pr.mode[i] = ccsim::kGreenfield;
    pr.country[i] = 0;
    pr.sector[i] = ccsim::kSteel;
    pr.lag[i] = pr.years_left[i] = 3;
    pr.cost[i] = pr.value[i] = 1.0f;
    pr.risk_clock[i] = 0;
    return i;
  }
};

// Every project meets an event this year (hazard 1 at risk 1); none is killed unless said.
json struck(double failure_share, double severity) {
  return {{"risk",
           {{"project_hazard", 1},
            {"shock_hazard", 0},
            {"failure_share", failure_share},
            {"impairment_severity", severity}}}};
}

}  // namespace

TEST_CASE("projects: an impairment that leaves nothing closes the project as failed",
          "[projects][numbers]") {
  // impairment_severity 1 (its declared maximum): the project loses all its value. Before, it
  // lived on at value 0 and the next event divided 0 by 0 into the loans and the ODI stock.
  Bench b({100}, struck(0, 1));
  auto& s = b.state;
  s.risk << 1.0;
  s.loans << 0.6;
  s.odi_stock << 0.4;
  auto& pr = s.projects;
  const auto i = b.project(ccsim::kOperation);
  pr.book[i] = 0.4f;
  pr.loan[i] = 0.6f;
  pr.insured[i] = 0.5f;
  for (int year = 0; year < 2; ++year) {  // a second year finds nothing left to strike
    auto cx = b.context();
    ccsim::run_projects(cx);
  }
  CHECK(pr.stage[i] == ccsim::kFree);
  CHECK(s.cm(0, ccsim::cm_projects_failed) == 1);  // in the first year; none left in the second
  CHECK(s.odi_stock(0) == 0);
  CHECK(std::isfinite(s.loans(0)));
  CHECK(std::isfinite(s.npl(0)));
  CHECK(s.npl(0) == Approx(0.6 * 0.8 * 0.8));  // soured in year 1, a fifth resolved each year
}

TEST_CASE("projects: a failure writes off the equity disbursed, not the equity still due",
          "[projects][numbers]") {
  // Year 2 of 3 of construction: a third of the US$ 0.9 bn equity paid (book 0.3, the country's
  // whole stock). The failure writes off the book: the stock falls to 0, not to 0.3 - 0.9; the
  // 0.6 still due is never paid (no flow).
  Bench b({100}, struck(1, 0.3));
  auto& s = b.state;
  s.risk << 1.0;
  s.odi_stock << 0.3;
  auto& pr = s.projects;
  const auto i = b.project(ccsim::kConstruction);
  pr.years_left[i] = 2;
  pr.equity[i] = 0.6f;
  pr.book[i] = 0.3f;
  auto cx = b.context();
  ccsim::run_projects(cx);
  CHECK(pr.stage[i] == ccsim::kFree);
  CHECK(s.odi_stock(0) == 0);
  CHECK(s.cm(0, ccsim::cm_odi_flow) == 0);
  CHECK(s.cm(0, ccsim::cm_losses) == Approx(1.0));
}

TEST_CASE("projects: an impairment takes the same share of value, book, loan and cover",
          "[projects][numbers]") {
  // Severity 0.3 twice on an operating project of value 1, book 0.4, loan 0.6, cover 0.5: the
  // first loses 0.3 (claims 0.5 x 0.3), the second 0.3 x 0.7 = 0.21 of what is left, and the
  // cover in force (0.35 of value 0.7) pays half of it: 0.105.
  Bench b({100}, struck(0, 0.3));
  auto& s = b.state;
  s.risk << 1.0;
  s.loans << 10;
  s.odi_stock << 0.4;
  auto& pr = s.projects;
  const auto i = b.project(ccsim::kOperation);
  pr.book[i] = 0.4f;
  pr.loan[i] = 0.6f;
  pr.insured[i] = 0.5f;
  auto cx = b.context();
  ccsim::run_projects(cx);
  CHECK(s.cm(0, ccsim::cm_losses) == Approx(0.3));
  CHECK(s.cm(0, ccsim::cm_claims) == Approx(0.15));
  CHECK(s.odi_stock(0) == Approx(0.28));
  CHECK(pr.value[i] == Approx(0.7));
  CHECK(pr.book[i] == Approx(0.28));
  CHECK(pr.insured[i] == Approx(0.35));

  s.cm.setZero();
  pr.risk_clock[i] = 0;
  pr.age[i] = 0;
  ccsim::run_projects(cx);
  CHECK(s.cm(0, ccsim::cm_losses) == Approx(0.21));
  CHECK(s.cm(0, ccsim::cm_claims) == Approx(0.105));
  CHECK(s.odi_stock(0) == Approx(0.28 * 0.7));
}

TEST_CASE("projects: equity is disbursed once, however long the works are delayed",
          "[projects][numbers]") {
  // US$ 1 bn of equity over 3 years of works, delayed a year after the first: the rest is spread
  // over the years still to build. Before, each year paid a third, a delay a third more.
  Bench b({100}, {{"risk", {{"project_hazard", 0}, {"shock_hazard", 0}}}});
  auto& s = b.state;
  auto& pr = s.projects;
  const auto i = b.project(ccsim::kConstruction);
  pr.equity[i] = 1.0f;
  pr.risk_clock[i] = 1e30f;
  double paid = 0;
  std::vector<double> flows;
  for (int year = 0; year < 4; ++year) {
    s.cm.setZero();
    auto cx = b.context();
    ccsim::run_projects(cx);
    flows.push_back(s.cm(0, ccsim::cm_odi_flow));
    paid += flows.back();
    if (year == 0) ++pr.years_left[i];  // what an impairment does to works in progress
  }
  CHECK(flows[0] == Approx(1.0 / 3));
  CHECK(flows[1] == Approx(2.0 / 3 / 3));
  CHECK(paid == Approx(1.0));
  CHECK(s.odi_stock(0) == Approx(1.0));
  CHECK(pr.stage[i] == ccsim::kOperation);
  CHECK(pr.book[i] == Approx(1.0));
}

TEST_CASE("projects: the crowding loss is a product of non-negative terms, never below zero",
          "[projects][numbers]") {
  // A platform member's project where members avoid all crowding (platform_coordination 1): no
  // output is lost at any crowding. Output before crowding less output after rounds below zero
  // at some crowdings (-2e-16 at value 1.3, crowding 0.069).
  Bench b({100}, {{"risk", {{"project_hazard", 0}, {"shock_hazard", 0}}},
                  {"policy", {{"platform_coordination", 1}}},
                  {"learning", {{"crowding_loss", 1}, {"crowding_margin", 1}}},
                  {"host", {{"capacity_cap_floor", 1}, {"capacity_cap_slope", 0}}}});
  auto& s = b.state;
  auto& pr = s.projects;
  const auto i = b.project(ccsim::kOperation);
  pr.member[i] = 1;
  pr.risk_clock[i] = 1e30f;
  const double rate = b.setup.at(2013).output_per_usd[ccsim::kSteel];
  for (int step = 0; step < 400; ++step) {
    s.cm.setZero();
    s.sm.setZero();
    pr.age[i] = 0;
    pr.value[i] = 1.0f + 0.05f * static_cast<float>(step % 20);
    s.crowding.setConstant(step / 400.0);
    auto cx = b.context();
    ccsim::run_projects(cx);
    INFO("value " << pr.value[i] << ", crowding " << step / 400.0);
    REQUIRE(s.cm(0, ccsim::cm_crowding_loss) == 0);
    REQUIRE(s.sm(ccsim::kSteel, ccsim::sm_crowding_loss) == 0);
    REQUIRE(s.cm(0, ccsim::cm_output) == Approx(pr.value[i] * rate));
  }
  // A non-member loses crowding_loss x crowding_margin x crowding of its sales.
  pr.member[i] = 0;
  s.cm.setZero();
  s.crowding.setConstant(0.25);
  pr.value[i] = 2.0f;
  auto cx = b.context();
  ccsim::run_projects(cx);
  CHECK(s.cm(0, ccsim::cm_crowding_loss) == Approx(2 * rate * 0.25));
  CHECK(s.cm(0, ccsim::cm_output) == Approx(2 * rate * 0.75));
}

TEST_CASE("environment: policy support is the weighted share of agreement kinds in force",
          "[environment][numbers]") {
  // Every weight 1 and every agreement in force: the index is 1, not 6 (the sum of the weights).
  // Half the kinds in force at equal weights: one half. Weights 1, 3 and the rest 0, only the
  // first in force: 1 / 4. No weight at all: no support.
  json weights;
  for (auto k : ccsim::kAgreementKeys) weights[std::string(k)] = 1;
  Bench b({100, 100, 100, 100}, {{"behaviour", {{"agreement_weight", weights}}}});
  auto& s = b.state;
  s.agreement_year.setConstant(9999);
  s.agreement_year.row(0).setConstant(2000);
  for (int k = 0; k < 3; ++k) s.agreement_year(1, k) = 2000;
  auto cx = b.context();
  ccsim::environment(cx);
  CHECK(s.policy_support(0) == 1);
  CHECK(s.policy_support(1) == Approx(0.5));
  CHECK(s.policy_support(2) == 0);

  weights = json::object();
  for (auto k : ccsim::kAgreementKeys) weights[std::string(k)] = 0;
  Bench none({100}, {{"behaviour", {{"agreement_weight", weights}}}});
  none.state.agreement_year.setConstant(2000);
  auto cx0 = none.context();
  ccsim::environment(cx0);
  CHECK(none.state.policy_support(0) == 0);

  weights["capacity_mou"] = 0.25;
  weights["bit"] = 0.75;
  Bench two({100}, {{"behaviour", {{"agreement_weight", weights}}}});
  two.state.agreement_year.setConstant(9999);
  two.state.agreement_year(0, ccsim::kMou) = 2000;
  auto cx2 = two.context();
  ccsim::environment(cx2);
  CHECK(two.state.policy_support(0) == Approx(0.25));
}

TEST_CASE("environment: technology growth compounds, and a decline never turns negative",
          "[environment][numbers]") {
  // tech_growth -0.1 (its declared minimum), 20 years on: 0.9^20 = 0.12 of the start, where a
  // linear trend gave 1 - 2 = -1 (negative investment x technology, then negative supporting
  // capacity, output and taxes).
  Bench b({100}, {{"domestic", {{"tech_growth", -0.1}}}}, 2033);
  auto cx = b.context(2033);
  ccsim::environment(cx);
  CHECK(b.state.tech_index[ccsim::kSteel] == Approx(std::pow(0.9, 20)));
}

TEST_CASE("upgrading: the capacity gap closes exponentially, within [0, 1] at any rate",
          "[upgrading][numbers]") {
  // Investment x technology of 10% of GDP at upgrade_rate 2: the gap 1 - 0.5 shrinks by
  // exp(-0.2). At rate 100 (its declared maximum) the gap all but closes, and never overshoots.
  for (double rate : {2.0, 100.0}) {
    Bench b({100}, {{"host", {{"upgrade_rate", rate}, {"standards_threshold", 1e6}}}});
    auto& s = b.state;
    s.capacity << 0.5;
    s.gdp << 100;
    s.invest_tech << 10;
    auto cx = b.context();
    ccsim::upgrading(cx);
    CHECK(s.capacity(0) == Approx(1 - 0.5 * std::exp(-rate * 0.1)));
    CHECK(s.capacity(0) <= 1);
  }
}
