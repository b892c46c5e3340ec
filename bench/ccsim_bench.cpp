// Benchmarks of the figures of issue 6. Not part of the test suite: run bench/run.sh for the
// table, or this program with Google Benchmark's flags.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "model/io/gzip.hpp"
#include "model/io/outputs.hpp"
#include "model/scenario.hpp"
#include "model/simulate.hpp"
#include "model/world.hpp"

namespace {

nlohmann::json load_json(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ccsim::InputError(path, "", "cannot open");
  return nlohmann::json::parse(in);
}

const ccsim::World& world() {
  static const ccsim::World w = [] {
    auto table = [](const char* name) {
      const std::string path = std::string(CCSIM_SOURCE_DIR) + "/scenarios/data/" + name;
      std::ifstream in(path);
      return ccsim::io::read_csv(in, path);
    };
    return ccsim::make_world(table(ccsim::kCountriesFile), table(ccsim::kGdpFile),
                             table(ccsim::kAgreementsFile), table(ccsim::kZonesFile),
                             "scenarios/data");
  }();
  return w;
}

ccsim::Scenario scenario(const char* rel, const nlohmann::json& patch = {}) {
  nlohmann::json doc = ccsim::resolve_extends(std::string(CCSIM_SOURCE_DIR) + "/" + rel, load_json);
  if (!patch.is_null()) ccsim::deep_merge(doc, patch);
  return ccsim::parse_scenario(doc, rel, world().iso3);
}

double firm_years(const ccsim::Scenario& s) {
  return s.params.firm_agents * (s.end_year() - s.first_simulated_year() + 1);
}

// One baseline replication, single thread (setup shared and the state's memory reused, as in a
// run).
void BM_baseline_replication(benchmark::State& state) {
  const auto sc = scenario("scenarios/baseline.json");
  const auto setup = ccsim::prepare(sc, world());
  ccsim::State workspace;
  std::uint32_t rep = 0;
  for (auto _ : state) benchmark::DoNotOptimize(ccsim::simulate(setup, rep++, workspace, false));
}
BENCHMARK(BM_baseline_replication)->Unit(benchmark::kMillisecond);

// A baseline replication's tables as `ccsim run` writes them by default (7 digits; countries and
// sectors gzip, yearly plain): formatting the rows, then deflating them (the CRC included), per
// replication on one thread. What the default outputs cost over `--detail summary`
// (docs/performance.md, "Output size and its cost").
const ccsim::ReplicationResult& baseline_result() {
  static const ccsim::ReplicationResult r = [] {
    const auto setup = ccsim::prepare(scenario("scenarios/baseline.json"), world());
    return ccsim::simulate(setup, 0, true);
  }();
  return r;
}

std::string baseline_rows(std::string* large) {
  const auto& r = baseline_result();
  const int start = 2013;
  std::string yearly, countries;
  ccsim::io::append_yearly_rows(yearly, 0, r.yearly, start, ccsim::io::kCompactDigits);
  ccsim::io::append_country_rows(countries, 0, r, start, world(), ccsim::io::kCompactDigits);
  ccsim::io::append_sector_rows(countries, 0, r, start, ccsim::io::kCompactDigits);
  if (large) *large = countries;
  return yearly + countries;
}

void BM_replication_rows(benchmark::State& state) {
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string text = baseline_rows(nullptr);
    bytes += text.size();
    benchmark::DoNotOptimize(text.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_replication_rows)->Unit(benchmark::kMicrosecond);

void BM_replication_deflate(benchmark::State& state) {
  std::string large;
  baseline_rows(&large);
  ccsim::io::GzipBlock block;
  for (auto _ : state) {
    ccsim::io::BlockDeflater{}.compress(large, block);
    benchmark::DoNotOptimize(block.bytes.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * large.size()));
}
BENCHMARK(BM_replication_deflate)->Unit(benchmark::kMicrosecond);

// Throughput at scale: scenarios/bench/scale.json, firm-years per second on one core.
void BM_scale(benchmark::State& state) {
  const auto sc = scenario("scenarios/bench/scale.json");
  const auto setup = ccsim::prepare(sc, world());
  ccsim::State workspace;
  std::uint32_t rep = 0;
  for (auto _ : state) benchmark::DoNotOptimize(ccsim::simulate(setup, rep++, workspace, false));
  state.counters["firm_years_per_s"] = benchmark::Counter(
      firm_years(sc) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_scale)->Unit(benchmark::kMillisecond);

// Growth with the number of firm agents (scale.json with 10^4 and 10^6 agents): a replication
// as a run or a sweep makes it, in a worker whose state a replication before has sized (that one
// untimed). A fresh state would also fault its memory in: at 10^6 agents about 3% of a run.
// The worker lives as long as the process, as `ccsim run`'s and a sweep's workers do: a state
// freed and made again in one process is laid out by glibc on the heap, not in fresh mappings
// (its mmap threshold rises after the first large free), and at 10^6 agents ran 3-5% slower.
struct Worker {
  ccsim::Setup setup;
  ccsim::State state;
};
Worker& worker(long agents) {
  static std::map<long, std::unique_ptr<Worker>> workers;
  auto& w = workers[agents];
  if (!w) {
    const auto sc =
        scenario("scenarios/bench/scale.json", {{"simulation", {{"firm_agents", agents}}}});
    w = std::make_unique<Worker>(Worker{ccsim::prepare(sc, world()), ccsim::State{}});
    benchmark::DoNotOptimize(ccsim::simulate(w->setup, 1000, w->state, false));
  }
  return *w;
}

void BM_firms(benchmark::State& state) {
  Worker& w = worker(state.range(0));
  std::uint32_t rep = 0;
  for (auto _ : state) benchmark::DoNotOptimize(ccsim::simulate(w.setup, rep++, w.state, false));
}
BENCHMARK(BM_firms)->Arg(10000)->Arg(1000000)->Unit(benchmark::kMillisecond)->Iterations(1);

// Runs in parallel, as a sweep runs them: 64 baseline replications on 1 or 2 threads. (With few
// runs a thread idles while the other finishes the last one: half a run of 16 is 3% of the time.)
void BM_runs_parallel(benchmark::State& state) {
  const auto sc = scenario("scenarios/baseline.json", {{"simulation", {{"replications", 64}}}});
  ccsim::RunOptions o;
  o.threads = static_cast<int>(state.range(0));
  o.detail = false;
  for (auto _ : state) benchmark::DoNotOptimize(ccsim::run(sc, world(), o));
}
BENCHMARK(BM_runs_parallel)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// `--memory N`: one scale.json replication with N firm agents; prints peak RSS per agent.
int memory_mode(long agents) {
  const auto sc =
      scenario("scenarios/bench/scale.json", {{"simulation", {{"firm_agents", agents}}}});
  const auto setup = ccsim::prepare(sc, world());
  struct rusage before {};
  getrusage(RUSAGE_SELF, &before);
  benchmark::DoNotOptimize(ccsim::simulate(setup, 0, false));
  struct rusage after {};
  getrusage(RUSAGE_SELF, &after);
  std::printf("agents %ld peak_rss_kib %ld bytes_per_agent %.1f\n", agents, after.ru_maxrss,
              static_cast<double>(after.ru_maxrss) * 1024.0 / static_cast<double>(agents));
  return 0;
}

// `--phases N [R [SCENARIO]]`: R replications (default 3) of SCENARIO (default scale.json) with N
// firm agents (0: the scenario's own), time by phase in nanoseconds per firm-year: where the time
// goes, and how that moves with the number of agents.
int phases_mode(long agents, int replications, const char* file) {
  const auto sc =
      agents > 0 ? scenario(file, {{"simulation", {{"firm_agents", agents}}}}) : scenario(file);
  const auto setup = ccsim::prepare(sc, world());
  ccsim::State workspace;  // as in BM_firms: sized by an untimed replication first
  benchmark::DoNotOptimize(ccsim::simulate(setup, 1000, workspace, false));
  ccsim::PhaseTimes times;
  for (int r = 0; r < replications; ++r)
    benchmark::DoNotOptimize(
        ccsim::simulate(setup, static_cast<std::uint32_t>(r), workspace, false, &times));
  const double per = 1e9 / (firm_years(sc) * replications);
  double total = 0;
  for (double t : times.seconds) total += t;
  std::printf("%-14s %10s %6s\n", "part", "ns/firm-yr", "share");
  for (std::size_t i = 0; i < times.seconds.size(); ++i)
    std::printf("%-14s %10.1f %5.1f%%\n", ccsim::PhaseTimes::kNames[i], times.seconds[i] * per,
                100 * times.seconds[i] / total);
  std::printf("%-14s %10.1f\n", "total", total * per);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::strcmp(argv[1], "--memory") == 0) return memory_mode(std::atol(argv[2]));
  if (argc >= 3 && argc <= 5 && std::strcmp(argv[1], "--phases") == 0)
    return phases_mode(std::atol(argv[2]), argc >= 4 ? std::atoi(argv[3]) : 3,
                       argc == 5 ? argv[4] : "scenarios/bench/scale.json");
  if (argc == 2 && std::strcmp(argv[1], "--about") == 0) {
    std::printf("cores %u, compiler %s\n", std::thread::hardware_concurrency(), CCSIM_COMPILER);
    return 0;
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
