#include <algorithm>
#include <cmath>

#include "model/phases/phases.hpp"
#include "model/rng.hpp"

namespace ccsim {

// Overcapacity at home pushes firms out (doc 002's "surplus capacity" motive); the inclusive value
// of the country choice pulls (nested logit): a riskier world keeps more firms at home.
void push(Context& cx) {
  const Params& p = cx.p;
  State& s = cx.s;
  attractiveness(cx);

  const double years_on = cx.year - cx.setup.start_year;
  for (std::size_t k = 0; k < kSectors; ++k)
    s.pressure[k] =
        std::min(1.0, p.overcapacity[k] * std::pow(1 - p.overcapacity_decline, years_on));

  // exp(-logit) without the firm's capital term, by sector, risk class, ownership and experience.
  double odds[kSectors][kRiskClasses][2][2];
  for (std::size_t k = 0; k < kSectors; ++k)
    for (int rc = 0; rc < kRiskClasses; ++rc)
      for (int soe = 0; soe < 2; ++soe)
        for (int ex = 0; ex < 2; ++ex)
          odds[k][rc][soe][ex] =
              std::exp(-(p.propensity_intercept + p.push_pressure * s.pressure[k] +
                         p.push_soe * soe + p.push_experience * ex +
                         p.push_inclusive_value *
                             s.inclusive_value(static_cast<Eigen::Index>(k) * kRiskClasses + rc)));

  const Stream st(cx.setup.seed, cx.replication, Purpose::kPush, cx.year);
  const Firms& f = s.firms;
  const auto n = static_cast<std::uint32_t>(f.size());
  // One Philox block serves four consecutive firms: the push is the one loop over every firm.
  // Every firm is written and the count advanced only for goers: a coin this close to fair would
  // cost a mispredicted branch on almost every other firm.
  s.goers.resize(n);
  std::uint32_t* goers = s.goers.data();
  std::uint32_t count = 0;
  // (A loop over firms that drew a block when i % 4 == 0 was compiled into a block for every firm
  // and a select: hence the loop over blocks.)
  for (std::uint32_t b = 0; b * 4 < n; ++b) {
    const auto block = st.words(b);
    const std::uint32_t last = std::min(n, b * 4 + 4);
    for (std::uint32_t i = b * 4; i < last; ++i) {
      const int ex = f.exp_country[i][0] != kNoCountry;
      const double e = odds[f.sector[i]][f.risk_class[i]][f.soe[i]][ex] * f.push_factor[i];
      const double u = r123::u01<double>(block[i - b * 4]);
      goers[count] = i;
      count += u * (1 + e) < 1;
    }
  }
  s.goers.resize(count);
  s.firms_going_out = static_cast<double>(s.goers.size()) * s.weight;
}

}  // namespace ccsim
