#!/bin/bash
# A sweep as one MPI job: rank 0 writes, the other ranks compute, runs handed out dynamically.
#
#   sbatch -n 64 mpi_job.sh sobol_levers.json
#
# (from the directory that holds the sweep file, or give its path). The outputs are
# outputs/<sweep name>, byte-identical to `ccsim sweep` on one process, whatever the number of
# ranks (-n). A job that dies (a rank killed, the time limit) leaves runs.csv a prefix of the
# table: re-submit the same line and --resume completes it. A second argument gives another
# output directory. ccsim: $CCSIM, else on PATH, else installed beside this script.
#
#SBATCH --job-name=ccsim-mpi-sweep
#SBATCH --mem-per-cpu=1G
#SBATCH --time=01:00:00
#SBATCH --output=ccsim-mpi-sweep-%j.log
set -euo pipefail

SWEEP=${1:?usage: sbatch -n RANKS mpi_job.sh SWEEP.json [OUT_DIR]}
OUT=${2:-}
script=${SLURM_JOB_ID:+$(scontrol show job "$SLURM_JOB_ID" 2>/dev/null | sed -n 's/^ *Command=\([^ ]*\).*/\1/p' | head -n 1)}
script=${script:-$0}
CCSIM=${CCSIM:-$(command -v ccsim || true)}
if [ -z "$CCSIM" ]; then
  beside=$(cd "$(dirname "$script")" && pwd)/../../../../bin/ccsim
  [ -x "$beside" ] && CCSIM=$beside
fi
[ -n "$CCSIM" ] || { echo "mpi_job.sh: no ccsim: set CCSIM, or put it on PATH" >&2; exit 2; }
out=()
[ -n "$OUT" ] && out=(--out "$OUT")
# mpirun takes the ranks and hosts from the allocation. As root (containers) OpenMPI wants
# --allow-run-as-root.
root=()
[ "$(id -u)" = 0 ] && root=(--allow-run-as-root)
exec mpirun "${root[@]}" "$CCSIM" sweep "$SWEEP" "${out[@]}" --resume -q
