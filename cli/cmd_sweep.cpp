// `ccsim sweep` and `ccsim merge`: parameter sweeps as batch jobs. The options, the output
// directory (created, resumed, locked) and the progress line are this file's; the sweep itself
// (its manifest, the resume scan, the ordered writer, the schedulers over threads and MPI ranks)
// is the library's engine, model/batch/.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/program_options.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/progress.hpp"
#include "model/batch/engine.hpp"
#include "model/batch/mpi.hpp"
#include "model/batch/sweep_job.hpp"
#include "model/scenario.hpp"
#include "model/sweep/noise.hpp"
#include "model/sweep/plan.hpp"
#include "model/sweep/results.hpp"
#include "model/sweep/spec.hpp"

namespace po = boost::program_options;

namespace ccsim::cli {

namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

using Sweep = batch::SweepJob;
using batch::kManifest;
using batch::kPoints;
using batch::kRuns;
using batch::kSalib;
using batch::kSensitivity;

// A key as one token of a JSON pointer.
std::string escape_key(const std::string& key) {
  std::string out;
  for (char c : key)
    out += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
  return out;
}

// Reads and validates a sweep file and its base scenario, reporting every problem of both at
// once (InputError).
Sweep load_sweep(const std::string& file, bool build_plan = true) {
  const json doc = load_json_file(file);
  std::vector<Issue> issues;
  std::optional<Loaded> loaded;
  if (const auto req = sweep::base_request(doc, file)) {
    try {
      loaded = load_scenario(req->scenario_path, req->overrides);
    } catch (const InputError& e) {
      issues.push_back({file, "/scenario",
                        "the base scenario '" + req->scenario_path +
                            "' (with /overrides applied) cannot be used: see "
                            "below"});
      // A problem with an overridden value is the sweep file's, where the value was written.
      std::map<std::string, std::string> overridden;
      if (doc.contains("overrides") && doc["overrides"].is_object())
        for (const auto& [key, _] : doc["overrides"].items())
          overridden[sweep::to_pointer(key)] = "/overrides/" + escape_key(key);
      for (Issue i : e.issues()) {
        const auto it = overridden.find(i.pointer);
        if (it != overridden.end()) {
          i.file = file;
          i.pointer = it->second;
        }
        issues.push_back(std::move(i));
      }
    }
  }
  std::optional<sweep::BaseInfo> info;
  if (loaded) {
    info = sweep::base_info(loaded->scenario, loaded->world.iso3);
  }
  const auto spec_issues = sweep::validate_spec(doc, file, info ? &*info : nullptr);
  issues.insert(issues.end(), spec_issues.begin(), spec_issues.end());
  if (!issues.empty()) throw InputError(std::move(issues));
  Sweep s;
  s.file = file;
  s.spec = sweep::parse_spec(doc, file, *info);
  s.estimate = sweep::estimate(s.spec, loaded->scenario, loaded->world);
  if (build_plan) s.plan = sweep::make_plan(s.spec);
  s.base = loaded->scenario.resolved;
  s.world = std::move(loaded->world);
  s.hash = batch::sweep_hash(s.spec, s.base);
  return s;
}

json read_manifest(const fs::path& dir) {
  const fs::path p = dir / kManifest;
  std::error_code ec;
  if (!fs::is_regular_file(p, ec))
    throw InputError(dir.string(), "", "not a sweep output directory: it has no manifest.json");
  const json m = load_json_file(p.string());
  if (!m.is_object() || m.value("program", "") != "ccsim" || m.value("command", "") != "sweep")
    throw InputError(p.string(), "/command", "not the manifest of a ccsim sweep");
  return m;
}

// points.csv and sensitivity.csv from a complete runs.csv, streamed.
void finalise(const fs::path& dir, const Sweep& s) {
  const fs::path runs = dir / kRuns;
  batch::PointTables tables;
  write_file(dir / kPoints, [&](std::ostream& os) {
    std::ifstream in(runs, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + runs.string());
    tables = batch::write_points(in, runs.string(), s, os);
  });
  if (sweep::has_sensitivity(s.spec)) {
    write_file(dir / kSensitivity,
               [&](std::ostream& os) { batch::write_sensitivity(s, tables, os); });
    write_file(dir / kSalib, [&](std::ostream& os) { batch::write_salib(s, tables, os); });
  }
}

// One writer per runs.csv: a second process appending to it (say, a job re-submitted while the
// first still runs) would interleave rows. The lock goes with the process, however it ends.
class RunsLock {
 public:
  explicit RunsLock(const fs::path& runs) : fd_(::open(runs.c_str(), O_RDWR | O_CLOEXEC)) {
    locked_ = fd_ >= 0 && ::flock(fd_, LOCK_EX | LOCK_NB) == 0;
  }
  ~RunsLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  RunsLock(const RunsLock&) = delete;
  RunsLock& operator=(const RunsLock&) = delete;
  bool locked() const { return locked_; }

