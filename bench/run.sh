#!/usr/bin/env bash
# Prints the table of issue 6 as measured here: medians of several runs (Release build).
# Usage: bench/run.sh [BUILD_DIR]   (default build; builds ccsim_bench first)
set -euo pipefail
build=${1:-build}
cmake --build "$build" --target ccsim_bench -j2 >/dev/null
b="$build/bench/ccsim_bench"
json=$(mktemp)
# Repetitions interleaved at random, so that a drift of the machine's speed falls on every figure
# alike rather than on whichever ran last.
"$b" --benchmark_repetitions=5 --benchmark_enable_random_interleaving=true \
  --benchmark_report_aggregates_only=true --benchmark_format=json \
  --benchmark_filter='BM_baseline_replication|BM_scale|BM_runs_parallel' >"$json"
"$b" --benchmark_repetitions=5 --benchmark_enable_random_interleaving=true \
  --benchmark_report_aggregates_only=true --benchmark_format=json \
  --benchmark_filter='BM_firms' >"$json.firms"
m4=$("$b" --memory 10000 | awk '{print $4}')
m6=$("$b" --memory 1000000 | awk '{print $4}')
r6=$("$b" --memory 1000000 | awk '{print $6}')
python3 - "$json" "$json.firms" "$m4" "$m6" "$r6" "$("$b" --about)" <<'PY'
import json, sys
a = {b["name"]: b for b in json.load(open(sys.argv[1]))["benchmarks"] if b.get("aggregate_name") == "median"}
f = {b["name"]: b for b in json.load(open(sys.argv[2]))["benchmarks"] if b.get("aggregate_name") == "median"}
m4, m6, per6, about = float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), sys.argv[6]
base = a["BM_baseline_replication_median"]["real_time"]
rate = a["BM_scale_median"]["firm_years_per_s"]
t4 = f["BM_firms/10000/iterations:1_median"]["real_time"]; t6 = f["BM_firms/1000000/iterations:1_median"]["real_time"]
p1 = a["BM_runs_parallel/1/real_time_median"]["real_time"]; p2 = a["BM_runs_parallel/2/real_time_median"]["real_time"]
print(f"Machine: {about}. Medians of 5 runs.\n")
print("| figure | target | measured |\n|---|---|---|")
print(f"| one baseline replication, single thread | at most 5 ms | {base:.2f} ms |")
print(f"| throughput at scale (100,000 firm agents, 2008-2035 simulated) | at least 10 million firm-years/s/core | {rate/1e6:.2f} million |")
print(f"| time, 10^6 vs 10^4 firm agents | at most 110x | {t6/t4:.1f}x ({t4:.0f} ms -> {t6:.0f} ms) |")
print(f"| peak memory, 10^6 vs 10^4 firm agents | at most 110x | {m6/m4:.1f}x ({m4/1024:.0f} MiB -> {m6/1024:.0f} MiB) |")
print(f"| peak memory per firm agent at 10^6 | at most 300 bytes | {per6:.0f} bytes |")
print(f"| 64 runs, 2 threads vs 1 | at least 1.9x | {p1/p2:.2f}x |")
PY
rm -f "$json" "$json.firms"
