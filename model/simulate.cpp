#include "model/simulate.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

#include "model/error.hpp"
#include "model/guard.hpp"
#include "model/calibration/ensemble.hpp"
#include "model/metrics.hpp"

namespace ccsim {

namespace {

Eigen::ArrayXd yearly_row(const Setup& setup, const State& s) {
  Eigen::ArrayXd row(kYearlyMetrics);
  const World& w = *setup.world;
  for (int m = 0; m < kYearlyMetrics; ++m) {
    const YearlyDef& d = kYearlyDefs[static_cast<std::size_t>(m)];
    double v = 0;
    switch (d.source) {
      case YearlySource::CountrySum:
        v = (s.cm.col(d.country_metric) * w.br64).sum();
        break;
      case YearlySource::HostCapacity:
        v = (s.capacity * s.gdp * w.br64).sum() / (s.gdp * w.br64).sum();
        break;
      case YearlySource::MarketShare: {
        const double bid = (s.cm.col(cm_bid_value) * w.br64).sum();
        v = bid > 0 ? (s.cm.col(cm_epc_value) * w.br64).sum() / bid : 0;
        break;
      }
      case YearlySource::FirmsGoingOut:
        v = s.firms_going_out;
        break;
      case YearlySource::HighRiskOdi:
        v = (s.cm.col(cm_odi_flow) * setup.high_risk).sum();
        break;
      case YearlySource::LendingBudget:
        v = s.lending_budget;
        break;
      case YearlySource::BudgetUsed:
        v = s.lending_budget > 0 ? s.budget_used / s.lending_budget : 0;
        break;
      case YearlySource::BudgetBound:
        v = s.budget_bound ? 1 : 0;
        break;
      case YearlySource::ShortTermCover:
        v = s.short_term_cover;
        break;
      case YearlySource::SinosureCover:
        v = s.short_term_cover + (s.cm.col(cm_insured) * w.br64).sum();
        break;
      case YearlySource::MouCountries:
        v = ((s.agreement_year.col(kMou) <= s.year).cast<double>() * w.br64).sum();
        break;
      case YearlySource::FirmsGoingOutShare:
        v = s.firms.size() > 0
                ? static_cast<double>(s.goers.size()) / static_cast<double>(s.firms.size())
                : 0;
        break;
      case YearlySource::NplRatio: {
        const double bad = (s.npl * w.br64).sum(), book = bad + (s.loans * w.br64).sum();
        v = book > 0 ? bad / book : 0;
        break;
      }
    }
    row(m) = v;
  }
  return row;
}

}  // namespace

ReplicationResult simulate(const Setup& setup, std::uint32_t replication, bool detail,
                           PhaseTimes* times) {
  State s;
  return simulate(setup, replication, s, detail, times);
}

namespace {

ReplicationResult simulate_years(const Setup& setup, std::uint32_t replication, State& s,
                                 bool detail, PhaseTimes* times, bool check_phases) {
  const auto t0 = std::chrono::steady_clock::now();
  initial_state(setup, replication, s);
  if (times)
    times->seconds[0] +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const int n = setup.world->countries();
  const int recorded = setup.recorded_years();
  ReplicationResult r;
  r.yearly.resize(recorded, kYearlyMetrics);
  if (detail) {
    r.countries.resize(static_cast<Eigen::Index>(recorded) * n, kCountryMetrics);
    r.sectors.resize(static_cast<Eigen::Index>(recorded) * kSectors, kSectorMetrics);
  }
  for (int year = setup.first_year; year <= setup.end_year; ++year) {
    one_year(setup, s, replication, year, times, check_phases);
    if (year < setup.start_year) continue;
    const int y = year - setup.start_year;
    const Eigen::ArrayXd totals = yearly_row(setup, s);
    check_totals(totals, year);
    r.yearly.row(y) = totals.transpose();
    if (detail) {
      r.countries.middleRows(static_cast<Eigen::Index>(y) * n, n) = s.cm;
      r.sectors.middleRows(static_cast<Eigen::Index>(y) * kSectors, kSectors) = s.sm;
    }
  }
  return r;
}

}  // namespace

ReplicationResult simulate(const Setup& setup, std::uint32_t replication, State& s, bool detail,
                           PhaseTimes* times) {
  try {
    return simulate_years(setup, replication, s, detail, times, false);
  } catch (const ModelError&) {
    // Found at a year's end: the same replication again, checked after every phase, names the
    // phase that produced the value (it throws); should it not, the first finding stands.
    simulate_years(setup, replication, s, false, nullptr, true);
    throw;
  }
}

int worker_count(int count, int threads) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return std::max(1, std::min(threads, count));
}

void parallel_for(int count, int threads, const std::function<void(int, int)>& job) {
  threads = worker_count(count, threads);
  if (threads <= 1) {
    for (int i = 0; i < count; ++i) job(i, 0);
    return;
  }
  std::atomic<int> next{0};
  // The error of the lowest job that failed, as a run on one thread reports: the message does not
  // depend on the thread count.
  std::exception_ptr error;
  int error_job = count;
  std::mutex error_mutex;
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      for (int i; (i = next.fetch_add(1)) < count;) {
        try {
          job(i, t);
        } catch (...) {
          std::lock_guard<std::mutex> lock(error_mutex);
          if (i < error_job) {
            error = std::current_exception();
            error_job = i;
          }
        }
      }
    });
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

int ordered_window(int count, int threads, int window) {
  if (window <= 0) window = 2 * worker_count(count, threads);
  return std::max(1, std::min(window, count));
}

