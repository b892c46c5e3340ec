// model/batch/mpi.hpp in a build without MPI (CCSIM_WITH_MPI off): one process is a job of one
// rank, never launched by mpirun; the schedulers over ranks are never reached (size() is 1).
#include <cstdlib>
#include <stdexcept>

#include "model/batch/mpi.hpp"

namespace ccsim::batch::mpi {

namespace {
[[noreturn]] void no_mpi() {
  throw std::logic_error("this ccsim was built without MPI");
}
}  // namespace

bool launched() {
  return false;
}
Session::Session(int*, char***) {}
Session::~Session() = default;
int rank() {
  return 0;
}
int size() {
  return 1;
}
bool all(bool ok) {
  return ok;
}
int broadcast(int value) {
  return value;
}
std::string broadcast(const std::string& text) {
  return text;
}
void abort(int code) {
  std::exit(code);
}
void RankScheduler::run(const SweepJob&, const sweep::Shard&, std::int64_t, const Deliver&) {
  no_mpi();
}
void RankScheduler::run_range(std::int64_t, std::int64_t, const Deliver&) {
  no_mpi();
}
void serve(const SweepJob&, const sweep::Shard&) {
  no_mpi();
}
void serve(const ComputeRow&) {
  no_mpi();
}
RunResult run_on_ranks(const nlohmann::json&, const std::string&, const Scenario&,
                       const RunOptions&) {
  no_mpi();
}
void end_runs() {}
void serve_runs(const World&) {
  no_mpi();
}

}  // namespace ccsim::batch::mpi
