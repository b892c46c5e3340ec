#include "model/simulate.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <thread>

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

ReplicationResult simulate(const Setup& setup, std::uint32_t replication, State& s, bool detail,
                           PhaseTimes* times) {
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
    one_year(setup, s, replication, year, times);
    if (year < setup.start_year) continue;
    const int y = year - setup.start_year;
    r.yearly.row(y) = yearly_row(setup, s).transpose();
    if (detail) {
      r.countries.middleRows(static_cast<Eigen::Index>(y) * n, n) = s.cm;
      r.sectors.middleRows(static_cast<Eigen::Index>(y) * kSectors, kSectors) = s.sm;
    }
  }
  return r;
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
  std::exception_ptr error;
  std::mutex error_mutex;
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      for (int i; (i = next.fetch_add(1)) < count;) {
        try {
          job(i, t);
        } catch (...) {
          std::lock_guard<std::mutex> lock(error_mutex);
          if (!error) error = std::current_exception();
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
    out.replications[static_cast<std::size_t>(r)] =
        simulate(setup, static_cast<std::uint32_t>(r), workspaces[static_cast<std::size_t>(worker)],
                 options.detail);
  });
  return out;
}

}  // namespace ccsim
