#pragma once
// The state of one replication, laid out for the yearly loops: structure of arrays, Eigen blocks
// for country and country x sector quantities, buffers reserved once and reused every year.
#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <vector>

#include "model/dims.hpp"

namespace ccsim {

// A firm remembers its experience in at most this many countries (the most salient ones).
inline constexpr int kExperienceSlots = 4;
inline constexpr std::uint8_t kNoCountry = 255;
inline constexpr int kRiskClasses = 3;

struct Firms {  // index = firm id; visited in id order
  std::vector<std::uint8_t> sector, soe, member, risk_class;
  std::vector<float> tech;  // technology relative to the frontier, 0-1
  // The firm's capital (relative to the median firm) enters only as these two factors, fixed at
  // creation: capital^-push_capital and capital^size_capital_elasticity.
  std::vector<float> push_factor;
  std::vector<float> size_factor;
  std::vector<std::array<std::uint8_t, kExperienceSlots>> exp_country;
  std::vector<std::array<float, kExperienceSlots>> exp_level;
  // experience_gain(beta_experience, level) of each slot (model/phases/phases.hpp)
  std::vector<std::array<float, kExperienceSlots>> exp_gain;
  std::size_t size() const { return sector.size(); }
};

// An investment (greenfield or acquisition) may locate in a zone: the zone is a location
// (Projects::zone), not a mode (value 1 was once "greenfield in a park").
enum Mode : std::uint8_t { kGreenfield = 0, kAcquisition = 2, kEpc = 3 };
enum Stage : std::uint8_t { kFree = 0, kConstruction = 1, kOperation = 2 };

// A pool of projects; a released slot is reused by the next project started. Money is per agent
// project (US$ bn): multiply by the agent weight for real totals. A project's random stream is
// keyed by (firm, start year): a firm starts at most one project a year, so the key names the
// project whatever else happened in the run (common random numbers across scenarios).
struct Projects {
  std::vector<std::uint8_t> stage, mode, country, sector, lag, years_left, age, member;
  // Years an EPC contract signed still waits for its buyer's credit to come into effect before
  // its works start (docs/model.md, "Backlog").
  std::vector<std::uint8_t> wait;
  std::vector<std::int16_t> zone;
  std::vector<std::uint16_t> start_year;
  std::vector<std::uint32_t> firm;
  std::vector<float> cost, value, loan;
  // The works still to build, at cost: an EPC contract's value still to turn over, an
  // investment's spending still to come. Each construction year does what remains over the
  // years still to build, so a delay stretches the works and never adds to them, and a failed
  // project's remainder is never done (docs/model.md, "Backlog").
  std::vector<float> due;
  // Chinese equity: still to be disbursed (set at the start, paid over construction), and the
  // book value of what was disbursed (less write-offs), the project's part of its country's ODI
  // stock. A risk event writes off only the book; a failed project's undisbursed equity is never
  // paid.
  std::vector<float> equity, book;
  // Sinosure cover in force: on the equity (an investment) or the contractor's receivable (an EPC
  // contract), and the insured share of the loan (the loan's cover amortises with it).
  std::vector<float> insured, loan_cover;
  std::vector<float> risk_clock;  // cumulative hazard still to run before the next risk event
  std::vector<std::uint32_t> free_slots;

  std::size_t slots() const { return stage.size(); }
  std::uint32_t add();  // a slot for a project in construction; the caller fills it in
  void release(std::uint32_t i) {
    stage[i] = kFree;
    free_slots.push_back(i);
  }
  void reserve(std::size_t n);
};

// Projects proposed this year, before finance and bidding.
struct Candidates {
  std::vector<std::uint32_t> firm;
  std::vector<std::uint8_t> country, sector, mode;
  std::vector<std::int16_t> zone;
  std::vector<double> cost, loan, fund;        // loan and fund: asked, then committed (per agent)
  std::vector<std::uint32_t> clock, priority;  // random words: first risk clock, funding queue
  std::vector<std::uint8_t> admitted;          // an investment, or an EPC bid won, not yet dropped
  std::vector<std::uint8_t> bid;  // 0 for a firm's first proposal; 1.. its further EPC bids
  // n candidates whose fields hold whatever they held: the choice writes the proposal's fields and
  // the finance the rest, each before any is read (zeroing them cost a pass over memory a year).
  void resize(std::size_t n);
  std::size_t size() const { return firm.size(); }
};

struct Zone {
  int country;
  int sector;  // -1 mixed
  int open_year;
  double quality;
  double members;       // firm agents with a live investment inside, counted each year (each
                        // firm once however many projects it has there: MOFCOM counts
                        // enterprises); times the agent weight, the zone's enterprises
  double members_last;  // last year's count, behind this year's agglomeration
  double invested;      // this year's investment inside (US$ bn, real)
};

struct LearningEvent {
  std::uint32_t firm;
  std::uint8_t country;
  float delta;
};

struct State {
  int year = 0;
  double weight = 1;  // real enterprises per firm agent

