// Where every writing command may write (README, "Exit status"): only over an earlier output of
// the same kind that ccsim wrote, and only with --force; never over a user's file or directory, a
// device, a symlink or a mount point; --out checked before the work; a full disk leaves nothing.
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/support/files.hpp"
#include "tests/support/process.hpp"

namespace fs = std::filesystem;

namespace {

using ccsim::test::slurp;

const std::string kBaseline = std::string(CCSIM_SOURCE_DIR) + "/scenarios/baseline.json";
const std::string kSmall = kBaseline + " -r 2 --set simulation.end_year=2014";

struct Sandbox : ccsim::test::TempDir {
  Sandbox() : TempDir("ccsim_output_cli_") {}
  fs::path write(const std::string& name, const std::string& text) const {
    ccsim::test::write(path / name, text);
    return path / name;
  }
  int ccsim(const std::string& args, std::string* err = nullptr) const {
    return ccsim::test::run_ccsim(path, args, err);
  }
  // Every name in the sandbox (recursively) but the files run_ccsim writes, with each regular
  // file's bytes: a snapshot to compare before and after a refused command.
  std::string snapshot() const {
    std::string s;
    for (const auto& e : fs::recursive_directory_iterator(path)) {
      const std::string rel = fs::relative(e.path(), path).string();
      if (rel == "stdout.txt" || rel == "stderr.txt") continue;
      s += rel + (e.is_symlink() ? " -> " + fs::read_symlink(e.path()).string() : "") + "\n";
      if (e.is_regular_file() && !e.is_symlink()) s += slurp(e.path()) + "\n";
    }
    return s;
  }
  // Names in the sandbox that look like a ccsim temporary.
  std::vector<std::string> temporaries() const {
    std::vector<std::string> found;
    for (const auto& e : fs::recursive_directory_iterator(path)) {
      const std::string f = e.path().filename().string();
      if (f.find(".tmp") != std::string::npos || f.find(".old-") != std::string::npos)
        found.push_back(e.path().string());
    }
    return found;
  }
};

std::string q(const fs::path& p) {
  return "\"" + p.string() + "\"";
}

std::string tiny_sweep() { return ccsim::test::tiny_sweep_json(); }

}  // namespace

