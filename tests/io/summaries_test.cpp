// The summaries across replications (model/io/summaries.hpp): statistics of each cell, regions
// over the partners only, indices weighted by GDP, and bytes that do not depend on the order in
// which replications arrive.
#include "model/io/summaries.hpp"

#include <catch2/catch.hpp>
#include <sstream>

#include "model/metrics.hpp"
#include "model/simulate.hpp"
#include "tests/support/worlds.hpp"

namespace {

using ccsim::ReplicationResult;

// A replication of one recorded year on `w`: every country metric of country c is base(c) * k,
// GDP is gdp(c), risk (an index) risk(c); sectors' metrics are k.
ReplicationResult replication(const ccsim::World& w, double k, const std::vector<double>& risk) {
  ReplicationResult r;
  const int n = w.countries();
  r.yearly = Eigen::ArrayXXd::Zero(1, ccsim::kYearlyMetrics);
  r.countries = Eigen::ArrayXXd::Zero(n, ccsim::kCountryMetrics);
  for (int c = 0; c < n; ++c) {
    r.countries.row(c).setConstant((c + 1) * k);
    r.countries(c, ccsim::cm_gdp) = w.gdp_2013_usd_bn(c);
    r.countries(c, ccsim::cm_risk) = risk[static_cast<std::size_t>(c)];
  }
  r.sectors = Eigen::ArrayXXd::Constant(static_cast<Eigen::Index>(ccsim::kSectors),
                                        ccsim::kSectorMetrics, k);
  return r;
}

// The row of `table` that starts with `prefix`.
std::string row(const std::string& table, const std::string& prefix) {
  std::istringstream in(table);
  for (std::string line; std::getline(in, line);)
    if (line.rfind(prefix, 0) == 0) return line;
  return "";
}

}  // namespace

TEST_CASE("summaries: cell statistics, regions of partners only, GDP-weighted indices", "[io]") {
  ccsim::World w = ccsim::test::small_world({100, 300, 50});
  // AAA and BBB are Central Asian partners; CCC is outside the 64.
  w.br64(2) = 0;
  ccsim::io::SummaryTables t(w);
  t.begin(2013, 2013, 3);
  const std::vector<double> risk = {0.2, 0.6, 0.9};
  for (int r = 0; r < 3; ++r) t.add(r, replication(w, r + 1, risk));  // k = 1, 2, 3

  std::ostringstream countries, regions, sectors;
  t.write_countries(countries);
  t.write_regions(regions);
  t.write_sectors(sectors);
  CHECK(row(countries.str(), "year") ==
        "year,iso3,name,region,br64,metric,mean,sd,p05,p25,p50,"
        "p75,p95,n");
  // BBB's ODI flow is 2k: 2, 4, 6 -> mean 4, sd 2, quantiles by linear interpolation (type 7).
  CHECK(row(countries.str(), "2013,BBB,Country BBB,central_asia,1,odi_flow_usd_bn,") ==
        "2013,BBB,Country BBB,central_asia,1,odi_flow_usd_bn,4,2,2.2,3,4,5,5.8,3");
  // The outside country has its own rows but no part in the region.
  CHECK(row(countries.str(), "2013,CCC,Country CCC,central_asia,0,odi_flow_usd_bn,") != "");
  // Central Asia: AAA + BBB = 3k (3, 6, 9), not 6k with CCC.
  CHECK(row(regions.str(), "2013,central_asia,Central Asia,odi_flow_usd_bn,") ==
        "2013,central_asia,Central Asia,odi_flow_usd_bn,6,3,3.3,4.5,6,7.5,8.7,3");
  // Risk, an index, is the GDP-weighted mean of the partners: (100 x 0.2 + 300 x 0.6) / 400.
  CHECK_THAT(row(regions.str(), "2013,central_asia,Central Asia,effective_risk,"),
             Catch::StartsWith("2013,central_asia,Central Asia,effective_risk,0.5,0,0.5,"));
  // Only regions with partners appear.
  CHECK(row(regions.str(), "2013,southeast_asia") == "");
  CHECK(row(sectors.str(), "2013,steel,odi_flow_usd_bn,") ==
        "2013,steel,odi_flow_usd_bn,2,1,1.1,1.5,2,2.5,2.9,3");

  // Replications filed in another order (as threads finish) give the same bytes.
  ccsim::io::SummaryTables u(w);
  u.begin(2013, 2013, 3);
  for (int r = 2; r >= 0; --r) u.add(r, replication(w, r + 1, risk));
  std::ostringstream again;
  u.write_regions(again);
  CHECK(again.str() == regions.str());
}

TEST_CASE("summaries: the regions of a run add up to its partners' yearly totals", "[io]") {
  const ccsim::World w = ccsim::test::data_world();
  const ccsim::Scenario s = ccsim::test::repo_scenario(
      "scenarios/baseline.json", w,
      {{"simulation", {{"firm_agents", 400}, {"end_year", 2016}, {"replications", 2}}}});
  const ccsim::RunResult run = ccsim::run(s, w);
  ccsim::io::SummaryTables t(w);
  t.begin(run.start_year, run.end_year, 2);
  for (int r = 0; r < 2; ++r) t.add(r, run.replications[static_cast<std::size_t>(r)]);
  std::ostringstream regions;
  t.write_regions(regions);
  // Means are linear: the regions' mean ODI flows sum to the mean of the yearly total.
  const int odi = ccsim::yearly_index("odi_flow_usd_bn");
  REQUIRE(odi >= 0);
  for (int y = run.start_year; y <= run.end_year; ++y) {
    double regions_sum = 0;
    std::istringstream in(regions.str());
    for (std::string line; std::getline(in, line);) {
      if (line.rfind(std::to_string(y) + ",", 0) != 0 ||
          line.find(",odi_flow_usd_bn,") == std::string::npos)
        continue;
      const std::size_t at =
          line.find(",odi_flow_usd_bn,") + std::string(",odi_flow_usd_bn,").size();
      regions_sum += std::stod(line.substr(at));
    }
    const double total = (run.replications[0].yearly(y - run.start_year, odi) +
                          run.replications[1].yearly(y - run.start_year, odi)) /
                         2;
    CHECK(regions_sum == Approx(total).epsilon(1e-9));
  }
}
