// The scenario library (scenarios/*.json) against the baseline: each scenario runs with the
// baseline's seed, so replication r of both shares its random streams (common random numbers), and
// the metrics its description is about must move in the documented direction by more than two
// paired standard errors, so that no assertion passes by noise. The runs keep the files' own size
// (40 replications to 2030): fewer leave too little margin for the weakest effects (zone upgrading,
// the Kazakhstan package), and the numbers a failure prints are then those of docs/scenarios.md.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/metrics.hpp"
#include "model/simulate.hpp"
#include "tests/support/load.hpp"

namespace {

constexpr int kReplications = 40;
constexpr int kEndYear = 2030;

struct Run {
  ccsim::World world;
  ccsim::Scenario scenario;
  ccsim::RunResult result;
};

// Each scenario is run once however many test cases read it.
const Run& run_of(const std::string& name) {
  static std::map<std::string, Run> cache;
  const auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  nlohmann::json patch = {
      {"simulation", {{"replications", kReplications}, {"end_year", kEndYear}}}};
  // Another seed shows whether a direction holds beyond one set of random streams.
  if (const char* seed = std::getenv("CCSIM_LIBRARY_SEED"))
    patch["simulation"]["seed"] = std::stoull(seed);
  auto l = ccsim::scenario_files::load(
      ccsim::scenario_files::repo_path("scenarios/" + name + ".json"), patch);
  Run r{std::move(l.world), std::move(l.scenario), {}};
  r.result = ccsim::run(r.scenario, r.world, {1, true});
  return cache.emplace(name, std::move(r)).first->second;
}

// A metric of one replication of a run.
using Metric = std::function<double(const Run&, int replication)>;

// Throws rather than REQUIREs: these run once per replication and year.
int row_year(const Run& r, int year) {
  if (year < r.result.start_year || year > r.result.end_year)
    throw std::out_of_range("year " + std::to_string(year) + " is not in the run");
  return year - r.result.start_year;
}

int yearly_column(const char* name) {
  const int col = ccsim::yearly_index(name);
  if (col < 0) throw std::out_of_range(std::string("no yearly metric ") + name);
  return col;
}

// Sum of a yearly metric over y0..y1 (a cumulative flow, or y0 == y1 for a stock at year end).
Metric yearly(const char* name, int y0, int y1) {
  return [=](const Run& r, int rep) {
    const int col = yearly_column(name);
    double s = 0;
    for (int y = y0; y <= y1; ++y) s += r.result.replications[rep].yearly(row_year(r, y), col);
    return s;
  };
}

// Mean of a yearly ratio (a share) over y0..y1.
Metric yearly_mean(const char* name, int y0, int y1) {
  const Metric sum = yearly(name, y0, y1);
  return [=](const Run& r, int rep) { return sum(r, rep) / (y1 - y0 + 1); };
}

using CountrySet = std::function<bool(const ccsim::World&, int country)>;

// Sum of a country metric over y0..y1 and the partner countries in `in`.
Metric countries(ccsim::CountryMetric cm, int y0, int y1, CountrySet in) {
  return [=](const Run& r, int rep) {
    const int n = r.world.countries();
    double s = 0;
    for (int y = y0; y <= y1; ++y)
      for (int c = 0; c < n; ++c)
        if (r.world.br64(c) > 0 && in(r.world, c))
          s += r.result.replications[rep].countries(row_year(r, y) * n + c, cm);
    return s;
  };
}

CountrySet in_region(const char* key, bool inside) {
  const int region = ccsim::index_of(ccsim::kRegionKeys, key);
  return [=](const ccsim::World& w, int c) { return (w.region(c) == region) == inside; };
}

CountrySet is_country(const char* iso3) {
  return [=](const ccsim::World& w, int c) { return w.iso3[static_cast<std::size_t>(c)] == iso3; };
}

// Sum (or with `mean`, the mean) of a sector metric over y0..y1.
Metric sector(ccsim::SectorMetric sm, int k, int y0, int y1, bool mean = false) {
  return [=](const Run& r, int rep) {
    double s = 0;
    for (int y = y0; y <= y1; ++y)
      s += r.result.replications[rep].sectors(
          row_year(r, y) * static_cast<int>(ccsim::kSectors) + k, sm);
    return mean ? s / (y1 - y0 + 1) : s;
  };
}

struct Paired {
  double base = 0, other = 0, diff = 0, se = 0;
};

Paired paired(const Run& base, const Run& other, const Metric& m) {
  const int n = static_cast<int>(base.result.replications.size());
  REQUIRE(n == kReplications);
  REQUIRE(other.result.replications.size() == base.result.replications.size());
  std::vector<double> d(static_cast<std::size_t>(n));
  Paired p;
  for (int r = 0; r < n; ++r) {
    const double b = m(base, r), o = m(other, r);
    p.base += b / n;
    p.other += o / n;
    d[static_cast<std::size_t>(r)] = o - b;
  }
  p.diff = p.other - p.base;
  double ss = 0;
  for (double x : d) ss += (x - p.diff) * (x - p.diff);
  p.se = std::sqrt(ss / (n - 1) / n);
  return p;
}

enum Direction { kDown = -1, kUp = 1 };

// The documented direction, by more than two paired standard errors.
void expect_moves(const std::string& scenario, const std::string& what, const Metric& m,
                  Direction dir) {
  const Run& base = run_of("baseline");
  const Run& other = run_of(scenario);
  REQUIRE(other.scenario.seed() == base.scenario.seed());
  const Paired p = paired(base, other, m);
  std::ostringstream msg;
  msg << scenario << ": " << what << (dir == kUp ? " UP" : " DOWN") << ": baseline " << p.base
      << ", scenario " << p.other << ", diff " << p.diff << " ("
      << (p.base != 0 ? 100 * p.diff / p.base : 0.0) << "%), paired se " << p.se << ", t "
      << (p.se > 0 ? p.diff / p.se : 0.0);
  INFO(msg.str());
  CHECK(dir * p.diff > 2 * p.se);
}

// All levers act from 2017 or later; with common random numbers the recorded years before must
// then be identical to the baseline's, bit for bit: the calibrated history is kept.
void expect_history_kept(const std::string& scenario) {
  const Run& base = run_of("baseline");
  const Run& other = run_of(scenario);
  const int rows = row_year(base, 2016) + 1;
  bool same = true;
  for (int r = 0; r < kReplications; ++r)
    same = same && (other.result.replications[r].yearly.topRows(rows) ==
                    base.result.replications[r].yearly.topRows(rows))
                       .all();
  INFO(scenario << ": yearly metrics 2013-2016 identical to the baseline's");
  CHECK(same);
}

constexpr int kSteel = static_cast<int>(ccsim::kSteel);
constexpr int kChemicals = static_cast<int>(ccsim::kChemicals);

}  // namespace