TEST_CASE("output: run refuses every place it did not write, even with --force", "[cli][output]") {
  Sandbox sb;
  // A user's directory with a file, a scenario library, a file, a symlink to a directory ccsim
  // did write, a named pipe, an earlier run holding a user's file, a sweep's output.
  fs::create_directories(sb.path / "mydata");
  sb.write("mydata/notes.txt", "my notes\n");
  fs::create_directories(sb.path / "scenarios");
  fs::copy_file(kBaseline, sb.path / "scenarios" / "baseline.json");
  sb.write("keep.json", "{\"mine\": true}\n");
  REQUIRE(sb.ccsim("run " + kSmall + " --out real") == 0);
  fs::create_directory_symlink("real", sb.path / "link");
  REQUIRE(::mkfifo((sb.path / "pipe").c_str(), 0644) == 0);
  REQUIRE(sb.ccsim("run " + kSmall + " --out annotated") == 0);
  sb.write("annotated/notes.txt", "about this run\n");
  sb.write("tiny.json", tiny_sweep());
  REQUIRE(sb.ccsim("sweep tiny.json --out swept") == 0);
  // As root, a device node like /dev/null (made here, so that a failure breaks nothing).
  const bool device = ::mknod((sb.path / "null").c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0;
  if (!device) WARN("no device node test: mknod needs root");

  const std::string before = sb.snapshot();
  for (const char* out :
       {"mydata", "scenarios", "keep.json", "link", "pipe", "annotated", "swept", "null"}) {
    if (std::string(out) == "null" && !device) continue;
    for (const char* force : {"", " --force"}) {
      INFO(out << force);
      std::string err;
      CHECK(sb.ccsim("run " + kSmall + " --seed 9 --out " + out + force, &err) == 2);
      CHECK_THAT(err, Catch::Contains(out) && Catch::Contains("nothing was written"));
    }
  }
  CHECK(sb.snapshot() == before);
  CHECK(sb.temporaries().empty());
  if (device) {
    struct stat st {};
    REQUIRE(::lstat((sb.path / "null").c_str(), &st) == 0);
    CHECK(S_ISCHR(st.st_mode));
  }
}

TEST_CASE("output: a scenario's name cannot reach outside outputs/", "[cli][output]") {
  Sandbox sb;
  fs::create_directories(sb.path / "victim");
  sb.write("victim/precious.txt", "keep me\n");
  const auto evil = sb.write(
      "evil.json", "{\"extends\": \"" + kBaseline +
                       "\", \"name\": \"../victim\", \"simulation\": {\"end_year\": 2014}}");
  std::string err;
  // Run from the sandbox, the default outputs/../victim is the sandbox's victim/.
  fs::create_directories(sb.path / "outputs");
  CHECK(sb.ccsim("run " + evil.string() + " -r 1", &err) == 2);
  CHECK_THAT(err, Catch::Contains(evil.string() + ": /name") && Catch::Contains("'../victim'"));
  CHECK(slurp(sb.path / "victim/precious.txt") == "keep me\n");
  CHECK(fs::is_empty(sb.path / "outputs"));
  CHECK(sb.ccsim("validate " + evil.string(), &err) == 2);
  CHECK_THAT(err, Catch::Contains("/name"));
  for (const char* name : {"a/b", "a\\\\b", ".hidden", "x..y", "tab\\there"}) {
    INFO(name);
    CHECK(sb.ccsim("run " + kSmall + " --set 'name=\"" + name + "\"'", &err) == 2);
    CHECK_THAT(err, Catch::Contains("--set: /name"));
  }
  CHECK(fs::is_empty(sb.path / "outputs"));
  // A sweep's name is its default output directory too.
  sb.write("evil_sweep.json", [] {
    std::string s = tiny_sweep();
    return s.replace(s.find("\"tiny\""), 6, "\"../victim\"");
  }());
  CHECK(sb.ccsim("sweep evil_sweep.json", &err) == 2);
  CHECK_THAT(err, Catch::Contains("evil_sweep.json: /name"));
  CHECK(slurp(sb.path / "victim/precious.txt") == "keep me\n");
  CHECK(fs::is_empty(sb.path / "outputs"));
}

TEST_CASE("output: --out is checked before the work: trailing slash, '.', '-'", "[cli][output]") {
  Sandbox sb;
  // A trailing slash names the same directory: written there, nothing hidden left beside it.
  REQUIRE(sb.ccsim("run " + kSmall + " --out o/x/") == 0);
  CHECK(fs::is_regular_file(sb.path / "o/x/yearly.csv"));
  CHECK(sb.ccsim("run " + kSmall + " --out o/x/ --force") == 0);
  std::vector<std::string> in_o;
  for (const auto& e : fs::directory_iterator(sb.path / "o")) in_o.push_back(e.path().filename());
  CHECK(in_o == std::vector<std::string>{"x"});

  // '.', '..' and '-' are refused at once: a run of a thousand replications would take minutes,
  // and nothing is computed (the run's summary line never comes) nor left behind.
  const std::string big = kBaseline + " -r 1000";
  std::string err;
  fs::create_directories(sb.path / "sub");
  for (const char* out : {".", "./", "..", "sub/..", "-"}) {
    INFO(out);
    CHECK(sb.ccsim("run " + big + " --out " + out, &err) == 2);
    CHECK_THAT(err, !Catch::Contains("replications,"));
  }
  CHECK_THAT(err, Catch::Contains("standard output"));
  CHECK(sb.temporaries().empty());
  CHECK(sb.ccsim("merge o/x --out -", &err) == 2);
  sb.write("tiny.json", tiny_sweep());
  CHECK(sb.ccsim("sweep tiny.json --out -", &err) == 2);
  CHECK(sb.ccsim("sweep tiny.json --out .", &err) == 2);
  CHECK(sb.temporaries().empty());
}

TEST_CASE("output: a mount point is refused before the work", "[cli][output]") {
  Sandbox sb;
  fs::create_directories(sb.path / "mnt");
  // A private mount namespace (unprivileged where user namespaces are allowed, else as root);
  // without either, the test cannot set up its mount point and says so.
  const std::string script = "unshare -rm sh -c 'mount -t tmpfs none mnt || exit 99; " +
                             std::string(CCSIM_BINARY) + " run " + kBaseline +
                             " -r 1000 --out mnt 2> err.txt; echo $? > rc.txt; ls -A mnt > ls.txt'";
  const int status = std::system(("cd " + q(sb.path) + " && " + script + " 2> /dev/null").c_str());
  if (!fs::exists(sb.path / "rc.txt")) {
    WARN("no mount point test: cannot mount a tmpfs here (status " << status << ")");
    return;
  }
  CHECK(slurp(sb.path / "rc.txt") == "2\n");
  CHECK_THAT(slurp(sb.path / "err.txt"), Catch::Contains("mount point"));
  CHECK(slurp(sb.path / "ls.txt").empty());
  CHECK(sb.temporaries().empty());
}

TEST_CASE("output: merge and compare replace only their own earlier output, with --force",
          "[cli][output]") {
  Sandbox sb;
  sb.write("tiny.json", tiny_sweep());
  REQUIRE(sb.ccsim("sweep tiny.json --out s1 --shard 1/2") == 0);
  REQUIRE(sb.ccsim("sweep tiny.json --out s2 --shard 2/2") == 0);
  REQUIRE(sb.ccsim("run " + kSmall + " --out base") == 0);
  REQUIRE(sb.ccsim("run " + kSmall + " --seed 5 --out other") == 0);
  fs::create_directories(sb.path / "DIR");
  sb.write("DIR/thesis.tex", "chapter one\n");
  sb.write("notes.csv", "scenario,metric\nmine,1\n");
  fs::create_symlink("notes.csv", sb.path / "LINK");
  const std::string before = sb.snapshot();
  std::string err;
  for (const char* force : {"", " --force"}) {
    INFO(force);
    CHECK(sb.ccsim(std::string("merge s1 s2 --out DIR") + force, &err) == 2);
    CHECK(sb.ccsim(std::string("merge s1 s2 --out base") + force, &err) == 2);  // a run's
    CHECK(sb.ccsim(std::string("compare base other --out LINK") + force, &err) == 2);
    CHECK_THAT(err, Catch::Contains("symbolic link"));
    CHECK(sb.ccsim(std::string("compare base other --out notes.csv") + force, &err) == 2);
    CHECK(sb.ccsim(std::string("compare base other --out DIR") + force, &err) == 2);
    CHECK(sb.ccsim(std::string("compare base other --out nowhere/c.csv") + force, &err) == 2);
    CHECK(sb.ccsim(std::string("sweep tiny.json --out DIR") + force, &err) == 2);
    CHECK(sb.ccsim(std::string("sweep tiny.json --out base") + force, &err) == 2);  // a run's
  }
  CHECK(sb.snapshot() == before);
  CHECK(sb.temporaries().empty());

  // Their own earlier outputs: refused without --force, replaced with it.
  REQUIRE(sb.ccsim("merge s1 s2 --out merged") == 0);
  REQUIRE(sb.ccsim("compare base other --out cmp.csv -q") == 0);
  const std::string cmp = slurp(sb.path / "cmp.csv");
  CHECK(sb.ccsim("merge s2 s1 --out merged", &err) == 2);
  CHECK_THAT(err, Catch::Contains("--force"));
  CHECK(sb.ccsim("merge s2 s1 --out merged --force") == 0);
  CHECK(sb.ccsim("compare other base --out cmp.csv -q", &err) == 2);
  CHECK(slurp(sb.path / "cmp.csv") == cmp);
  CHECK(sb.ccsim("compare other base --out cmp.csv -q --force") == 0);
  CHECK(slurp(sb.path / "cmp.csv") != cmp);
  CHECK(slurp(sb.path / "cmp.csv").rfind("scenario,", 0) == 0);
  CHECK(sb.ccsim("sweep tiny.json --out s1 --force") == 0);  // starts a sweep over
  CHECK(ccsim::test::slurp(sb.path / "s1/manifest.json").find("\"count\": 1") != std::string::npos);
  // '-' is standard output.
  REQUIRE(sb.ccsim("compare base other --out - -q") == 0);
  CHECK(slurp(sb.path / "stdout.txt") == cmp);
  CHECK(sb.temporaries().empty());
  // An output of an earlier ccsim, whose manifest has no "kind", is still known.
  std::string manifest = slurp(sb.path / "other/manifest.json");
  const auto kind = manifest.find("\"kind\": \"run\",");
  REQUIRE(kind != std::string::npos);
  ccsim::test::write(sb.path / "other/manifest.json", manifest.erase(kind, 14));
  CHECK(sb.ccsim("run " + kSmall + " --seed 6 --out other --force") == 0);
}

TEST_CASE("output: calibrate replaces only what calibrate wrote, with --force", "[cli][output]") {
  Sandbox sb;
  ccsim::test::write_small_calibration(sb.path);
  sb.write("fit.json", "{\"behaviour\": {\"epc_shift\": 1}}\n");  // written by hand
  std::string err;
  CHECK(sb.ccsim("calibrate spec.json --out c --write-baseline --force", &err) == 2);
  CHECK_THAT(err, Catch::Contains("fit.json") && Catch::Contains("nothing was written"));
  CHECK(slurp(sb.path / "fit.json") == "{\"behaviour\": {\"epc_shift\": 1}}\n");
  CHECK_FALSE(fs::exists(sb.path / "c"));
  fs::remove(sb.path / "fit.json");
  REQUIRE(sb.ccsim("calibrate spec.json --out c --write-baseline -q") == 0);
  for (const char* f : {"fit.csv", "parameters.csv", "identification.csv", "trace.csv",
                        "fitted.json", "ensemble.json", "manifest.json"})
    CHECK(fs::exists(sb.path / "c" / f));
  CHECK(fs::exists(sb.path / "fit.json"));
  CHECK(fs::exists(sb.path / "ens.json"));
  CHECK(sb.ccsim("calibrate spec.json --out c -q", &err) == 2);
  CHECK_THAT(err, Catch::Contains("--force"));
  CHECK(sb.ccsim("calibrate spec.json --out c --write-baseline --force -q") == 0);
  // A directory calibrate did not write is never replaced.
  fs::create_directory(sb.path / "mine");
  sb.write("mine/notes.txt", "keep");
  CHECK(sb.ccsim("calibrate spec.json --out mine --force -q", &err) == 2);
  CHECK(slurp(sb.path / "mine/notes.txt") == "keep");
  CHECK(sb.temporaries().empty());
}

TEST_CASE("output: a full disk leaves nothing at --out and exits 1", "[cli][output]") {
  Sandbox sb;
  using ccsim::test::run_ccsim_limited;
  // The sizes of complete outputs; the limit then stops the largest file one byte short, in its
  // very last write (the case a writer that checks the stream before the close misses).
  auto largest = [](const fs::path& dir) {
    std::uintmax_t n = 0;
    for (const auto& e : fs::directory_iterator(dir)) n = std::max(n, e.file_size());
    return static_cast<long>(n);
  };
  const std::vector<std::string> run = {"run", kBaseline, "-r",
                                        "2",   "--set",   "simulation.end_year=2014"};
  REQUIRE(sb.ccsim("run " + kSmall + " --out full") == 0);
  const long limit = largest(sb.path / "full") - 1;
  auto with = [](std::vector<std::string> a, const std::vector<std::string>& more) {
    a.insert(a.end(), more.begin(), more.end());
    return a;
  };
  const int rc = run_ccsim_limited(sb.path, with(run, {"--out", "out"}), limit);
  if (rc == ccsim::test::kCannotLimit) {
    WARN("no full disk test: cannot set RLIMIT_FSIZE");
    return;
  }
  CHECK(rc == 1);
  CHECK_THAT(slurp(sb.path / "stderr.txt"), Catch::Contains("cannot"));
  CHECK_FALSE(fs::exists(sb.path / "out"));
  // An earlier output being replaced stays as it was.
  const std::string yearly = slurp(sb.path / "full/yearly.csv");
  CHECK(run_ccsim_limited(sb.path, with(run, {"--seed", "4", "--force", "--out", "full"}),
                          limit / 2) == 1);
  CHECK(slurp(sb.path / "full/yearly.csv") == yearly);
  CHECK(sb.temporaries().empty());

  // merge: its points.csv was once cut short with exit 0.
  sb.write("tiny.json", tiny_sweep());
  REQUIRE(sb.ccsim("sweep tiny.json --out s1 --shard 1/2") == 0);
  REQUIRE(sb.ccsim("sweep tiny.json --out s2 --shard 2/2") == 0);
  REQUIRE(sb.ccsim("merge s1 s2 --out merged") == 0);
  CHECK(run_ccsim_limited(sb.path, {"merge", "s1", "s2", "--out", "m2"},
                          largest(sb.path / "merged") - 1) == 1);
  CHECK_FALSE(fs::exists(sb.path / "m2"));
  CHECK(sb.temporaries().empty());

  // A sweep writes runs.csv in place, as the state --resume continues from: a full disk stops it
  // with exit 1, and once there is room --resume ends with the bytes of an uninterrupted sweep.
  REQUIRE(sb.ccsim("sweep tiny.json --out sw") == 0);
  CHECK(run_ccsim_limited(sb.path, {"sweep", "tiny.json", "--out", "sw2", "-q"},
                          static_cast<long>(fs::file_size(sb.path / "sw/runs.csv")) - 1) == 1);
  CHECK_FALSE(fs::exists(sb.path / "sw2/points.csv"));
  REQUIRE(sb.ccsim("sweep tiny.json --out sw2 --resume") == 0);
  CHECK(slurp(sb.path / "sw2/runs.csv") == slurp(sb.path / "sw/runs.csv"));
  CHECK(slurp(sb.path / "sw2/points.csv") == slurp(sb.path / "sw/points.csv"));

  // compare's CSV.
  REQUIRE(sb.ccsim("run " + kSmall + " --seed 4 --out other") == 0);
  REQUIRE(sb.ccsim("compare full other --out cmp.csv -q") == 0);
  const long cmp = static_cast<long>(fs::file_size(sb.path / "cmp.csv"));
  CHECK(run_ccsim_limited(sb.path, {"compare", "full", "other", "--out", "c2.csv", "-q"},
                          cmp - 1) == 1);
  CHECK_FALSE(fs::exists(sb.path / "c2.csv"));
  CHECK(sb.temporaries().empty());
}
