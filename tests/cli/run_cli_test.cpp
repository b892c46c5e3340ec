// `ccsim run` as a user meets it: the real binary, real files.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "model/io/csv.hpp"
#include "model/io/outputs.hpp"
#include "model/revision.hpp"
#include "model/simulate.hpp"
#include "tests/support/files.hpp"
#include "tests/support/worlds.hpp"

namespace fs = std::filesystem;

namespace {

// A scratch directory with the binary run from it.
struct Sandbox : ccsim::test::TempDir {
  Sandbox() : TempDir("ccsim_run_cli_") {}
  fs::path write(const std::string& name, const std::string& text) const {
    ccsim::test::write(path / name, text);
    return path / name;
  }
  int ccsim(const std::string& args, std::string* err = nullptr) const {
    return ccsim::test::run_ccsim(path, args, err);
  }
};

using ccsim::test::slurp;

const std::string kBaseline = std::string(CCSIM_SOURCE_DIR) + "/scenarios/baseline.json";

}  // namespace

TEST_CASE("cli run: the same seed writes the same bytes whatever the thread count", "[cli]") {
  Sandbox sb;
  const std::string common = kBaseline + " -r 4 --set simulation.end_year=2018 --out ";
  REQUIRE(sb.ccsim("run " + common + (sb.path / "t1").string() + " --threads 1") == 0);
  REQUIRE(sb.ccsim("run " + common + (sb.path / "t2").string() + " --threads 2") == 0);
  // The gzip files too, byte for byte: their header holds no time nor name.
  for (const char* f : {"yearly.csv", "yearly_stats.csv", "countries.csv.gz", "sectors.csv.gz",
                        "countries_stats.csv.gz", "regions_stats.csv", "sectors_stats.csv"}) {
    INFO(f);
    CHECK(slurp(sb.path / "t1" / f) == slurp(sb.path / "t2" / f));
    CHECK(slurp(sb.path / "t1" / f).size() > 100);
  }
  // Made again a second later: the same bytes (no time anywhere in a table).
  REQUIRE(sb.ccsim("run " + common + (sb.path / "t3").string() + " --threads 2") == 0);
  CHECK(slurp(sb.path / "t1" / "countries.csv.gz") == slurp(sb.path / "t3" / "countries.csv.gz"));
  const std::string manifest = slurp(sb.path / "t1" / "manifest.json");
  CHECK(manifest.find("\"seed\": 20130907") != std::string::npos);
  // The revision the binary was built from (the tests are built from the same generated source).
  CHECK(manifest.find(std::string("\"git_revision\": \"") + ccsim::git_revision() + "\"") !=
        std::string::npos);
  CHECK(manifest.find("\"scenario\"") != std::string::npos);
}

TEST_CASE("cli run: bad input gets every problem with file and pointer, exit 2, and no output",
          "[cli]") {
  Sandbox sb;
  const auto bad = sb.write(
      "bad.json", "{\"extends\": \"" + kBaseline +
                      "\", \"policy\": {\"insurance_coverag\": 0.5, \"interest_subsidy\": 7},"
                      " \"risk\": {\"global_multiplier\": \"high\"}}");
  std::string err;
  CHECK(sb.ccsim("run " + bad.string() + " --out " + (sb.path / "out").string(), &err) == 2);
  CHECK(
      err.find(bad.string() +
               ": /policy: unknown key 'insurance_coverag' (did you mean 'insurance_coverage'?)") !=
      std::string::npos);
  CHECK(err.find("/policy/interest_subsidy: value 7 is out of range") != std::string::npos);
  CHECK(err.find("/risk/global_multiplier: expected a number, found a string") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(sb.path / "out"));

  // A problem in an extended file, or in a --set, is named after where the value was set.
  const auto top = sb.write("top.json", "{\"extends\": \"bad.json\", \"name\": \"top\"}");
  CHECK(sb.ccsim("run " + top.string() + " --set simulation.firm_agents=1.5", &err) == 2);
  CHECK(err.find(bad.string() + ": /policy/interest_subsidy: value 7 is out of range") !=
        std::string::npos);
  CHECK(err.find("--set: /simulation/firm_agents: expected an integer") != std::string::npos);

  const auto broken = sb.write("broken.json", "{\"policy\": {");
  CHECK(sb.ccsim("run " + broken.string() + " --out " + (sb.path / "out").string(), &err) == 2);
  CHECK(err.find("broken.json: /policy: not valid JSON") != std::string::npos);
  CHECK(sb.ccsim("run " + (sb.path / "missing.json").string(), &err) == 2);
  CHECK(err.find("missing.json: /: cannot open the file") != std::string::npos);
  CHECK_FALSE(fs::exists(sb.path / "out"));
  // Nothing half-written next to the output either.
  for (const auto& e : fs::directory_iterator(sb.path))
    CHECK(e.path().filename().string().find(".tmp") == std::string::npos);
}