void ordered_for(int count, int threads, int window, const std::function<void(int, int, int)>& make,
                 const std::function<void(int, int)>& deliver) {
  const int workers = worker_count(count, threads);
  const int slots = ordered_window(count, threads, window);
  if (workers <= 1) {
    for (int i = 0; i < count; ++i) {
      make(i, 0, i % slots);
      deliver(i, i % slots);
    }
    return;
  }
  std::mutex mu;
  std::condition_variable can_start, ready;
  std::vector<char> finished(static_cast<std::size_t>(slots), 0);  // by slot
  int next_start = 0, next_deliver = 0;
  bool stop = false;
  // The error of the lowest job that failed, as a run on one thread reports: the message does not
  // depend on the thread count (jobs start in order, so every lower job has started and runs on).
  std::exception_ptr error;
  int error_job = count;
  auto fail = [&](int i) {  // with mu held
    if (i < error_job) {
      error = std::current_exception();
      error_job = i;
    }
    stop = true;
  };
  auto worker = [&](int t) {
    for (;;) {
      int i;
      {
        std::unique_lock<std::mutex> lock(mu);
        can_start.wait(
            lock, [&] { return stop || next_start >= count || next_start < next_deliver + slots; });
        if (stop || next_start >= count) return;
        i = next_start++;
      }
      try {
        make(i, t, i % slots);
        std::lock_guard<std::mutex> lock(mu);
        finished[static_cast<std::size_t>(i % slots)] = 1;
      } catch (...) {
        std::lock_guard<std::mutex> lock(mu);
        fail(i);
        can_start.notify_all();
      }
      ready.notify_one();
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < workers; ++t) pool.emplace_back(worker, t);
  try {
    while (next_deliver < count) {  // only this thread changes next_deliver
      const int i = next_deliver, slot = i % slots;
      {
        std::unique_lock<std::mutex> lock(mu);
        ready.wait(lock, [&] { return error || finished[static_cast<std::size_t>(slot)]; });
        if (error) break;
      }
      deliver(i, slot);
      {
        std::lock_guard<std::mutex> lock(mu);
        finished[static_cast<std::size_t>(slot)] = 0;
        ++next_deliver;
      }
      can_start.notify_all();
    }
  } catch (...) {
    std::lock_guard<std::mutex> lock(mu);
    fail(next_deliver);
  }
  {
    std::lock_guard<std::mutex> lock(mu);
    stop = true;
  }
  can_start.notify_all();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

namespace {

// The setup each replication runs: the scenario's, or over an ensemble the setup of the variant
// the replication draws, prepared once on first use (a variant no replication draws costs
// nothing).
class Setups {
 public:
  Setups(const Scenario& scenario, const World& world, const std::vector<Scenario>* variants)
      : scenario_(scenario), world_(world), variants_(variants && !variants->empty() ? variants : nullptr),
        base_(prepare(scenario, world)) {
    if (variants_) {
      prepared_.resize(variants_->size());
      once_ = std::vector<std::once_flag>(variants_->size());
    }
  }
  const Setup& base() const { return base_; }
  const Setup& of(std::uint32_t replication) {
    if (!variants_) return base_;
    const std::size_t k =
        calibration::ensemble_index(scenario_.seed(), replication, variants_->size());
    std::call_once(once_[k], [&] {
      prepared_[k] = std::make_unique<Setup>(prepare((*variants_)[k], world_));
    });
    return *prepared_[k];
  }

 private:
  const Scenario& scenario_;
  const World& world_;
  const std::vector<Scenario>* variants_;
  Setup base_;
  std::vector<std::unique_ptr<Setup>> prepared_;
  std::vector<std::once_flag> once_;
};

}  // namespace

void run(const Scenario& scenario, const World& world, const RunOptions& options,
         ReplicationSink& sink) {
  Setups setups(scenario, world, options.variants);
  const Setup& setup = setups.base();
  const int count = scenario.replications();
  sink.begin(setup.start_year, setup.end_year, count,
             ordered_window(count, options.threads, options.window));
  // A state per worker, reused from one replication to the next.
  std::vector<State> workspaces(static_cast<std::size_t>(worker_count(count, options.threads)));
  ordered_for(
      count, options.threads, options.window,
      [&](int r, int worker, int slot) {
        try {
          sink.take(r,
                    simulate(setups.of(static_cast<std::uint32_t>(r)), static_cast<std::uint32_t>(r),
                             workspaces[static_cast<std::size_t>(worker)], options.detail),
                    slot);
        } catch (const ModelError& e) {
          throw ModelError(e, r);
        }
      },
      [&](int r, int slot) { sink.write(r, slot); });
}

namespace {

// Keeps every replication: the in-memory run over the streamed one.
class KeepAll : public ReplicationSink {
 public:
  explicit KeepAll(RunResult& out) : out_(out) {}
  void begin(int start_year, int end_year, int replications, int) override {
    out_.start_year = start_year;
    out_.end_year = end_year;
    out_.replications.resize(static_cast<std::size_t>(replications));
  }
  void take(int r, ReplicationResult&& result, int) override {
    out_.replications[static_cast<std::size_t>(r)] = std::move(result);
  }
  void write(int, int) override {}

 private:
  RunResult& out_;
};

}  // namespace

RunResult run(const Scenario& scenario, const World& world, const RunOptions& options) {
  RunResult out;
  KeepAll keep(out);
  RunOptions o = options;
  o.window = std::max(1, scenario.replications());  // all are kept anyway: never wait for order
  run(scenario, world, o, keep);
  return out;
}

}  // namespace ccsim
