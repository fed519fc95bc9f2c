#!/usr/bin/env bash
# A one-node Slurm cluster for the shard test (CI; Debian packages
# slurm-wlm and munge):
#   tests/slurm/one-node.sh start DIR   writes DIR/slurm.conf, starts munged (if
#                                       none answers), slurmctld and slurmd, and
#                                       waits until the node is idle
#   tests/slurm/one-node.sh stop DIR    stops the daemons it started
# Then SLURM_CONF=DIR/slurm.conf makes sbatch use it.  Needs root (or sudo).
set -euo pipefail
action=$1 dir=$2
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

start() {
  mkdir -p "$dir/state" "$dir/spool" "$dir/log"
  local host; host=$(hostname -s)
  cat > "$dir/slurm.conf" <<CONF
ClusterName=phasecast-ci
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=ci Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
  if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    $SUDO mkdir -p /run/munge
    $SUDO chown munge:munge /run/munge
    $SUDO runuser -u munge -- /usr/sbin/munged
    echo "started" > "$dir/munged.started"
  fi
  $SUDO slurmctld -f "$dir/slurm.conf"
  $SUDO slurmd -f "$dir/slurm.conf"
  for _ in $(seq 60); do
    if SLURM_CONF="$dir/slurm.conf" sinfo -h -o %T 2>/dev/null | grep -qx idle; then
      return 0
    fi
    sleep 1
  done
  echo "the one-node Slurm cluster did not come up; see $dir/log" >&2
  return 1
}

stop() {
  for daemon in slurmd slurmctld; do
    [ -f "$dir/$daemon.pid" ] && $SUDO kill "$(cat "$dir/$daemon.pid")" 2>/dev/null || true
  done
  if [ -f "$dir/munged.started" ]; then
    $SUDO kill "$(cat /run/munge/munged.pid 2>/dev/null)" 2>/dev/null || true
  fi
}

"$action"
