// Killing a writing command: SIGINT, SIGTERM and SIGHUP leave neither a partial output nor a
// temporary, and the process dies of the signal; SIGKILL leaves a temporary that the next command
// writing the same output removes; an earlier output being replaced is never lost.
#include <signal.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/files.hpp"
#include "tests/support/process.hpp"

namespace fs = std::filesystem;

namespace {

using ccsim::test::slurp;
using ccsim::test::spawn_ccsim;
using ccsim::test::wait_for;
using ccsim::test::wait_until;

const std::string kBaseline = std::string(CCSIM_SOURCE_DIR) + "/scenarios/baseline.json";

struct Sandbox : ccsim::test::TempDir {
  Sandbox() : TempDir("ccsim_kill_cli_") {}
  int ccsim(const std::string& args, std::string* err = nullptr) const {
    return ccsim::test::run_ccsim(path, args, err);
  }
};

// The temporary that process `pid` writes `target` through.
fs::path temporary(const fs::path& target, pid_t pid) {
  return target.parent_path() / ("." + target.filename().string() + ".tmp-" + std::to_string(pid));
}

// Names under `dir` that look like a ccsim temporary.
std::vector<std::string> temporaries(const fs::path& dir) {
  std::vector<std::string> found;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    const std::string f = e.path().filename().string();
    if (f.find(".tmp") != std::string::npos || f.find(".old-") != std::string::npos)
      found.push_back(e.path().string());
  }
  return found;
}

bool killed_by(int status, int sig) {
  return status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == sig;
}

// Sets CCSIM_PAUSE_BEFORE_RENAME for the children started while it lives: the complete temporary
// of an output of that name waits 30 s before its rename, for the test to kill it then.
struct PauseBeforeRename {
  explicit PauseBeforeRename(const std::string& name) {
    ::setenv("CCSIM_PAUSE_BEFORE_RENAME", name.c_str(), 1);
  }
  ~PauseBeforeRename() { ::unsetenv("CCSIM_PAUSE_BEFORE_RENAME"); }
};

// Starts `args`, waits for `tmp_of(pid)` to exist (and, for a directory, to hold a file: the
// writing has begun), sends `sig`; returns the wait status.
template <typename TmpOf>
int kill_while_writing(const Sandbox& sb, const std::vector<std::string>& args, int sig,
                       TmpOf tmp_of, pid_t* pid_out = nullptr) {
  const pid_t pid = spawn_ccsim(sb.path, args);
  if (pid_out) *pid_out = pid;
  const fs::path tmp = tmp_of(pid);
  int status = 0;
  const bool seen = wait_until(
      pid,
      [&] {
        std::error_code ec;
        if (fs::is_directory(tmp, ec)) return !fs::is_empty(tmp, ec);
        return fs::exists(tmp, ec);
      },
      status);
  INFO("stderr: " << slurp(sb.path / "stderr.txt"));
  REQUIRE(seen);  // else the command ended (or hung) before it wrote
  ::kill(pid, sig);
  return wait_for(pid);
}

// A run long enough to be killed mid-write on a loaded machine.
std::vector<std::string> big_run(const std::string& out) {
  return {"run", kBaseline, "-r", "60", "--out", out};
}

std::string small_run(const std::string& out) {
  return "run " + kBaseline + " -r 1 --set simulation.end_year=2014 --out " + out;
}

std::string tiny_sweep() { return ccsim::test::tiny_sweep_json(); }

}  // namespace

TEST_CASE("kill: run killed with SIGTERM while it writes leaves nothing", "[cli][kill]") {
  Sandbox sb;
  const int status = kill_while_writing(sb, big_run("big"), SIGTERM,
                                        [&](pid_t pid) { return temporary(sb.path / "big", pid); });
  CHECK(killed_by(status, SIGTERM));
  CHECK_FALSE(fs::exists(sb.path / "big"));
  CHECK(temporaries(sb.path).empty());
}

TEST_CASE("kill: run killed with SIGKILL leaves no partial output, the next run cleans up",
          "[cli][kill]") {
  Sandbox sb;
  pid_t pid = 0;
  const int status = kill_while_writing(
      sb, big_run("big"), SIGKILL, [&](pid_t p) { return temporary(sb.path / "big", p); }, &pid);
  CHECK(killed_by(status, SIGKILL));
  CHECK_FALSE(fs::exists(sb.path / "big"));
  const fs::path leftover = temporary(sb.path / "big", pid);
  CHECK(fs::exists(leftover));  // nothing can clean up after a SIGKILL...
  std::string err;
  REQUIRE(sb.ccsim(small_run("big"), &err) == 0);  // ...but the next run into the same place
  CHECK_THAT(err, Catch::Contains("removed") && Catch::Contains(leftover.filename().string()));
  CHECK(fs::is_regular_file(sb.path / "big/manifest.json"));
  CHECK(temporaries(sb.path).empty());
}

