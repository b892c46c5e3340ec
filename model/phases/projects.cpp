#include <algorithm>
#include <cmath>

#include "model/phases/phases.hpp"
#include "model/rng.hpp"

namespace ccsim {

// Construction takes sector-specific years (and disburses the equity, or turns the EPC contract
// over); operation yields output, jobs and taxes, capped by the host's supporting capacity and
// raised by zone agglomeration; risk events impair or kill projects, and their losses fall on
// equity, loans (non-performing) and the insurer (claims).
void run_projects(Context& cx) {
  const Params& p = cx.p;
  State& s = cx.s;
  Projects& pr = s.projects;
  const World& wd = cx.world;
  const double w = s.weight;
  const Stream st(cx.setup.seed, cx.replication, Purpose::kProjectRisk, cx.year);
  const double amortise = 1 / p.loan_tenor_years;
  const int life = static_cast<int>(p.project_life_years);

  // Output per unit of project value, by country and sector, outside zones and (before
  // agglomeration) inside them; restrictions cut productivity, crowding cuts prices.
  const Eigen::ArrayXd cap = p.capacity_cap_floor + p.capacity_cap_slope * s.capacity;
  for (auto& z : s.zones) z.members = 0;
  s.chinese_projects.setZero();

  const auto slots = static_cast<std::uint32_t>(pr.slots());
  for (std::uint32_t i = 0; i < slots; ++i) {
    if (pr.stage[i] == kFree) continue;
    const int c = pr.country[i], k = pr.sector[i];
    const auto ks = static_cast<std::size_t>(k);
    const bool br = wd.br64(c) > 0, epc = pr.mode[i] == kEpc;

    const auto u = st.uniforms(pr.serial[i]);
    const double hazard = p.project_hazard * s.risk(c) + p.shock_hazard * s.shock(c);
    if (u[0] < hazard) {
      const bool fail = u[1] < p.failure_share;
      const double before = pr.value[i];
      const double loss = fail ? before : before * p.impairment_severity;
      const double loan_loss = pr.loan[i] * loss / before;
      s.cm(c, cm_losses) += w * loss;
      s.cm(c, cm_claims) += w * loss * pr.insured[i] / pr.cost[i];
      const double npl = std::min(w * loan_loss, s.loans(c));
      s.loans(c) -= npl;
      s.npl(c) += npl;
      s.odi_stock(c) -= w * pr.equity[i] * loss / before;
      if (br) s.sm(k, sm_losses) += w * loss;
      s.learning.push_back({pr.firm[i], static_cast<std::uint8_t>(c),
                            static_cast<float>(-p.experience_failure * (fail ? 1.0 : 0.5))});
      if (fail) {
        s.cm(c, cm_projects_failed) += w;
        pr.release(i);
        continue;
      }
      pr.value[i] = static_cast<float>(before - loss);
      pr.loan[i] = static_cast<float>(pr.loan[i] - loan_loss);
      pr.insured[i] = static_cast<float>(pr.insured[i] * (1 - p.impairment_severity));
      if (pr.stage[i] == kConstruction) ++pr.years_left[i];  // the event delays the works
    }

    s.cm(c, cm_premiums) += w * p.insurance_premium_rate * pr.insured[i];
    s.chinese_projects(c, k) += w;
    if (pr.zone[i] >= 0) s.zones[static_cast<std::size_t>(pr.zone[i])].members += 1;

    if (pr.stage[i] == kConstruction) {
      const double per_year = 1.0 / pr.lag[i];
      s.cm(c, cm_under_construction) += w * pr.value[i];
      if (br) s.sm(k, sm_under_construction) += w * pr.value[i];
      if (epc) {
        s.cm(c, cm_epc_turnover) += w * pr.cost[i] * per_year;
        if (br) s.sm(k, sm_epc_turnover) += w * pr.cost[i] * per_year;
      } else {
        const double odi = w * pr.equity[i] * per_year;
        s.cm(c, cm_odi_flow) += odi;
        s.odi_stock(c) += odi;
        if (br) s.sm(k, sm_odi_flow) += odi;
        if (pr.zone[i] >= 0)
          s.zones[static_cast<std::size_t>(pr.zone[i])].invested += w * pr.cost[i] * per_year;
      }
      if (--pr.years_left[i] == 0) {
        s.learning.push_back(
            {pr.firm[i], static_cast<std::uint8_t>(c), static_cast<float>(p.experience_success)});
        if (epc) {
          pr.release(i);
        } else {
          pr.stage[i] = kOperation;
        }
      }
      continue;
    }

    // Operation.
    double productivity = std::min(cap(c), 1.0);
    if (pr.zone[i] >= 0) {
      const Zone& z = s.zones[static_cast<std::size_t>(pr.zone[i])];
      productivity =
          std::min(cap(c), 1 + p.zone_agglomeration * z.quality * std::log1p(z.members_last * w)) *
          p.zone_productivity;
    }
    productivity *= 1 - p.restriction_productivity_loss * p.tech_restriction[ks];
    const double full = pr.value[i] * p.output_per_usd[ks] * productivity;
    const double crowd =
        p.crowding_loss * s.crowding(c, k) * (1 - p.platform_coordination * pr.member[i]);
    const double output = w * full * (1 - crowd);
    const double jobs = w * pr.value[i] * 1000 * p.jobs_per_musd[ks] * p.jobs_scale;
    const double taxes = output * p.tax_yield[ks] * p.tax_yield_scale;
    s.cm(c, cm_output) += output;
    s.cm(c, cm_jobs) += jobs;
    s.cm(c, cm_taxes) += taxes;
    s.cm(c, cm_crowding_loss) += w * full * crowd;
    if (br) {
      s.sm(k, sm_output) += output;
      s.sm(k, sm_jobs) += jobs;
      s.sm(k, sm_taxes) += taxes;
      s.sm(k, sm_crowding_loss) += w * full * crowd;
    }
    if (pr.zone[i] >= 0) {
      s.cm(c, cm_zone_output) += output;
      s.cm(c, cm_zone_jobs) += jobs;
      s.cm(c, cm_zone_taxes) += taxes;
    }
    pr.loan[i] = static_cast<float>(pr.loan[i] * (1 - amortise));
    if (++pr.age[i] >= life) pr.release(i);
  }

  // The loan book amortises; part of it sours where FX/credit events strike; bad loans resolve.
  const Eigen::ArrayXd soured = s.loans * (p.sovereign_npl_share * s.fx_shock).min(1.0);
  s.npl = s.npl * (1 - p.npl_writeoff_rate) + soured;
  s.loans = (s.loans - soured) * (1 - amortise);
}

}  // namespace ccsim
