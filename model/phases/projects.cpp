#include <algorithm>
#include <cmath>

#include "model/phases/phases.hpp"
#include "model/rng.hpp"

namespace ccsim {

namespace {

// This year's live projects summed by cell, per agent project (US$ bn unless a count). The accounts
// are linear in a project's value, cost and equity within a cell, so the loop over projects only
// sorts money into cells; rates are applied once per cell.
struct ProjectSums {
  // countries x sectors
  Eigen::ArrayXXd count;      // live projects
  Eigen::ArrayXXd building;   // value under construction
  Eigen::ArrayXXd turnover;   // EPC contract value turned over this year
  Eigen::ArrayXXd works;      // construction done this year (EPC turnover and investments' works)
  Eigen::ArrayXXd odi;        // equity disbursed this year
  Eigen::ArrayXXd operating;  // value in operation outside zones, and of platform members' part
  Eigen::ArrayXXd operating_members;
  // zones x sectors: value in operation inside each zone, and its platform members' part
  Eigen::ArrayXXd zone_operating, zone_operating_members;
  Eigen::ArrayXd insured;  // countries
  // countries: policy loans of projects in construction (in their grace period, no debt service
  // due) and in operation (repaying)
  Eigen::ArrayXd loans_grace, loans_repaying;

  ProjectSums(Eigen::Index countries, Eigen::Index zones)
      : count(Eigen::ArrayXXd::Zero(countries, kSectors)),
        building(count),
        turnover(count),
        works(count),
        odi(count),
        operating(count),
        operating_members(count),
        zone_operating(Eigen::ArrayXXd::Zero(zones, kSectors)),
        zone_operating_members(zone_operating),
        insured(Eigen::ArrayXd::Zero(countries)),
        loans_grace(insured),
        loans_repaying(insured) {}
};

// A risk event strikes project i: it fails (and is released) or is impaired, losing a share of
// its value; the same share of its loan turns non-performing and of its equity's book value is
// written off (equity not yet disbursed is not: a failed project simply never pays it), and the
// insurer pays its cover of the loss. An impairment that would leave nothing is a failure, so no
// project lives on at value 0. Returns whether it failed.
bool risk_event(Context& cx, const Stream& st, std::uint32_t i) {
  const Params& p = cx.p;
  State& s = cx.s;
  Projects& pr = s.projects;
  const double w = s.weight;
  const int c = pr.country[i], k = pr.sector[i];
  const auto u = st.words(pr.firm[i], pr.start_year[i]);
  const double before = pr.value[i];
  const bool fail =
      r123::u01<double>(u[0]) < p.failure_share || p.impairment_severity >= 1 || before <= 0;
  const double lost = fail ? 1.0 : p.impairment_severity;  // share of the project lost
  const double loss = before * lost;
  s.cm(c, cm_losses) += w * loss;
  // The loan's lost share falls on the lender only where no one else owes it: the part of a
  // buyer's credit that the host government borrowed or guaranteed stays owed, and performing,
  // after the project fails (the host's budget services it; it can sour only through the host's
  // FX/credit events, below). An investment's loan is the project's: its lost share sours.
  const double guaranteed = pr.mode[i] == kEpc ? p.sovereign_guarantee_share : 0.0;
  const double bad_share = lost * (1 - guaranteed);  // of the loan
  // Each insured exposure (the equity's or the receivable's cover, and the loan's) loses the
  // project's share lost, the loan's cover only what the lender lost: claims are at most the loss.
  s.cm(c, cm_claims) += w * (lost * pr.insured[i] + bad_share * pr.loan_cover[i] * pr.loan[i]);
  const double npl = std::min(w * pr.loan[i] * bad_share, s.loans(c));
  s.loans(c) -= npl;
  s.npl(c) += npl;
  // The book is part of the country's stock: the min only absorbs rounding (single-precision
  // books, a double-precision stock summed in another order).
  s.odi_stock(c) -= std::min(w * pr.book[i] * lost, s.odi_stock(c));
  if (cx.world.br64(c) > 0) s.sm(k, sm_losses) += w * loss;
  s.learning.push_back({pr.firm[i], static_cast<std::uint8_t>(c),
                        static_cast<float>(-p.experience_failure * (fail ? 1.0 : 0.5))});
  if (fail) {
    s.cm(c, cm_projects_failed) += w;
    pr.release(i);
    return true;
  }
  const double kept = 1 - lost;
  pr.value[i] = static_cast<float>(before * kept);
  pr.loan[i] = static_cast<float>(pr.loan[i] * (1 - bad_share));  // the guaranteed part is owed
  pr.book[i] = static_cast<float>(pr.book[i] * kept);
  pr.insured[i] = static_cast<float>(pr.insured[i] * kept);
  pr.risk_clock[i] = risk_clock(u[1]);
  if (pr.stage[i] == kConstruction) ++pr.years_left[i];  // the event delays the works
  return false;
}

// Output, jobs, taxes and crowding losses of the operating value, by country x sector, and the
// construction flows; written to the country and sector metrics.
void accounts(Context& cx, const ProjectSums& sum) {
  const Params& p = cx.p;
  State& s = cx.s;
  const World& wd = cx.world;
  const double w = s.weight;
  const Eigen::Index n = wd.countries();

  // Output per unit of value before crowding: sector rates, restrictions cut productivity, the
  // host's supporting capacity caps it (zones raise it by agglomeration, up to the same cap).
  using SectorRow = Eigen::Array<double, 1, kSectors>;  // fixed size: no allocation per zone
  SectorRow sector_rate, job_rate, tax_rate;
  for (std::size_t k = 0; k < kSectors; ++k) {
    const auto ki = static_cast<Eigen::Index>(k);
    sector_rate(ki) =
        w * p.output_per_usd[k] * (1 - p.restriction_productivity_loss * p.tech_restriction[k]);
    job_rate(ki) = w * 1000 * p.jobs_per_musd[k] * p.jobs_scale;
    tax_rate(ki) = p.tax_yield[k] * p.tax_yield_scale;
  }
  const Eigen::ArrayXd cap = p.capacity_cap_floor + p.capacity_cap_slope * s.capacity;
  // Price competition among Chinese firms cuts prices, not quantities: what it can take is the
  // margin over cost (crowding_margin of sales), of which crowding_loss is competed away at full
  // crowding (Bertrand among like rivals drives the price to cost). Physical output and jobs are
  // unchanged; the sales value falls by the price cut, a transfer to the host's buyers.
  const Eigen::ArrayXXd crowd =
      p.crowding_loss * p.crowding_margin * s.crowding;  // countries x sectors
  // Sales value lost to crowding, where platform members lose less of it, and what is left.
  // Both are sums of non-negative terms (crowd and coordination lie in [0, 1], members' value is
  // part of the value), so neither output nor its loss can round below zero, as a difference of
  // output before and after crowding could.
  auto crowded = [&](const auto& value, const auto& members, const auto& crowd_k) {
    return crowd_k * (value - p.platform_coordination * members);
  };
  auto net = [&](const auto& value, const auto& members, const auto& crowd_k) {
    return value * (1 - crowd_k) + p.platform_coordination * crowd_k * members;
  };

  Eigen::ArrayXXd lost =
      (crowded(sum.operating, sum.operating_members, crowd).colwise() * cap.min(1.0)).rowwise() *
      sector_rate;
  Eigen::ArrayXXd output =
      (net(sum.operating, sum.operating_members, crowd).colwise() * cap.min(1.0)).rowwise() *
      sector_rate;
  Eigen::ArrayXXd jobs = sum.operating.rowwise() * job_rate;
  Eigen::ArrayXd zone_output = Eigen::ArrayXd::Zero(n), zone_jobs = Eigen::ArrayXd::Zero(n),
                 zone_taxes = Eigen::ArrayXd::Zero(n);
  for (std::size_t zi = 0; zi < s.zones.size(); ++zi) {
    const Zone& z = s.zones[zi];
    const auto r = static_cast<Eigen::Index>(zi);
    const int c = z.country;
    const double productivity =
        std::min(cap(c), 1 + p.zone_agglomeration * z.quality * std::log1p(z.members_last * w)) *
        p.zone_productivity;
    const SectorRow value = sum.zone_operating.row(r), members = sum.zone_operating_members.row(r);
    const SectorRow z_lost = crowded(value, members, crowd.row(c)) * productivity * sector_rate,
                    z_output = net(value, members, crowd.row(c)) * productivity * sector_rate,
                    z_jobs = value * job_rate;
    lost.row(c) += z_lost;
    output.row(c) += z_output;
    jobs.row(c) += z_jobs;
    zone_output(c) += z_output.sum();
    zone_jobs(c) += z_jobs.sum();
    zone_taxes(c) += (z_output * tax_rate).sum();
  }
  const Eigen::ArrayXXd taxes = output.rowwise() * tax_rate;

  const Eigen::MatrixXd br = wd.br64.matrix();  // sector totals count the 64 partners
  auto by_sector = [&](const Eigen::ArrayXXd& a) { return (a.matrix().transpose() * br).array(); };
  s.cm.col(cm_output) += output.rowwise().sum();
  s.cm.col(cm_jobs) += jobs.rowwise().sum();
  s.cm.col(cm_taxes) += taxes.rowwise().sum();
  s.cm.col(cm_crowding_loss) += lost.rowwise().sum();
  s.cm.col(cm_zone_output) += zone_output;
  s.cm.col(cm_zone_jobs) += zone_jobs;
  s.cm.col(cm_zone_taxes) += zone_taxes;
  s.sm.col(sm_output) += by_sector(output);
  s.sm.col(sm_jobs) += by_sector(jobs);
  s.sm.col(sm_taxes) += by_sector(taxes);
  s.sm.col(sm_crowding_loss) += by_sector(lost);

  s.cm.col(cm_under_construction) += w * sum.building.rowwise().sum();
  s.sm.col(sm_under_construction) += w * by_sector(sum.building);
  s.cm.col(cm_epc_turnover) += w * sum.turnover.rowwise().sum();
  s.sm.col(sm_epc_turnover) += w * by_sector(sum.turnover);
  // Host workers on the sites: construction done (US$ m) times the sector's rate.
  Eigen::Array<double, 1, kSectors> site_jobs;
  for (std::size_t k = 0; k < kSectors; ++k)
    site_jobs(static_cast<Eigen::Index>(k)) = w * 1000 * p.construction_jobs_per_musd[k];
  const Eigen::ArrayXXd construction_jobs = sum.works.rowwise() * site_jobs;
  s.cm.col(cm_construction_jobs) += construction_jobs.rowwise().sum();
  s.sm.col(sm_construction_jobs) += by_sector(construction_jobs);
  const Eigen::ArrayXd odi = w * sum.odi.rowwise().sum();
  s.cm.col(cm_odi_flow) += odi;
  s.odi_stock += odi;
  s.sm.col(sm_odi_flow) += w * by_sector(sum.odi);
  // Premiums are priced on the host's country risk (rated on its structural risk, not this
  // year's shocks).
  s.cm.col(cm_premiums) += w * p.insurance_premium_rate * s.base_risk * sum.insured;
  s.chinese_projects = w * sum.count;
}

// Crowding's stock: the live projects of each sector, each placed by where it was expected to go
// rather than where it went (docs/model.md, "Crowding"). A function of realised counts that are
// lumps of one agent's weight is biased by the lumps when it is concave (Jensen): crowding then
// depended on the number of agents (issue 15, point 6). The expected locations are a smooth
// quantity of the same mean: the year's starts spread over the countries by their choice
// probabilities are added, and the sector's stock is then thinned by its realised survival, so
// that each sector's total equals its realised live projects exactly:
//   E(t) = rho_k (E(t-1) + A(t)),  rho_k = R_k(t) / (E_k(t-1) + A_k(t)),
// A the starts' expected locations (A_k their count), R_k the sector's realised live projects.
void update_expected_projects(Context& cx) {
  State& s = cx.s;
  const Eigen::Index n = cx.world.countries();
  Eigen::ArrayXd probability(n);
  for (std::size_t k = 0; k < kSectors; ++k) {
    const auto ki = static_cast<Eigen::Index>(k);
    Eigen::ArrayXd starts = s.expected_extra.col(ki);
    for (int column = choice_column(static_cast<int>(k), 0, 0);
         column < choice_column(static_cast<int>(k), 0, 0) + kColumnsPerSector; ++column) {
      const double weight = s.expected_column(column);
      if (weight == 0) continue;
      const auto cdf = s.choice_cdf.col(column);
      probability(0) = cdf(0);
      probability.tail(n - 1) = cdf.tail(n - 1) - cdf.head(n - 1);
      starts += weight * probability;
    }
    // The stock before exits sums to last year's live projects plus this year's starts (E keeps
    // the realised totals), so rho is a survival share: the min only absorbs rounding.
    const double before = s.expected_projects.col(ki).sum() + starts.sum();
    const double live = s.chinese_projects.col(ki).sum();
    const double rho = before > 0 ? std::min(live / before, 1.0) : 0.0;
    s.expected_projects.col(ki) = rho * (s.expected_projects.col(ki) + starts);
  }
  s.expected_column.setZero();
  s.expected_extra.setZero();
}

}  // namespace

// In single precision, as the clock is kept: the uniform keeps its 32 bits' range through the
// conversion (float's exponent reaches 2^-32), and logf costs a fraction of log.
float risk_clock(std::uint32_t word) {
  return -std::log(static_cast<float>(r123::u01<double>(word)));
}

// Construction takes sector-specific years (and disburses the equity, or turns the EPC contract
// over); operation yields output, jobs and taxes, capped by the host's supporting capacity and
// raised by zone agglomeration; risk events impair or kill projects.
//
// A project meets a risk event in a year with probability h = project_hazard * risk + shock_hazard
// * shock of its host. Rather than a draw per project per year, each project runs a clock: an
// Exponential(1) amount of cumulative hazard, spent at -log(1 - h) a year; the event comes in the
// year the clock runs out, and a fresh clock starts. The chance of an event in a year, given none
// before, is exactly h (the exponential is memoryless), at a draw per event instead of per year.
void run_projects(Context& cx) {
  const Params& p = cx.p;
  State& s = cx.s;
  Projects& pr = s.projects;
  const double w = s.weight;
  const Eigen::Index n = cx.world.countries();
  const Stream st(cx.setup.seed, cx.replication, Purpose::kProjectRisk, cx.year);
  const double amortise = 1 / p.loan_tenor_years;
  const int life = static_cast<int>(p.project_life_years);
  const Eigen::ArrayXf hazard_step =
      (-(1 - (p.project_hazard * s.risk + p.shock_hazard * s.shock).min(1.0)).log()).cast<float>();

  ProjectSums sum(n, static_cast<Eigen::Index>(s.zones.size()));
  for (auto& z : s.zones) z.members = 0;
  s.zone_firm_keys.clear();

  const auto slots = static_cast<std::uint32_t>(pr.slots());
  for (std::uint32_t i = 0; i < slots; ++i) {
    if (pr.stage[i] == kFree) continue;
    const int c = pr.country[i], k = pr.sector[i];
    if (hazard_step(c) > pr.risk_clock[i]) {
      if (risk_event(cx, st, i)) continue;
    } else {
      pr.risk_clock[i] -= hazard_step(c);
    }

    sum.insured(c) += pr.insured[i] + pr.loan_cover[i] * pr.loan[i];
    sum.count(c, k) += 1;
    const int zone = pr.zone[i];
    if (zone >= 0) s.zone_firm_keys.push_back(static_cast<std::uint64_t>(zone) << 32 | pr.firm[i]);

    if (pr.stage[i] == kConstruction) {
      sum.loans_grace(c) += pr.loan[i];
      sum.building(c, k) += pr.value[i];
      if (pr.wait[i] > 0) {  // signed, its works not yet started: nothing done this year
        --pr.wait[i];
        continue;
      }
      // The backlog: what remains of the works over the years still to build. A delay (a risk
      // event adds a year) stretches what remains; the last year does the rest, so a contract
      // turns over exactly its value unless it fails first.
      const float done = pr.due[i] / pr.years_left[i];
      pr.due[i] -= done;
      sum.works(c, k) += done;
      if (pr.mode[i] == kEpc) {
        sum.turnover(c, k) += done;
      } else {
        // What is still due, spread over the years still to build: a delay stretches the
        // payments, and the last year pays the rest.
        const float paid = pr.equity[i] / pr.years_left[i];
        pr.equity[i] -= paid;
        pr.book[i] += paid;
        sum.odi(c, k) += paid;
        if (zone >= 0) {
          s.zones[static_cast<std::size_t>(zone)].invested += w * done;
          s.zone_investment_cum(c) += w * done;
        }
      }
      if (--pr.years_left[i] == 0) {
        s.learning.push_back(
            {pr.firm[i], static_cast<std::uint8_t>(c), static_cast<float>(p.experience_success)});
        if (pr.mode[i] == kEpc) {
          pr.release(i);
        } else {
          pr.stage[i] = kOperation;
        }
      }
      continue;
    }

    if (zone >= 0) {
      sum.zone_operating(zone, k) += pr.value[i];
      if (pr.member[i]) sum.zone_operating_members(zone, k) += pr.value[i];
    } else {
      sum.operating(c, k) += pr.value[i];
      if (pr.member[i]) sum.operating_members(c, k) += pr.value[i];
    }
    sum.loans_repaying(c) += pr.loan[i];
    pr.loan[i] = static_cast<float>(pr.loan[i] * (1 - amortise));
    if (++pr.age[i] >= life) pr.release(i);
  }
  // A zone's enterprises are the distinct firms with a live project inside it: a firm that
  // invested there twice is one enterprise (MOFCOM counts enterprises, not projects).
  std::sort(s.zone_firm_keys.begin(), s.zone_firm_keys.end());
  const auto distinct = std::unique(s.zone_firm_keys.begin(), s.zone_firm_keys.end());
  for (auto it = s.zone_firm_keys.begin(); it != distinct; ++it)
    s.zones[static_cast<std::size_t>(*it >> 32)].members += 1;
  accounts(cx, sum);
  update_expected_projects(cx);

  // The book's maturity: a loan is in its grace period while its project is built (no debt
  // service is due: policy loans defer principal until completion) and repays after. Only the
  // repaying part amortises, and only debt service falling due can go into arrears, so where
  // FX/credit events strike, the share that sours is that of the repaying book: a young book
  // shows few bad loans, and arrears rise as repayments come due (Rhodium Group, 2020: borrowers
  // sought restructurings "as major repayment deadlines loomed in 2019-2020"). Bad loans resolve.
  const Eigen::ArrayXd in_book = sum.loans_grace + sum.loans_repaying;
  const Eigen::ArrayXd repaying =
      (in_book > 0).select(sum.loans_repaying / in_book.max(1e-300), 1.0);
  const Eigen::ArrayXd soured = s.loans * repaying * (p.sovereign_npl_share * s.fx_shock).min(1.0);
  s.npl = s.npl * (1 - p.npl_writeoff_rate) + soured;
  s.loans = (s.loans - soured) * (1 - amortise * repaying);
}

}  // namespace ccsim