TEST_CASE("library: strong policy support raises investment and loans and contracts and jobs",
          "[scenarios]") {
  const std::string s = "strong_policy_support";
  expect_history_kept(s);
  expect_moves(s, "odi_flow_usd_bn 2017-2030", yearly("odi_flow_usd_bn", 2017, kEndYear), kUp);
  expect_moves(s, "odi_high_risk_usd_bn 2017-2030", yearly("odi_high_risk_usd_bn", 2017, kEndYear),
               kUp);
  expect_moves(s, "policy_loans_usd_bn 2017-2030", yearly("policy_loans_usd_bn", 2017, kEndYear),
               kUp);
  expect_moves(s, "epc_contract_value_usd_bn 2017-2030",
               yearly("epc_contract_value_usd_bn", 2017, kEndYear), kUp);
  expect_moves(s, "jobs_total 2030", yearly("jobs_total", kEndYear, kEndYear), kUp);
}

TEST_CASE("library: retrenchment cuts loans and insurance and so investment and jobs",
          "[scenarios]") {
  const std::string s = "retrenchment";
  expect_history_kept(s);
  expect_moves(s, "policy_loans_usd_bn 2017-2030", yearly("policy_loans_usd_bn", 2017, kEndYear),
               kDown);
  expect_moves(s, "insured_usd_bn 2017-2030", yearly("insured_usd_bn", 2017, kEndYear), kDown);
  expect_moves(s, "odi_flow_usd_bn 2017-2030", yearly("odi_flow_usd_bn", 2017, kEndYear), kDown);
  expect_moves(s, "odi_high_risk_usd_bn 2017-2030", yearly("odi_high_risk_usd_bn", 2017, kEndYear),
               kDown);
  expect_moves(s, "epc_contract_value_usd_bn 2017-2030",
               yearly("epc_contract_value_usd_bn", 2017, kEndYear), kDown);
  expect_moves(s, "jobs_total 2030", yearly("jobs_total", kEndYear, kEndYear), kDown);
  // Contracts whose buyer's credit is not there are signed but never come into force (counted in
  // projects_dropped), and fewer bids are won on a poorer finance package: less is built.
  expect_moves(s, "epc_turnover_usd_bn 2017-2030", yearly("epc_turnover_usd_bn", 2017, kEndYear),
               kDown);
  expect_moves(s, "commercial_loans_usd_bn 2017-2030",
               yearly("commercial_loans_usd_bn", 2017, kEndYear), kUp);
  expect_moves(s, "projects_dropped 2017-2030", yearly("projects_dropped", 2017, kEndYear), kUp);
}

