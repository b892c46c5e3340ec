// The EPC backlog, contract sizes and construction jobs (issue 15, point 2): on a small hand-built
// world, with expectations derived by hand.
#include <catch2/catch.hpp>
#include <cmath>

#include "model/metrics.hpp"
#include "model/phases/phases.hpp"
#include "tests/support/bench.hpp"

using ccsim::test::Bench;
using nlohmann::json;

namespace {

// An EPC contract of `value` (US$ bn, per agent) in country 0, sector `k`, with `lag` years to
// build and a clock that never runs out unless the test sets it.
std::uint32_t contract(ccsim::State& s, float value, int lag, int k = ccsim::kPower) {
  auto& pr = s.projects;
  const auto i = pr.add();
  pr.mode[i] = ccsim::kEpc;
  pr.country[i] = 0;
  pr.sector[i] = static_cast<std::uint8_t>(k);
  pr.lag[i] = pr.years_left[i] = static_cast<std::uint8_t>(lag);
  pr.cost[i] = pr.value[i] = pr.due[i] = value;
  pr.risk_clock[i] = 1e30f;
  s.risk(0) = 1.0;  // at project_hazard 0.5, an event when the clock is set to 0, none at 1e30
  return i;
}

// Runs the projects phase `years` times; the turnover of each year. `strike(year)` may set the
// contract's clock to 0 so that an event strikes it that year.
template <class F>
std::vector<double> turnover(Bench& b, int years, F strike) {
  std::vector<double> t;
  for (int y = 0; y < years; ++y) {
    strike(y);
    b.state.cm.setZero();
    auto cx = b.context();
    ccsim::run_projects(cx);
    t.push_back(b.state.cm(0, ccsim::cm_epc_turnover));
  }
  return t;
}

double total(const std::vector<double>& v) {
  double s = 0;
  for (const double x : v) s += x;
  return s;
}

json risk(double failure_share) {
  return {{"risk",
           {{"project_hazard", 0.5},
            {"shock_hazard", 0},
            {"failure_share", failure_share},
            {"impairment_severity", 0.3}}}};
}

}  // namespace

TEST_CASE("backlog: a contract turns over its value over its construction years",
          "[projects][backlog]") {
  // US$ 1.2 bn over 4 years, no event: 0.3 a year, 1.2 in all, then the contract closes.
  Bench b({100}, risk(0));
  const auto i = contract(b.state, 1.2f, 4);
  const auto t = turnover(b, 5, [](int) {});
  CHECK(t[0] == Approx(0.3));
  CHECK(t[3] == Approx(0.3));
  CHECK(t[4] == 0);
  CHECK(total(t) == Approx(1.2).epsilon(1e-6));
  CHECK(b.state.projects.stage[i] == ccsim::kFree);
}

TEST_CASE("backlog: a delay stretches what remains and never adds to it", "[projects][backlog]") {
  // US$ 1.2 bn over 4 years; an impairment in year 2 (index 1) adds a year. Year 1 turns over
  // 0.3; in year 2 the event comes first, so the remaining 0.9 is spread over the 4 years then
  // left: 0.225 a year for 4 years. Total 1.2, the contract's value, over 5 years (before the
  // fix: 0.3 a year for 5 years, 1.5).
  Bench b({100}, risk(0));
  auto& pr = b.state.projects;
  const auto i = contract(b.state, 1.2f, 4);
  const auto t = turnover(b, 6, [&](int y) { pr.risk_clock[i] = y == 1 ? 0.0f : 1e30f; });
  CHECK(t[0] == Approx(0.3));
  for (int y = 1; y <= 4; ++y) CHECK(t[static_cast<std::size_t>(y)] == Approx(0.225));
  CHECK(t[5] == 0);
  CHECK(total(t) == Approx(1.2).epsilon(1e-6));
  // Two events, in years 1 and 3: 1.2/5 = 0.24, then in year 3 the remaining 0.72 over 4 years.
  Bench b2({100}, risk(0));
  auto& pr2 = b2.state.projects;
  const auto j = contract(b2.state, 1.2f, 4);
  const auto t2 =
      turnover(b2, 7, [&](int y) { pr2.risk_clock[j] = y == 0 || y == 2 ? 0.0f : 1e30f; });
  CHECK(t2[0] == Approx(0.24));
  CHECK(t2[2] == Approx(0.72 / 4));
  CHECK(total(t2) == Approx(1.2).epsilon(1e-6));
}

TEST_CASE("backlog: a contract waiting for its loan turns over nothing until it comes into force",
          "[projects][backlog]") {
  // US$ 1.2 bn over 4 years, one year's wait: nothing in year 1, then 0.3 a year for 4 years;
  // its value is under construction from its signing.
  Bench b({100}, risk(0));
  auto& pr = b.state.projects;
  const auto i = contract(b.state, 1.2f, 4);
  pr.wait[i] = 1;
  std::vector<double> building;
  const auto t =
      turnover(b, 6, [&](int) { building.push_back(b.state.cm(0, ccsim::cm_under_construction)); });
  CHECK(t[0] == 0);
  CHECK(building[1] == Approx(1.2));  // year 1's: signed, waiting, all of it still to build
  for (int y = 1; y <= 4; ++y) CHECK(t[static_cast<std::size_t>(y)] == Approx(0.3));
  CHECK(t[5] == 0);
  CHECK(total(t) == Approx(1.2).epsilon(1e-6));
  CHECK(pr.stage[i] == ccsim::kFree);
}

