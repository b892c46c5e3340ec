#include "model/batch/mpi.hpp"

#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <map>
#include <stdexcept>
#include <thread>
#include <vector>

#include "model/setup.hpp"

namespace ccsim::batch::mpi {

namespace {

enum Tag : int { kReady = 1, kWork = 2, kRows = 3, kStop = 4 };

// Runs per message at most: enough that one writer keeps up with many ranks (docs/sweep.md,
// "On a cluster"), few enough that the last chunks (guided: a share of what is left) still
// balance the load.
constexpr std::int64_t kMaxChunk = 64;

bool active() {
  int initialised = 0;
  MPI_Initialized(&initialised);
  return initialised != 0;
}

// Rows as one message: begin, count, then per row its failed flag, length and text.
std::vector<char> pack(std::int64_t begin, const std::vector<RunRow>& rows) {
  std::size_t bytes = 2 * sizeof(std::int64_t);
  for (const auto& r : rows) bytes += 1 + sizeof(std::uint64_t) + r.text.size();
  std::vector<char> out(bytes);
  char* p = out.data();
  const std::int64_t n = static_cast<std::int64_t>(rows.size());
  std::memcpy(p, &begin, sizeof begin);
  p += sizeof begin;
  std::memcpy(p, &n, sizeof n);
  p += sizeof n;
  for (const auto& r : rows) {
    *p++ = r.failed ? 1 : 0;
    const std::uint64_t len = r.text.size();
    std::memcpy(p, &len, sizeof len);
    p += sizeof len;
    std::memcpy(p, r.text.data(), r.text.size());
    p += r.text.size();
  }
  return out;
}

template <class F>
void unpack(const std::vector<char>& in, F&& each) {
  const char* p = in.data();
  const char* end = p + in.size();
  auto take = [&](void* dst, std::size_t n) {
    if (static_cast<std::size_t>(end - p) < n) throw std::runtime_error("a truncated MPI message");
    std::memcpy(dst, p, n);
    p += n;
  };
  std::int64_t begin = 0, n = 0;
  take(&begin, sizeof begin);
  take(&n, sizeof n);
  for (std::int64_t i = 0; i < n; ++i) {
    RunRow r;
    char failed = 0;
    take(&failed, 1);
    std::uint64_t len = 0;
    take(&len, sizeof len);
    if (static_cast<std::uint64_t>(end - p) < len) throw std::runtime_error("a truncated row");
    r.text.assign(p, len);
    p += len;
    r.failed = failed != 0;
    each(begin + i, std::move(r));
  }
}

}  // namespace

bool launched() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
    if (std::getenv(v)) return true;
  return false;
}

Session::Session(int* argc, char*** argv) {
  int provided = 0;
  MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
}

Session::~Session() {
  if (active()) MPI_Finalize();
}

int rank() {
  if (!active()) return 0;
  int r = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &r);
  return r;
}

int size() {
  if (!active()) return 1;
  int s = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &s);
  return s;
}