TEST_CASE("cli run: an earlier run is replaced only with --force and only by a complete run",
          "[cli]") {
  Sandbox sb;
  const auto out = sb.path / "keep";
  const std::string small =
      kBaseline + " -r 2 --set simulation.end_year=2014 --out " + out.string();
  REQUIRE(sb.ccsim("run " + small) == 0);
  const std::string yearly = slurp(out / "yearly.csv");
  REQUIRE(fs::exists(out / "countries.csv.gz"));
  std::string err;
  CHECK(sb.ccsim("run " + small + " --seed 7 --no-detail", &err) == 2);  // no --force
  CHECK(err.find("pass --force") != std::string::npos);
  const auto bad = sb.write("bad.json", "{\"simulation\": {\"end_year\": 1800}}");
  CHECK(sb.ccsim("run " + bad.string() + " --force --out " + out.string()) == 2);
  CHECK(slurp(out / "yearly.csv") == yearly);
  CHECK(sb.ccsim("run " + small + " --seed 7 --no-detail --force") == 0);
  CHECK(slurp(out / "yearly.csv").rfind("replication,year,odi_flow_usd_bn", 0) == 0);
  CHECK(slurp(out / "yearly.csv") != yearly);
  CHECK_FALSE(fs::exists(out / "countries.csv.gz"));
  // Without the detail tables the summaries are still written, and the manifest lists what is.
  CHECK(fs::file_size(out / "regions_stats.csv") > 1000);
  const std::string manifest = slurp(out / "manifest.json");
  CHECK(manifest.find("\"regions_stats.csv\"") != std::string::npos);
  CHECK(manifest.find("\"countries.csv.gz\"") == std::string::npos);
  for (const auto& e : fs::directory_iterator(sb.path))  // the earlier output is gone
    CHECK(e.path().filename().string().find("keep.") == std::string::npos);
}

TEST_CASE("cli run: the streamed files are byte for byte the in-memory run's tables", "[cli]") {
  Sandbox sb;
  REQUIRE(sb.ccsim("run " + kBaseline + " -r 3 --set simulation.end_year=2016 -t 2 --out " +
                   (sb.path / "o").string() + " --compress none") == 0);
  // gzip holds the same text.
  REQUIRE(sb.ccsim("run " + kBaseline + " -r 3 --set simulation.end_year=2016 -t 2 --out " +
                   (sb.path / "z").string() + " --compress all") == 0);
  for (const char* f : {"yearly.csv", "yearly_stats.csv", "countries.csv", "sectors.csv",
                        "countries_stats.csv", "regions_stats.csv", "sectors_stats.csv"}) {
    INFO(f);
    CHECK(ccsim::test::slurp_table(sb.path / "z" / (std::string(f) + ".gz")) ==
          slurp(sb.path / "o" / f));
  }
  const ccsim::World w = ccsim::test::data_world();
  const auto sc = ccsim::test::repo_scenario(
      "scenarios/baseline.json", w, {{"simulation", {{"replications", 3}, {"end_year", 2016}}}});
  const ccsim::RunResult r = ccsim::run(sc, w);
  std::ostringstream yearly, stats, countries, sectors;
  const int digits = ccsim::io::kCompactDigits;  // the default precision
  ccsim::io::write_yearly(yearly, r, digits);
  ccsim::io::write_yearly_stats(stats, r, digits);
  ccsim::io::write_countries(countries, r, w, digits);
  ccsim::io::write_sectors(sectors, r, digits);
  CHECK(slurp(sb.path / "o" / "yearly.csv") == yearly.str());
  CHECK(slurp(sb.path / "o" / "yearly_stats.csv") == stats.str());
  CHECK(slurp(sb.path / "o" / "countries.csv") == countries.str());
  CHECK(slurp(sb.path / "o" / "sectors.csv") == sectors.str());
  CHECK(countries.str().size() > 1000);
}

