#include <algorithm>
#include <cmath>

#include "model/phases/phases.hpp"

namespace ccsim {

namespace {

// Events come in the order of the project pool, which is random by firm: at a million firms each
// would wait on memory for its firm's experience. Fetching the firms a few events ahead overlaps
// those waits (learning's cost per firm was six times that of a small run, where all fits in
// cache).
constexpr std::size_t kAhead = 16;

}  // namespace

// Experience from the year's outcomes, in the order they happened: a success raises a firm's
// experience in the country, a failure lowers it. A firm remembers its most salient countries:
// a new one takes an empty slot or the one with the weakest memory.
void learning(Context& cx) {
  const Params& p = cx.p;
  Firms& f = cx.s.firms;
  const float cap = static_cast<float>(p.experience_cap);
  const std::vector<LearningEvent>& events = cx.s.learning;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const LearningEvent& e = events[i];
    if (i + kAhead < events.size()) {
      const std::uint32_t ahead = events[i + kAhead].firm;
      __builtin_prefetch(&f.exp_country[ahead]);
      __builtin_prefetch(&f.exp_level[ahead]);
      __builtin_prefetch(&f.exp_gain[ahead]);
    }
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
