// Each mechanism on a small hand-built world, with expectations derived by hand.
#include <algorithm>
#include <catch2/catch.hpp>

#include "model/metrics.hpp"
#include "model/phases/phases.hpp"
#include "model/rng.hpp"
#include "tests/support/bench.hpp"
#include "tests/support/worlds.hpp"

using ccsim::test::Bench;
using nlohmann::json;

TEST_CASE("environment: a scheduled shock moves GDP off its observed path, and the gap persists",
          "[environment]") {
  // Both countries observed 2012-2016; AAA has a scheduled shock of 0.5 in 2014, which slows
  // growth from the next year: 3% trend growth becomes 3% x (1 - 0.5) in 2015 and, with half
  // the shock persisting, 3% x (1 - 0.25) in 2016. BBB, unshocked, keeps its observed GDP.
  std::string history;
  const double observed[] = {100, 104, 107, 111, 116};  // 2012-2016
  for (const char* iso : {"AAA", "BBB"})
    for (int y = 2012; y <= 2016; ++y)
      history += std::string(iso) + "," + std::to_string(y) + "," +
                 std::to_string(observed[y - 2012]) + "\n";
  Bench b({100, 100},
          {{"simulation", {{"end_year", 2016}}},
           {"risk", {{"shock_persistence", 0.5}}},
           {"shocks",
            {{{"start_year", 2014},
              {"duration", 1},
              {"country", "AAA"},
              {"kind", "geopolitical"},
              {"severity", 0.5}}}}},
          history);
  auto& s = b.state;
  std::vector<double> aaa, bbb;
  for (int year = 2013; year <= 2016; ++year) {
    ccsim::Context cx{b.setup, b.world, b.setup.at(year), s, 0, year};
    ccsim::environment(cx);
    aaa.push_back(s.gdp(0));
    bbb.push_back(s.gdp(1));
  }
  const double g = 0.03, gap2015 = (1 + g * 0.5) / (1 + g),
               gap2016 = gap2015 * (1 + g * 0.75) / (1 + g);
  CHECK(aaa[1] == Approx(107));
  CHECK(aaa[2] == Approx(111 * gap2015).epsilon(1e-12));
  CHECK(aaa[3] == Approx(116 * gap2016).epsilon(1e-12));
  CHECK(bbb[2] == 111);
  CHECK(bbb[3] == 116);
  CHECK(s.growth(0) == Approx(116 * gap2016 / (111 * gap2015) - 1).epsilon(1e-12));
}

TEST_CASE("choice: experience multiplies a country's logit weight exactly", "[choice]") {
  // Weights 1, 2, 3; experience on country 0 with gain exp(beta * level) - 1 = 3 gives 4, 2, 3.
  const double cdf[3] = {1, 3, 6};
  std::uint8_t guide[3];
  ccsim::build_country_guide(cdf, 3, guide);
  const std::uint8_t slots[4] = {0, ccsim::kNoCountry, ccsim::kNoCountry, ccsim::kNoCountry};
  const float gains[4] = {3, 0, 0, 0};
  const int n = 90000;
  int counts[3] = {0, 0, 0};
  for (int i = 0; i < n; ++i)
    ++counts[ccsim::draw_country(cdf, guide, 3, slots, gains, (i + 0.5) / n)];
  CHECK(counts[0] == 40000);
  CHECK(counts[1] == 20000);
  CHECK(counts[2] == 30000);

  // A failure (negative experience) shrinks the weight: level -1 on country 2 with beta ln 3: 1,
  // 2, 1.
  const std::uint8_t slots2[4] = {2, ccsim::kNoCountry, ccsim::kNoCountry, ccsim::kNoCountry};
  const float gains2[4] = {static_cast<float>(1 / 3.0 - 1), 0, 0, 0};
  int c2[3] = {0, 0, 0};
  for (int i = 0; i < 4000; ++i)
    ++c2[ccsim::draw_country(cdf, guide, 3, slots2, gains2, (i + 0.5) / 4000)];
  CHECK(c2[0] == 1000);
  CHECK(c2[1] == 2000);
  CHECK(c2[2] == 1000);
}

