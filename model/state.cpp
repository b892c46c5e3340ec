#include "model/state.hpp"

#include <tuple>
#include <utility>

namespace ccsim {

namespace {

// Every column of each structure of arrays, in one list: reset clears them all. A column added to
// a structure but not here would carry a replication's values into the next, hence the size checks.
auto columns(Firms& f) {
  return std::tie(f.sector, f.soe, f.member, f.risk_class, f.tech, f.push_factor, f.size_factor,
                  f.exp_country, f.exp_level, f.exp_gain);
}
auto columns(Projects& p) {
  return std::tie(p.stage, p.mode, p.country, p.sector, p.lag, p.years_left, p.age, p.member,
                  p.wait, p.zone, p.start_year, p.firm, p.cost, p.value, p.due, p.equity, p.book,
                  p.loan, p.insured, p.loan_cover, p.risk_clock);
}
auto columns(Candidates& c) {
  return std::tie(c.firm, c.country, c.sector, c.mode, c.zone, c.cost, c.loan, c.fund, c.clock,
                  c.priority, c.admitted, c.bid);
}
template <class T>
constexpr std::size_t column_count() {
  return std::tuple_size_v<decltype(columns(std::declval<T&>()))>;
}
static_assert(sizeof(Firms) == column_count<Firms>() * sizeof(std::vector<float>));
static_assert(sizeof(Projects) == (column_count<Projects>() + 1) * sizeof(std::vector<float>));
static_assert(sizeof(Candidates) == column_count<Candidates>() * sizeof(std::vector<float>));

template <class T, class F>
void for_each_column(T& t, F&& f) {
  std::apply([&](auto&... v) { (f(v), ...); }, columns(t));
}

// Empties a buffer, or every column of a structure of arrays, keeping the memory.
template <class T>
void empty(std::vector<T>& v) {
  v.clear();
}
template <class T>
auto empty(T& soa) -> decltype(columns(soa), void()) {
  for_each_column(soa, [](auto& v) { v.clear(); });
}
void empty(Projects& p) {
  for_each_column(p, [](auto& v) { v.clear(); });
  p.free_slots.clear();
}

// Moves `from`'s buffers into `to`, emptied.
template <class T>
void take(T& to, T& from) {
  to = std::move(from);
  empty(to);
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
  book[i] = 0;  // nothing disbursed yet
  wait[i] = 0;  // works start at once unless the caller says otherwise
  return i;
}

void Projects::reserve(std::size_t n) {
  for_each_column(*this, [n](auto& v) { v.reserve(n); });
  free_slots.reserve(n);
}

void Candidates::resize(std::size_t n) {
  for_each_column(*this, [n](auto& v) { v.resize(n); });
}

void reset(State& s) {
  State fresh;
  take(fresh.firms, s.firms);
  take(fresh.projects, s.projects);
  take(fresh.candidates, s.candidates);
  take(fresh.goers, s.goers);
  take(fresh.zones, s.zones);
  take(fresh.learning, s.learning);
  take(fresh.zone_firm_keys, s.zone_firm_keys);
  take(fresh.going_ahead, s.going_ahead);
  take(fresh.funding_order, s.funding_order);
  s = std::move(fresh);
}

}  // namespace ccsim
