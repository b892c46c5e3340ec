// model/report: the page holds every chart's spec with the input tables' values, names no
// external resource, and the differences have the intervals their formulas give.
#include <catch2/catch.hpp>
#include <cmath>
#include <memory>
#include <regex>
#include <sstream>
#include <string>

#include "model/error.hpp"
#include "model/report/report.hpp"

using ccsim::report::Input;
using ccsim::report::RunData;
using ccsim::report::StatRow;
using nlohmann::json;

namespace {

StatRow stat(int year, const std::string& key, const std::string& name, const std::string& metric,
             double mean, double sd, double n) {
  // Quantiles spread symmetrically about the mean, distinct so that a test can tell them apart.
  return {year,          key,           name,       metric,        mean,          sd,
          mean - 2 * sd, mean - sd / 2, mean + 0.1, mean + sd / 2, mean + 2 * sd, n};
}

// Two runs (baseline and "push") of metrics a, b over 2013-2015, regions R1 and R2 and twelve
// countries C00..C11 for metric a in 2015; a sweep of Morris mu* with a noise floor.
Input sample_input() {
  Input in;
  in.options.metrics = {"a", "b"};
  in.options.bar_metric = "a";
  in.options.bar_year = 2015;
  for (int k = 0; k < 2; ++k) {
    RunData r;
    r.dir = k == 0 ? "out/base" : "out/push";
    r.label = k == 0 ? "baseline" : "push";
    r.manifest = {{"program", "ccsim"},       {"kind", "run"},
                  {"scenario_name", r.label}, {"seed", 7},
                  {"git_revision", "abc123"}, {"wall_time_s", 1.25}};
    for (int y = 2013; y <= 2015; ++y) {
      r.yearly.push_back(stat(y, "all", "", "a", 10 + y - 2013 + 2 * k, 2, 8));
      r.yearly.push_back(stat(y, "all", "", "b", 100 + 5 * k, 3, 8));
    }
    r.regions = {stat(2015, "r1", "Region One", "a", 4 + k, 1, 8),
                 stat(2015, "r2", "Region Two", "a", 6 + k, 1, 8)};
    for (int c = 0; c < 12; ++c) {
      const std::string iso = "C" + std::string(c < 10 ? "0" : "") + std::to_string(c);
      r.countries.push_back(stat(2015, iso, "Country " + iso, "a", c + 0.5 * k, 0.1, 8));
    }
    in.runs.push_back(r);
  }
  ccsim::report::SweepData s;
  s.dir = "out/morris";
  s.manifest = {
      {"program", "ccsim"}, {"kind", "sweep"}, {"sweep", {{"name", "levers"}, {"seed", 42}}}};
  const double nan = std::nan("");
  s.rows = {{"morris", "odi", "p1", "mu_star", 3.5, nan, nan, 1.25, "no"},
            {"morris", "odi", "p2", "mu_star", 0.5, nan, nan, 1.25, "yes"},
            {"morris", "odi", "p1", "sigma", 9, nan, nan, 1, "no"}};
  in.sweeps.push_back(s);
  ccsim::report::compute_differences(in);
  return in;
}

const ccsim::report::Scripts kStubs{"/*vega*/", "/*vega-lite*/", "/*vega-embed*/"};

// The charts' JSON as the page holds it.
json page_charts(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"ccsim-charts\">";
  const auto b = html.find(open);
  REQUIRE(b != std::string::npos);
  const auto e = html.find("</script>", b);
  REQUIRE(e != std::string::npos);
  return json::parse(html.substr(b + open.size(), e - b - open.size()));
}

const json& chart(const json& charts, const std::string& id) {
  for (const auto& c : charts)
    if (c["id"] == id) return c;
  FAIL("no chart " << id);
  return charts;
}

}  // namespace