TEST_CASE("choice: the guide speeds the country draw without changing it", "[choice]") {
  // Uneven weights with zeros (countries that cannot be drawn), as the logit tables have.
  const int n = 40;
  double cdf[n];
  double sum = 0;
  for (int c = 0; c < n; ++c) cdf[c] = sum += (c % 7 == 3) ? 0.0 : 1.0 + (c * 37 % 11) * (c % 5);
  std::uint8_t guide[n], start_at_zero[n], too_far[n];
  ccsim::build_country_guide(cdf, n, guide);
  std::fill(start_at_zero, start_at_zero + n, 0);  // no guidance: a plain search
  std::fill(too_far, too_far + n, n - 1);          // wrong guidance must be caught
  const std::uint8_t slots[4] = {31, 5, ccsim::kNoCountry, ccsim::kNoCountry};
  const float gains[4] = {2.5f, -0.5f, 0, 0};
  const std::uint8_t none[4] = {ccsim::kNoCountry, ccsim::kNoCountry, ccsim::kNoCountry,
                                ccsim::kNoCountry};
  // The inverse CDF by brute force over the modified weights.
  auto expected = [&](const std::uint8_t* sl, double u) {
    double w[n], total = 0;
    for (int c = 0; c < n; ++c) w[c] = cdf[c] - (c > 0 ? cdf[c - 1] : 0.0);
    for (int j = 0; j < 4 && sl[j] != ccsim::kNoCountry; ++j) w[sl[j]] *= 1 + gains[j];
    for (int c = 0; c < n; ++c) total += w[c];
    double acc = 0;
    for (int c = 0; c < n; ++c)
      if (u * total < (acc += w[c])) return c;
    return n - 1;
  };
  int mismatches = 0, zero_weight_draws = 0;
  for (int i = 0; i < 20000; ++i) {
    const double u = (i + 0.37) / 20000;
    for (const std::uint8_t* sl : {slots, none}) {
      const int a = ccsim::draw_country(cdf, guide, n, sl, gains, u);
      mismatches += a != ccsim::draw_country(cdf, start_at_zero, n, sl, gains, u);
      mismatches += a != ccsim::draw_country(cdf, too_far, n, sl, gains, u);
      mismatches += a != expected(sl, u);
      zero_weight_draws += a % 7 == 3;
    }
  }
  CHECK(mismatches == 0);
  CHECK(zero_weight_draws == 0);
}

TEST_CASE("choice: a change of platform membership moves firms in or out by their own draws",
          "[choice]") {
  Bench b({10, 10, 10}, {{"simulation", {{"firm_agents", 10000}, {"firm_population", 10000}}},
                         {"policy", {{"platform_membership", 0.3}}}});
  auto& s = b.state;
  const auto initial = s.firms.member;
  auto members = [&] {
    return std::count(s.firms.member.begin(), s.firms.member.end(), std::uint8_t{1});
  };
  // Binomial(10000, p): standard deviation under 50; five of them allowed.
  CHECK(std::abs(members() - 3000) < 250);
  CHECK(s.membership_share == 0.3);

  ccsim::Params p = b.setup.at(2013);
  p.platform_membership = 0.6;
  s.goers.clear();  // no firm goes out: the choice only applies the lever
  ccsim::Context cx{b.setup, b.world, p, s, 0, 2013};
  ccsim::choice(cx);
  CHECK(std::abs(members() - 6000) < 250);
  CHECK(s.membership_share == 0.6);
  std::size_t kept = 0;
  for (std::size_t i = 0; i < initial.size(); ++i) kept += initial[i] && s.firms.member[i];
  CHECK(kept == static_cast<std::size_t>(std::count(initial.begin(), initial.end(), 1)));

  p.platform_membership = 0.3;  // back: the very same firms
  ccsim::choice(cx);
  CHECK(s.firms.member == initial);
}

TEST_CASE("learning: experience accumulates, is capped, and the weakest memory makes room",
          "[learning]") {
  Bench b({10, 10, 10, 10, 10}, {{"learning", {{"experience_cap", 2}}}});
  auto& s = b.state;
  s.experience_beta = 0.5;
  for (std::uint8_t c = 0; c < 4; ++c) s.learning.push_back({0, c, static_cast<float>(1 + c)});
  s.learning.push_back({0, 0, 1.0f});   // country 0 now 2 (at the cap)
  s.learning.push_back({0, 0, 1.0f});   // stays 2
  s.learning.push_back({0, 4, -0.5f});  // a fifth country must replace one memory
  auto cx = b.context();
  ccsim::learning(cx);
  const auto& slots = s.firms.exp_country[0];
  const auto& level = s.firms.exp_level[0];
  // Levels before the fifth event: c0 2, c1 2 (capped), c2 2, c3 2: all tie, the first slot goes.
  CHECK(slots[0] == 4);
  CHECK(level[0] == Approx(-0.5));
  CHECK(slots[1] == 1);
  CHECK(level[1] == Approx(2));
  // The choice's weight gain follows each level: exp(beta * level) - 1.
  const auto& gain = s.firms.exp_gain[0];
  CHECK(gain[0] == Approx(std::expm1(0.5 * -0.5)));
  CHECK(gain[1] == Approx(std::expm1(0.5 * 2)));
  CHECK(s.learning.empty());
}

TEST_CASE("learning: each firm's events apply in the year's order", "[learning]") {
  // Events of many firms, interleaved (the loop fetches firms ahead of their events); the cap
  // makes a firm's order visible: +3 then -1 ends at 1, -1 then +3 at 2.
  Bench b({10, 10, 10}, {{"simulation", {{"firm_agents", 10000}, {"firm_population", 10000}}},
                         {"learning", {{"experience_cap", 2}}}});
  auto& s = b.state;
  s.experience_beta = 0.5;
  for (std::uint32_t firm : {9000u, 20u, 4100u}) s.firms.exp_country[firm].fill(ccsim::kNoCountry);
  s.learning = {{9000, 1, 3.0f},  {20, 1, -1.0f}, {4100, 2, 3.0f},
                {9000, 1, -1.0f}, {20, 1, 3.0f},  {4100, 2, -1.0f}};
  auto cx = b.context();
  ccsim::learning(cx);
  CHECK(s.firms.exp_level[9000][0] == Approx(1));
  CHECK(s.firms.exp_level[20][0] == Approx(2));
  CHECK(s.firms.exp_level[4100][0] == Approx(1));
  CHECK(s.firms.exp_country[4100][0] == 2);
  CHECK(s.firms.exp_gain[9000][0] == Approx(std::expm1(0.5 * 1)));
  CHECK(s.learning.empty());
}

