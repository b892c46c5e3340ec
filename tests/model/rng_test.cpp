#include "model/rng.hpp"

#include <catch2/catch.hpp>
#include <set>

using ccsim::Purpose;
using ccsim::Stream;

TEST_CASE("rng: pinned Philox outputs do not change", "[rng]") {
  // If these change, every published result changes: the stream layout is a contract.
  const Stream s(20130907, 3, Purpose::kPush, 2015);
  const auto w = s.words(42, 0);
  const auto again = Stream(20130907, 3, Purpose::kPush, 2015).words(42, 0);
  CHECK(w == again);
  CHECK(w[0] == 230167508u);
  CHECK(w[1] == 617987016u);
  CHECK(ccsim::derive_seed(1, 2, 3) == 1554285974358639789ull);
}

TEST_CASE("rng: streams differ by seed, replication, purpose, year, id and block", "[rng]") {
  std::set<std::uint32_t> firsts;
  firsts.insert(Stream(1, 0, Purpose::kPush, 2015).words(0)[0]);
  firsts.insert(Stream(2, 0, Purpose::kPush, 2015).words(0)[0]);
  firsts.insert(Stream(1, 1, Purpose::kPush, 2015).words(0)[0]);
  firsts.insert(Stream(1, 0, Purpose::kChoice, 2015).words(0)[0]);
  firsts.insert(Stream(1, 0, Purpose::kPush, 2016).words(0)[0]);
  firsts.insert(Stream(1, 0, Purpose::kPush, 2015).words(1)[0]);
  firsts.insert(Stream(1, 0, Purpose::kPush, 2015).words(0, 1)[0]);
  CHECK(firsts.size() == 7);
}

TEST_CASE("rng: uniforms are positive, at most one, with mean one half", "[rng]") {
  const Stream s(7, 0, Purpose::kInit, 0);
  double sum = 0;
  const int n = 20000;
  for (int i = 0; i < n; ++i)
    for (double u : s.uniforms(static_cast<std::uint32_t>(i))) {
      REQUIRE(u > 0.0);
      REQUIRE(u <= 1.0);
      sum += u;
    }
  // sd of the mean of 4n uniforms is sqrt(1/12 / 4n) = 0.002; allow 5 sd.
  CHECK(sum / (4.0 * n) == Approx(0.5).margin(0.01));
}
