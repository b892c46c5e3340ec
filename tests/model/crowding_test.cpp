// Crowding's stock (model/phases/projects.cpp, update_expected_projects): the live Chinese projects
// of each sector placed by their expected locations, which keeps each sector's realised total and
// is smooth where the realised stock moves in lumps of one agent's weight.
#include <catch2/catch.hpp>
#include <cmath>

#include "model/phases/phases.hpp"
#include "model/simulate.hpp"
#include "tests/support/worlds.hpp"

TEST_CASE("crowding: the expected stock keeps each sector's live projects and spreads them",
          "[crowding]") {
  const ccsim::World w = ccsim::test::data_world();
  const ccsim::Scenario sc = ccsim::test::repo_scenario(
      "scenarios/baseline.json", w, {{"simulation", {{"end_year", 2020}, {"spinup_years", 0}}}});
  const ccsim::Setup setup = ccsim::prepare(sc, w);
  ccsim::State s = ccsim::initial_state(setup, 0);
  int spread_cells = 0, lumped_cells = 0;
  for (int year = 2013; year <= 2020; ++year) {
    ccsim::one_year(setup, s, 0, year, nullptr, false);
    const Eigen::ArrayXXd& e = s.expected_projects;
    const Eigen::ArrayXXd& r = s.chinese_projects;
    REQUIRE(e.allFinite());
    CHECK((e >= 0).all());
    for (Eigen::Index k = 0; k < r.cols(); ++k) {
      INFO("year " << year << ", sector " << k);
      // rho_k makes the totals equal: only rounding differs.
      CHECK(e.col(k).sum() == Approx(r.col(k).sum()).epsilon(1e-9).margin(1e-9));
    }
    // Where no agent's project went, projects were still expected (the choice gives every
    // country weight), and a cell holding one agent's lump is not credited with all of it.
    spread_cells += ((r == 0) && (e > 0)).count();
    lumped_cells += ((r > 0) && (e < r)).count();
  }
  CHECK(spread_cells > 0);
  CHECK(lumped_cells > 0);
}

TEST_CASE("crowding: the expected stock over replications follows the realised one", "[crowding]") {
  // Both estimate the same mean except where survival and winning depend on the country (they do
  // a little): by country, the replications' means agree closely.
  const ccsim::World w = ccsim::test::data_world();
  const ccsim::Scenario sc = ccsim::test::repo_scenario(
      "scenarios/baseline.json", w, {{"simulation", {{"end_year", 2016}, {"spinup_years", 0}}}});
  const ccsim::Setup setup = ccsim::prepare(sc, w);
  const int reps = 30;
  Eigen::ArrayXd e_mean = Eigen::ArrayXd::Zero(w.countries()), r_mean = e_mean;
  for (int rep = 0; rep < reps; ++rep) {
    ccsim::State s = ccsim::initial_state(setup, static_cast<std::uint32_t>(rep));
    for (int year = 2013; year <= 2016; ++year)
      ccsim::one_year(setup, s, static_cast<std::uint32_t>(rep), year, nullptr, false);
    e_mean += s.expected_projects.rowwise().sum() / reps;
    r_mean += s.chinese_projects.rowwise().sum() / reps;
  }
  const double corr =
      ((e_mean - e_mean.mean()) * (r_mean - r_mean.mean())).sum() /
      std::sqrt((e_mean - e_mean.mean()).square().sum() * (r_mean - r_mean.mean()).square().sum());
  INFO("correlation across countries " << corr);
  CHECK(corr > 0.95);
  CHECK(e_mean.sum() == Approx(r_mean.sum()).epsilon(1e-9));
}
