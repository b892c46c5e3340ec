#pragma once
// A small hand-built world with its setup and state, for tests of one phase at a time.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/phases/phases.hpp"
#include "tests/support/worlds.hpp"

namespace ccsim::test {

using nlohmann::json;

struct Bench {
  ccsim::World world;
  ccsim::Scenario scenario;
  ccsim::Setup setup;
  ccsim::State state;

  Bench(std::vector<double> gdp, const json& patch, const std::string& gdp_history = "")
      : world(ccsim::test::small_world(std::move(gdp), gdp_history)),
        scenario(parse(patch, world)),
        setup(ccsim::prepare(scenario, world)),
        state(ccsim::initial_state(setup, 0)) {
    state.year = 2013;
  }
  ccsim::Context context() { return ccsim::Context{setup, world, setup.at(2013), state, 0, 2013}; }

  static ccsim::Scenario parse(const json& patch, const ccsim::World& w) {
    json doc = {{"simulation",
                 {{"start_year", 2013},
                  {"end_year", 2013},
                  {"spinup_years", 0},
                  {"firm_agents", 10},
                  {"firm_population", 10}}}};
    ccsim::deep_merge(doc, patch);
    return ccsim::parse_scenario(doc, "bench.json", w.iso3);
  }

  void add_candidate(int country, std::uint8_t mode, double cost) {
    auto& c = state.candidates;
    c.firm.push_back(0);
    c.country.push_back(static_cast<std::uint8_t>(country));
    c.sector.push_back(ccsim::kSteel);
    c.mode.push_back(mode);
    c.zone.push_back(-1);
    c.cost.push_back(cost);
    c.loan.push_back(0);
    c.fund.push_back(0);
    c.clock.push_back(0x80000000u);
    c.priority.push_back(static_cast<std::uint32_t>(c.priority.size() * 0x01000000u));
    c.admitted.push_back(1);
    c.bid.push_back(0);
    state.going_ahead.push_back(static_cast<std::uint32_t>(c.admitted.size() - 1));
  }
};

}  // namespace ccsim::test
