#pragma once
// Counter-based random streams (Random123 Philox4x32-10).
//
// A draw is a pure function of (seed, replication, purpose, year, entity id, draw index): never of
// thread, shard or the order in which entities are visited. That is what makes a run reproducible
// byte for byte whatever the thread count.
#include <Random123/philox.h>

#include <Random123/boxmuller.hpp>
#include <Random123/uniform.hpp>
#include <array>
#include <boost/random/normal_distribution.hpp>
#include <cstdint>

namespace ccsim {

// What a stream is for. Values are part of the reproducibility contract: never renumber.
enum class Purpose : std::uint32_t {
  kInit = 1,
  kSigning = 2,
  kShock = 3,
  kPush = 4,
  kChoice = 5,
  kFinance = 6,
  kContract = 7,
  kProjectRisk = 8,
  kPark = 9,
  kBids = 10,  // a contractor's further EPC bids of the year
  kSweepDesign = 20,
  kBootstrap = 21,
  kCalibration = 22,
  kParameters = 23,  // which parameter set of an ensemble a replication takes
};

class Stream {
 public:
  using Philox = r123::Philox4x32;

  Stream(std::uint64_t seed, std::uint32_t replication, Purpose purpose, std::uint32_t year)
      : key_{{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}},
        year_(year),
        tag_((static_cast<std::uint32_t>(purpose) << 24) | (replication & 0xFFFFFFu)) {}

  // Four independent 32-bit words for entity `id`, block `block`.
  std::array<std::uint32_t, 4> words(std::uint32_t id, std::uint32_t block = 0) const {
    Philox::ctr_type ctr = {{id, block, year_, tag_}};
    const Philox::ctr_type out = Philox()(ctr, key_);
    return {out[0], out[1], out[2], out[3]};
  }

  // Four uniforms in (0, 1] for entity `id`, block `block`.
  std::array<double, 4> uniforms(std::uint32_t id, std::uint32_t block = 0) const {
    const auto w = words(id, block);
    return {r123::u01<double>(w[0]), r123::u01<double>(w[1]), r123::u01<double>(w[2]),
            r123::u01<double>(w[3])};
  }

  // Two standard normals for entity `id`, block `block`.
  std::array<double, 2> normals(std::uint32_t id, std::uint32_t block = 0) const {
    const auto w = words(id, block);
    const std::uint64_t a = (std::uint64_t(w[0]) << 32) | w[1];
    const std::uint64_t b = (std::uint64_t(w[2]) << 32) | w[3];
    const r123::double2 z = r123::boxmuller(a, b);
    return {z.x, z.y};
  }

 private:
  Philox::key_type key_;
  std::uint32_t year_;
  std::uint32_t tag_;
};

// One entity's words of a stream, block after block, as a uniform random bit generator: for a
// library distribution that takes a variable number of words. It may start inside a block already
// drawn, so that one Philox block serves a few uniforms and a normal.
class EntityBits {
 public:
  using result_type = std::uint32_t;
  EntityBits(const Stream& st, std::uint32_t id, std::uint32_t block,
             const std::array<std::uint32_t, 4>& words, int used)
      : st_(st), id_(id), block_(block), words_(words), used_(used) {}
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return 0xFFFFFFFFu; }
  result_type operator()() {
    if (used_ == 4) {
      words_ = st_.words(id_, ++block_);
      used_ = 0;
    }
    return words_[static_cast<std::size_t>(used_++)];
  }

 private:
  const Stream& st_;
  std::uint32_t id_, block_;
  std::array<std::uint32_t, 4> words_;
  int used_;
};

// A standard normal by Boost's ziggurat: two words almost always (a quarter of a block), against
// Box-Muller's whole block plus a logarithm and a sine.
inline double standard_normal(EntityBits& bits) {
  return boost::random::normal_distribution<double>()(bits);
}

// A Poisson count of mean `lambda` by inversion of one uniform `u`, given exp(-lambda) (computed
// once by a caller that draws many counts of one mean). The loop ends: the cumulative probability
// reaches u below 1 within a few terms of lambda; `max` only guards a u of exactly 1.
inline int poisson_by_inversion(double u, double lambda, double exp_minus_lambda, int max) {
  double pmf = exp_minus_lambda, cdf = pmf;
  int k = 0;
  while (u > cdf && k < max) {
    ++k;
    pmf *= lambda / k;
    cdf += pmf;
  }
  return k;
}

// Mixes a master seed with indices into a new 64-bit seed (splitmix64 finaliser); used to give each
// sweep run or calibration draw its own seed that depends only on its indices.
inline std::uint64_t derive_seed(std::uint64_t master, std::uint64_t a, std::uint64_t b = 0) {
  auto mix = [](std::uint64_t z) {
    z += 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  };
  return mix(mix(mix(master) ^ a) ^ (b * 0xD6E8FEB86659FD93ull));
}

}  // namespace ccsim
