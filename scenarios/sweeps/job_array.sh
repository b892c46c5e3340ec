#!/bin/bash
# A sweep as a Slurm job array: each array task runs one shard, then a dependent job merges them.
#
#   jid=$(sbatch --parsable --array=1-8 scenarios/sweeps/job_array.sh scenarios/sweeps/sobol_levers.json)
#   sbatch --dependency=afterok:$jid --wrap \
#     "ccsim merge outputs/sweeps/sobol_levers/shard-* --out outputs/sweeps/sobol_levers/merged"
#
# Shards are numbered 1..N, so the array must be --array=1-N (not 0-based): task K of N runs the
# runs i with i mod N = K - 1. Any N gives the same merged bytes as one unsharded sweep.
#
# --resume makes the task safe to requeue or re-submit: a shard killed by the time limit, a node
# failure or scancel continues where it stopped, and a finished shard is left as it is.
# Re-submit the same array (same N) to finish the shards that did not complete. The ids must be
# contiguous (no --array=1-15:2), since SLURM_ARRAY_TASK_COUNT is taken as N.
#
#SBATCH --job-name=ccsim-sweep
#SBATCH --array=1-8
#SBATCH --cpus-per-task=4
#SBATCH --mem-per-cpu=1G
#SBATCH --time=01:00:00
#SBATCH --requeue
#SBATCH --output=ccsim-sweep-%A_%a.log
set -euo pipefail

SWEEP=${1:?usage: sbatch --array=1-N job_array.sh SWEEP.json [OUT_DIR]}
OUT=${2:-outputs/sweeps/$(basename "$SWEEP" .json)}
CCSIM=${CCSIM:-ccsim}

: "${SLURM_ARRAY_TASK_ID:?run this script with sbatch --array=1-N}"
: "${SLURM_ARRAY_TASK_COUNT:?run this script with sbatch --array=1-N}"
if [ "$SLURM_ARRAY_TASK_ID" -lt 1 ]; then
  echo "job_array.sh: array task ids must run 1..N (use --array=1-N)" >&2
  exit 2
fi

mkdir -p "$OUT"
# Not a terminal, so progress comes as a plain line every few seconds in the task's log.
exec "$CCSIM" sweep "$SWEEP" \
  --shard "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT" \
  --threads "${SLURM_CPUS_PER_TASK:-1}" \
  --out "$OUT/shard-$SLURM_ARRAY_TASK_ID" \
  --resume