bool all(bool ok) {
  if (!active()) return ok;
  int mine = ok ? 1 : 0, every = 0;
  MPI_Allreduce(&mine, &every, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  return every != 0;
}

int broadcast(int value) {
  if (active()) MPI_Bcast(&value, 1, MPI_INT, 0, MPI_COMM_WORLD);
  return value;
}

std::string broadcast(const std::string& text) {
  if (!active()) return text;
  std::uint64_t n = text.size();
  MPI_Bcast(&n, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
  std::string out = text;
  out.resize(n);
  MPI_Bcast(out.data(), static_cast<int>(n), MPI_CHAR, 0, MPI_COMM_WORLD);
  return out;
}

void abort(int code) {
  if (active()) MPI_Abort(MPI_COMM_WORLD, code);
  std::exit(code);
}

void RankScheduler::run(const SweepJob& job, const sweep::Shard& shard, std::int64_t from,
                        const Deliver& deliver) {
  run_range(from, shard.size(job.plan.runs()), deliver);
}

void RankScheduler::run_range(std::int64_t from, std::int64_t end, const Deliver& deliver) {
  const int workers = size() - 1;
  if (workers < 1) throw std::logic_error("RankScheduler needs at least two ranks");
  // Runs handed out at most this far ahead of the writer: rows held while a slow run holds up
  // the ones after it stay bounded.
  const std::int64_t window = std::max<std::int64_t>(256, 4 * kMaxChunk * workers);
  std::int64_t next_assign = from, next_deliver = from;
  std::map<std::int64_t, RunRow> ready;
  std::vector<int> idle;
  std::vector<char> buffer;
  int stopped = 0;
  auto assign = [&] {
    while (!idle.empty() && next_assign < end && next_assign < next_deliver + window) {
      // Guided: a share of what is left, so that the last chunks are small and balance the load.
      std::int64_t chunk =
          std::clamp<std::int64_t>((end - next_assign) / (2 * workers), 1, kMaxChunk);
      chunk = std::min({chunk, end - next_assign, next_deliver + window - next_assign});
      const std::int64_t range[2] = {next_assign, next_assign + chunk};
      MPI_Send(range, 2, MPI_INT64_T, idle.back(), kWork, MPI_COMM_WORLD);
      idle.pop_back();
      next_assign += chunk;
    }
  };
  while (stopped < workers) {
    if (next_deliver >= end) {  // every row is in: release the ranks as they report
      for (int w : idle) MPI_Send(nullptr, 0, MPI_INT64_T, w, kStop, MPI_COMM_WORLD);
      stopped += static_cast<int>(idle.size());
      idle.clear();
      if (stopped == workers) break;
    }
    assign();
    // Wait for a message: probe while messages flow, then sleep between probes, so that a
    // writer that waits for slow runs does not spin a core the workers may need (oversubscribed
    // nodes), and one that is busy loses no time.
    int flag = 0;
    MPI_Status st;
    for (int empty = 0;; ++empty) {
      MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st);
      if (flag) break;
      if (empty > 1000) std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
    int bytes = 0;
    MPI_Get_count(&st, MPI_CHAR, &bytes);
    buffer.resize(static_cast<std::size_t>(bytes));
    MPI_Recv(buffer.data(), bytes, MPI_CHAR, st.MPI_SOURCE, st.MPI_TAG, MPI_COMM_WORLD,
             MPI_STATUS_IGNORE);
    if (st.MPI_TAG == kRows)
      unpack(buffer,
             [&](std::int64_t local, RunRow&& row) { ready.emplace(local, std::move(row)); });
    idle.push_back(st.MPI_SOURCE);
    for (auto it = ready.find(next_deliver); it != ready.end(); it = ready.find(next_deliver)) {
      deliver(next_deliver, std::move(it->second));
      ready.erase(it);
      ++next_deliver;
    }
  }
}

void serve(const SweepJob& job, const sweep::Shard& shard) {
  serve([&](std::int64_t local, State* workspace) {
    return compute_row(job, shard, local, workspace);
  });
}

void serve(const ComputeRow& compute) {
  MPI_Send(nullptr, 0, MPI_CHAR, 0, kReady, MPI_COMM_WORLD);
  State workspace;
  std::vector<RunRow> rows;
  for (;;) {
    std::int64_t range[2] = {0, 0};
    MPI_Status st;
    MPI_Recv(range, 2, MPI_INT64_T, 0, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
    if (st.MPI_TAG == kStop) return;
    rows.clear();
    for (std::int64_t local = range[0]; local < range[1]; ++local)
      rows.push_back(compute(local, &workspace));
    const std::vector<char> msg = pack(range[0], rows);
    MPI_Send(msg.data(), static_cast<int>(msg.size()), MPI_CHAR, 0, kRows, MPI_COMM_WORLD);
  }
}

namespace {

// A replication's tables as bytes (rows, cols and the values of each array): copied bit for bit,
// so the gathered RunResult is the one a single process computes.
void put_array(std::string& out, const Eigen::ArrayXXd& a) {
  const std::int64_t dims[2] = {a.rows(), a.cols()};
  out.append(reinterpret_cast<const char*>(dims), sizeof dims);
  out.append(reinterpret_cast<const char*>(a.data()),
             static_cast<std::size_t>(a.size()) * sizeof(double));
}

std::size_t get_array(const std::string& in, std::size_t at, Eigen::ArrayXXd& a) {
  std::int64_t dims[2];
  if (in.size() < at + sizeof dims) throw std::runtime_error("a truncated replication");
  std::memcpy(dims, in.data() + at, sizeof dims);
  at += sizeof dims;
  const std::size_t bytes = static_cast<std::size_t>(dims[0] * dims[1]) * sizeof(double);
  if (dims[0] < 0 || dims[1] < 0 || in.size() < at + bytes)
    throw std::runtime_error("a truncated replication");
  a.resize(dims[0], dims[1]);
  std::memcpy(a.data(), in.data() + at, bytes);
  return at + bytes;
}

std::string pack_replication(const ReplicationResult& r) {
  std::string out;
  put_array(out, r.yearly);
  put_array(out, r.countries);
  put_array(out, r.sectors);
  return out;
}

ReplicationResult unpack_replication(const std::string& in) {
  ReplicationResult r;
  std::size_t at = get_array(in, 0, r.yearly);
  at = get_array(in, at, r.countries);
  get_array(in, at, r.sectors);
  return r;
}

}  // namespace

RunResult run_on_ranks(const nlohmann::json& doc, const std::string& file, const Scenario& scenario,
                       const RunOptions& options) {
  if (options.variants && !options.variants->empty())
    throw std::logic_error("run_on_ranks does not take parameter ensembles");
  const nlohmann::json context = {{"doc", doc}, {"file", file}, {"detail", options.detail}};
  broadcast(context.dump());
  RunResult result;
  result.start_year = scenario.start_year();
  result.end_year = scenario.end_year();
  const int reps = scenario.replications();
  result.replications.resize(static_cast<std::size_t>(reps));
  RankScheduler().run_range(0, reps, [&](std::int64_t r, RunRow&& row) {
    result.replications[static_cast<std::size_t>(r)] = unpack_replication(row.text);
  });
  return result;
}

void end_runs() {
  broadcast(std::string());
}

void serve_runs(const World& world) {
  for (;;) {
    const std::string text = broadcast(std::string());
    if (text.empty()) return;
    const nlohmann::json context = nlohmann::json::parse(text);
    const Scenario sc =
        parse_scenario(context.at("doc"), context.at("file").get<std::string>(), world.iso3);
    const Setup setup = prepare(sc, world);
    const bool detail = context.at("detail").get<bool>();
    serve([&](std::int64_t r, State* workspace) {
      return RunRow{
          pack_replication(simulate(setup, static_cast<std::uint32_t>(r), *workspace, detail)),
          false};
    });
  }
}

}  // namespace ccsim::batch::mpi
