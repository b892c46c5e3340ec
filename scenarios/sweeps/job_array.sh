#!/bin/bash
# A sweep as a Slurm job array: each array task runs one shard, then a dependent job merges them.
#
#   jid=$(sbatch --parsable --array=1-8 -c 1 job_array.sh sobol_levers.json)
#   sbatch --dependency=afterok:$jid --wrap "ccsim merge outputs/sobol-levers.shard-*-of-8"
#
# (from the directory that holds the sweep file, or give its path). The task's CPUs are the
# submission's (-c/--cpus-per-task, default 1): the script asks for none of its own, so it fits
# any node. Task K of N writes outputs/<sweep name>.shard-K-of-N, where `ccsim sweep --shard K/N`
# writes it by hand, and `ccsim merge` writes outputs/<sweep name>, where an unsharded
# `ccsim sweep` writes it; a second argument gives another base directory instead
# (OUT/shard-K-of-N; then merge OUT/shard-*-of-N --out OUT/merged).
#
# Shards are numbered 1..N, so the array must be --array=1-N (not 0-based): task K of N runs the
# runs i with i mod N = K - 1. Any N gives the same merged bytes as one unsharded sweep.
#
# --resume makes the task safe to requeue or re-submit: a shard killed by the time limit, a node
# failure or scancel continues where it stopped, and a finished shard is left as it is.
# Re-submit the same array (same N) to finish the shards that did not complete. The ids must be
# contiguous (no --array=1-15:2), since SLURM_ARRAY_TASK_COUNT is taken as N.
#
# ccsim: $CCSIM if set, else the ccsim on PATH, else the one installed beside this script
# (PREFIX/bin/ccsim for PREFIX/share/ccsim/scenarios/sweeps/job_array.sh).
#
#SBATCH --job-name=ccsim-sweep
#SBATCH --mem-per-cpu=1G
#SBATCH --time=01:00:00
#SBATCH --requeue
#SBATCH --output=ccsim-sweep-%A_%a.log
set -euo pipefail

SWEEP=${1:?usage: sbatch --array=1-N [-c CPUS] job_array.sh SWEEP.json [OUT_DIR]}
OUT=${2:-}
: "${SLURM_ARRAY_TASK_ID:?run this script with sbatch --array=1-N}"
: "${SLURM_ARRAY_TASK_COUNT:?run this script with sbatch --array=1-N}"
if [ "$SLURM_ARRAY_TASK_ID" -lt 1 ]; then
  echo "job_array.sh: array task ids must run 1..N (use --array=1-N)" >&2
  exit 2
fi

# Slurm runs a copy of the script from its spool, so "beside this script" is the submitted file.
script=${SLURM_JOB_ID:+$(scontrol show job "$SLURM_JOB_ID" 2>/dev/null | sed -n 's/^ *Command=\([^ ]*\).*/\1/p' | head -n 1)}
script=${script:-$0}
CCSIM=${CCSIM:-$(command -v ccsim || true)}
if [ -z "$CCSIM" ]; then
  beside=$(cd "$(dirname "$script")" && pwd)/../../../../bin/ccsim
  [ -x "$beside" ] && CCSIM=$beside
fi
[ -n "$CCSIM" ] || { echo "job_array.sh: no ccsim: set CCSIM, or put it on PATH" >&2; exit 2; }

shard=$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT
out=()
[ -n "$OUT" ] && out=(--out "$OUT/shard-$SLURM_ARRAY_TASK_ID-of-$SLURM_ARRAY_TASK_COUNT")
# Not a terminal, so progress comes as a plain line every few seconds in the task's log.
exec "$CCSIM" sweep "$SWEEP" --shard "$shard" --threads "${SLURM_CPUS_PER_TASK:-1}" "${out[@]}" --resume