 private:
  int fd_;
  bool locked_ = false;
};

// The progress line: live on a terminal, a plain line every few seconds in a log.
class Progress {
 public:
  Progress(std::string name, std::int64_t total, std::int64_t done, bool quiet)
      : name_(std::move(name)),
        total_(total),
        start_done_(done),
        quiet_(quiet),
        tty_(::isatty(STDERR_FILENO) != 0),
        start_(Clock::now()),
        last_(start_) {}

  void update(std::int64_t done, std::int64_t failed, bool force = false) {
    if (quiet_) return;
    const auto now = Clock::now();
    const double since = std::chrono::duration<double>(now - last_).count();
    if (!force && since < (tty_ ? 0.25 : 5.0)) return;
    last_ = now;
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double rate = elapsed > 0 ? double(done - start_done_) / elapsed : 0;
    std::ostringstream os;
    os << "ccsim sweep " << name_ << ": " << done << "/" << total_ << " runs";
    if (total_ > 0)
      os << " (" << std::fixed << std::setprecision(1) << 100.0 * done / total_ << "%)";
    if (failed > 0) os << ", " << failed << " failed";
    os << ", " << std::fixed << std::setprecision(rate < 10 ? 2 : 1) << rate << " runs/s, "
       << (done >= total_
               ? "done in " + ProgressLine::duration(elapsed)
               : ProgressLine::duration(rate > 0 ? double(total_ - done) / rate : -1) + " left");
    if (tty_)
      std::cerr << "\r\033[K" << os.str() << std::flush;
    else
      std::cerr << os.str() << "\n" << std::flush;
    shown_ = true;
  }

  void end() {
    if (!quiet_ && tty_ && shown_) std::cerr << "\n";
  }

 private:
  std::string name_;
  std::int64_t total_, start_done_;
  bool quiet_, tty_;
  Clock::time_point start_, last_;
  bool shown_ = false;
};

// Ranks 1..K-1 under mpirun, else this process's threads.
std::unique_ptr<batch::Scheduler> make_scheduler(int ranks, int threads) {
  if (ranks > 1) return std::make_unique<batch::mpi::RankScheduler>();
  return std::make_unique<batch::ThreadScheduler>(threads);
}

}  // namespace

void validate_sweep_file(const std::string& file) {
  load_sweep(file, false);
}