TEST_CASE("backlog: a contract on a Chinese buyer's credit waits for it, one paid by its host not",
          "[contracts][backlog]") {
  // One EPC bid that wins (intercept 10, competition unweighed: the odds against are about
  // e^-10, and the draw is fixed by the seed), its credit asked by the
  // finance phase and granted from an ample budget; with epc_credit_share 1 it is financed by a
  // buyer's credit and waits epc_financing_delay_years, with 0 its host pays and it starts.
  for (const double credit : {1.0, 0.0}) {
    Bench b({100}, json{{"policy",
                         {{"epc_financing_delay_years", 2},
                          {"epc_credit_share", credit},
                          {"exposure_limit_gdp_share", 10}}},
                        {"competition", {{"win_intercept", 10}, {"win_competition", 0}}}});
    b.state.gdp << 100;
    b.state.lending_budget = 1000;
    b.add_candidate(0, ccsim::kEpc, 1.0);
    auto cx = b.context();
    ccsim::finance(cx);
    ccsim::contracts(cx);
    REQUIRE(b.state.cm(0, ccsim::cm_epc_contracts) == 1);
    CHECK(b.state.projects.wait[0] == (credit > 0 ? 2 : 0));
  }
}

TEST_CASE("backlog: a failed contract's remainder is never turned over", "[projects][backlog]") {
  // Fails in its third year (the event comes before the year's works): 0.3 + 0.3 turned over.
  Bench b({100}, risk(1));
  auto& pr = b.state.projects;
  const auto i = contract(b.state, 1.2f, 4);
  const auto t = turnover(b, 5, [&](int y) { pr.risk_clock[i] = y == 2 ? 0.0f : 1e30f; });
  CHECK(total(t) == Approx(0.6));
  CHECK(pr.stage[i] == ccsim::kFree);
}

TEST_CASE("backlog: a zone's investment counts what remains of the works, not cost per year",
          "[projects][backlog]") {
  // A US$ 1 bn investment in a zone over 2 years, delayed once in its first year: 1/3 a year for
  // 3 years (the zone's `invested` is read and reset by the parks phase each year).
  Bench b({100}, risk(0));
  auto& s = b.state;
  s.zones.push_back({0, ccsim::kSteel, 2010, 0.5, 0, 0, 0});
  auto& pr = s.projects;
  const auto i = pr.add();
  pr.mode[i] = ccsim::kGreenfield;
  pr.zone[i] = 0;
  pr.country[i] = 0;
  pr.sector[i] = ccsim::kSteel;
  pr.lag[i] = pr.years_left[i] = 2;
  pr.cost[i] = pr.value[i] = pr.due[i] = 1.0f;
  s.risk(0) = 1.0;
  double invested = 0;
  for (int y = 0; y < 4; ++y) {
    pr.risk_clock[i] = y == 0 ? 0.0f : 1e30f;
    s.zones[0].invested = 0;
    auto cx = b.context();
    ccsim::run_projects(cx);
    if (y < 3) CHECK(s.zones[0].invested == Approx(1.0 / 3));
    invested += s.zones[0].invested;
  }
  CHECK(invested == Approx(1.0).epsilon(1e-6));
}

TEST_CASE("construction jobs: host workers per US$ m of the year's works", "[projects][jobs]") {
  // US$ 1.2 bn of transport works over 4 years: 300 US$ m a year at 25 jobs per US$ m.
  Bench b({100}, json{{"risk", {{"project_hazard", 0}, {"shock_hazard", 0}}},
                      {"sectors", {{"construction_jobs_per_musd", {{"transport", 25}}}}}});
  contract(b.state, 1.2f, 4, ccsim::kTransport);
  auto cx = b.context();
  ccsim::run_projects(cx);
  CHECK(b.state.cm(0, ccsim::cm_construction_jobs) == Approx(300 * 25));
  CHECK(b.state.sm(ccsim::kTransport, ccsim::sm_construction_jobs) == Approx(300 * 25));
}

TEST_CASE("contract size: scales with host GDP to its elasticity and with the yearly trend",
          "[choice][backlog]") {
  // Every firm goes out and bids EPC (epc_share near 1, a large shift); no spread. A host of GDP
  // 400 against the reference 100 at elasticity 0.5 doubles the size; in 2015, two years after
  // start_year at a trend of 10%, it is 1.21 times more.
  const json patch = {{"sectors",
                       {{"epc_size_gdp_elasticity", 0.5},
                        {"epc_size_trend", 0.1},
                        {"epc_size_musd", {{"steel", 40}}}}},
                      {"behaviour", {{"size_sigma", 0}, {"epc_shift", 20}, {"epc_extra_bids", 0}}},
                      {"calibration", {{"epc_size_scale", 1}}}};
  Bench b({400}, patch);
  auto& s = b.state;
  s.gdp(0) = 400;
  s.epc_prob.setConstant(1.0);
  s.goers = {0};
  s.firms.sector[0] = ccsim::kSteel;
  for (const int year : {2013, 2015}) {
    ccsim::Context cx{b.setup, b.world, b.setup.at(2013), s, 0, year};
    ccsim::attractiveness(cx);
    s.epc_prob.setConstant(1.0);
    ccsim::choice(cx);
    REQUIRE(s.candidates.size() == 1);
    REQUIRE(s.candidates.mode[0] == ccsim::kEpc);
    const double expected = 0.040 * 2 * (year == 2015 ? 1.21 : 1.0);
    CHECK(s.candidates.cost[0] == Approx(expected).epsilon(1e-6));
  }
}
