// The numerical guards: a value its definition rules out stops the replication with a ModelError
// that names the phase, the variable, the year and the country or sector.
#include "model/guard.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "model/error.hpp"
#include "model/simulate.hpp"
#include "tests/support/worlds.hpp"

using nlohmann::json;

namespace {

ccsim::Scenario small_scenario(const ccsim::World& w, int end_year = 2013) {
  const json doc = {{"simulation",
                     {{"start_year", 2013},
                      {"end_year", end_year},
                      {"spinup_years", 0},
                      {"firm_agents", 50},
                      {"firm_population", 50},
                      {"replications", 2}}}};
  return ccsim::parse_scenario(doc, "guard.json", w.iso3);
}

// The error check_year throws on `s`, or a default one when it throws none.
template <class F>
ccsim::ModelError error_of(F&& f) {
  try {
    f();
  } catch (const ccsim::ModelError& e) {
    return e;
  }
  return ccsim::ModelError("none", "none", 0, "none", 0, "none");
}

}  // namespace

TEST_CASE("guard: a negative stock, a non-finite metric or a share above 1 is named",
          "[guard][numbers]") {
  const ccsim::World w = ccsim::test::small_world({100, 100});
  const ccsim::Setup setup = ccsim::prepare(small_scenario(w), w);
  ccsim::State s = ccsim::initial_state(setup, 0);
  s.year = 2013;
  CHECK_NOTHROW(ccsim::check_year(w, s, "projects", true));

  s.odi_stock(1) = -0.5;
  auto e = error_of([&] { ccsim::check_year(w, s, "projects", true); });
  CHECK(e.phase() == "projects");
  CHECK(e.variable() == "odi_stock_usd_bn");
  CHECK(e.where() == "BBB");
  CHECK(e.year() == 2013);
  CHECK(e.value() == -0.5);
  CHECK(std::string(e.what()) ==
        "numerical error in year 2013, phase projects: odi_stock_usd_bn of BBB is -0.5 (must be "
        "finite and not negative)");
  s.odi_stock(1) = 0;

  s.cm(0, ccsim::cm_output) = std::nan("");
  e = error_of([&] { ccsim::check_year(w, s, "parks", false); });
  CHECK(e.variable() == "output_total_usd_bn");
  CHECK(e.where() == "AAA");
  s.cm(0, ccsim::cm_output) = std::numeric_limits<double>::infinity();
  CHECK(error_of([&] { ccsim::check_year(w, s, "parks", false); }).variable() ==
        "output_total_usd_bn");
  s.cm(0, ccsim::cm_output) = 0;

  s.cm(1, ccsim::cm_projects_failed) = -1;  // a count
  CHECK(error_of([&] { ccsim::check_year(w, s, "projects", false); }).variable() ==
        "projects_failed");
  s.cm(1, ccsim::cm_projects_failed) = 0;

  // Before the record the sector's market share holds won value; at the record it is a share.
  s.sm(ccsim::kIct, ccsim::sm_market_share) = 1.5;
  CHECK_NOTHROW(ccsim::check_year(w, s, "contracts", false));
  e = error_of([&] { ccsim::check_year(w, s, "record", true); });
  CHECK(e.variable() == "chinese_market_share");
  CHECK(e.where() == "sector ict");
  s.sm(ccsim::kIct, ccsim::sm_market_share) = 0;

  s.policy_support(0) = 1.95;
  CHECK(error_of([&] { ccsim::check_year(w, s, "environment", false); }).variable() ==
        "policy_support_index");
  s.policy_support(0) = 0;

  Eigen::ArrayXd totals = Eigen::ArrayXd::Zero(ccsim::kYearlyMetrics);
  CHECK_NOTHROW(ccsim::check_totals(totals, 2020));
  totals(ccsim::yearly_index("host_capacity_index")) = 1.25;
  e = error_of([&] { ccsim::check_totals(totals, 2020); });
  CHECK(e.phase() == "record");
  CHECK(e.variable() == "host_capacity_index");
  CHECK(e.year() == 2020);
}

TEST_CASE("guard: a replication that goes wrong stops, naming the phase that did it",
          "[guard][numbers]") {
  // BBB's observed GDP of 2015 turned negative (past the data's checks): the environment sets
  // it, and the replication stops there, in 2015, not at the record or in a later phase.
  ccsim::World w = ccsim::test::small_world({100, 100}, "BBB,2015,120\n");
  w.gdp_history(1, 2015 - w.gdp_first_year) = -50;
  const ccsim::Scenario sc = small_scenario(w, 2018);
  const ccsim::Setup setup = ccsim::prepare(sc, w);
  const auto e = error_of([&] { ccsim::simulate(setup, 0); });
  CHECK(e.phase() == "environment");
  CHECK(e.variable() == "gdp_usd_bn");
  CHECK(e.where() == "BBB");
  CHECK(e.year() == 2015);

  // A run names the replication too, the lowest that failed whatever the threads.
  for (int threads : {1, 2}) {
    try {
      ccsim::run(sc, w, {threads, true});
      FAIL("the run went through");
    } catch (const ccsim::ModelError& err) {
      CHECK(std::string(err.what())
                .rfind("replication 0: numerical error in year 2015, phase "
                       "environment: gdp_usd_bn of BBB is -50",
                       0) == 0);
    }
  }
}

TEST_CASE("guard: a healthy replication is unchanged by the checks", "[guard][numbers]") {
  // The yearly check runs whatever happens; the check after every phase only on a replay. The
  // replay checks the same numbers: a state run with checks after every phase ends where the
  // plain one does.
  const ccsim::World w = ccsim::test::small_world({100, 200, 50});
  const ccsim::Setup setup = ccsim::prepare(small_scenario(w, 2016), w);
  ccsim::State plain = ccsim::initial_state(setup, 0), checked = ccsim::initial_state(setup, 0);
  for (int year = setup.first_year; year <= setup.end_year; ++year) {
    ccsim::one_year(setup, plain, 0, year);
    ccsim::one_year(setup, checked, 0, year, nullptr, true);
  }
  CHECK((plain.cm == checked.cm).all());
  CHECK((plain.odi_stock == checked.odi_stock).all());
}