TEST_CASE("cli run: datapackage.json describes every table written, column by column", "[cli]") {
  Sandbox sb;
  for (const bool detail : {true, false}) {
    const fs::path out = sb.path / (detail ? "d" : "nd");
    REQUIRE(sb.ccsim("run " + kBaseline + " -r 2 --set simulation.end_year=2014 --out " +
                     out.string() + (detail ? "" : " --no-detail")) == 0);
    const auto package = nlohmann::json::parse(slurp(out / "datapackage.json"));
    CHECK(package["profile"] == "tabular-data-package");
    std::set<std::string> described, written;
    for (const auto& r : package["resources"]) {
      const std::string path = r["path"];
      described.insert(path);
      INFO(path);
      REQUIRE(fs::exists(out / path));
      // The header is the fields' names, in order.
      if (path.size() > 3 && path.substr(path.size() - 3) == ".gz") CHECK(r["compression"] == "gz");
      std::string header = ccsim::test::slurp_table(out / path);
      header = header.substr(0, header.find('\n'));
      std::string names;
      for (const auto& f : r["schema"]["fields"])
        names += (names.empty() ? "" : ",") + f["name"].get<std::string>();
      CHECK(header == names);
      for (const auto& k : r["schema"]["primaryKey"])
        CHECK(names.find(k.get<std::string>()) != std::string::npos);
    }
    for (const auto& e : fs::directory_iterator(out))
      if (e.path().filename().string().find(".csv") != std::string::npos)
        written.insert(e.path().filename().string());
    CHECK(described == written);
    CHECK(described.count("countries.csv.gz") == (detail ? 1u : 0u));
  }
  // Units and meanings are the metric definitions'.
  const auto package = nlohmann::json::parse(slurp(sb.path / "d" / "datapackage.json"));
  for (const auto& r : package["resources"])
    if (r["path"] == "countries.csv.gz")
      for (const auto& f : r["schema"]["fields"])
        if (f["name"] == "odi_stock_usd_bn") {
          CHECK(f["unit"] == "US$ bn");
          CHECK(f["type"] == "number");
        }
}

TEST_CASE("cli run: the baseline's default output is under 10 MB and --precision full is exact",
          "[cli]") {
  Sandbox sb;
  REQUIRE(sb.ccsim("run " + kBaseline + " -q --out " + (sb.path / "b").string()) == 0);
  std::uintmax_t bytes = 0;
  for (const auto& e : fs::directory_iterator(sb.path / "b")) bytes += fs::file_size(e.path());
  INFO(bytes << " bytes");
  CHECK(bytes < 10'000'000);  // issue 18: 31 MB at 17 digits and no compression
  CHECK(bytes > 5'000'000);   // the per-replication tables are there
  // Full precision: the shortest round-trip text, the bytes of the in-memory writer's default.
  REQUIRE(sb.ccsim("run " + kBaseline + " -q -r 2 --set simulation.end_year=2014 --precision full" +
                   " --out " + (sb.path / "f").string()) == 0);
  const ccsim::World w = ccsim::test::data_world();
  const auto sc = ccsim::test::repo_scenario(
      "scenarios/baseline.json", w, {{"simulation", {{"replications", 2}, {"end_year", 2014}}}});
  std::ostringstream countries;
  ccsim::io::write_countries(countries, ccsim::run(sc, w), w);
  CHECK(ccsim::test::slurp_table(sb.path / "f" / "countries.csv.gz") == countries.str());
  std::string err;
  CHECK(sb.ccsim("run " + kBaseline + " --precision 0 --out x", &err) == 2);
  CHECK(err.find("--precision must be") != std::string::npos);
}
