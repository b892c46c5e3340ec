#pragma once
// The sweep engine: one writer appends a shard's runs to runs.csv in run order, whoever computes
// them. A Scheduler computes runs (on threads here, on MPI ranks in model/batch/mpi.hpp) and
// hands each finished row to the engine in run order; the engine writes it (flushed every few
// milliseconds), counts the failures and reports progress. Results do not depend on the scheduler, its threads or ranks:
// a run's row is a function of (sweep, run index) alone.
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>

#include "model/batch/sweep_job.hpp"
#include "model/state.hpp"

namespace ccsim::batch {

// A finished run as the writer takes it: its runs.csv line and whether it failed.
struct RunRow {
  std::string text;
  bool failed = false;
};

// The row of the shard's run `local` (its local index), computed in `workspace` (reused from one
// run to the next by a worker). Never throws for a failing run: the row says failed and why.
RunRow compute_row(const SweepJob& job, const sweep::Shard& shard, std::int64_t local,
                   State* workspace);

// Receives rows in local order 0, 1, 2, ... from `from` on, on the scheduler's calling thread.
using Deliver = std::function<void(std::int64_t local, RunRow&& row)>;

class Scheduler {
 public:
  virtual ~Scheduler() = default;
  // Computes the shard's runs with local indices from..size-1 and delivers each, in order. An
  // exception (from a run's machinery or from `deliver`) stops the runs and is rethrown.
  virtual void run(const SweepJob& job, const sweep::Shard& shard, std::int64_t from,
                   const Deliver& deliver) = 0;
};

// Runs on `threads` worker threads of this process (0: all cores), at most a window of runs ahead
// of the writer (memory bounded when one slow run holds up the ones after it).
class ThreadScheduler : public Scheduler {
 public:
  explicit ThreadScheduler(int threads) : threads_(threads) {}
  void run(const SweepJob& job, const sweep::Shard& shard, std::int64_t from,
           const Deliver& deliver) override;

 private:
  int threads_;
};

// Called after each row written with the runs done (of the shard, resumed ones included) and
// failed so far.
using SweepProgress = std::function<void(std::int64_t done, std::int64_t failed)>;

// Appends the rows of the shard's runs from local index `from` on to `runs` in run order, flushed
// every 5 ms and at the end (a kill loses at most the rows of the last 5 ms), as `scheduler`
// computes them. Returns the
// failed runs among them. `failed_before`: those among the rows already there (for progress).
std::int64_t run_sweep(const SweepJob& job, const sweep::Shard& shard, std::int64_t from,
                       Scheduler& scheduler, std::ostream& runs, std::int64_t failed_before = 0,
                       const SweepProgress& progress = {});

}  // namespace ccsim::batch
