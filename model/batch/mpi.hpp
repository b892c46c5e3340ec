#pragma once
// MPI ranks as a sweep scheduler (over MPI when CMake finds it, CCSIM_WITH_MPI; without it,
// mpi_none.cpp: a job of one rank, so callers need no #ifdef). Rank 0 coordinates
// and writes; ranks 1..K-1 compute. Work goes out dynamically in chunks of consecutive runs (a
// rank that finishes early asks again and gets more), at most a window ahead of the writer, and
// rows come back to rank 0, which delivers them to the engine's writer in run order. A row is a
// function of (sweep, run index) alone, so the outputs are byte-identical for any K.
//
// Failure: MPI's default error handler makes any rank's death fatal to the job (mpirun then ends
// every rank and says which died). runs.csv stays a prefix of the full table, so a relaunch with
// --resume completes it with no run lost or repeated.
#include <cstdint>
#include <functional>
#include <string>

#include "model/batch/engine.hpp"
#include "model/scenario.hpp"
#include "model/simulate.hpp"

namespace ccsim::batch::mpi {

// Whether this process was started by an MPI launcher (mpirun, srun with PMI/PMIx): only then is
// MPI initialised, so that a plain `ccsim` never touches MPI.
bool launched();

// MPI_Init_thread on construction (the calling thread alone calls MPI), MPI_Finalize on
// destruction. One per process, in main.
class Session {
 public:
  Session(int* argc, char*** argv);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
};

// This process's rank and the ranks in the job (0 and 1 without a Session).
int rank();
int size();

// Collective: whether `ok` holds on every rank.
bool all(bool ok);
// Collective: rank 0's `value` on every rank.
int broadcast(int value);
std::string broadcast(const std::string& text);
// Ends every rank of the job with `code` (after a rank found an error the others cannot see).
[[noreturn]] void abort(int code);

// On rank 0: computes runs on ranks 1..K-1 (K >= 2) and delivers them in order.
class RankScheduler : public Scheduler {
 public:
  void run(const SweepJob& job, const sweep::Shard& shard, std::int64_t from,
           const Deliver& deliver) override;
  // The same for local indices from..end-1 of whatever the ranks compute.
  void run_range(std::int64_t from, std::int64_t end, const Deliver& deliver);
};

// How a rank computes the shard's run `local` (compute_row, unless a benchmark of the writer
// stands in for the model).
using ComputeRow = std::function<RunRow(std::int64_t local, State* workspace)>;

// On ranks 1..K-1: computes what rank 0's RankScheduler hands out until it says stop.
void serve(const SweepJob& job, const sweep::Shard& shard);
void serve(const ComputeRow& compute);

// Replications over the ranks, for callers that need every replication's tables at rank 0
// (calibration's evaluations). On rank 0: tells ranks 1..K-1 to run `doc` (a scenario document,
// its file named for messages), hands its replications out dynamically as a sweep's runs are,
// and gathers the results in replication order: the same RunResult as run() gives on one process.
RunResult run_on_ranks(const nlohmann::json& doc, const std::string& file, const Scenario& scenario,
                       const RunOptions& options);
// On rank 0: tells ranks 1..K-1 that no more runs come (serve_runs returns).
void end_runs();
// On ranks 1..K-1: runs the replications rank 0 hands out, document after document, until
// end_runs.
void serve_runs(const World& world);

}  // namespace ccsim::batch::mpi