TEST_CASE("report page holds every chart, with the tables' values and nothing external",
          "[report]") {
  const Input in = sample_input();
  const std::string html = ccsim::report::build_html(in, kStubs);
  CHECK(html.find(ccsim::report::kReportMarker) != std::string::npos);
  CHECK(html.find("/*vega-embed*/") != std::string::npos);
  // The inputs table: each run's seed and revision, the sweep's seed from its sweep file.
  CHECK(html.find("<td>7</td>") != std::string::npos);
  CHECK(html.find("<td>abc123</td>") != std::string::npos);
  CHECK(html.find("<td>42</td>") != std::string::npos);
  const json charts = page_charts(html);
  // Two fan charts, the differences, regions, countries and the sweep.
  REQUIRE(charts.size() == 6);
  for (const auto& c : charts)
    CHECK(html.find("<div class=\"chart\" id=\"" + c["id"].get<std::string>() + "\">") !=
          std::string::npos);

  const json& fan = chart(charts, "fan-0")["spec"];
  REQUIRE(fan["data"]["values"].size() == 6);  // 2 runs x 3 years of metric a
  for (const auto& v : fan["data"]["values"]) {
    const int k = v["scenario"] == "push" ? 1 : 0;
    const double mean = 10 + v["year"].get<int>() - 2013 + 2 * k;
    CHECK(v["mean"] == mean);
    CHECK(v["p05"] == mean - 4);
    CHECK(v["p25"] == mean - 1);
    CHECK(v["p50"] == mean + 0.1);
    CHECK(v["p95"] == mean + 4);
  }
  CHECK(fan["layer"].size() == 3);  // two bands and the median

  // Top 10 countries of the baseline by mean: C02..C11, for both runs.
  const json& countries = chart(charts, "countries")["spec"];
  CHECK(countries["data"]["values"].size() == 20);
  for (const auto& v : countries["data"]["values"]) CHECK(v["key"] != "C00");
  CHECK(chart(charts, "regions")["spec"]["data"]["values"].size() == 4);

  // The sweep: mu* rows only, with the noise floor.
  const json& sweep = chart(charts, "sweep-0")["spec"];
  REQUIRE(sweep["data"]["values"].size() == 2);
  CHECK(sweep["data"]["values"][0]["noise_floor"] == 1.25);
  CHECK(sweep["data"]["values"][0]["ci_low"].is_null());

  // Nothing names another resource: no URL at all (the stub scripts hold none), no src or href.
  CHECK(html.find("http") == std::string::npos);
  CHECK_FALSE(std::regex_search(html, std::regex("(src|href)\\s*=", std::regex::icase)));
  CHECK(html.find("<link") == std::string::npos);
}

TEST_CASE("report differences: Welch's interval from the summaries", "[report]") {
  const Input in = sample_input();
  // a: means differ by 2 every year, sd 2 and n 8 on both sides: se = sqrt(4/8 + 4/8) = 1, Welch
  // df = 1 / (2 (1/2)^2 / 7) = 14, t(0.975, 14) = 2.144787.
  REQUIRE(in.interval_kinds.size() == 1);
  CHECK(in.interval_kinds[0].second == "welch");
  int seen = 0;
  for (const auto& d : in.differences) {
    if (d.metric != "a") continue;
    ++seen;
    CHECK(d.diff == Approx(2));
    CHECK(d.ci_low == Approx(2 - 2.144787).margin(1e-6));
    CHECK(d.ci_high == Approx(2 + 2.144787).margin(1e-6));
  }
  CHECK(seen == 3);
}

TEST_CASE("report scripts are inlined so that they cannot end their element early", "[report]") {
  const Input in = sample_input();
  const ccsim::report::Scripts s{"var x = '</script><!--';", "", ""};
  const std::string html = ccsim::report::build_html(in, s);
  CHECK(html.find("var x = '<\\/script><\\!--';") != std::string::npos);
  // Labels with markup reach the page escaped in the table and as JSON text in the specs.
  Input odd = in;
  odd.runs[1].label = "<b>&push</b>";
  ccsim::report::compute_differences(odd);
  const std::string page = ccsim::report::build_html(odd, kStubs);
  CHECK(page.find("<td>&lt;b&gt;&amp;push&lt;/b&gt;</td>") != std::string::npos);
  CHECK(page.find("<b>&push</b>") == std::string::npos);
  CHECK(page_charts(page)[0]["spec"]["data"]["values"][5]["scenario"] == "<b>&push</b>");
}

