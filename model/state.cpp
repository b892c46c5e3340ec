#include "model/state.hpp"

#include <tuple>

namespace ccsim {

namespace {

template <class F>
void for_each_column(Projects& p, F&& f) {
  std::apply(
      [&](auto&... v) { (f(v), ...); },
      std::tie(p.stage, p.mode, p.country, p.sector, p.lag, p.years_left, p.age, p.member, p.zone,
               p.start_year, p.firm, p.cost, p.value, p.equity, p.loan, p.insured, p.risk_clock));
}

}  // namespace

std::uint32_t Projects::add() {
  std::uint32_t i;
  if (!free_slots.empty()) {
    i = free_slots.back();
    free_slots.pop_back();
  } else {
    i = static_cast<std::uint32_t>(slots());
    for_each_column(*this, [](auto& v) { v.emplace_back(); });
  }
  stage[i] = kConstruction;
  zone[i] = -1;
  return i;
}

void Projects::reserve(std::size_t n) {
  for_each_column(*this, [n](auto& v) { v.reserve(n); });
  free_slots.reserve(n);
}

void Candidates::resize(std::size_t n) {
  std::apply([n](auto&... v) { (v.resize(n), ...); },
             std::tie(firm, country, sector, mode, zone, cost, loan, fund, insured, admitted));
}

}  // namespace ccsim
