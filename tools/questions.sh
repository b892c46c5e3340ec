#!/usr/bin/env bash
# MODEL.md's three questions, answered by paired comparisons against the baseline (same seed):
# once with the calibrated parameters fixed (intervals from the random draws only), once with each
# replication drawing its parameters from scenarios/calibration/ensemble.json (intervals that also
# carry the estimate's uncertainty). Prints one line per answer: question, metric, years, then for
# each mode the difference and its 95% interval. Re-run after a recalibration; the README quotes it.
#   tools/questions.sh [OUT_DIR]     (CCSIM=path/to/ccsim, R=replications, default 200)
set -euo pipefail
cd "$(dirname "$0")/.."
ccsim=${CCSIM:-build/cli/ccsim}
out=${1:-outputs/questions}
reps=${R:-200}
ensemble=scenarios/calibration/ensemble.json
levers=(strong_policy_support retrenchment coordination_platform zone_upgrading kazakhstan_package
        global_risk_up tougher_competition tech_restrictions_chemicals)
mkdir -p "$out"
for mode in draws parameters; do
  extra=()
  [ "$mode" = parameters ] && extra=(--parameters "$ensemble")
  run() {
    "$ccsim" run "$1" -r "$reps" -t 0 --force --out "$out/$mode/$2" "${extra[@]}" 2>"$out/log.txt" \
      || { cat "$out/log.txt" >&2; exit 1; }
  }
  run scenarios/baseline.json baseline
  run scenarios/questions/lending_growth_10.json lending_growth_10
  run scenarios/central_asia_shock.json central_asia_shock
  for l in "${levers[@]}"; do run "scenarios/$l.json" "$l"; done
  cmp() { "$ccsim" compare "$out/$mode/baseline" "${@:2}" -q --force --out "$out/$mode/$1.csv"; }
  cmp q1 "$out/$mode/lending_growth_10" --years 2017-2030 \
    --metrics policy_loans_usd_bn,epc_contracts_signed,odi_flow_usd_bn,projects_dropped,lending_budget_bound
  cmp q2 "$out/$mode/central_asia_shock" --by country --years 2020-2025 --metrics zone_jobs,odi_flow_usd_bn,jobs_total
  cmp q2_total "$out/$mode/central_asia_shock" --years 2020-2025 --metrics zone_jobs,jobs_total
  lever_dirs=()
  for l in "${levers[@]}"; do lever_dirs+=("$out/$mode/$l"); done
  cmp q3 "${lever_dirs[@]}" --years 2030 --metrics odi_stock_usd_bn
done
python3 - "$out" <<'PY'
import csv, sys
out = sys.argv[1]
def rows(mode, name):
    with open(f"{out}/{mode}/{name}.csv") as f:
        return list(csv.DictReader(f))
def pick(rs, scenario=None, metric=None, key="all", view="cumulative"):
    for r in rs:
        if (scenario is None or r["scenario"] == scenario) and r["metric"] == metric \
                and r["key"] == key and (r["view"] == view or r["year_from"] == r["year_to"] and view == "year"):
            return r
    return None
def fmt(r):
    if r is None: return "n/a"
    d, lo, hi, base = (float(r[k]) for k in ("diff", "ci_low", "ci_high", "base_mean"))
    rel = f" ({100 * d / base:+.1f}%)" if base else ""
    return f"{d:+.4g} [{lo:+.4g}, {hi:+.4g}]{rel}"
lines = []
for name, metric, key, view in [
        ("q1", "policy_loans_usd_bn", "all", "cumulative"), ("q1", "epc_contracts_signed", "all", "cumulative"),
        ("q1", "odi_flow_usd_bn", "all", "cumulative"), ("q1", "projects_dropped", "all", "cumulative"),
        ("q2_total", "zone_jobs", "all", "cumulative"), ("q2", "zone_jobs", "KAZ", "cumulative"),
        ("q2", "odi_flow_usd_bn", "KAZ", "cumulative")]:
    a = pick(rows("draws", name), metric=metric, key=key, view=view)
    b = pick(rows("parameters", name), metric=metric, key=key, view=view)
    lines.append(f"{name}\t{metric}\t{key}\t{fmt(a)}\t{fmt(b)}")
for r in rows("draws", "q3"):
    if r["metric"] != "odi_stock_usd_bn" or r["view"] != "year": continue
    b = pick(rows("parameters", "q3"), scenario=r["scenario"], metric="odi_stock_usd_bn", view="year")
    lines.append(f"q3\todi_stock_usd_bn 2030\t{r['scenario']}\t{fmt(r)}\t{fmt(b)}")
print("\n".join(lines))
PY
