// A contractor's further EPC bids of the year (choice phase, docs/model.md "EPC bids"): Poisson
// in number, each in a host drawn from the firm's choice probabilities, of its own size; the first
// proposals are untouched by them.
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "tests/support/bench.hpp"

using ccsim::test::Bench;
using ccsim::test::json;

namespace {

constexpr int kFirms = 4000;

// Every firm goes out in 2013 and, where epc_prob is 1, bids EPC; three equal hosts.
Bench contractors(double extra_bids, double size_sigma = 0) {
  const json patch = {
      {"simulation", {{"firm_agents", kFirms}, {"firm_population", kFirms}}},
      {"behaviour",
       {{"epc_extra_bids", extra_bids}, {"size_sigma", size_sigma}, {"epc_shift", 20}}}};
  Bench b({100, 100, 100}, patch);
  b.state.goers.resize(kFirms);
  std::iota(b.state.goers.begin(), b.state.goers.end(), 0u);
  return b;
}

void choose(Bench& b, double epc_prob) {
  auto cx = b.context();
  ccsim::attractiveness(cx);
  b.state.epc_prob.setConstant(epc_prob);
  ccsim::choice(cx);
}

}  // namespace

TEST_CASE("further bids: Poisson in number, after the first proposals, one block each",
          "[choice][bids]") {
  const double lambda = 1.5;
  Bench b = contractors(lambda);
  choose(b, 1.0);
  const auto& c = b.state.candidates;
  REQUIRE(c.size() > static_cast<std::size_t>(kFirms));
  // The first kFirms candidates are the first proposals, in the goers' order.
  for (std::size_t j = 0; j < static_cast<std::size_t>(kFirms); ++j) {
    REQUIRE(c.firm[j] == j);
    REQUIRE(c.bid[j] == 0);
  }
  // Each firm's further bids follow one another, numbered 1..N, EPC, in its sector.
  std::vector<int> bids(kFirms, 0);
  for (std::size_t j = kFirms; j < c.size(); ++j) {
    const std::uint32_t i = c.firm[j];
    REQUIRE(c.mode[j] == ccsim::kEpc);
    REQUIRE(c.sector[j] == c.sector[i]);
    REQUIRE(c.zone[j] == -1);
    REQUIRE(c.bid[j] == bids[i] + 1);
    REQUIRE(c.cost[j] > 0);
    if (j > kFirms && c.firm[j - 1] != i) REQUIRE(c.bid[j] == 1);
    ++bids[i];
  }
  // Mean and share of none against the Poisson's, four standard errors.
  const double n = kFirms, mean = std::accumulate(bids.begin(), bids.end(), 0.0) / n;
  const double none = static_cast<double>(std::count(bids.begin(), bids.end(), 0)) / n;
  CHECK(mean == Approx(lambda).margin(4 * std::sqrt(lambda / n)));
  const double p0 = std::exp(-lambda);
  CHECK(none == Approx(p0).margin(4 * std::sqrt(p0 * (1 - p0) / n)));
}

TEST_CASE("further bids: each in its own host, of its host's size", "[choice][bids]") {
  Bench b = contractors(2.0);
  choose(b, 1.0);
  const auto& c = b.state.candidates;
  // Three equal hosts: a further bid is in the first proposal's host about a third of the time
  // (the firm's experience is empty at the start), not always.
  std::array<int, 3> in{};
  int same = 0, further = 0;
  for (std::size_t j = kFirms; j < c.size(); ++j, ++further) {
    ++in[c.country[j]];
    same += c.country[j] == c.country[c.firm[j]];
  }
  REQUIRE(further > 1000);
  for (const int count : in) CHECK(count == Approx(further / 3.0).margin(0.1 * further));
  CHECK(same == Approx(further / 3.0).margin(0.1 * further));
  // No spread: a further bid costs what a first proposal of its sector costs in equal hosts.
  for (std::size_t j = kFirms; j < c.size(); ++j)
    REQUIRE(c.cost[j] == Approx(c.cost[c.firm[j]]).epsilon(1e-12));
}

TEST_CASE(
    "further bids: the first proposals draw what they drew without them and only contractors bid "
    "again",
    "[choice][bids]") {
  Bench none = contractors(0.0, 0.8), some = contractors(3.0, 0.8);
  choose(none, 0.5);
  choose(some, 0.5);
  const auto& a = none.state.candidates;
  const auto& b = some.state.candidates;
  REQUIRE(a.size() == static_cast<std::size_t>(kFirms));
  REQUIRE(b.size() > a.size());
  for (std::size_t j = 0; j < a.size(); ++j) {
    REQUIRE(a.country[j] == b.country[j]);
    REQUIRE(a.mode[j] == b.mode[j]);
    REQUIRE(a.cost[j] == b.cost[j]);
  }
  // Only contractors bid again: every further bid's firm made an EPC first proposal.
  for (std::size_t j = a.size(); j < b.size(); ++j) REQUIRE(b.mode[b.firm[j]] == ccsim::kEpc);
  // With every first proposal an investment, nobody bids again.
  Bench investors = contractors(3.0);
  choose(investors, 0.0);
  CHECK(investors.state.candidates.size() == static_cast<std::size_t>(kFirms));
}
