#!/usr/bin/env bash
# A one-node Slurm cluster on localhost for the cluster tests (issue 19): munge and Slurm from
# Debian, a slurm.conf with the node's real CPU count, select/cons_tres, proctrack/linuxproc and no
# cgroups. Sourced: `slurm_up DIR` starts munged, slurmctld and slurmd with their state, logs and
# configuration under DIR and exports SLURM_CONF; `slurm_down` stops what slurm_up started.
# Nothing outside DIR is touched except munge's key, created (as Debian's postinst does) only when
# the machine has none.

slurm_up() {
  local dir=$1 host cpus mem
  mkdir -p "$dir"/{state,spool,log,munge}
  SLURM_TEST_DIR=$dir
  host=$(hostname -s)
  cpus=$(nproc)
  mem=$(($(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 1024))
  if [ ! -s /etc/munge/munge.key ]; then
    mkdir -p /etc/munge
    mungekey --create --keyfile=/etc/munge/munge.key 2>/dev/null ||
      dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none
    chmod 400 /etc/munge/munge.key
  fi
  # munged refuses to run as root unless forced; a socket of our own so that a system munged, if
  # any, is left alone.
  munged --force --socket="$dir/munge/munge.socket" --pid-file="$dir/munge/munged.pid" \
    --log-file="$dir/log/munged.log" --seed-file="$dir/munge/munge.seed" || return 1
  cat >"$dir/slurm.conf" <<CONF
ClusterName=ccsim-test
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
SlurmctldPort=16817
SlurmdPort=16818
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=1
MinJobAge=300
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF=$dir/slurm.conf
  slurmctld -f "$SLURM_CONF" || return 1
  slurmd -f "$SLURM_CONF" || return 1
  local i
  for i in $(seq 60); do
    sinfo -h -o %T 2>/dev/null | grep -q -E '^idle' && return 0
    sleep 1
  done
  echo "slurm_up: the node did not come up; logs in $dir/log" >&2
  return 1
}

slurm_down() {
  local dir=${SLURM_TEST_DIR:-}
  [ -n "$dir" ] || return 0
  scancel --full --quiet -u root 2>/dev/null || true
  local f
  for f in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munge/munged.pid"; do
    [ -s "$f" ] && kill "$(cat "$f")" 2>/dev/null
  done
  sleep 1
  for f in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munge/munged.pid"; do
    [ -s "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null
  done
  return 0
}
