// Bad input and inputs too large to handle, as a user meets them: the real binary on files the
// test writes. Every case exits 2, names the file and the JSON pointer (or line and column), and
// writes nothing.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "tests/support/files.hpp"

namespace fs = std::filesystem;

namespace {

struct Sandbox : ccsim::test::TempDir {
  Sandbox() : TempDir("ccsim_input_cli_") {}
  fs::path write(const std::string& name, const std::string& text) const {
    ccsim::test::write(path / name, text);
    return path / name;
  }
  int ccsim(const std::string& args, std::string* err = nullptr) const {
    return ccsim::test::run_ccsim(path, args, err);
  }
  // Only the files the test wrote, and the binary's stdout.txt and stderr.txt.
  bool nothing_written(std::size_t expected) const {
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(path)) {
      (void)e;
      ++n;
    }
    return n == expected + 2;
  }
};

const std::string kBaseline = std::string(CCSIM_SOURCE_DIR) + "/scenarios/baseline.json";

// A scenario small enough to run in a moment.
std::string small(const std::string& extra = "") {
  return "{\"extends\": \"" + kBaseline +
         "\", \"simulation\": {\"end_year\": 2014, \"firm_agents\": 200, \"replications\": 1}" +
         extra + "}";
}

}  // namespace

TEST_CASE("input: a number too large for a double is a problem at its pointer", "[cli]") {
  Sandbox sb;
  sb.write("big.json", small(", \"policy\": {\"insurance_coverage\": 1e400}"));
  std::string err;
  CHECK(sb.ccsim("run big.json --out out", &err) == 2);
  CHECK_THAT(err, Catch::Contains("big.json: /policy/insurance_coverage: the number 1e400 at line "
                                  "1, column") &&
                      Catch::Contains("too large"));
  CHECK(sb.ccsim("validate big.json", &err) == 2);
  CHECK_THAT(err, Catch::Contains("big.json: /policy/insurance_coverage"));
  CHECK(sb.nothing_written(1));
}

TEST_CASE("input: a directory given as a file is refused, and validate checks every file",
          "[cli]") {
  Sandbox sb;
  fs::create_directory(sb.path / "dir.json");
  sb.write("bad.json", small(", \"policy\": {\"interest_subsidy\": 7}"));
  sb.write("child.json", "{\"extends\": \"dir.json\"}");
  sb.write("orphan.json", "{\"extends\": \"nowhere.json\"}");
  sb.write("good.json", small());
  std::string err;
  CHECK(sb.ccsim("run dir.json --out out", &err) == 2);
  CHECK_THAT(err, Catch::Contains("dir.json: /: cannot open the file: it is a directory"));
  CHECK(sb.ccsim("sweep dir.json --out out", &err) == 2);
  CHECK_THAT(err, Catch::Contains("dir.json: /: cannot open the file: it is a directory"));
  CHECK(sb.ccsim("calibrate dir.json", &err) == 2);
  CHECK_THAT(err, Catch::Contains("it is a directory"));
  // A file named by extends that cannot be read is the fault of the file that names it.
  CHECK(sb.ccsim("run child.json --out out", &err) == 2);
  CHECK_THAT(err, Catch::Contains("child.json: /extends: cannot extend 'dir.json'"));
  CHECK(sb.ccsim("validate orphan.json", &err) == 2);
  CHECK_THAT(err, Catch::Contains("orphan.json: /extends: cannot extend 'nowhere.json'"));
  // So is a conflict the child made with its parent's values (start_year past end_year).
  sb.write("late.json",
           "{\"extends\": \"" + kBaseline + "\", \"simulation\": {\"start_year\": 2031}}");
  CHECK(sb.ccsim("validate late.json", &err) == 2);
  CHECK_THAT(err, Catch::Contains("late.json: /simulation/end_year: end_year (2030) is before"));
  CHECK_THAT(err, !Catch::Contains("baseline.json"));
  // Every file is checked whatever the ones before it held.
  CHECK(sb.ccsim("validate dir.json child.json bad.json good.json", &err) == 2);
  CHECK_THAT(err, Catch::Contains("dir.json: /: cannot open") &&
                      Catch::Contains("child.json: /extends") &&
                      Catch::Contains("bad.json: /policy/interest_subsidy"));
  CHECK_THAT(ccsim::test::slurp(sb.path / "stdout.txt"), Catch::Contains("good.json: ok"));
  CHECK_FALSE(fs::exists(sb.path / "out"));
}

