#pragma once
// Files for tests that run the real binary: a scratch directory, whole-file reads and writes, and
// the binary itself.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "model/io/gzip.hpp"

namespace ccsim::test {

// A fresh directory removed when the test ends.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& prefix) {
    static int counter = 0;
    path = std::filesystem::temp_directory_path() /
           (prefix + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

inline void write(const std::filesystem::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A table file's text, decompressed when it is gzip (a run's .csv.gz).
inline std::string slurp_table(const std::filesystem::path& p) {
  const auto in = ccsim::io::open_table(p.string());
  if (!in) return "";
  std::stringstream ss;
  ss << in->rdbuf();
  return ss.str();
}

// Runs the ccsim binary with `args` from directory `cwd`, its output to cwd/stdout.txt and
// cwd/stderr.txt; returns the exit status (-1 if it did not exit), stderr in `err` if given.
inline int run_ccsim(const std::filesystem::path& cwd, const std::string& args,
                     std::string* err = nullptr) {
  const auto out = cwd / "stdout.txt", errf = cwd / "stderr.txt";
  const std::string cmd = "cd \"" + cwd.string() + "\" && \"" + CCSIM_BINARY + "\" " + args +
                          " > \"" + out.string() + "\" 2> \"" + errf.string() + "\"";
  const int status = std::system(cmd.c_str());
  if (err) *err = slurp(errf);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A tiny grid sweep (4 runs) of the baseline on a short, small model.
inline std::string tiny_sweep_json() {
  return R"({"name": "tiny", "scenario": ")" + std::string(CCSIM_SOURCE_DIR) +
         R"(/scenarios/baseline.json",
  "overrides": {"simulation.end_year": 2015, "simulation.firm_agents": 200},
  "parameters": [{"path": "risk.global_multiplier", "levels": [0.5, 2]}],
  "design": {"type": "grid"}, "replications": 2, "seed": 11,
  "metrics": [{"metric": "odi_flow_usd_bn", "years": [2013, 2015]}]})";
}

// A calibration small enough for a CLI test, written into `dir`: sc.json (the baseline at 300
// agents to 2017), targets.json (two fitted targets, one held out) and spec.json (one free
// parameter, a handful of evaluations; baseline_output fit.json, ensemble_output ens.json).
inline void write_small_calibration(const std::filesystem::path& dir) {
  const std::string root = CCSIM_SOURCE_DIR;
  write(dir / "sc.json", "{\"extends\": \"" + root +
                             "/scenarios/baseline.json\", \"name\": \"cal\", \"simulation\": "
                             "{\"end_year\": 2017, \"firm_agents\": 300}}");
  write(dir / "targets.json",
        R"({"targets": [
  {"id": "zones", "metric": "zones", "years": [2016, 2016], "aggregate": "end", "figure": 56,
   "low": 50, "high": 62, "basis": "test", "source": "test"},
  {"id": "firms", "metric": "zone_firms", "years": [2016, 2016], "aggregate": "end",
   "figure": 1082, "low": 970, "high": 1190, "basis": "test", "source": "test"},
  {"id": "odi", "metric": "odi_flow_usd_bn", "years": [2013, 2016], "figure": 60, "low": 55,
   "high": 70, "use": "holdout", "basis": "test", "source": "test"}]})");
  write(dir / "spec.json",
        R"({"name": "cal", "scenario": "sc.json", "targets": "targets.json",
  "baseline_output": "fit.json", "ensemble_output": "ens.json", "replications": 2, "seed": 3,
  "max_evaluations": 2, "fixed_point_rounds": 1, "ensemble_size": 3,
  "free_parameters": [{"key": "/behaviour/epc_shift", "min": -3, "max": 5,
                       "identifies": "firms", "elasticity": -0.8}]})");
}

}  // namespace ccsim::test