TEST_CASE("library: a coordination platform lowers crowding losses", "[scenarios]") {
  const std::string s = "coordination_platform";
  expect_history_kept(s);
  expect_moves(s, "crowding_loss_usd_bn 2017-2030", yearly("crowding_loss_usd_bn", 2017, kEndYear),
               kDown);
  expect_moves(s, "output_total_usd_bn 2017-2030", yearly("output_total_usd_bn", 2017, kEndYear),
               kUp);
}

TEST_CASE("library: higher global risk lowers investment and raises losses", "[scenarios]") {
  const std::string s = "global_risk_up";
  expect_history_kept(s);
  expect_moves(s, "odi_flow_usd_bn 2017-2030", yearly("odi_flow_usd_bn", 2017, kEndYear), kDown);
  expect_moves(s, "odi_high_risk_usd_bn 2017-2030", yearly("odi_high_risk_usd_bn", 2017, kEndYear),
               kDown);
  expect_moves(s, "losses_usd_bn 2017-2030", yearly("losses_usd_bn", 2017, kEndYear), kUp);
  expect_moves(s, "insurance_claims_usd_bn 2017-2030",
               yearly("insurance_claims_usd_bn", 2017, kEndYear), kUp);
  expect_moves(s, "projects_failed 2017-2030", yearly("projects_failed", 2017, kEndYear), kUp);
  expect_moves(s, "jobs_total 2030", yearly("jobs_total", kEndYear, kEndYear), kDown);
}

TEST_CASE("library: a Central Asia shock moves investment to other regions", "[scenarios]") {
  const std::string s = "central_asia_shock";
  expect_history_kept(s);
  const CountrySet ca = in_region("central_asia", true);
  expect_moves(s, "odi_flow_usd_bn in Central Asia 2020-2025",
               countries(ccsim::cm_odi_flow, 2020, 2025, ca), kDown);
  expect_moves(s, "losses_usd_bn in Central Asia 2020-2025",
               countries(ccsim::cm_losses, 2020, 2025, ca), kUp);
  expect_moves(s, "zone_jobs in Central Asia, job-years 2020-2025",
               countries(ccsim::cm_zone_jobs, 2020, 2025, ca), kDown);
  expect_moves(s, "jobs_total in Central Asia, job-years 2020-2025",
               countries(ccsim::cm_jobs, 2020, 2025, ca), kDown);
}

// Documented, and it holds in the model (tests/model/baseline_test.cpp: a stronger, longer shock,
// 80 pairs, +0.3% projects elsewhere at t 4.8), but the library's two-year shock moves about
// 0.8% of the other partners' investment projects (t 4.6 under the default seed, 3.4-6.5 under
// seeds 1-12 at 680b06d; 3.2-7.8 at 894ba6e, docs/scenarios.md): firms that
// would have gone to Central Asia go elsewhere, but fewer go out at all (the push reads the
// destinations' inclusive value) and those whose projects fail there lose capital.
TEST_CASE("library: a Central Asia shock moves investment projects to other partners only weakly",
          "[scenarios][!mayfail]") {
  expect_moves("central_asia_shock", "investment_projects_started outside Central Asia 2020-2025",
               countries(ccsim::cm_investment_projects_started, 2020, 2025,
                         in_region("central_asia", false)),
               kUp);
}

TEST_CASE("library: tougher competition lowers the Chinese market share and contracts",
          "[scenarios]") {
  const std::string s = "tougher_competition";
  expect_history_kept(s);
  expect_moves(s, "chinese_market_share, mean 2017-2030",
               yearly_mean("chinese_market_share", 2017, kEndYear), kDown);
  expect_moves(s, "epc_contract_value_usd_bn 2017-2030",
               yearly("epc_contract_value_usd_bn", 2017, kEndYear), kDown);
  expect_moves(s, "odi_flow_usd_bn 2017-2030", yearly("odi_flow_usd_bn", 2017, kEndYear), kDown);
}

// Competitors take EPC contracts (-14%), which carry no host jobs, far more than investment
// (-2.9%), so jobs fall about 3% (t 17.7 under the default seed at 680b06d; 12.7 or more under
// seeds 1-12 at 894ba6e, docs/scenarios.md; before the zones' pull was bounded, -1% and not under
// every seed).
TEST_CASE("library: tougher_competition lowers jobs through the investment it takes",
          "[scenarios]") {
  expect_moves("tougher_competition", "jobs_total 2030", yearly("jobs_total", kEndYear, kEndYear),
               kDown);
}

