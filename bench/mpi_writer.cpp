// The MPI writer's own throughput (issue 19, point 5): rank 0 runs the real RankScheduler and
// writes the rows to a file, flushed every 5 ms, as a sweep's engine does; ranks 1..K-1 answer with
// synthetic rows of a given size at once (no model), so what is timed is what one writer can take:
// the messages, the reordering and the writes. Prints runs/s.
//   mpirun -np K ccsim_mpi_writer RUNS ROW_BYTES OUT_FILE
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "model/batch/mpi.hpp"

int main(int argc, char** argv) {
  ccsim::batch::mpi::Session session(&argc, &argv);
  if (argc != 4) {
    if (ccsim::batch::mpi::rank() == 0)
      std::fprintf(stderr, "usage: mpirun -np K ccsim_mpi_writer RUNS ROW_BYTES OUT_FILE\n");
    return 2;
  }
  const std::int64_t runs = std::atoll(argv[1]);
  const std::size_t bytes = static_cast<std::size_t>(std::atoll(argv[2]));
  if (ccsim::batch::mpi::rank() > 0) {
    ccsim::batch::mpi::serve([&](std::int64_t local, ccsim::State*) {
      std::string text = std::to_string(local) + ",";
      text.resize(bytes - 1, '7');
      return ccsim::batch::RunRow{text + "\n", false};
    });
    return 0;
  }
  std::ofstream out(argv[3], std::ios::binary);
  const auto t0 = std::chrono::steady_clock::now();
  ccsim::batch::mpi::RankScheduler scheduler;
  auto last = std::chrono::steady_clock::now();
  scheduler.run_range(0, runs, [&](std::int64_t, ccsim::batch::RunRow&& row) {
    out << row.text;
    const auto now = std::chrono::steady_clock::now();
    if (now - last >= std::chrono::milliseconds(5)) {
      out.flush();
      last = now;
    }
  });
  out.flush();
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("%lld runs of %zu bytes through one writer from %d ranks: %.3f s, %.0f runs/s\n",
              static_cast<long long>(runs), bytes, ccsim::batch::mpi::size() - 1, s, runs / s);
  return 0;
}
