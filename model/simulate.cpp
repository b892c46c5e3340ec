#include "model/simulate.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <thread>

#include "model/error.hpp"
#include "model/guard.hpp"
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
      case YearlySource::MouCountries:
        v = ((s.agreement_year.col(kMou) <= s.year).cast<double>() * w.br64).sum();
        break;
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

RunResult run(const Scenario& scenario, const World& world, const RunOptions& options) {
  const Setup setup = prepare(scenario, world);
  RunResult out;
  out.start_year = setup.start_year;
  out.end_year = setup.end_year;
  out.replications.resize(static_cast<std::size_t>(scenario.replications()));
  // A state per worker, reused from one replication to the next.
  std::vector<State> workspaces(
      static_cast<std::size_t>(worker_count(scenario.replications(), options.threads)));
  parallel_for(scenario.replications(), options.threads, [&](int r, int worker) {
    try {
      out.replications[static_cast<std::size_t>(r)] =
          simulate(setup, static_cast<std::uint32_t>(r),
                   workspaces[static_cast<std::size_t>(worker)], options.detail);
    } catch (const ModelError& e) {
      throw ModelError(e, r);
    }
  });
  return out;
}

}  // namespace ccsim