TEST_CASE("input: --set is checked before anything runs", "[cli]") {
  Sandbox sb;
  sb.write("s.json", small());
  std::string err;
  // Text that is not UTF-8 could not be written to the manifest once the run is done.
  CHECK(sb.ccsim("run s.json --out out --set \"name=$(printf 'caf\\351')\"", &err) == 2);
  CHECK_THAT(err, Catch::Contains("--set") && Catch::Contains("not valid UTF-8"));
  CHECK(sb.ccsim("run s.json --out out --set \"description=$(printf '\\377')\"", &err) == 2);
  // Nor could a file name that is not UTF-8.
  sb.write("caf\xe9.json", small());
  CHECK(sb.ccsim("run \"$(printf 'caf\\351').json\" --out out", &err) == 2);
  CHECK_THAT(err, Catch::Contains("the file name is not valid UTF-8"));
  // extends is read before overrides apply: an override of it would be silently ignored.
  CHECK(sb.ccsim("run s.json --out out --set extends=other.json", &err) == 2);
  CHECK_THAT(err, Catch::Contains("--set: /extends: extends cannot be overridden"));
  CHECK(sb.ccsim("resolve s.json --set extends=other.json", &err) == 2);
  CHECK(sb.ccsim("run s.json --out out --set policy.insurance_coverage=1e999", &err) == 2);
  CHECK_THAT(err, Catch::Contains("--set: /policy/insurance_coverage: the number 1e999"));
  CHECK_FALSE(fs::exists(sb.path / "out"));
}

TEST_CASE("input: negative or zero counts on the command line are refused", "[cli]") {
  Sandbox sb;
  sb.write("s.json", small());
  std::string err;
  CHECK(sb.ccsim("run s.json --out out -r -5", &err) == 2);
  CHECK_THAT(err, Catch::Contains("--replications must be 1 or more, found -5"));
  CHECK(sb.ccsim("run s.json --out out -r 0", &err) == 2);
  CHECK(sb.ccsim("run s.json --out out -t -1", &err) == 2);
  CHECK(sb.ccsim("calibrate " + std::string(CCSIM_SOURCE_DIR) +
                     "/scenarios/calibration/spec.json --check -t -3",
                 &err) == 2);
  CHECK_THAT(err, Catch::Contains("--threads must be 0 or more"));
  CHECK_FALSE(fs::exists(sb.path / "out"));
}

TEST_CASE("input: extends cycles are found whatever the spelling, and chains are bounded",
          "[cli]") {
  Sandbox sb;
  sb.write("self.json", "{\"extends\": \"./self.json\"}");
  std::string err;
  CHECK(sb.ccsim("validate self.json", &err) == 2);
  CHECK_THAT(err, Catch::Contains("self.json: /extends: extends cycle: self.json -> ./self.json"));
  sb.write("a.json", "{\"extends\": \"sub/../b.json\"}");
  sb.write("b.json", "{\"extends\": \"a.json\"}");
  fs::create_directory(sb.path / "sub");
  CHECK(sb.ccsim("validate a.json", &err) == 2);
  CHECK_THAT(
      err, Catch::Contains(
               "sub/../b.json: /extends: extends cycle: a.json -> sub/../b.json -> sub/../a.json"));

  // 40 files, each extending the next: past the limit of 32.
  for (int i = 0; i < 40; ++i)
    sb.write("c" + std::to_string(i) + ".json",
             i == 39 ? small() : "{\"extends\": \"c" + std::to_string(i + 1) + ".json\"}");
  CHECK(sb.ccsim("validate c0.json", &err) == 2);
  CHECK_THAT(err, Catch::Contains("/extends: more than 32 files extend one another"));
  CHECK(sb.ccsim("validate c10.json", &err) == 0);  // 30 files are fine
}

TEST_CASE("input: 20,000 levels of nesting are refused, not a stack overflow", "[cli]") {
  Sandbox sb;
  std::string deep;
  for (int i = 0; i < 20000; ++i) deep += "{\"a\":";
  deep += "1";
  for (int i = 0; i < 20000; ++i) deep += "}";
  sb.write("deep.json", deep);
  std::string arrays = std::string(20000, '[') + std::string(20000, ']');
  sb.write("arrays.json", "{\"policy\": " + arrays + "}");
  std::string err;
  for (const char* cmd : {"validate deep.json", "run deep.json --out out", "resolve deep.json",
                          "sweep deep.json --out out", "validate arrays.json"}) {
    INFO(cmd);
    CHECK(sb.ccsim(cmd, &err) == 2);
    CHECK_THAT(err, Catch::Contains("nested deeper than 64 levels"));
  }
  CHECK_THAT(err, Catch::Contains("arrays.json: /policy/0/0/0"));
  CHECK_FALSE(fs::exists(sb.path / "out"));
}

