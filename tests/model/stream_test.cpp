// A streamed run (run() with a sink, as `ccsim run` uses it): replications reach the sink in
// order, at most `window` of them at once, and the tables it writes are byte for byte those of
// the in-memory run.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "model/io/csv.hpp"
#include "model/io/outputs.hpp"
#include "model/io/table_writer.hpp"
#include "model/metrics.hpp"
#include "model/simulate.hpp"
#include "tests/support/worlds.hpp"

using nlohmann::json;

namespace {

const ccsim::World& world() {
  static const ccsim::World w = ccsim::test::data_world();
  return w;
}

ccsim::Scenario small_baseline(int replications) {
  return ccsim::test::repo_scenario(
      "scenarios/baseline.json", world(),
      json{{"simulation", {{"replications", replications}, {"end_year", 2017}}}});
}

// Counts what is alive between make/take and deliver/write, and checks the order of delivery.
struct Ledger {
  std::atomic<int> live{0}, most{0};
  std::mutex mu;
  std::vector<int> delivered;

  void made() {
    const int now = ++live;
    for (int m = most.load(); now > m && !most.compare_exchange_weak(m, now);) {
    }
  }
  void gone(int i) {
    --live;
    std::lock_guard<std::mutex> lock(mu);
    delivered.push_back(i);
  }
  bool in_order(int count) const {
    if (static_cast<int>(delivered.size()) != count) return false;
    for (int i = 0; i < count; ++i)
      if (delivered[static_cast<std::size_t>(i)] != i) return false;
    return true;
  }
};

// A sink that holds nothing but counts: the writer is slow for the first replications, so that
// workers free to run ahead would have more than the window in flight.
class CountingSink : public ccsim::ReplicationSink {
 public:
  Ledger ledger;
  int slots = 0;
  std::vector<int> in_slot;  // which replication each slot holds, -1 when free

  void begin(int, int, int, int s) override {
    slots = s;
    in_slot.assign(static_cast<std::size_t>(s), -1);
  }
  void take(int r, ccsim::ReplicationResult&&, int slot) override {
    ledger.made();
    int& held = in_slot[static_cast<std::size_t>(slot)];
    if (held != -1) throw std::logic_error("slot in use");
    held = r;
  }
  void write(int r, int slot) override {
    if (r < 3) std::this_thread::sleep_for(std::chrono::milliseconds(30));
    int& held = in_slot[static_cast<std::size_t>(slot)];
    if (held != r) throw std::logic_error("slot holds another replication");
    held = -1;
    ledger.gone(r);
  }
};

struct Tables {
  std::string yearly, stats, countries, sectors;
};

Tables in_memory(const ccsim::Scenario& sc) {
  ccsim::RunOptions o;
  const ccsim::RunResult r = ccsim::run(sc, world(), o);
  std::ostringstream y, s, c, k;
  ccsim::io::write_yearly(y, r);
  ccsim::io::write_yearly_stats(s, r);
  ccsim::io::write_countries(c, r, world());
  ccsim::io::write_sectors(k, r);
  return {y.str(), s.str(), c.str(), k.str()};
}

Tables streamed(const ccsim::Scenario& sc, int threads, int window) {
  ccsim::RunOptions o;
  o.threads = threads;
  o.window = window;
  std::ostringstream y, s, c, k;
  ccsim::io::TableWriter w(world(), y, &c, &k);
  ccsim::run(sc, world(), o, w);
  ccsim::io::write_yearly_stats(s, w.yearly_table());
  return {y.str(), s.str(), c.str(), k.str()};
}

}  // namespace

