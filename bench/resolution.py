#!/usr/bin/env python3
"""Agent resolution check (issue 15, point 6): the baseline's zone figures of end-2016 at two agent
counts must agree within two standard errors of their difference (Welch). Too slow for the suite
at the replications it needs (about 20 s), so it is a script: see docs/performance.md.

Usage: bench/resolution.py [--build build] [--reps 200] [--seed 20130907] [--agents 2000 8000]
                           [--set key=value ...]
Exit status 1 if any figure's |t| exceeds 2."""
import gzip
import argparse, csv, math, os, subprocess, sys, tempfile
from collections import defaultdict

METRICS = ["zones", "zone_firms", "zone_output_usd_bn", "zone_taxes_usd_bn", "zone_jobs",
           "odi_flow_usd_bn", "investment_projects_started"]
YEAR = 2016


def run(build, agents, reps, seed, out, sets):
    subprocess.run([os.path.join(build, "cli", "ccsim"), "run", "scenarios/baseline.json",
                    "--out", out, "--force", "-r", str(reps), "-s", str(seed), "-t", "2",
                    "--set", f"simulation.firm_agents={agents}",
                    "--set", f"simulation.end_year={YEAR}"] +
                   [x for kv in sets for x in ("--set", kv)], check=True, stdout=subprocess.DEVNULL)
    per = defaultdict(dict)
    with open(os.path.join(out, "yearly.csv")) as f:
        for row in csv.DictReader(f):
            if int(row["year"]) == YEAR:
                per[int(row["replication"])].update({m: float(row[m]) for m in METRICS})
    hosts = defaultdict(int)
    with gzip.open(os.path.join(out, "countries.csv.gz"), "rt") as f:  # --compress large
        for row in csv.DictReader(f):
            if int(row["year"]) == YEAR and float(row["br64"]) > 0 and float(row["zones"]) > 0:
                hosts[int(row["replication"])] += 1
    for r in per:
        per[r]["zone_host_countries"] = hosts[r]
    return per


def mean_se(xs):
    n = len(xs)
    m = sum(xs) / n
    v = sum((x - m) ** 2 for x in xs) / (n - 1)
    return m, math.sqrt(v / n)


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--build", default="build")
    a.add_argument("--reps", type=int, default=200)
    a.add_argument("--seed", type=int, default=20130907)
    a.add_argument("--agents", type=int, nargs=2, default=[2000, 8000])
    a.add_argument("--set", action="append", default=[], help="a parameter override (repeatable)")
    args = a.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        runs = [run(args.build, n, args.reps, args.seed, os.path.join(tmp, str(n)), args.set)
                for n in args.agents]
    lo, hi = args.agents
    print(f"end-{YEAR}, {args.reps} replications, seed {args.seed}\n")
    print(f"| figure | {lo} agents | {hi} agents | change | Welch t |\n|---|---|---|---|---|")
    worst = 0.0
    for m in METRICS + ["zone_host_countries"]:
        (m0, s0), (m1, s1) = (mean_se([r[m] for r in x.values()]) for x in runs)
        se = math.hypot(s0, s1)
        t = (m1 - m0) / se if se > 0 else 0.0
        if m.startswith("zone"):
            worst = max(worst, abs(t))
        print(f"| {m} | {m0:.4g} +- {s0:.2g} | {m1:.4g} +- {s1:.2g} | "
              f"{100 * (m1 / m0 - 1) if m0 else 0:+.1f}% | {t:+.2f} |")
    print(f"\nlargest |t| among zone figures: {worst:.2f} (limit 2)")
    return 0 if worst <= 2 else 1


if __name__ == "__main__":
    sys.exit(main())