TEST_CASE("library: a second Kazakhstan package raises activity in Kazakhstan", "[scenarios]") {
  const std::string s = "kazakhstan_package";
  expect_history_kept(s);
  const CountrySet kaz = is_country("KAZ");
  expect_moves(s, "projects_started in KAZ 2020-2025",
               countries(ccsim::cm_projects_started, 2020, 2025, kaz), kUp);
  expect_moves(s, "epc_contract_value_usd_bn in KAZ 2020-2025",
               countries(ccsim::cm_epc_value, 2020, 2025, kaz), kUp);
  expect_moves(s, "policy_loans_usd_bn in KAZ 2020-2025",
               countries(ccsim::cm_policy_loans, 2020, 2025, kaz), kUp);
  expect_moves(s, "fund_equity_usd_bn in KAZ 2020-2025",
               countries(ccsim::cm_fund_equity, 2020, 2025, kaz), kUp);
}

// The package's pull raises every mode alike; most projects in Kazakhstan are EPC contracts,
// which carry no ODI and no host jobs, but its investment projects (about 290 in 2020-2025, +8%)
// raise ODI there by a sixth and jobs by 2.6% (t 7.0 and 4.0 or more under the default seed and
// seeds 1-12 at 680b06d, both least under seed 4; 8.4 and 5.6 at 894ba6e, docs/scenarios.md;
// before, about 16 agents' worth and not under every seed).
TEST_CASE("library: kazakhstan_package raises ODI in Kazakhstan", "[scenarios]") {
  expect_moves("kazakhstan_package", "odi_flow_usd_bn in KAZ 2020-2025",
               countries(ccsim::cm_odi_flow, 2020, 2025, is_country("KAZ")), kUp);
}

TEST_CASE("library: kazakhstan_package raises jobs in Kazakhstan", "[scenarios]") {
  expect_moves("kazakhstan_package", "jobs_total in KAZ, job-years 2020-2025",
               countries(ccsim::cm_jobs, 2020, 2025, is_country("KAZ")), kUp);
}

TEST_CASE("library: zone upgrading raises the number of zones and their firms", "[scenarios]") {
  const std::string s = "zone_upgrading";
  expect_history_kept(s);
  expect_moves(s, "zones 2030", yearly("zones", kEndYear, kEndYear), kUp);
  // Firm-years in zones over the programme's years (the end-2030 count alone once cleared only
  // 1.9 paired standard errors under one seed of thirteen; 33.7 or more at 680b06d).
  expect_moves(s, "zone_firms 2017-2030", yearly("zone_firms", 2017, kEndYear), kUp);
}

// More zones open and new zones start better: output (taxes are a fixed share of it) rises 16%
// and zone jobs 24% (t 13.0 or more under the default seed and seeds 1-12 at 680b06d,
// docs/scenarios.md; at 060739f 1-3%, within two paired standard errors under some streams).
TEST_CASE("library: zone_upgrading raises zone output and taxes", "[scenarios]") {
  const std::string s = "zone_upgrading";
  expect_moves(s, "zone_output_usd_bn 2017-2030", yearly("zone_output_usd_bn", 2017, kEndYear),
               kUp);
  expect_moves(s, "zone_taxes_usd_bn 2017-2030", yearly("zone_taxes_usd_bn", 2017, kEndYear), kUp);
}

TEST_CASE("library: zone_upgrading raises zone jobs", "[scenarios]") {
  expect_moves("zone_upgrading", "zone_jobs 2030", yearly("zone_jobs", kEndYear, kEndYear), kUp);
}

TEST_CASE("library: technology restrictions cut the output and market share of chemicals",
          "[scenarios]") {
  const std::string s = "tech_restrictions_chemicals";
  expect_history_kept(s);
  expect_moves(s, "chemicals output_usd_bn 2018-2030",
               sector(ccsim::sm_output, kChemicals, 2018, kEndYear), kDown);
  expect_moves(s, "chemicals taxes_usd_bn 2018-2030",
               sector(ccsim::sm_taxes, kChemicals, 2018, kEndYear), kDown);
  expect_moves(s, "chemicals chinese_market_share, mean 2018-2030",
               sector(ccsim::sm_market_share, kChemicals, 2018, kEndYear, true), kDown);
  expect_moves(s, "chemicals epc_contract_value_usd_bn 2018-2030",
               sector(ccsim::sm_epc_value, kChemicals, 2018, kEndYear), kDown);
  // The restriction is on chemicals only: steel's output moves by less than 2%.
  const Paired steel =
      paired(run_of("baseline"), run_of(s), sector(ccsim::sm_output, kSteel, 2018, kEndYear));
  INFO("steel output_usd_bn 2018-2030: diff " << steel.diff << ", paired se " << steel.se);
  CHECK(std::abs(steel.diff) < 0.02 * steel.base);
}