TEST_CASE("projects: an operating project yields output, jobs and taxes by its sector's rates",
          "[projects]") {
  Bench b({100}, {{"risk", {{"project_hazard", 0}, {"shock_hazard", 0}}},
                  {"host", {{"capacity_cap_floor", 1.2}, {"capacity_cap_slope", 0}}},
                  {"sectors",
                   {{"output_per_usd", {{"steel", 0.8}}},
                    {"jobs_per_musd", {{"steel", 3}}},
                    {"tax_yield", {{"steel", 0.02}}}}},
                  {"calibration", {{"jobs_scale", 1}, {"tax_yield_scale", 1}}}});
  auto& s = b.state;
  s.crowding.setZero();
  auto& pr = s.projects;
  const auto i = pr.add();
  pr.stage[i] = ccsim::kOperation;
  pr.mode[i] = ccsim::kGreenfield;
  pr.country[i] = 0;
  pr.sector[i] = ccsim::kSteel;
  pr.cost[i] = pr.value[i] = 2.0f;  // US$ 2 bn
  auto cx = b.context();
  ccsim::run_projects(cx);
  CHECK(s.cm(0, ccsim::cm_output) == Approx(2 * 0.8));     // productivity min(cap 1.2, 1) = 1
  CHECK(s.cm(0, ccsim::cm_jobs) == Approx(2 * 1000 * 3));  // US$ 2,000 m at 3 jobs per m
  CHECK(s.cm(0, ccsim::cm_taxes) == Approx(2 * 0.8 * 0.02));
  CHECK(s.cm(0, ccsim::cm_zone_output) == 0);
}

TEST_CASE("projects: a failure writes off value, sours the loan and pays the insured share",
          "[projects]") {
  Bench b({100}, {{"risk", {{"project_hazard", 1}, {"failure_share", 1}}}});
  auto& s = b.state;
  s.risk << 1.0;
  s.loans << 0.6;
  auto& pr = s.projects;
  const auto i = pr.add();
  pr.stage[i] = ccsim::kOperation;
  pr.mode[i] = ccsim::kGreenfield;
  pr.country[i] = 0;
  pr.sector[i] = ccsim::kSteel;
  pr.cost[i] = pr.value[i] = 1.0f;
  pr.equity[i] = 0.4f;
  pr.loan[i] = 0.6f;
  pr.insured[i] = 0.5f;
  auto cx = b.context();
  ccsim::run_projects(cx);
  CHECK(s.cm(0, ccsim::cm_losses) == Approx(1.0));
  CHECK(s.cm(0, ccsim::cm_claims) == Approx(0.5));
  CHECK(s.cm(0, ccsim::cm_projects_failed) == 1);
  CHECK(s.loans(0) == Approx(0.0).margin(1e-9));
  CHECK(s.npl(0) == Approx(0.6 * (1 - b.setup.at(2013).npl_writeoff_rate)));  // a year's resolution
  CHECK(pr.stage[i] == ccsim::kFree);
  REQUIRE(s.learning.size() == 1);
  CHECK(s.learning[0].delta < 0);
}

TEST_CASE("projects: the risk clock strikes a share equal to the yearly hazard", "[projects]") {
  // h = project_hazard * risk = 0.2: of 20,000 operating projects with fresh clocks, about 4,000
  // meet an event this year (binomial sd 57; tolerance 4.4 sd). Failures are off, so each event
  // is an impairment that leaves a learning event and a new clock.
  Bench b({100}, {{"risk", {{"project_hazard", 0.2}, {"shock_hazard", 0}, {"failure_share", 0}}}});
  auto& s = b.state;
  s.risk << 1.0;
  s.shock << 0.0;
  auto& pr = s.projects;
  const ccsim::Stream st(7, 0, ccsim::Purpose::kContract, 2013);
  const int projects = 20000;
  for (int j = 0; j < projects; ++j) {
    const auto i = pr.add();
    pr.stage[i] = ccsim::kOperation;
    pr.country[i] = 0;
    pr.sector[i] = ccsim::kSteel;
    pr.firm[i] = static_cast<std::uint32_t>(j);
    pr.start_year[i] = 2013;
    pr.cost[i] = pr.value[i] = 1.0f;
    pr.risk_clock[i] = ccsim::risk_clock(st.words(static_cast<std::uint32_t>(j))[1]);
  }
  auto cx = b.context();
  ccsim::run_projects(cx);
  const auto events = static_cast<double>(s.learning.size());
  CHECK(events == Approx(0.2 * projects).margin(250));
}