TEST_CASE("kill: an earlier run being replaced survives SIGTERM and SIGKILL", "[cli][kill]") {
  Sandbox sb;
  REQUIRE(sb.ccsim(small_run("out")) == 0);
  const std::string yearly = slurp(sb.path / "out/yearly.csv");
  for (int sig : {SIGTERM, SIGKILL}) {
    INFO("signal " << sig);
    auto args = big_run("out");
    args.push_back("--force");
    const int status = kill_while_writing(
        sb, args, sig, [&](pid_t pid) { return temporary(sb.path / "out", pid); });
    CHECK(killed_by(status, sig));
    CHECK(slurp(sb.path / "out/yearly.csv") == yearly);
  }
  REQUIRE(sb.ccsim(small_run("out") + " --seed 3 --force") == 0);  // cleans the SIGKILL's
  CHECK(slurp(sb.path / "out/yearly.csv") != yearly);
  CHECK(temporaries(sb.path).empty());
}

TEST_CASE("kill: SIGINT and SIGHUP remove the temporaries too", "[cli][kill]") {
  Sandbox sb;
  PauseBeforeRename pause("out");
  for (int sig : {SIGINT, SIGHUP}) {
    INFO("signal " << sig);
    const int status =
        kill_while_writing(sb, {"run", kBaseline, "-r", "1", "--out", "out"}, sig,
                           [&](pid_t pid) { return temporary(sb.path / "out", pid); });
    CHECK(killed_by(status, sig));
    CHECK_FALSE(fs::exists(sb.path / "out"));
    CHECK(temporaries(sb.path).empty());
  }
}

TEST_CASE(
    "kill: compare, merge, calibrate and a finishing sweep leave nothing on SIGTERM and "
    "clean up after SIGKILL",
    "[cli][kill]") {
  Sandbox sb;
  ccsim::test::write(sb.path / "tiny.json", tiny_sweep());
  REQUIRE(sb.ccsim("sweep tiny.json --out s1 --shard 1/2") == 0);
  REQUIRE(sb.ccsim("sweep tiny.json --out s2 --shard 2/2") == 0);
  REQUIRE(sb.ccsim(small_run("a")) == 0);
  REQUIRE(sb.ccsim(small_run("b") + " --seed 4") == 0);
  ccsim::test::write_small_calibration(sb.path);

  struct Case {
    std::vector<std::string> args;
    fs::path target;
  };
  const std::vector<Case> cases = {
      {{"compare", "a", "b", "--out", "cmp.csv", "-q"}, sb.path / "cmp.csv"},
      {{"merge", "s1", "s2", "--out", "merged"}, sb.path / "merged"},
      {{"calibrate", "spec.json", "--out", "cal", "-q"}, sb.path / "cal"},
      {{"sweep", "tiny.json", "--out", "full"}, sb.path / "full/points.csv"},
  };
  for (const auto& c : cases) {
    INFO(c.args[0]);
    {
      PauseBeforeRename pause(c.target.filename().string());
      const int status = kill_while_writing(sb, c.args, SIGTERM,
                                            [&](pid_t pid) { return temporary(c.target, pid); });
      CHECK(killed_by(status, SIGTERM));
      CHECK_FALSE(fs::exists(c.target));
      CHECK(temporaries(sb.path).empty());
    }
    pid_t pid = 0;
    {
      PauseBeforeRename pause(c.target.filename().string());
      std::vector<std::string> args = c.args;
      if (c.args[0] == "sweep") args.push_back("--resume");  // the sweep SIGTERM left
      const int status = kill_while_writing(
          sb, args, SIGKILL, [&](pid_t p) { return temporary(c.target, p); }, &pid);
      CHECK(killed_by(status, SIGKILL));
      CHECK_FALSE(fs::exists(c.target));
    }
    CHECK(fs::exists(temporary(c.target, pid)));
    std::vector<std::string> again = c.args;
    if (c.args[0] == "sweep") again.push_back("--resume");
    std::string line;
    for (const auto& a : again) line += a + " ";
    std::string err;
    CHECK(sb.ccsim(line, &err) == 0);
    CHECK_THAT(err, Catch::Contains("removed") &&
                        Catch::Contains(temporary(c.target, pid).filename().string()));
    CHECK(fs::exists(c.target));
    CHECK(temporaries(sb.path).empty());
  }
}
