#pragma once
// A sweep as a batch job, independent of who schedules its runs (threads, shards, MPI ranks):
// what it is (spec, plan, base scenario, world), what identifies it (its hash), its manifest, the
// resume scan of a runs.csv, and the tables computed from a complete runs.csv. Streams are the
// caller's: the library reads and writes what it is handed and opens no file of its own.
//
// runs.csv is the sweep's only state. Runs are computed in any order; one writer appends their
// rows in run order and flushes them every few milliseconds, so whatever moment a job is killed at,
// runs.csv is a prefix of the full table (at worst with a torn last line), and a resume only has to
// drop the torn line and skip the rows present. points.csv and sensitivity.csv are computed from
// runs.csv at the end, which makes them, and a merge of shards, independent of how the runs were
// scheduled.
#include <Eigen/Core>
#include <cstdint>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/error.hpp"
#include "model/sweep/plan.hpp"
#include "model/sweep/spec.hpp"
#include "model/world.hpp"

namespace ccsim::batch {

inline constexpr const char* kRuns = "runs.csv";
inline constexpr const char* kPoints = "points.csv";
inline constexpr const char* kSensitivity = "sensitivity.csv";
inline constexpr const char* kSalib = "salib.json";
inline constexpr const char* kManifest = "manifest.json";

// A sweep ready to run: the spec, its plan and the base scenario it varies.
struct SweepJob {
  std::string file;
  sweep::Spec spec;
  sweep::Plan plan;
  nlohmann::json base;  // the base scenario document, extends and overrides applied
  World world;
  std::string hash;
  sweep::Estimate estimate;  // sizes, memory and time, known before the plan is built
};

// What must agree for shards or a resumed sweep to belong together: the resolved sweep (less
// where its files were, and prose) and the base scenario as run.
std::string sweep_hash(const sweep::Spec& spec, const nlohmann::json& base);

// "VERSION (GIT_REVISION)" of this program, and of the program that wrote a manifest.
std::string this_revision();
std::string revision_of(const nlohmann::json& manifest);

// The manifest of a sweep's output (or of one shard's): what ran, how to re-run one row, and the
// files it holds.
nlohmann::json make_manifest(const SweepJob& job, const sweep::Shard& shard, bool complete);

// Why the sweep in a directory with `manifest` (read from `path`) cannot be resumed as `job`'s
// shard `shard`: a different sweep, another program revision, another shard. Empty if it can.
std::vector<Issue> resume_issues(const nlohmann::json& manifest, const std::string& path,
                                 const SweepJob& job, const sweep::Shard& shard);

// The rows already in a runs.csv: a torn last line is cut off, every row is checked against the
// plan and must be the shard's next run (InputError naming `name` and the line otherwise).
struct Scan {
  std::int64_t rows = 0;
  std::int64_t failed = 0;
  std::uintmax_t complete_bytes = 0;  // the length of the complete lines
  bool torn = false;
};
Scan scan_runs(std::istream& runs, const std::string& name, const SweepJob& job,
               const sweep::Shard& shard);

// What points.csv's pass over runs.csv keeps for the sensitivity tables.
struct PointTables {
  Eigen::MatrixXd means;       // points x metrics
  Eigen::MatrixXd run_values;  // runs x metrics, for the noise floors (empty if not kept)
};

// points.csv from a complete runs.csv (InputError if runs are missing).
PointTables write_points(std::istream& runs, const std::string& name, const SweepJob& job,
                         std::ostream& points);

// sensitivity.csv and salib.json (for a design that has them: sweep::has_sensitivity).
void write_sensitivity(const SweepJob& job, const PointTables& tables, std::ostream& sensitivity);
void write_salib(const SweepJob& job, const PointTables& tables, std::ostream& salib);

}  // namespace ccsim::batch
