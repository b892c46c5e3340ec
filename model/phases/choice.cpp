#include <algorithm>
#include <cmath>

#include "model/phases/phases.hpp"
#include "model/rng.hpp"

namespace ccsim {

namespace {

// The host GDP (US$ bn) at which a contract has its sector's epc_size_musd.
constexpr double kContractReferenceGdp = 100;
// At most this many further bids a contractor-year (far in the Poisson's tail for any mean the
// parameter's range allows in practice; the bound keeps the bid index in a byte).
constexpr int kMaxExtraBids = 64;

// Each experienced slot's gain exp(beta * level) - 1, for a new beta_experience.
void refresh_experience_gains(Firms& f, double beta) {
  for (std::size_t i = 0; i < f.size(); ++i)
    for (int j = 0; j < kExperienceSlots; ++j)
      f.exp_gain[i][j] =
          f.exp_country[i][j] == kNoCountry ? 0.0f : experience_gain(beta, f.exp_level[i][j]);
}

// A project's log-normal spread around its mean size, exp(sigma z - sigma^2 / 2) for a standard
// normal z. Single precision: the size is kept as a float in the project, and expf costs half of
// exp.
double size_spread(double sigma, double z) {
  return std::exp(static_cast<float>(sigma * z - 0.5 * sigma * sigma));
}

// An EPC contract's value (US$ bn): the sector's mean contract times the host-year scale
// (contract_scale in choice) times the spread.
double contract_cost(const Params& p, int sector, double host_scale, double spread) {
  return p.epc_size_musd[static_cast<std::size_t>(sector)] * host_scale * spread;
}

// A contractor's further bids of the year: N ~ Poisson(epc_extra_bids) beyond its first, each in
// a host drawn from the firm's own choice probabilities (experience included) and of its own size,
// appended after the first proposals (docs/model.md, "EPC bids"). From the bids stream: block 0's
// first word draws N; bid b takes block b << 8 (its country, then its size's normal draw, which
// walks on into the blocks after it only when its ziggurat rejects).
void further_bids(Context& cx, const Eigen::ArrayXd& contract_scale) {
  const Params& p = cx.p;
  State& s = cx.s;
  const Firms& f = s.firms;
  Candidates& cand = s.candidates;
  const int n = cx.world.countries();
  const Stream st(cx.setup.seed, cx.replication, Purpose::kBids, cx.year);
  const std::size_t first = cand.size();
  const double none = std::exp(-p.epc_extra_bids);
  std::size_t at = first;
  for (std::size_t j = 0; j < first; ++j) {
    if (cand.mode[j] != kEpc) continue;
    const std::uint32_t i = cand.firm[j];
    const int bids = poisson_by_inversion(r123::u01<double>(st.words(i)[0]), p.epc_extra_bids, none,
                                          kMaxExtraBids);
    if (bids == 0) continue;
    const int k = f.sector[i];
    const int column = choice_column(k, f.risk_class[i], f.member[i]);
    cand.resize(at + static_cast<std::size_t>(bids));  // capacity is kept from year to year
    for (int b = 1; b <= bids; ++b, ++at) {
      const auto block = static_cast<std::uint32_t>(b) << 8;
      const auto words = st.words(i, block);
      const int c =
          draw_country(s.choice_cdf.col(column).data(), s.choice_guide.col(column).data(), n,
                       f.exp_country[i].data(), f.exp_gain[i].data(), r123::u01<double>(words[0]));
      EntityBits bits(st, i, block, words, 1);
      const double spread = size_spread(p.size_sigma, standard_normal(bits));
      cand.firm[at] = i;
      cand.country[at] = static_cast<std::uint8_t>(c);
      cand.sector[at] = static_cast<std::uint8_t>(k);
      cand.mode[at] = kEpc;
      cand.zone[at] = -1;
      cand.cost[at] = contract_cost(p, k, contract_scale(c), spread);
      cand.bid[at] = static_cast<std::uint8_t>(b);
    }
  }
}

}  // namespace

// guide[g] counts the countries whose cumulative weight lies in a bucket below g, by a histogram of
// buckets and its running sum: no branch on the data (a search per bucket mispredicts about once
// per country, which made the table cost more than it saved in a small run).
void build_country_guide(const double* cdf, int n, std::uint8_t* guide) {
  const double total = cdf[n - 1];
  if (!(total > 0) || !std::isfinite(total)) {  // a useless guide but a valid one: search from 0
    std::fill(guide, guide + n, std::uint8_t{0});
    return;
  }
  const double scale = n / total;
  int count[kMaxCountries + 1] = {};  // buckets 0..n
  for (int i = 0; i < n - 1; ++i) ++count[std::min(static_cast<int>(cdf[i] * scale), n)];
  int below = 0;
  for (int g = 0; g < n; ++g) {
    guide[g] = static_cast<std::uint8_t>(below);
    below += count[g];
  }
}

// Draws a country from cumulative weights `cdf` (length n) where each experienced country's weight
// is multiplied by 1 + gain. Exact: the modified cumulative distribution differs from `cdf` only by
// an offset after each experienced country. The guide only says where to start looking; a start
// past the answer (a rounding at a bucket's edge) is caught and the search begins at `lo` instead,
// so the country drawn is the inverse CDF's whatever the guide holds.
int draw_country(const double* cdf, const std::uint8_t* guide, int n, const std::uint8_t* slots,
                 const float* gains, double u) {
  struct Mod {
    int c;
    double extra;
  } mods[kExperienceSlots];
  int m = 0;
  const double base_total = cdf[n - 1];
  double total = base_total;
  for (int j = 0; j < kExperienceSlots && slots[j] != kNoCountry; ++j) {
    const int c = slots[j];
    const double extra = (cdf[c] - (c > 0 ? cdf[c - 1] : 0.0)) * gains[j];
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
  // The first country from lo on whose cumulative weight exceeds x (the last if none does).
  const double x = target - offset;
  const double bucket = x * n / base_total;
  int i = std::min(lo, n - 1);
  if (bucket > 0) {
    const int start = guide[bucket < n ? static_cast<int>(bucket) : n - 1];
    if (start > lo && !(cdf[start - 1] > x)) i = start;
  }
  while (i < n - 1 && cdf[i] <= x) ++i;
  return i;
}

// Firms that go out pick a country (random utility), then a mode, a location and a size. One Philox
// block per firm: a word for the country, one for the mode (reused, rescaled, for acquisition once
// EPC is ruled out, then for the zone), two for the size's normal draw.
void choice(Context& cx) {
  const Params& p = cx.p;
  State& s = cx.s;
  Firms& f = s.firms;
  const int n = cx.world.countries();
  if (p.platform_membership != s.membership_share)
    assign_membership(cx.setup, cx.replication, p.platform_membership, s);
  if (p.beta_experience != s.experience_beta) {
    refresh_experience_gains(f, p.beta_experience);
    s.experience_beta = p.beta_experience;
  }
  const Stream st(cx.setup.seed, cx.replication, Purpose::kChoice, cx.year);
  Candidates& cand = s.candidates;
  cand.resize(s.goers.size());
  // Contract size by host and year: (GDP / US$100bn)^elasticity, times the yearly trend
  // (docs/model.md, "Contract size"). One power per country a year, not per contract.
  const Eigen::ArrayXd contract_scale =
      (s.gdp / kContractReferenceGdp).pow(p.epc_size_gdp_elasticity) *
      std::pow(1 + p.epc_size_trend, cx.year - cx.setup.start_year) * p.epc_size_scale / 1000;
  for (std::size_t j = 0; j < s.goers.size(); ++j) {
    const std::uint32_t i = s.goers[j];
    const int k = f.sector[i];
    const auto words = st.words(i);
    const int column = choice_column(k, f.risk_class[i], f.member[i]);
    const int c =
        draw_country(s.choice_cdf.col(column).data(), s.choice_guide.col(column).data(), n,
                     f.exp_country[i].data(), f.exp_gain[i].data(), r123::u01<double>(words[0]));

    std::uint8_t mode = kGreenfield;
    std::int16_t zone = -1;
    const double u_mode = r123::u01<double>(words[1]), epc_p = s.epc_prob(c, k);
    if (u_mode < epc_p) {
      mode = kEpc;
    } else {
      const double u = (u_mode - epc_p) / (1 - epc_p);  // uniform again, given not EPC
      const double ma_p = p.ma_share * s.capacity(c);
      if (u < ma_p) mode = kAcquisition;
      // Location, for either mode: in the host's best zone for the sector with probability
      // park_entry * its quality (a firm bought inside a zone is one of its enterprises too).
      const double v = u < ma_p ? u / ma_p : (ma_p < 1 ? (u - ma_p) / (1 - ma_p) : 0.0);
      const int z = s.best_zone(c, k);
      if (z >= 0 && v < p.park_entry * s.zones[static_cast<std::size_t>(z)].quality)
        zone = static_cast<std::int16_t>(z);
    }
    EntityBits bits(st, i, 0, words, 2);
    const double spread = size_spread(p.size_sigma, standard_normal(bits));
    const double firm_scale = f.size_factor[i];
    double cost;
    if (mode == kEpc) {
      cost = contract_cost(p, k, contract_scale(c), spread);
    } else {
      cost = p.fdi_size_musd[static_cast<std::size_t>(k)] * p.fdi_size_scale * spread * firm_scale /
             1000;
      if (mode == kAcquisition) cost *= p.ma_size_factor;
      // A zone's developer provides part of the plant (standard factories, land, utilities),
      // more of it the better the zone: its entrants invest less of their own and smaller
      // operations become viable there.
      if (zone >= 0)
        cost *= 1 - p.zone_facility_share * s.zones[static_cast<std::size_t>(zone)].quality;
    }
    cand.firm[j] = i;
    cand.country[j] = static_cast<std::uint8_t>(c);
    cand.sector[j] = static_cast<std::uint8_t>(k);
    cand.mode[j] = mode;
    cand.zone[j] = zone;
    cand.cost[j] = cost;
    cand.bid[j] = 0;
  }
  if (p.epc_extra_bids > 0) further_bids(cx, contract_scale);
}

}  // namespace ccsim
