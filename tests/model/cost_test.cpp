// The estimates that refuse what cannot be done before it starts.
#include "model/cost.hpp"

#include <catch2/catch.hpp>

#include "tests/support/worlds.hpp"

TEST_CASE("cost: memory and time grow with the agents and the years", "[cost]") {
  const ccsim::World w = ccsim::test::data_world();
  ccsim::Scenario s;
  s.params = ccsim::default_params();
  const auto base = ccsim::replication_cost(s, w);
  s.params.firm_agents = 5e7;  // the declared maximum: several GB a thread
  const auto top = ccsim::replication_cost(s, w);
  CHECK(top.bytes > 5e7 * 150);
  CHECK(top.bytes - base.bytes ==
        Approx((5e7 - ccsim::default_params().firm_agents) * ccsim::kBytesPerAgent));
  CHECK(top.seconds > 100 * base.seconds);
  s.params.spinup_years += 4;
  CHECK(ccsim::replication_cost(s, w).seconds > top.seconds);
  CHECK(ccsim::format_bytes(8.5e9) == "8.5 GB");
  CHECK(ccsim::format_bytes(23e6) == "23 MB");
  CHECK(ccsim::format_seconds(3.25) == "3.2s");
  CHECK(ccsim::format_seconds(12000) == "3h20m");
  CHECK(ccsim::format_seconds(1e12) == "more than 1000 years");
}
