#include "model/batch/engine.hpp"

#include <chrono>
#include <ostream>
#include <stdexcept>
#include <vector>

#include "model/simulate.hpp"
#include "model/sweep/results.hpp"

namespace ccsim::batch {

RunRow compute_row(const SweepJob& job, const sweep::Shard& shard, std::int64_t local,
                   State* workspace) {
  const auto rec =
      sweep::execute_run(job.spec, job.plan, job.base, job.world, shard.run(local), workspace);
  return RunRow{sweep::format_run(job.spec, rec), !rec.ok};
}

void ThreadScheduler::run(const SweepJob& job, const sweep::Shard& shard, std::int64_t from,
                          const Deliver& deliver) {
  const std::int64_t count64 = shard.size(job.plan.runs()) - from;
  if (count64 <= 0) return;
  if (count64 > std::int64_t(INT32_MAX))
    throw std::runtime_error("a shard of more than 2^31 runs: split the sweep into shards");
  const int count = static_cast<int>(count64);
  // Workers run at most this far ahead of the writer.
  const int workers = worker_count(count, threads_);
  const int window = ordered_window(count, threads_, 4 * workers + 16);
  std::vector<State> workspaces(static_cast<std::size_t>(workers));
  std::vector<RunRow> slots(static_cast<std::size_t>(window));
  ordered_for(
      count, threads_, window,
      [&](int i, int worker, int slot) {
        slots[std::size_t(slot)] =
            compute_row(job, shard, from + i, &workspaces[std::size_t(worker)]);
      },
      [&](int i, int slot) { deliver(from + i, std::move(slots[std::size_t(slot)])); });
}

std::int64_t run_sweep(const SweepJob& job, const sweep::Shard& shard, std::int64_t from,
                       Scheduler& scheduler, std::ostream& runs, std::int64_t failed_before,
                       const SweepProgress& progress) {
  std::int64_t failed = 0, next = from;
  // Flushed at most every few milliseconds: a kill loses at most the rows of the last few
  // milliseconds (and runs.csv stays a prefix of the table, at worst with a torn last line, which
  // a resume cuts off), and a writer taking tens of thousands of rows a second (MPI) makes one
  // write call per batch rather than per row.
  using Clock = std::chrono::steady_clock;
  constexpr auto kFlushEvery = std::chrono::milliseconds(5);
  auto last_flush = Clock::now();
  scheduler.run(job, shard, from, [&](std::int64_t local, RunRow&& row) {
    if (local != next) throw std::logic_error("a scheduler delivered a run out of order");
    runs << row.text;
    const auto now = Clock::now();
    if (now - last_flush >= kFlushEvery) {
      runs.flush();
      last_flush = now;
    }
    if (!runs) throw std::runtime_error("cannot write runs.csv (disk full?)");
    failed += row.failed;
    ++next;
    if (progress) progress(next, failed_before + failed);
  });
  runs.flush();
  if (!runs) throw std::runtime_error("cannot write runs.csv (disk full?)");
  if (next != shard.size(job.plan.runs()))
    throw std::logic_error("a scheduler stopped before the shard's last run");
  return failed;
}

}  // namespace ccsim::batch
