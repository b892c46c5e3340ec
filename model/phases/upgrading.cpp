#include <cmath>

#include "model/phases/phases.hpp"
#include "model/rng.hpp"

namespace ccsim {

// Investment and technology transfer raise host supporting capacity with diminishing room to
// grow (doc 002: "upgrade industry structure"); hosts with enough Chinese building-materials
// projects adopt Chinese standards (doc 001: cement in Ethiopia, ceramics in Kenya).
void upgrading(Context& cx) {
  const Params& p = cx.p;
  State& s = cx.s;
  // The gap to full capacity closes at rate upgrade_rate * (investment x technology / GDP): over
  // the year, 1 - capacity shrinks by exp(-rate), so capacity stays in [0, 1] whatever the rate
  // (the step capacity += rate * (1 - capacity) overshoots 1 once the rate passes 1).
  s.capacity = 1 - (1 - s.capacity) * (-p.upgrade_rate * (s.invest_tech / s.gdp)).exp();

  if (p.standards_programme <= 0) return;
  const Stream st(cx.setup.seed, cx.replication, Purpose::kSigning, cx.year);
  for (int c = 0; c < cx.world.countries(); ++c) {
    if (s.agreement_year(c, kStandards) <= cx.year || s.bm_projects(c) < p.standards_threshold)
      continue;
    // Block 2: blocks 0 and 1 of this stream are the environment's signings.
    if (st.uniforms(static_cast<std::uint32_t>(c), 2)[0] < p.standards_programme)
      s.agreement_year(c, kStandards) = cx.year + 1;
  }
}

}  // namespace ccsim
