#include <algorithm>
#include <cmath>

#include "model/phases/phases.hpp"

namespace ccsim {

namespace {

// Events are applied by blocks of 2^12 firms, in a stable counting sort on firm >> 12. Events of
// different firms touch different memories and commute; each firm's own events keep their order;
// so the result is the one of the year's order. At a million firms the events, in the order of the
// project pool, would otherwise visit the experience arrays at random (six times the cost per
// firm of a small run, where all of them fit in cache).
constexpr int kBlockBits = 12;

const std::vector<LearningEvent>& by_firm_block(State& s) {
  const std::size_t blocks = (s.firms.size() >> kBlockBits) + 1;
  if (blocks == 1) return s.learning;
  std::vector<std::uint32_t>& start = s.learning_block_start;
  start.assign(blocks + 1, 0);
  for (const LearningEvent& e : s.learning) ++start[(e.firm >> kBlockBits) + 1];
  for (std::size_t b = 1; b <= blocks; ++b) start[b] += start[b - 1];
  s.learning_sorted.resize(s.learning.size());
  for (const LearningEvent& e : s.learning) s.learning_sorted[start[e.firm >> kBlockBits]++] = e;
  return s.learning_sorted;
}

}  // namespace

// Experience from the year's outcomes, in the order they happened: a success raises a firm's
// experience in the country, a failure lowers it. A firm remembers its most salient countries:
// a new one takes an empty slot or the one with the weakest memory.
void learning(Context& cx) {
  const Params& p = cx.p;
  Firms& f = cx.s.firms;
  const float cap = static_cast<float>(p.experience_cap);
  for (const LearningEvent& e : by_firm_block(cx.s)) {
    auto& slots = f.exp_country[e.firm];
    auto& level = f.exp_level[e.firm];
    int j = 0;
    while (j < kExperienceSlots && slots[j] != e.country && slots[j] != kNoCountry) ++j;
    if (j == kExperienceSlots) {
      j = 0;
      for (int m = 1; m < kExperienceSlots; ++m)
        if (std::fabs(level[m]) < std::fabs(level[j])) j = m;
      level[j] = 0;
    }
    if (slots[j] != e.country) {
      slots[j] = e.country;
      level[j] = 0;
    }
    level[j] = std::clamp(level[j] + e.delta, -cap, cap);
    f.exp_gain[e.firm][j] = experience_gain(cx.s.experience_beta, level[j]);
  }
  cx.s.learning.clear();
}

}  // namespace ccsim