TEST_CASE("ordered_for delivers every job once, in order, with at most `window` in flight",
          "[stream]") {
  const int count = 60;
  for (int threads : {1, 2, 3}) {
    for (int window : {1, 2, 3, 8}) {
      INFO("threads " << threads << ", window " << window);
      const int slots = ccsim::ordered_window(count, threads, window);
      REQUIRE(slots == window);
      Ledger ledger;
      std::vector<int> slot_of(static_cast<std::size_t>(slots), -1);
      ccsim::ordered_for(
          count, threads, window,
          [&](int i, int, int slot) {
            ledger.made();
            slot_of[static_cast<std::size_t>(slot)] = i;
          },
          [&](int i, int slot) {
            if (i % 7 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
            CHECK(slot_of[static_cast<std::size_t>(slot)] == i);  // no later job overwrote it
            ledger.gone(i);
          });
      CHECK(ledger.in_order(count));
      CHECK(ledger.most.load() <= window);
      CHECK(ledger.live.load() == 0);
    }
  }
  CHECK(ccsim::ordered_window(count, 2, 0) == 4);  // default: twice the workers
  CHECK(ccsim::ordered_window(3, 2, 10) == 3);     // never more slots than jobs
}

TEST_CASE("ordered_for stops and rethrows when a job or a delivery fails", "[stream]") {
  for (int threads : {1, 2}) {
    INFO("threads " << threads);
    std::atomic<int> made{0};
    CHECK_THROWS_WITH(ccsim::ordered_for(
                          1000, threads, 4,
                          [&](int i, int, int) {
                            ++made;
                            if (i == 5) throw std::runtime_error("job 5");
                          },
                          [](int, int) {}),
                      "job 5");
    CHECK(made.load() < 1000);
    std::vector<int> got;
    CHECK_THROWS_WITH(ccsim::ordered_for(
                          1000, threads, 4, [](int, int, int) {},
                          [&](int i, int) {
                            if (i == 7) throw std::runtime_error("disk full");
                            got.push_back(i);
                          }),
                      "disk full");
    CHECK(got.size() == 7);
  }
}

TEST_CASE("a streamed run hands replications to the sink in order, a window at a time",
          "[stream]") {
  const auto sc = small_baseline(8);
  for (int window : {1, 2, 3}) {
    INFO("window " << window);
    ccsim::RunOptions o;
    o.threads = 2;
    o.window = window;
    CountingSink sink;
    ccsim::run(sc, world(), o, sink);
    CHECK(sink.slots == window);
    CHECK(sink.ledger.in_order(8));
    CHECK(sink.ledger.most.load() <= window);
  }
}

TEST_CASE("streamed tables are byte-identical to the in-memory run's at any threads and window",
          "[stream]") {
  const auto sc = small_baseline(5);
  const Tables want = in_memory(sc);
  REQUIRE(want.countries.size() > 1000);
  for (int threads : {1, 2}) {
    for (int window : {0, 1, 2, 3}) {
      INFO("threads " << threads << ", window " << window);
      const Tables got = streamed(sc, threads, window);
      CHECK(got.yearly == want.yearly);
      CHECK(got.stats == want.stats);
      CHECK(got.countries == want.countries);
      CHECK(got.sectors == want.sectors);
    }
  }
}

TEST_CASE("streamed country rows read back to the run's own numbers, in replication order",
          "[stream]") {
  const auto sc = small_baseline(3);
  const ccsim::RunResult r = ccsim::run(sc, world());
  std::istringstream in(streamed(sc, 2, 1).countries);
  const auto table = ccsim::io::read_csv(in, "countries.csv");
  const int n = world().countries();
  const int years = r.end_year - r.start_year + 1;
  REQUIRE(table.rows.size() == static_cast<std::size_t>(3 * years * n));
  std::size_t line = 0;
  for (int rep = 0; rep < 3; ++rep)
    for (int y = 0; y < years; ++y)
      for (int c = 0; c < n; ++c, ++line) {
        const auto& row = table.rows[line];
        REQUIRE(row[0] == std::to_string(rep));
        REQUIRE(row[1] == std::to_string(r.start_year + y));
        REQUIRE(row[2] == world().iso3[static_cast<std::size_t>(c)]);
        for (int m = 0; m < ccsim::kCountryMetrics; ++m) {
          const double v = ccsim::io::parse_number(row[static_cast<std::size_t>(4 + m)], "", 0, "");
          const double want = r.replications[static_cast<std::size_t>(rep)].countries(y * n + c, m);
          REQUIRE((v == want || (std::isnan(v) && std::isnan(want))));  // -0 reads as 0
        }
      }
}