TEST_CASE("report reads the summaries it draws and pairs replications", "[report]") {
  // Two runs of metrics a and b (c is not drawn) over 2013-2014; replication r has a = r + shift
  // in every year, so the paired difference is exactly the shift, with a zero-width interval.
  auto make_run = [](const std::string& name, double shift) {
    RunData run;
    run.dir = name;
    run.label = "same";  // a repeated name: finish_inputs tells them apart
    run.manifest = {{"program", "ccsim"}, {"kind", "run"}, {"seed", 5}};
    std::string stats = "year,metric,mean,sd,p05,p25,p50,p75,p95,n\n";
    std::string reps = "replication,year,a,b\n";
    for (int y = 2013; y <= 2014; ++y) {
      stats += std::to_string(y) + ",a," + std::to_string(1 + shift) + ",1,0,0.5,1,1.5,2,3\n";
      stats += std::to_string(y) + ",b,5,0,5,5,5,5,5,3\n";
      stats += std::to_string(y) + ",c,9,0,9,9,9,9,9,3\n";
    }
    for (int r = 0; r < 3; ++r)
      for (int y = 2013; y <= 2014; ++y)
        reps +=
            std::to_string(r) + "," + std::to_string(y) + "," + std::to_string(r + shift) + ",5\n";
    std::istringstream in(stats);
    run.yearly = ccsim::report::read_stats(
        in, name, [](const std::string& m, int) { return m == "a" || m == "b"; });
    run.yearly_reps_path = name + "/yearly.csv";
    run.open_yearly_reps = [reps] { return std::make_unique<std::istringstream>(reps); };
    return run;
  };
  Input in;
  in.options.metrics = {"a", "b"};
  in.runs = {make_run("base", 0), make_run("up", 2)};
  ccsim::report::finish_inputs(in);
  CHECK(in.runs[0].label == "same");
  CHECK(in.runs[1].label == "same (2)");
  CHECK(in.runs[0].yearly.size() == 4);  // c left out
  CHECK(in.runs[0].yearly[0].p75 == 1.5);
  REQUIRE(in.interval_kinds.size() == 1);
  CHECK(in.interval_kinds[0].second == "paired");
  REQUIRE(in.differences.size() == 4);
  for (const auto& d : in.differences) {
    CHECK(d.diff == Approx(d.metric == "a" ? 2 : 0).margin(1e-12));
    CHECK(d.ci_low == Approx(d.diff).margin(1e-12));
    CHECK(d.ci_high == Approx(d.diff).margin(1e-12));
  }
  // Regions: the key and name columns; countries: iso3.
  std::istringstream regions(
      "year,region,name,metric,mean,sd,p05,p25,p50,p75,p95,n\n"
      "2013,r1,One,a,1,0,1,1,1,1,1,3\n2014,r1,One,a,2,0,2,2,2,2,2,3\n");
  const auto r = ccsim::report::read_stats(regions, "regions",
                                           [](const std::string&, int y) { return y == 2014; });
  REQUIRE(r.size() == 1);
  CHECK(r[0].key == "r1");
  CHECK(r[0].name == "One");
  CHECK(r[0].mean == 2);
  std::istringstream bad("year,metric,mean\n2013,a,1\n");
  CHECK_THROWS_AS(
      ccsim::report::read_stats(bad, "bad", [](const std::string&, int) { return true; }),
      ccsim::InputError);
}

TEST_CASE("report reads a sweep's sensitivity table, empty fields as missing", "[report]") {
  std::istringstream in(
      "method,metric,parameter,index,value,ci_low,ci_high,n,noise_floor,noise\n"
      "sobol,odi,p1,S1,0.25,0.1,0.4,16,0.05,no\n"
      "morris,odi,p1,mu_star,3,,,4,,\n");
  const auto rows = ccsim::report::read_sensitivity(in, "sensitivity.csv");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].ci_high == 0.4);
  CHECK(rows[0].noise_floor == 0.05);
  CHECK(std::isnan(rows[1].ci_low));
  CHECK(std::isnan(rows[1].noise_floor));
}