  Firms firms;
  Projects projects;
  Candidates candidates;
  std::vector<std::uint32_t> goers;
  std::vector<Zone> zones;
  std::vector<LearningEvent> learning;
  // (zone << 32 | firm) of each live zone project this year: sorted, their distinct values are the
  // zones' enterprises (a buffer reused every year)
  std::vector<std::uint64_t> zone_firm_keys;
  // This year's candidates going ahead (investments and EPC bids won), in candidate order, and
  // the order in which commit_finance funds them.
  std::vector<std::uint32_t> going_ahead, funding_order;

  // countries
  Eigen::ArrayXd gdp, growth, capacity, base_risk, risk, shock, fx_shock, loans, npl, odi_stock;
  Eigen::ArrayXd policy_support, finance_cost, special_loan, package_fund, package_pull;
  // loan_ratio: the share of policy credit asked that was granted this year (last year's until
  // the commitment); loan_offer: the indicative package of this year's bids; loan_asked: the
  // policy credit asked by what went ahead (real US$ bn).
  Eigen::ArrayXd loan_ratio, loan_offer, loan_asked, fund_ratio, zone_pull, bm_projects;
  // zone_pull: the quality of the country's best zone, behind park agglomeration in the choice
  // zones' output and taxes since the first simulated year (MOFCOM counts them since opening)
  Eigen::ArrayXd zone_output_cum, zone_taxes_cum, zone_investment_cum;
  // The scenario's scheduled part of `shock`, and GDP relative to its observed path: observed GDP
  // holds what happened, random events included, but a scheduled shock is a counterfactual.
  Eigen::ArrayXd scheduled_shock, off_path;
  Eigen::ArrayXXd risk_components;      // countries x kRiskKinds
  Eigen::ArrayXXi agreement_year;       // countries x kAgreementKinds
  Eigen::ArrayXXd presence, presence0;  // countries x kOrigins: now and initially
  Eigen::ArrayXXd cluster;              // countries x 3 years: investment starts, any mode (real)
  Eigen::ArrayXXd cluster_sector;       // countries x sectors, this year's
  // countries x sectors. chinese_projects: live projects (agent projects times the weight);
  // expected_projects: the same stock with each project placed by its expected location (the choice
  // probabilities its firm drew from) instead of the realised one, behind crowding
  // (docs/model.md, "Crowding"); expected_extra: this year's starts' expected locations that the
  // column weights below leave out (the firms' own experience).
  Eigen::ArrayXXd demand, resource_fit, competition, crowding, chinese_projects, epc_prob;
  Eigen::ArrayXXd expected_projects, expected_extra;
  // per choice column: this year's starts' weight on the column's probabilities (real agents
  // over the firm's total choice weight)
  Eigen::ArrayXd expected_column;
  Eigen::ArrayXXi best_zone;  // countries x sectors: zone a park entrant picks, -1 none
  // choice tables: countries x (sectors * risk classes * 2 memberships), cumulative weights
  Eigen::ArrayXXd choice_cdf;
  Eigen::Array<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic> choice_guide;  // same shape
  Eigen::ArrayXd inclusive_value;  // sectors * risk classes
  Eigen::ArrayXd invest_tech;      // countries: this year's investment times technology (real)

  // financiers and totals of the year
  double lending_budget = 0, fund_budget = 0, budget_growth_index = 1, fund_growth_index = 1;
  double firms_going_out = 0;
  double budget_used = 0;       // of lending_budget, committed this year (US$ bn)
  bool budget_bound = false;    // whether the budget left a request short this year
  double short_term_cover = 0;  // Sinosure's short-term export credit cover of the year
  double experience_beta = 0;   // the beta_experience behind firms.exp_gain
  double membership_share = 0;  // the platform_membership behind firms.member
  std::array<double, kSectors> pressure{};
  std::array<double, kSectors> tech_index{};  // sector technology with growth and restrictions

  // accumulators of the year: countries x metrics, sectors x metrics
  Eigen::ArrayXXd cm;
  Eigen::ArrayXXd sm;
};

// Empties `s` for a new replication: every value as in a new State, but the agent buffers (firms,
// projects, candidates, goers, zones, learning events) keep their memory, already allocated and
// touched by the replication before: a worker's next replication then allocates nothing and takes
// no page faults (at 10^6 agents, faulting in a fresh state's 170 MB costs about 3% of a run).
void reset(State& s);

constexpr int choice_column(int sector, int risk_class, int member) {
  return (sector * kRiskClasses + risk_class) * 2 + member;
}
inline constexpr int kColumnsPerSector = kRiskClasses * 2;

}  // namespace ccsim