TEST_CASE("input: a file of 100,000 unknown keys gets a page of problems, quickly", "[cli]") {
  Sandbox sb;
  std::string doc = "{\"extends\": \"" + kBaseline + "\"";
  for (int i = 0; i < 100000; ++i) doc += ", \"unknown_" + std::to_string(i) + "\": 1";
  sb.write("keys.json", doc + "}");
  std::string err;
  CHECK(sb.ccsim("validate keys.json", &err) == 2);
  CHECK_THAT(err, Catch::Contains("keys.json: 100000 problems"));
  CHECK_THAT(err, Catch::Contains("  ... and 99950 more problems"));
  std::size_t lines = 0;
  for (char c : err) lines += c == '\n';
  CHECK(lines == 52);  // the count, 50 problems, the rest counted
}

TEST_CASE("input: a run that cannot fit in memory is refused before it starts", "[cli]") {
  Sandbox sb;
  // 64 threads of 5e7 agents: about 550 GB.
  sb.write("s.json", small());
  std::string err;
  CHECK(sb.ccsim("run s.json --out out -r 64 -t 64 --set simulation.firm_agents=50000000", &err) ==
        2);
  CHECK_THAT(err, Catch::Contains("of memory") && Catch::Contains("is available"));
  CHECK_FALSE(fs::exists(sb.path / "out"));
}

TEST_CASE("input: a data table with a GDP of 0 is refused with its line and column", "[cli]") {
  Sandbox sb;
  fs::copy(std::string(CCSIM_SOURCE_DIR) + "/scenarios/data", sb.path / "data");
  std::string gdp = ccsim::test::slurp(sb.path / "data/country_gdp.csv");
  const std::size_t row = gdp.find("\nKAZ,2014,") + 1;
  gdp.replace(row, gdp.find('\n', row) - row, "KAZ,2014,0");
  sb.write("data/country_gdp.csv", gdp);
  std::size_t line = 1;
  for (std::size_t i = 0; i < row; ++i) line += gdp[i] == '\n';
  sb.write("s.json", small(", \"data_dir\": \"data\""));
  std::string err;
  CHECK(sb.ccsim("run s.json --out out", &err) == 2);
  CHECK_THAT(err, Catch::Contains("data/country_gdp.csv: line " + std::to_string(line) +
                                  ", column 3 (gdp_usd_bn)"));
  CHECK_FALSE(fs::exists(sb.path / "out"));
}

TEST_CASE("input: validate checks sweep, calibration and targets files by their own rules") {
  Sandbox sb;
  const std::string lib = std::string(CCSIM_SOURCE_DIR) + "/scenarios/";
  std::string err;
  // The library's files of each kind are valid, and each is named by its kind.
  CHECK(sb.ccsim("validate " + lib + "sweeps/policy_grid.json " + lib + "calibration/spec.json " +
                     lib + "targets/br-2013-2016.json " + lib + "baseline.json",
                 &err) == 0);
  const std::string out = ccsim::test::slurp(sb.path / "stdout.txt");
  CHECK_THAT(out, Catch::Contains("policy_grid.json: ok (sweep)"));
  CHECK_THAT(out, Catch::Contains("spec.json: ok (calibration spec)"));
  CHECK_THAT(out, Catch::Contains("br-2013-2016.json: ok (targets)"));
  CHECK_THAT(out, Catch::Contains("baseline.json: ok (scenario)"));
  // A sweep with a factor that is no parameter: the sweep's problem, not a missing data table.
  sb.write("sweep.json", "{\"name\": \"s\", \"scenario\": \"" + kBaseline +
                             "\", \"parameters\": [{\"path\": \"policy.no_such\", \"levels\": "
                             "[1, 2]}], \"design\": {\"type\": \"grid\"}, \"replications\": 2, "
                             "\"metrics\": [{\"name\": \"m\", \"metric\": \"odi_flow_usd_bn\"}]}");
  CHECK(sb.ccsim("validate sweep.json", &err) == 2);
  CHECK_THAT(err, Catch::Contains("/parameters/0/path"));
  CHECK_THAT(err, !Catch::Contains("data table"));
  // A calibration spec whose targets file is missing, and a targets file with an unknown key.
  sb.write("spec.json", "{\"name\": \"c\", \"scenario\": \"" + kBaseline +
                            "\", \"targets\": \"missing.json\", \"baseline_output\": \"b.json\", "
                            "\"ensemble_output\": \"e.json\", \"free_parameters\": [{\"key\": "
                            "\"/behaviour/epc_shift\", \"min\": 0, \"max\": 3}]}");
  CHECK(sb.ccsim("validate spec.json", &err) == 2);
  CHECK_THAT(err, Catch::Contains("missing.json"));
  fs::create_directories(sb.path / "t");
  fs::create_directory_symlink(lib + "data", sb.path / "data");
  sb.write("t/targets.json", "{\"$schema\": \"../targets.schema.json\", \"targets\": [], "
                             "\"colour\": 1}");
  CHECK(sb.ccsim("validate t/targets.json", &err) == 2);
  CHECK_THAT(err, Catch::Contains("colour"));
}
