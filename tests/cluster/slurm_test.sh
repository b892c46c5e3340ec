#!/usr/bin/env bash
# The Slurm path tested for real (issue 19), run by CI: a one-node Slurm cluster on localhost
# (tests/cluster/slurm_cluster.sh), ccsim installed into a fresh prefix and NOT on PATH (the job
# scripts must find it beside themselves), then
#   1. scenarios/sweeps/job_array.sh as an array of 4 shards, and the dependent `ccsim merge`;
#   2. scenarios/sweeps/mpi_job.sh as one MPI job of 2 ranks through sbatch;
# each checked byte for byte against the same sweep on one process. Stops the daemons it started.
# usage: slurm_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/ccsim-slurm.XXXXXX)
source "$here/slurm_cluster.sh"
cleanup() {
  slurm_down
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  for f in "$work"/jobs/*.log "$work"/slurm/log/*.log; do
    [ -f "$f" ] && { echo "--- $f" >&2; tail -n 20 "$f" >&2; }
  done
  exit 1
}

cmake --install "$build" --prefix "$work/prefix" >/dev/null
lib=$work/prefix/share/ccsim/scenarios
slurm_up "$work/slurm" || fail "Slurm did not start"
mkdir -p "$work/jobs"
cd "$work/jobs"
cat >levers.json <<JSON
{
  "name": "levers",
  "scenario": "$lib/baseline.json",
  "overrides": {"simulation.end_year": 2018, "simulation.firm_agents": 300},
  "parameters": [
    {"path": "policy.lending_budget_usd_bn", "range": [20, 80]},
    {"path": "risk.global_multiplier", "range": [0.5, 2], "scale": "log"}
  ],
  "from_year": 2017,
  "design": {"type": "sobol", "base_points": 8, "bootstrap": 50},
  "replications": 2,
  "seed": 11,
  "metrics": [{"metric": "odi_flow_usd_bn", "years": [2017, 2018]}]
}
JSON
"$work/prefix/bin/ccsim" sweep levers.json --out single -q

# No ccsim on PATH in the jobs: the scripts find the installed one beside themselves.
env_path=/usr/bin:/bin:/usr/sbin:/sbin
array=$(sbatch --parsable --export=ALL,PATH=$env_path,CCSIM= --array=1-4 -c 1 \
  -o 'array-%a.log' "$lib/sweeps/job_array.sh" levers.json) || fail "sbatch of the array"
merge=$(sbatch --parsable --export=ALL,PATH=$env_path --dependency=afterok:"$array" -o merge.log \
  --wrap "$work/prefix/bin/ccsim merge outputs/levers.shard-*-of-4") || fail "sbatch of the merge"
mpi=$(sbatch --parsable --export=ALL,PATH=$env_path,CCSIM= -n 2 -o mpi.log \
  "$lib/sweeps/mpi_job.sh" levers.json mpi) || fail "sbatch of the MPI job"

for _ in $(seq 600); do
  queued=$(squeue -h -o '%i %r' -j "$array,$merge,$mpi" 2>/dev/null || true)
  [ -z "$queued" ] && break
  case $queued in *DependencyNeverSatisfied*) fail "a shard failed, so the merge never ran" ;; esac
  sleep 1
done
[ -z "$(squeue -h -j "$array,$merge,$mpi" 2>/dev/null)" ] || fail "jobs still queued after 10 minutes: $(squeue)"

for f in runs.csv points.csv sensitivity.csv salib.json; do
  [ -f "outputs/levers/$f" ] || fail "the merge wrote no outputs/levers/$f"
  cmp -s "single/$f" "outputs/levers/$f" || fail "array + merge: $f differs from one process"
  [ -f "mpi/$f" ] || fail "the MPI job wrote no mpi/$f"
  cmp -s "single/$f" "mpi/$f" || fail "MPI job: $f differs from one process"
done
grep -q '"mpi_ranks": 2' mpi/manifest.json || fail "the MPI job did not run on 2 ranks"
echo "Slurm: job array of 4 + merge, and an MPI job of 2 ranks, byte-identical to one process"
