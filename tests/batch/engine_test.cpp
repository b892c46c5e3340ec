// The sweep engine (model/batch/engine.*): one writer appends a shard's rows in run order whoever
// computes them; the bytes do not depend on the threads; a resume scan finds the rows written.
#include "model/batch/engine.hpp"

#include <catch2/catch.hpp>
#include <sstream>
#include <stdexcept>

#include "model/sweep/results.hpp"
#include "tests/support/worlds.hpp"

using nlohmann::json;
namespace batch = ccsim::batch;

namespace {

batch::SweepJob small_job() {
  batch::SweepJob job;
  job.world = ccsim::test::data_world();
  const ccsim::Scenario sc =
      ccsim::test::repo_scenario("scenarios/baseline.json", job.world,
                                 {{"simulation", {{"firm_agents", 200}, {"end_year", 2015}}}});
  const json doc = {
      {"scenario", "b.json"},
      {"parameters",
       json::parse(R"([{"path": "policy.lending_budget_usd_bn", "levels": [20, 60, 100]},
                                     {"path": "risk.global_multiplier", "levels": [0.5, 2]}])")},
      {"design", {{"type", "grid"}}},
      {"replications", 2},
      {"seed", 5},
      {"metrics", json::parse(R"([{"metric": "odi_flow_usd_bn", "years": [2013, 2015]}])")}};
  job.spec = ccsim::sweep::parse_spec(doc, "s.json", ccsim::sweep::base_info(sc, job.world.iso3));
  job.plan = ccsim::sweep::make_plan(job.spec);
  job.base = sc.resolved;
  job.hash = batch::sweep_hash(job.spec, job.base);
  return job;
}

// Computes every run, then delivers them in the order given (a scheduler gone wrong).
class OrderScheduler : public batch::Scheduler {
 public:
  explicit OrderScheduler(std::vector<std::int64_t> order) : order_(std::move(order)) {}
  void run(const batch::SweepJob& job, const ccsim::sweep::Shard& shard, std::int64_t,
           const batch::Deliver& deliver) override {
    for (std::int64_t local : order_)
      deliver(local, batch::compute_row(job, shard, local, nullptr));
  }

 private:
  std::vector<std::int64_t> order_;
};

}  // namespace

TEST_CASE("batch: the engine writes the rows in run order, the same bytes on 1 and 3 threads",
          "[batch]") {
  const batch::SweepJob job = small_job();
  const ccsim::sweep::Shard all{1, 1};
  std::ostringstream one, three;
  batch::ThreadScheduler t1(1), t3(3);
  std::int64_t last_done = 0;
  batch::run_sweep(job, all, 0, t1, one, 0, [&](std::int64_t done, std::int64_t) {
    CHECK(done == last_done + 1);  // progress after every row
    last_done = done;
  });
  batch::run_sweep(job, all, 0, t3, three);
  CHECK(last_done == job.plan.runs());
  CHECK(one.str() == three.str());
  // Resuming from run 4 appends exactly the rows after the first four.
  std::istringstream lines(one.str());
  std::string head, line;
  for (int i = 0; i < 4 && std::getline(lines, line);) head += line + "\n", ++i;
  std::ostringstream rest;
  batch::run_sweep(job, all, 4, t3, rest);
  CHECK(head + rest.str() == one.str());
  // What the scan of runs.csv finds: the header, then the rows; a torn last line is cut off.
  const std::string table = ccsim::sweep::runs_header(job.spec) + head;
  std::istringstream torn(table + "12,1,0,9");
  const batch::Scan sc = batch::scan_runs(torn, "runs.csv", job, all);
  CHECK(sc.rows == 4);
  CHECK(sc.torn);
  CHECK(sc.complete_bytes == table.size());
}

TEST_CASE("batch: a scheduler that delivers out of order or stops early is refused", "[batch]") {
  const batch::SweepJob job = small_job();
  const ccsim::sweep::Shard all{1, 1};
  std::ostringstream out;
  OrderScheduler swapped({1, 0});
  CHECK_THROWS_AS(batch::run_sweep(job, all, 0, swapped, out), std::logic_error);
  OrderScheduler short_of({0, 1, 2});
  CHECK_THROWS_AS(batch::run_sweep(job, all, 0, short_of, out), std::logic_error);
}
