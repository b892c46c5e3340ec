#pragma once
// The mechanisms of a simulated year, in the order of MODEL.md section 3.
#include <cmath>
#include <cstdint>

#include "model/metrics.hpp"
#include "model/setup.hpp"
#include "model/state.hpp"

namespace ccsim {

struct Context {
  const Setup& setup;
  const World& world;
  const Params& p;
  State& s;
  std::uint32_t replication;
  int year;
};

void environment(Context& cx);     // 1. GDP, agreements, budgets, risk events
void push(Context& cx);            // 2. overcapacity drives firms out
void choice(Context& cx);          // 3. logit country choice, mode and size
void finance(Context& cx);         // 4. finance asked, indicative packages, the short-term book
void contracts(Context& cx);       // 5. EPC bids against foreign competitors, then:
void commit_finance(Context& cx);  //   policy loans and funds committed to what goes ahead
void run_projects(Context& cx);    // 6. construction, operation, risk events
void parks(Context& cx);           // 7. zone membership, openings, quality
void upgrading(Context& cx);       // 8. host supporting capacity and standards
void learning(Context& cx);        // 9. experience from successes and failures

// A guide to the inverse CDF `cdf` (length n): guide[g] is the first country whose cumulative
// weight exceeds g / n of the total (n buckets), so a draw starts its search there and scans about
// one entry instead of the whole list.
void build_country_guide(const double* cdf, int n, std::uint8_t* guide);

// Draws a country from cumulative logit weights `cdf` (length n, guided by `guide`), each
// experienced country's weight multiplied by 1 + gain (gain = exp(beta * level) - 1); u in (0, 1].
int draw_country(const double* cdf, const std::uint8_t* guide, int n, const std::uint8_t* slots,
                 const float* gains, double u);

// exp(beta * level) - 1: by how much a firm's experience in a country raises that country's logit
// weight; kept with the level (Firms::exp_gain) so that the choice needs no exponential.
// Computed in single precision, as it is kept: 1 + gain is what weights a country, so expm1's
// accuracy near zero buys nothing that expf - 1 (a third of the cost) does not give.
inline float experience_gain(double beta, float level) {
  return std::exp(static_cast<float>(beta * level)) - 1.0f;
}

// Exponential(1) from a 32-bit random word: the cumulative hazard a project runs before its next
// risk event (see run_projects).
float risk_clock(std::uint32_t word);

// The table of country attractiveness behind the choice (and the push's inclusive value).
void attractiveness(Context& cx);

}  // namespace ccsim
