#include "model/batch/sweep_job.hpp"

#include <iomanip>
#include <istream>
#include <sstream>

#include "model/revision.hpp"
#include "model/sweep/results.hpp"
#include "model/sweep/sensitivity.hpp"

namespace ccsim::batch {

using json = nlohmann::json;

namespace {

std::string hex64(std::uint64_t x) {
  std::ostringstream os;
  os << std::hex << std::setw(16) << std::setfill('0') << x;
  return os.str();
}

std::string rerun_command(const SweepJob& s) {
  std::string cmd = "ccsim run " + s.spec.scenario_path + " --replications 1 --seed SEED";
  for (const auto& o : s.spec.overrides) cmd += " --set '" + o + "'";
  for (const auto& set : sweep::rerun_sets(s.spec, s.base)) cmd += " --set '" + set + "'";
  return cmd;
}

}  // namespace

std::string sweep_hash(const sweep::Spec& spec, const json& base) {
  json canon = spec.resolved;
  canon.erase("scenario");
  canon.erase("description");
  const std::string text = json{{"sweep", canon}, {"base", base}}.dump();
  std::uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a
  for (unsigned char c : text) h = (h ^ c) * 0x100000001b3ull;
  return hex64(h);
}

std::string this_revision() {
  return std::string(CCSIM_VERSION) + " (" + git_revision() + ")";
}

std::string revision_of(const json& m) {
  return m.value("version", std::string("?")) + " (" + m.value("git_revision", std::string("?")) +
         ")";
}

json make_manifest(const SweepJob& s, const sweep::Shard& shard, bool complete) {
  json m;
  m["program"] = "ccsim";
  m["command"] = "sweep";
  m["kind"] = "sweep";  // by which --force knows an output it may replace (merge: "merge")
  m["version"] = CCSIM_VERSION;
  m["git_revision"] = git_revision();
  m["sweep_file"] = s.file;
  m["sweep_hash"] = s.hash;
  m["sweep"] = s.spec.resolved;
  m["base_scenario"] = {{"file", s.spec.scenario_path}, {"resolved", s.base}};
  m["points"] = s.plan.points;
  m["replications"] = s.plan.replications;
  m["runs"] = s.plan.runs();
  m["shard"] = {
      {"index", shard.index}, {"count", shard.count}, {"runs", shard.size(s.plan.runs())}};
  m["complete"] = complete;
  m["rerun"] = {{"command", rerun_command(s)},
                {"note",
                 "re-runs one row of runs.csv alone: SEED is the row's seed and each "
                 "VALUE(column) its value of that column; the run is replication 0 of the "
                 "output"}};
  json files = {{kRuns,
                 "one row per run: run, point, replication, seed, parameter values, "
                 "metrics, status (ok/failed), error"}};
  if (shard.count == 1) {
    files[kPoints] = "per point and metric: n, failed, mean, sd, 95% interval of the mean";
    if (sweep::has_sensitivity(s.spec)) {
      files[kSensitivity] = "per metric, parameter and index: value, bootstrap interval, n";
      files[kSalib] = "the design and point means in the layout SALib's analyze functions read";
    }
  }
  m["files"] = files;
  return m;
}

std::vector<Issue> resume_issues(const json& m, const std::string& mp, const SweepJob& s,
                                 const sweep::Shard& shard) {
  std::vector<Issue> issues;
  if (m.value("sweep_hash", "") != s.hash)
    issues.push_back({mp, "/sweep_hash",
                      "this directory holds a different sweep (or the base "
                      "scenario changed since): resume it with the sweep "
                      "file that made it, or start afresh elsewhere"});
  if (revision_of(m) != this_revision())
    issues.push_back({mp, "/git_revision",
                      "made by ccsim " + revision_of(m) + ", this is " + this_revision() +
                          ": runs of different code would be mixed"});
  const json sh = m.value("shard", json::object());
  if (sh.value("index", 0) != shard.index || sh.value("count", 0) != shard.count)
    issues.push_back({mp, "/shard",
                      "this directory holds shard " + std::to_string(sh.value("index", 0)) + "/" +
                          std::to_string(sh.value("count", 0)) + ", not " +
                          std::to_string(shard.index) + "/" + std::to_string(shard.count)});
  return issues;
}

Scan scan_runs(std::istream& in, const std::string& name, const SweepJob& s,
               const sweep::Shard& shard) {
  Scan sc;
  std::string line;
  const std::string header = sweep::runs_header(s.spec);
  std::size_t number = 0;
  while (std::getline(in, line)) {
    if (in.eof()) {  // no newline: the write of this line was interrupted
      sc.torn = true;
      break;
    }
    ++number;
    if (number == 1) {
      if (line + "\n" != header)
        throw InputError(name, "line 1", "the header does not match this sweep's columns");
    } else {
      const auto r = sweep::parse_run(line, s.spec, s.plan, name, number);
      if (sc.rows >= shard.size(s.plan.runs()) || r.run != shard.run(sc.rows))
        throw InputError(name, "line " + std::to_string(number),
                         "expected run " + std::to_string(shard.run(sc.rows)) + " of shard " +
                             std::to_string(shard.index) + "/" + std::to_string(shard.count) +
                             ", found run " + std::to_string(r.run));
      ++sc.rows;
      sc.failed += !r.ok;
    }
    sc.complete_bytes += line.size() + 1;
  }
  if (number == 0) throw InputError(name, "", "runs.csv has no header line");
  return sc;
}

PointTables write_points(std::istream& in, const std::string& name, const SweepJob& s,
                         std::ostream& os) {
  sweep::PointsWriter w(s.spec, s.plan, os);
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    if (++number == 1) continue;
    w.add(sweep::parse_run(line, s.spec, s.plan, name, number));
  }
  if (!w.complete())
    throw InputError(
        name, "",
        "has " + std::to_string(w.runs_seen()) + " of " + std::to_string(s.plan.runs()) + " runs");
  return PointTables{w.point_means(), w.run_values()};
}

void write_sensitivity(const SweepJob& s, const PointTables& t, std::ostream& os) {
  sweep::write_sensitivity(os, s.spec, s.plan, t.means, t.run_values);
}

void write_salib(const SweepJob& s, const PointTables& t, std::ostream& os) {
  os << sweep::salib_export(s.spec, s.plan, t.means).dump() << "\n";
}

}  // namespace ccsim::batch
