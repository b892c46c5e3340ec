// Runs the built `ccsim report` on a small run: the page is written with every chart, an earlier
// report is replaced only with --force, a user's file never, and bad inputs write nothing.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "model/report/report.hpp"
#include "tests/support/files.hpp"

namespace fs = std::filesystem;
using ccsim::test::run_ccsim;
using ccsim::test::slurp;

namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("ccsim report writes a page for a run, replacing only its own earlier page",
          "[report][cli]") {
#ifndef CCSIM_WITH_REPORT
  WARN("built without the charting scripts (CCSIM_REPORT): ccsim report not tested");
  return;
#endif
  ccsim::test::TempDir tmp("ccsim_report_cli_");
  const std::string scenario = std::string(CCSIM_SOURCE_DIR) + "/scenarios/baseline.json";
  REQUIRE(run_ccsim(tmp.path, "run \"" + scenario +
                                  "\" --out base -r 3 -t 1 -q --set simulation.firm_agents=200 "
                                  "--set simulation.end_year=2015") == 0);
  std::string err;
  REQUIRE(run_ccsim(tmp.path, "report base --out r.html", &err) == 0);
  const std::string html = slurp(tmp.path / "r.html");
  CHECK(html.find(ccsim::report::kReportMarker) != std::string::npos);
  // One run: five fan charts, regions and countries (no differences).
  CHECK(count(html, "<div class=\"chart\"") == 7);
  CHECK(html.find("vegaEmbed") != std::string::npos);
  CHECK(html.find("<td>baseline</td>") != std::string::npos);

  // An earlier report: refused without --force, replaced with it.
  CHECK(run_ccsim(tmp.path, "report base --out r.html", &err) == 2);
  CHECK(err.find("--force") != std::string::npos);
  CHECK(run_ccsim(tmp.path, "report base --out r.html --force -q") == 0);
  // A user's file is never replaced.
  ccsim::test::write(tmp.path / "notes.html", "<html>mine</html>");
  CHECK(run_ccsim(tmp.path, "report base --out notes.html --force", &err) == 2);
  CHECK(slurp(tmp.path / "notes.html") == "<html>mine</html>");
  // Not an output of ccsim, and a sweep without sensitivity indices: exit 2, nothing written.
  fs::create_directories(tmp.path / "empty");
  CHECK(run_ccsim(tmp.path, "report empty --out e.html", &err) == 2);
  CHECK(err.find("manifest.json") != std::string::npos);
  ccsim::test::write(tmp.path / "grid.json", ccsim::test::tiny_sweep_json());
  REQUIRE(run_ccsim(tmp.path, "sweep grid.json --out grid -t 1 -q") == 0);
  CHECK(run_ccsim(tmp.path, "report base grid --out g.html", &err) == 2);
  CHECK(err.find("sensitivity.csv") != std::string::npos);
  CHECK_FALSE(fs::exists(tmp.path / "e.html"));
  CHECK_FALSE(fs::exists(tmp.path / "g.html"));
  // `ccsim help report` is the command's help.
  REQUIRE(run_ccsim(tmp.path, "help report") == 0);
  CHECK(slurp(tmp.path / "stdout.txt").find("usage: ccsim report") != std::string::npos);
}
