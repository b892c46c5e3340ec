#pragma once
// What every replication of a scenario shares: parameters by year, schedules of agreements,
// shocks and packages resolved against the world, and static country features.
#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "model/params.hpp"
#include "model/scenario.hpp"
#include "model/state.hpp"
#include "model/world.hpp"

namespace ccsim {

struct Setup {
  const World* world = nullptr;
  int first_year = 0, start_year = 0, end_year = 0;
  std::uint64_t seed = 0;
  std::vector<Params> params;           // by year from first_year
  Eigen::ArrayXXi agreement_year;       // countries x kAgreementKinds, scenario events applied
  std::vector<Eigen::ArrayXXd> shocks;  // by year: countries x kRiskKinds scheduled severity
  std::vector<Eigen::ArrayXd> package_loan, package_fund, package_list;  // by year: countries
  std::vector<Eigen::ArrayXd> risk_multiplier;  // by year: countries (global x region x country)
  Eigen::ArrayXd gdp_per_capita_2013;           // US$
  Eigen::ArrayXd high_risk;                     // 1 for the riskiest third of the 64 (base risk)

  const Params& at(int year) const { return params[static_cast<std::size_t>(year - first_year)]; }
  int years() const { return end_year - first_year + 1; }
  int recorded_years() const { return end_year - start_year + 1; }
};

// Resolves a scenario against a world. Throws InputError when the scenario names a country the
// world lacks.
Setup prepare(const Scenario& scenario, const World& world);

// Fresh state for one replication: firms drawn, named zones open before the first year.
State initial_state(const Setup& setup, std::uint32_t replication);
// The same in `s`, which keeps its buffers' memory (see reset): what a worker does between
// replications. The state is that of initial_state(setup, replication) whatever `s` held.
void initial_state(const Setup& setup, std::uint32_t replication, State& s);

// Platform membership at `share`: a firm is a member while its own fixed draw (made with its other
// initial traits) lies below the share, so a member at one share stays a member at any higher one
// and the same firms are members whenever the share comes back. O(firms): for the years the
// share changes.
void assign_membership(const Setup& setup, std::uint32_t replication, double share, State& s);

// Composite base risk per country from WGI and the year's parameters (before shocks).
Eigen::ArrayXXd risk_components(const World& w, const Params& p);

}  // namespace ccsim
