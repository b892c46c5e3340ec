#!/usr/bin/env bash
# MPI against one process (issue 19): `mpirun -np 3 ccsim sweep` writes runs.csv, points.csv and
# sensitivity.csv byte-identical to a single-process sweep; a rank killed mid-sweep fails the
# job, and a relaunch with --resume completes it with no run lost or repeated; `mpirun -np 3
# ccsim calibrate` (each evaluation's replications on the ranks) writes the same fit.
# usage: mpi_test.sh MPIEXEC CCSIM SOURCE_DIR
set -euo pipefail
mpiexec=$1 ccsim=$2 src=$3
work=$(mktemp -d)
trap 'pkill -9 -f "ccsim sweep $work" 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
mpi() { "$mpiexec" --allow-run-as-root --oversubscribe -np "$@"; }

cat >grid.json <<JSON
{
  "name": "grid",
  "scenario": "$src/scenarios/baseline.json",
  "overrides": {"simulation.end_year": 2022, "simulation.firm_agents": 300},
  "parameters": [
    {"path": "risk.shock_severity_min", "levels": [0.1, 0.3, 0.7]},
    {"path": "/policy/insurance_coverage", "range": [0.4, 0.9], "steps": 20}
  ],
  "design": {"type": "grid"},
  "replications": 25,
  "seed": 2024,
  "metrics": [{"metric": "odi_flow_usd_bn", "years": [2013, 2022]}, {"metric": "jobs_total", "year": 2022}]
}
JSON
cat >sobol.json <<JSON
{
  "name": "sobol",
  "scenario": "$src/scenarios/baseline.json",
  "overrides": {"simulation.end_year": 2016, "simulation.firm_agents": 200},
  "parameters": [
    {"path": "risk.global_multiplier", "range": [0.5, 2], "scale": "log"},
    {"path": "policy.lending_budget_usd_bn", "range": [20, 80]}
  ],
  "design": {"type": "sobol", "base_points": 8, "bootstrap": 50},
  "replications": 2,
  "seed": 7,
  "metrics": [{"metric": "odi_flow_usd_bn", "years": [2013, 2016]}]
}
JSON
same() {  # same DIR1 DIR2 FILE...
  local a=$1 b=$2 f
  shift 2
  for f in "$@"; do cmp -s "$a/$f" "$b/$f" || fail "$b/$f differs from $a/$f"; done
}

# 1. Byte-identical whatever the ranks (1 is the plain path, 2 and 3 the rank scheduler).
"$ccsim" sweep sobol.json --out sobol-one -q
for k in 2 3; do
  mpi $k "$ccsim" sweep sobol.json --out sobol-$k -q
  same sobol-one sobol-$k runs.csv points.csv sensitivity.csv salib.json
  grep -q "\"mpi_ranks\": $k" sobol-$k/manifest.json || fail "manifest of sobol-$k lacks mpi_ranks"
done
"$ccsim" sweep grid.json --out grid-one -q
mpi 3 "$ccsim" sweep grid.json --out grid-3 -q
same grid-one grid-3 runs.csv points.csv

# 2. A rank killed mid-sweep: the job fails, saying so; --resume completes it exactly.
mpi 3 "$ccsim" sweep grid.json --out grid-killed -q >killed.log 2>&1 &
launcher=$!
for _ in $(seq 200); do
  [ -f grid-killed/runs.csv ] && [ "$(wc -l <grid-killed/runs.csv)" -gt 20 ] && break
  sleep 0.05
done
victim=
for pid in $(pgrep -f "sweep grid.json --out grid-killed" || true); do  # a rank, not mpirun
  [ "$(basename "$(readlink "/proc/$pid/exe" 2>/dev/null)")" = ccsim ] && victim=$pid
done
[ -n "$victim" ] || fail "no rank to kill (the sweep finished too soon?)"
kill -9 "$victim"
if wait "$launcher"; then fail "mpirun exited 0 after a rank was killed"; fi
grep -q -i "signal 9\|killed" killed.log || fail "mpirun did not say a rank died: $(cat killed.log)"
rows=$(($(wc -l <grid-killed/runs.csv) - 1))
all=$(($(wc -l <grid-one/runs.csv) - 1))
[ "$rows" -lt "$all" ] || fail "the killed sweep had finished ($rows of $all runs)"
grep -q '"complete": false' grid-killed/manifest.json || fail "the killed sweep's manifest says complete"
mpi 3 "$ccsim" sweep grid.json --out grid-killed --resume -q
same grid-one grid-killed runs.csv points.csv
grep -q '"complete": true' grid-killed/manifest.json || fail "the resumed sweep is not complete"

# 3. Errors: a bad sweep file exits 2 on every rank, with one message.
echo '{"name": "bad"}' >bad.json
set +e
mpi 2 "$ccsim" sweep bad.json --out bad -q 2>bad.log
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "a bad sweep under mpirun exited $rc, not 2"
[ ! -e bad ] || fail "a bad sweep left an output directory"
mpi 2 "$ccsim" run "$src/scenarios/baseline.json" -q --out runx 2>run.log && fail "run under 2 ranks"
grep -q "only \`ccsim sweep\`" run.log || fail "run under 2 ranks did not say why"
# 4. Calibration: each evaluation's replications on the ranks, the same fit as one process.
python3 - "$src" <<'PY'
import json, sys
src = sys.argv[1]
d = json.load(open(f"{src}/scenarios/calibration/spec.json"))
d.pop("$schema", None)
d.update(scenario="small.json", targets=f"{src}/scenarios/targets/br-2013-2016.json",
         replications=4, max_evaluations=12, fixed_point_rounds=1, ensemble_size=5,
         baseline_output="b.json", ensemble_output="e.json")
d["free_parameters"] = d["free_parameters"][:2]
json.dump(d, open("spec.json", "w"))
json.dump({"name": "small", "extends": f"{src}/scenarios/baseline.json",
           "simulation": {"firm_agents": 300, "end_year": 2017}}, open("small.json", "w"))
PY
"$ccsim" calibrate spec.json --out cal-one -q -t 1 >cal-one.txt
mpi 3 "$ccsim" calibrate spec.json --out cal-3 -q >cal-3.txt
same cal-one cal-3 fit.csv parameters.csv identification.csv trace.csv fitted.json ensemble.json
cmp -s cal-one.txt cal-3.txt || fail "calibrate printed another fit on 3 ranks"
grep -q '"mpi_ranks": 3' cal-3/manifest.json || fail "calibrate did not run on 3 ranks"

echo "MPI: sweeps identical on 1, 2 and 3 ranks, calibration on 3; killed at $rows of $all runs, resumed exactly"
