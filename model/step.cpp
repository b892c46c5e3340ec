#include <algorithm>
#include <chrono>

#include "model/guard.hpp"
#include "model/phases/phases.hpp"
#include "model/simulate.hpp"

namespace ccsim {

namespace {

// 10. Record: stocks read off the state; flows were accumulated by the phases.
void record(Context& cx) {
  State& s = cx.s;
  const World& w = cx.world;
  s.zone_pull.setZero();
  s.cm.col(cm_zones).setZero();
  s.cm.col(cm_zone_firms).setZero();
  for (const auto& z : s.zones) {
    s.cm(z.country, cm_zones) += 1;
    s.cm(z.country, cm_zone_firms) += z.members * s.weight;
    s.zone_pull(z.country) = std::max(s.zone_pull(z.country), z.quality);  // the best zone's
  }
  s.cm.col(cm_odi_stock) = s.odi_stock;
  s.cm.col(cm_loans_outstanding) = s.loans;
  s.cm.col(cm_npl) = s.npl;
  s.cm.col(cm_capacity) = s.capacity;
  s.cm.col(cm_risk) = s.risk;
  s.cm.col(cm_shock) = s.shock;
  s.cm.col(cm_policy_support) = s.policy_support;
  s.cm.col(cm_gdp) = s.gdp;
  s.zone_output_cum += s.cm.col(cm_zone_output);
  s.zone_taxes_cum += s.cm.col(cm_zone_taxes);
  s.cm.col(cm_zone_output_cum) = s.zone_output_cum;
  s.cm.col(cm_zone_taxes_cum) = s.zone_taxes_cum;
  s.cm.col(cm_zone_investment_cum) = s.zone_investment_cum;
  for (std::size_t k = 0; k < kSectors; ++k) {
    const auto ki = static_cast<Eigen::Index>(k);
    s.sm(ki, sm_overcapacity) = s.pressure[k];
    s.sm(ki, sm_market_share) =
        s.sm(ki, sm_bid_value) > 0 ? s.sm(ki, sm_market_share) / s.sm(ki, sm_bid_value) : 0;
    s.sm(ki, sm_countries_present) =
        ((s.chinese_projects.col(ki) > 0).cast<double>() * w.br64).sum();
  }
}

// The year: the mechanisms of MODEL.md section 3 in order, then the record.
struct Phase {
  const char* name;
  void (*run)(Context&);
};

constexpr std::array<Phase, PhaseTimes::kParts - 1> kYear{{
    {"environment", environment},
    {"push", push},
    {"choice", choice},
    {"finance", finance},
    {"contracts", contracts},
    {"projects", run_projects},
    {"parks", parks},
    {"upgrading", upgrading},
    {"learning", learning},
    {"record", record},
}};

}  // namespace

const std::array<const char*, PhaseTimes::kParts> PhaseTimes::kNames = [] {
  std::array<const char*, kParts> names{"initial state"};
  for (std::size_t i = 0; i < kYear.size(); ++i) names[i + 1] = kYear[i].name;
  return names;
}();

void one_year(const Setup& setup, State& state, std::uint32_t replication, int year,
              PhaseTimes* times, bool check_phases) {
  Context cx{setup, *setup.world, setup.at(year), state, replication, year};
  state.year = year;
  state.cm.setZero();
  state.sm.setZero();
  state.invest_tech.setZero();
  state.cluster_sector.setZero();

  if (check_phases) {
    for (std::size_t i = 0; i < kYear.size(); ++i) {
      kYear[i].run(cx);
      check_year(*setup.world, state, kYear[i].name, i + 1 == kYear.size());
    }
    return;
  }
  if (!times) {
    for (const Phase& phase : kYear) phase.run(cx);
  } else {
    auto lap = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < kYear.size(); ++i) {
      kYear[i].run(cx);
      const auto now = std::chrono::steady_clock::now();
      times->seconds[i + 1] += std::chrono::duration<double>(now - lap).count();
      lap = now;
    }
  }
  check_year(*setup.world, state, "record", true);
}

}  // namespace ccsim
