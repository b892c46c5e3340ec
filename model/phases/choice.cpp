#include <algorithm>
#include <cmath>

#include "model/phases/phases.hpp"
#include "model/rng.hpp"

namespace ccsim {

// Draws a country from cumulative weights `cdf` (length n) where the firm's experienced countries
// have their weight multiplied by exp(beta * experience). Exact: the modified cumulative
// distribution differs from `cdf` only by an offset after each experienced country.
int draw_country(const double* cdf, int n, const std::uint8_t* slots, const float* levels,
                 double beta, double u) {
  struct Mod {
    int c;
    double extra;
  } mods[kExperienceSlots];
  if (slots[0] == kNoCountry) {  // no experience: plain inverse-CDF draw
    const double* it = std::upper_bound(cdf, cdf + n, u * cdf[n - 1]);
    return std::min(static_cast<int>(it - cdf), n - 1);
  }
  int m = 0;
  double total = cdf[n - 1];
  for (int j = 0; j < kExperienceSlots && slots[j] != kNoCountry; ++j) {
    const int c = slots[j];
    const double wc = cdf[c] - (c > 0 ? cdf[c - 1] : 0.0);
    const double extra = wc * (std::exp(beta * levels[j]) - 1);
    mods[m++] = {c, extra};
    total += extra;
  }
  for (int a = 1; a < m; ++a)  // at most four entries: insertion sort
    for (int b = a; b > 0 && mods[b].c < mods[b - 1].c; --b) std::swap(mods[b], mods[b - 1]);
  double target = u * total, offset = 0;
  int lo = 0;
  for (int j = 0; j < m; ++j) {
    const int c = mods[j].c;
    const double before = (c > 0 ? cdf[c - 1] : 0.0) + offset;
    if (target < before) break;
    if (target < cdf[c] + offset + mods[j].extra) return c;
    offset += mods[j].extra;
    lo = c + 1;
  }
  const double* it = std::upper_bound(cdf + lo, cdf + n, target - offset);
  return std::min(static_cast<int>(it - cdf), n - 1);
}

// Firms that go out pick a country (random utility), then a mode and a size.
void choice(Context& cx) {
  const Params& p = cx.p;
  State& s = cx.s;
  const Firms& f = s.firms;
  const int n = cx.world.countries();
  const Stream st(cx.setup.seed, cx.replication, Purpose::kChoice, cx.year);
  s.candidates.clear();
  Candidates& cand = s.candidates;
  for (const std::uint32_t i : s.goers) {
    const int k = f.sector[i];
    const auto u = st.uniforms(i);
    const double* cdf = s.choice_cdf.col(choice_column(k, f.risk_class[i], f.member[i])).data();
    const int c = draw_country(cdf, n, f.exp_country[i].data(), f.exp_level[i].data(),
                               p.beta_experience, u[0]);

    std::uint8_t mode = kGreenfield;
    std::int16_t zone = -1;
    if (u[1] < s.epc_prob(c, k)) {
      mode = kEpc;
    } else {
      const int z = s.best_zone(c, k);
      const double park_p =
          z >= 0 ? p.park_entry * s.zones[static_cast<std::size_t>(z)].quality : 0.0;
      const double ma_p = p.ma_share * s.capacity(c);
      if (u[2] < park_p) {
        mode = kPark;
        zone = static_cast<std::int16_t>(z);
      } else if (u[2] < park_p + (1 - park_p) * ma_p) {
        mode = kAcquisition;
      }
    }
    const double z = st.normals(i, 1)[0];
    const double spread = std::exp(p.size_sigma * z - 0.5 * p.size_sigma * p.size_sigma);
    const double firm_scale = f.size_factor[i];
    double cost;
    if (mode == kEpc) {
      cost = p.epc_size_musd[static_cast<std::size_t>(k)] * p.epc_size_scale * spread / 1000;
    } else {
      cost = p.fdi_size_musd[static_cast<std::size_t>(k)] * p.fdi_size_scale * spread * firm_scale /
             1000;
      if (mode == kAcquisition) cost *= p.ma_size_factor;
    }
    cand.firm.push_back(i);
    cand.country.push_back(static_cast<std::uint8_t>(c));
    cand.sector.push_back(static_cast<std::uint8_t>(k));
    cand.mode.push_back(mode);
    cand.zone.push_back(zone);
    cand.cost.push_back(cost);
  }
  const std::size_t m = cand.size();
  cand.loan.assign(m, 0.0);
  cand.fund.assign(m, 0.0);
  cand.insured.assign(m, 0.0);
  cand.admitted.assign(m, 0);
}

}  // namespace ccsim