int cmd_sweep(const Args& args) {
  std::string file, out, shard_text = "1/1";
  int threads = 0;
  bool resume = false, force = false, quiet = false, dry_run = false;
  std::string width_text;
  int pilot_runs = 10;
  po::options_description opts(
      "ccsim sweep SWEEP.json [options]\n  (mpirun -np K ccsim sweep ...: rank 0 writes, ranks "
      "1..K-1 compute; the same bytes)");
  opts.add_options()("help,h", "show this help")("out,o", po::value(&out),
                                                 "output directory (default outputs/<sweep name>)")(
      "threads,t", po::value(&threads)->default_value(0),
      "worker threads (default 0: all cores); outputs do not depend on it")(
      "shard", po::value(&shard_text),
      "run only shard K of N (K = 1..N): runs i with i mod N = K - 1; combine with `ccsim merge`")(
      "resume", po::bool_switch(&resume),
      "continue the sweep in --out (or start it when the directory does not exist)")(
      "force", po::bool_switch(&force), "replace an existing output directory")(
      "quiet,q", po::bool_switch(&quiet), "no progress lines")(
      "dry-run,n", po::bool_switch(&dry_run), "validate the sweep and print its size; run nothing")(
      "width", po::value(&width_text),
      "with --dry-run: replications a point needs for an interval of the mean this wide (in the "
      "metric's units, or '5%' of its mean), from a pilot at the base point")(
      "pilot", po::value(&pilot_runs)->default_value(10),
      "with --width: replications of the pilot");
  po::options_description hidden;
  hidden.add_options()("sweep", po::value(&file));
  po::options_description all;
  all.add(opts).add(hidden);
  po::positional_options_description pos;
  pos.add("sweep", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "ccsim sweep: " << e.what() << "\n" << opts;
    return 2;
  }
  if (vm.count("help")) {
    std::cout << opts;
    return 0;
  }
  if (file.empty()) {
    std::cerr << "ccsim sweep: no sweep file given\n" << opts;
    return 2;
  }
  const auto shard = sweep::parse_shard(shard_text);
  if (!shard) {
    std::cerr << "ccsim sweep: --shard expects K/N with 1 <= K <= N, found '" << shard_text
              << "' (for a Slurm job array use --array=1-N and --shard "
                 "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT)\n";
    return 2;
  }
  if (threads < 0) {
    std::cerr << "ccsim sweep: --threads must be 0 or more\n";
    return 2;
  }
  double width = 0;
  const bool relative = !width_text.empty() && width_text.back() == '%';
  if (!width_text.empty()) {
    std::size_t used = 0;
    try {
      width = std::stod(width_text.substr(0, width_text.size() - relative), &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != width_text.size() - relative || !(width > 0) || !dry_run || pilot_runs < 2) {
      std::cerr << "ccsim sweep: --width expects a positive width ('5' or '5%') with --dry-run, "
                   "and --pilot at least 2 replications\n";
      return 2;
    }
    if (relative) width /= 100;
  }
  if (resume && force) {
    std::cerr << "ccsim sweep: --resume and --force contradict each other\n";
    return 2;
  }

  // Under mpirun every rank reads the sweep itself (a shared file system); rank 0 alone prepares
  // the directory and writes, the others compute the runs it hands out.
  const int rank = batch::mpi::rank(), ranks = batch::mpi::size();
  Sweep s;
  bool loaded = true;
  try {
    s = load_sweep(file, !dry_run);
  } catch (const InputError& e) {
    if (ranks == 1) return report(e, "sweep");
    if (rank == 0) report(e, "sweep");
    loaded = false;
  }
  if (ranks > 1) {
    if (!batch::mpi::all(loaded)) return 2;
    if (!batch::mpi::all(batch::mpi::broadcast(s.hash) == s.hash)) {
      if (rank == 0)
        std::cerr << "ccsim sweep: the ranks read different sweeps from " << file
                  << " (is the file the same on every node?)\n";
      return 2;
    }
    if (dry_run && rank > 0) return 0;
    if (!dry_run && rank > 0) {
      const int status =
          batch::mpi::broadcast(0);  // rank 0's: whether its output directory is ready
      if (status != 0) return status;
      batch::mpi::serve(s, *shard);
      return 0;
    }
  }
  const int workers = static_cast<int>(std::max<std::int64_t>(
      1, std::min<std::int64_t>(
             threads > 0 ? threads : std::max(1u, std::thread::hardware_concurrency()),
             shard->size(s.estimate.runs))));
  if (dry_run) {
    std::cout << s.file << ": valid sweep '" << s.spec.name
              << "': " << sweep::design_name(s.spec.design.kind) << " design, "
              << s.spec.factors.size() << " parameters, " << s.estimate.points << " points x "
              << s.spec.replications << " replications = " << s.estimate.runs << " runs";
    if (shard->count > 1)
      std::cout << " (shard " << shard_text << ": " << shard->size(s.estimate.runs) << ")";
    std::cout << ", " << s.spec.metrics.size() << " metrics\n"
              << sweep::describe(s.estimate, workers, shard->size(s.estimate.runs)) << "\n";
    if (width > 0) {
      try {
        std::cout << sweep::describe_pilot(
            s.spec, sweep::pilot(s.spec, s.base, s.world, pilot_runs), width, relative);
      } catch (const InputError& e) {
        return report(e, "sweep");
      }
    }
    return 0;
  }
  // Rank 0 tells the other ranks whether the directory is ready (0) or the exit status (2).
  std::int64_t done = 0;
  std::int64_t failed_before = 0;
  std::optional<RunsLock> lock;
  fs::path dir;
  std::int64_t total = 0;
  const int status = [&]() -> int {
    if (!fits_in_memory(s.estimate.design_bytes + workers * s.estimate.run.bytes,
                        "the sweep on " + std::to_string(workers) + " threads", "sweep"))
      return 2;
    if (out.empty()) {
      const std::string why = unsafe_name_reason(s.spec.name);
      if (!why.empty()) {
        std::cerr << "ccsim sweep: " << file << ": /name: '" << s.spec.name << "' " << why
                  << ": the name is the default output directory outputs/<name>; give --out\n";
        return 2;
      }
      out = "outputs/" + s.spec.name;
      if (shard->count > 1)
        out += ".shard-" + std::to_string(shard->index) + "-of-" + std::to_string(shard->count);
    }
    const OutputOptions output{OutputKind::kSweep, force};
    // A resumed sweep is written in place: only "-" and trailing slashes concern it.
    dir = normalise_output(out, OutputKind::kSweep);
    out = dir.string();
    total = shard->size(s.plan.runs());
    std::error_code ec;
    // An empty directory (say, made ahead by a batch script) holds nothing to resume or protect.
    const bool exists = fs::exists(dir, ec) && !fs::is_empty(dir, ec);

    auto take_lock = [&] {
      lock.emplace(dir / kRuns);
      if (lock->locked()) return true;
      std::cerr << "ccsim sweep: another process is writing " << (dir / kRuns).string()
                << " (or it cannot be opened)\n";
      return false;
    };
    if (exists && resume) {
      if (fs::exists(dir / kRuns, ec) && !take_lock()) return 2;
      try {
        const json m = read_manifest(dir);
        auto issues = batch::resume_issues(m, (dir / kManifest).string(), s, *shard);
        if (!issues.empty()) throw InputError(std::move(issues));
        std::ifstream in(dir / kRuns, std::ios::binary);
        if (!in) throw InputError((dir / kRuns).string(), "", "cannot open the file");
        const batch::Scan sc = batch::scan_runs(in, (dir / kRuns).string(), s, *shard);
        in.close();
        if (sc.torn) fs::resize_file(dir / kRuns, sc.complete_bytes);
        done = sc.rows;
        failed_before = sc.failed;
      } catch (const InputError& e) {
        return report(e, "sweep");
      }
    } else {
      if (exists && !force) {
        std::cerr << "ccsim sweep: " << out
                  << " exists: pass --resume to continue it, or --force to start over\n";
        return 2;
      }
      check_output(dir, output);  // --force replaces only an earlier sweep
      if (exists && fs::exists(dir / kRuns, ec) && !take_lock()) return 2;
      write_directory(dir, output, [&](const fs::path& tmp) {
        write_file(tmp / kManifest, [&](std::ostream& os) {
          os << batch::make_manifest(s, *shard, false).dump(2) << "\n";
        });
        write_file(tmp / kRuns, [&](std::ostream& os) { os << sweep::runs_header(s.spec); });
      });
      if (!take_lock()) return 2;
    }
    return 0;
  }();
  if (ranks > 1) batch::mpi::broadcast(status);
  if (status != 0) return status;

  const auto t0 = Clock::now();
  Progress progress(s.spec.name, total, done, quiet);
  if (!quiet)
    std::cerr << "ccsim sweep " << s.spec.name << ": " << s.plan.points << " points x "
              << s.plan.replications << " replications"
              << (shard->count > 1 ? ", shard " + shard_text : std::string()) << ": " << total
              << " runs" << (done > 0 ? ", " + std::to_string(done) + " done already" : "")
              << " -> " << out << "\n";
  std::int64_t failed = failed_before;
  {
    std::ofstream runs(dir / kRuns, std::ios::binary | std::ios::app);
    if (!runs) throw std::runtime_error("cannot append to " + (dir / kRuns).string());
    std::unique_ptr<batch::Scheduler> scheduler = make_scheduler(ranks, threads);
    failed += batch::run_sweep(s, *shard, done, *scheduler, runs, failed_before,
                               [&](std::int64_t d, std::int64_t f) { progress.update(d, f); });
    close_checked(runs, dir / kRuns);
  }
  progress.update(total, failed, true);
  progress.end();

  if (shard->count == 1) {
    try {
      finalise(dir, s);
    } catch (const InputError& e) {
      return report(e, "sweep");
    }
  }
  json m = batch::make_manifest(s, *shard, true);
  m["failed_runs"] = failed;
  m["threads"] = threads;
  if (ranks > 1) m["mpi_ranks"] = ranks;
  m["wall_time_s"] = std::chrono::duration<double>(Clock::now() - t0).count();
  write_file(dir / kManifest, [&](std::ostream& os) { os << m.dump(2) << "\n"; });
  if (!quiet)
    std::cerr << "ccsim sweep " << s.spec.name << ": " << total << " runs, " << failed
              << " failed -> " << out << "\n";
  return 0;
}

int cmd_merge(const Args& args) {
  std::vector<std::string> dirs;
  std::string out;
  bool force = false;
  po::options_description opts("ccsim merge SHARD_DIR... --out DIR");
  opts.add_options()("help,h", "show this help")(
      "out,o", po::value(&out),
      "output directory for the merged sweep (default outputs/<sweep name>, where `ccsim sweep` "
      "writes it unsharded)")("force", po::bool_switch(&force),
                              "replace an earlier output of `ccsim merge` at --out");
  po::variables_map vm;
  try {
    vm = parse_operands(args, opts, dirs);
  } catch (const po::error& e) {
    std::cerr << "ccsim merge: " << e.what() << "\n" << opts;
    return 2;
  }
  if (vm.count("help")) {
    std::cout << opts;
    return 0;
  }
  if (dirs.empty()) {
    std::cerr << "ccsim merge: give the shard directories\n" << opts;
    return 2;
  }
  const OutputOptions output{OutputKind::kMerge, force};

  try {
    // Every shard's manifest first: they must be the shards of one sweep, each exactly once.
    std::vector<json> manifests;
    std::vector<Issue> issues;
    for (const auto& d : dirs) {
      try {
        manifests.push_back(read_manifest(d));
      } catch (const InputError& e) {
        issues.insert(issues.end(), e.issues().begin(), e.issues().end());
        manifests.push_back(json());
      }
    }
    if (!issues.empty()) throw InputError(std::move(issues));
    const json& first = manifests[0];
    if (out.empty()) {
      const std::string name = first.value("/sweep/name"_json_pointer, std::string());
      if (!unsafe_name_reason(name).empty())
        throw InputError((fs::path(dirs[0]) / kManifest).string(), "/sweep/name",
                         "the sweep's name cannot be a directory name: give --out");
      out = "outputs/" + name;
    }
    out = check_output(out, output).string();
    const std::string first_mp = (fs::path(dirs[0]) / kManifest).string();
    const int count = first.value("/shard/count"_json_pointer, 0);
    std::vector<int> owner(static_cast<std::size_t>(std::max(count, 0)), -1);
    for (std::size_t i = 0; i < dirs.size(); ++i) {
      const json& m = manifests[i];
      const std::string mp = (fs::path(dirs[i]) / kManifest).string();
      if (m.value("sweep_hash", "") != first.value("sweep_hash", ""))
        issues.push_back({mp, "/sweep_hash", "a different sweep from " + dirs[0]});
      if (batch::revision_of(m) != batch::revision_of(first))
        issues.push_back({mp, "/git_revision",
                          "made by ccsim " + batch::revision_of(m) + ", " + dirs[0] + " by " +
                              batch::revision_of(first)});
      const int c = m.value("/shard/count"_json_pointer, 0);
      const int k = m.value("/shard/index"_json_pointer, 0);
      if (c != count) {
        issues.push_back({mp, "/shard/count",
                          "split into " + std::to_string(c) + " shards, " + dirs[0] + " into " +
                              std::to_string(count)});
      } else if (k < 1 || k > count) {
        issues.push_back({mp, "/shard/index", "not a shard number: " + std::to_string(k)});
      } else if (owner[std::size_t(k - 1)] >= 0) {
        issues.push_back({mp, "/shard/index",
                          "shard " + std::to_string(k) + "/" + std::to_string(count) +
                              " is given twice: " + dirs[std::size_t(owner[std::size_t(k - 1)])] +
                              " and " + dirs[i]});
      } else {
        owner[std::size_t(k - 1)] = static_cast<int>(i);
      }
    }
    for (int k = 0; k < count; ++k)
      if (owner[std::size_t(k)] < 0)
        issues.push_back({first_mp, "/shard/count",
                          "the sweep was split into " + std::to_string(count) +
                              " shards, and shard " + std::to_string(k + 1) + "/" +
                              std::to_string(count) + " is missing"});
    if (!issues.empty()) throw InputError(std::move(issues));

    // The sweep as the shards ran it, rebuilt from the manifest.
    Sweep s;
    s.file = first.value("sweep_file", std::string());
    s.base = first.at("/base_scenario/resolved"_json_pointer);
    const Scenario base_sc = parse_scenario(s.base, first_mp);
    const sweep::BaseInfo info = sweep::base_info(base_sc, {});
    s.spec = sweep::parse_spec(first.at("sweep"), first_mp + "#/sweep", info);
    s.spec.scenario_path = first.value("/base_scenario/file"_json_pointer, std::string());
    s.plan = sweep::make_plan(s.spec);
    s.hash = batch::sweep_hash(s.spec, s.base);
    if (s.hash != first.value("sweep_hash", ""))
      throw InputError(first_mp, "/sweep", "the manifest's sweep does not match its sweep_hash");

    const std::string header = sweep::runs_header(s.spec);
    std::vector<std::ifstream> ins(static_cast<std::size_t>(count));
    std::vector<std::string> names(static_cast<std::size_t>(count));
    std::vector<std::size_t> lines(static_cast<std::size_t>(count), 1);
    for (int k = 0; k < count; ++k) {
      names[std::size_t(k)] = (fs::path(dirs[std::size_t(owner[std::size_t(k)])]) / kRuns).string();
      auto& in = ins[std::size_t(k)];
      in.open(names[std::size_t(k)], std::ios::binary);
      if (!in) throw InputError(names[std::size_t(k)], "", "cannot open the file");
      std::string line;
      if (!std::getline(in, line) || line + "\n" != header)
        throw InputError(names[std::size_t(k)], "line 1",
                         "the header does not match the sweep's columns");
    }
    std::int64_t failed = 0;
    write_directory(out, output, [&](const fs::path& tmp) {
      std::ofstream runs(tmp / kRuns, std::ios::binary);
      std::ofstream points(tmp / kPoints, std::ios::binary);
      runs << header;
      sweep::PointsWriter writer(s.spec, s.plan, points);
      std::string line;
      for (std::int64_t i = 0; i < s.plan.runs(); ++i) {
        const auto k = std::size_t(i % count);
        auto& in = ins[k];
        const sweep::Shard sh{int(k) + 1, count};
        if (!std::getline(in, line) || in.eof())
          throw InputError(names[k], "",
                           "shard " + std::to_string(k + 1) + "/" + std::to_string(count) +
                               " is incomplete: it has " + std::to_string(i / count) + " of " +
                               std::to_string(sh.size(s.plan.runs())) +
                               " runs (finish it with `ccsim sweep --resume`)");
        const auto r = sweep::parse_run(line, s.spec, s.plan, names[k], ++lines[k]);
        if (r.run != i)
          throw InputError(
              names[k], "line " + std::to_string(lines[k]),
              "expected run " + std::to_string(i) + ", found run " + std::to_string(r.run));
        failed += !r.ok;
        runs << line << '\n';
        writer.add(r);
      }
      for (int k = 0; k < count; ++k)
        if (std::getline(ins[std::size_t(k)], line))
          throw InputError(names[std::size_t(k)],
                           "line " + std::to_string(lines[std::size_t(k)] + 1),
                           "more rows than the shard's runs");
      close_checked(runs, tmp / kRuns);      // every write and the close checked: a full disk
      close_checked(points, tmp / kPoints);  // is an error, never a short file
      if (sweep::has_sensitivity(s.spec)) {
        const batch::PointTables tables{writer.point_means(), writer.run_values()};
        write_new_file(tmp / kSensitivity,
                       [&](std::ostream& os) { batch::write_sensitivity(s, tables, os); });
        write_new_file(tmp / kSalib, [&](std::ostream& os) { batch::write_salib(s, tables, os); });
      }
      json m = batch::make_manifest(s, sweep::Shard{1, 1}, true);
      m["kind"] = "merge";
      m["failed_runs"] = failed;
      m["merged_from"] = dirs;
      write_new_file(tmp / kManifest, [&](std::ostream& os) { os << m.dump(2) << "\n"; });
    });
    std::cerr << "ccsim merge: " << count << " shards, " << s.plan.runs() << " runs, " << failed
              << " failed -> " << out << "\n";
  } catch (const InputError& e) {
    return report(e, "merge");
  }
  return 0;
}

}  // namespace ccsim::cli
