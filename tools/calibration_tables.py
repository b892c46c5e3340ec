#!/usr/bin/env python3
"""Markdown tables of a calibration's estimates and fit, from `ccsim calibrate`'s parameters.csv
and fit.csv, for docs/calibration.md. usage: tools/calibration_tables.py [DIR]
(default outputs/calibration/baseline)."""
import csv, sys
d = sys.argv[1] if len(sys.argv) > 1 else "outputs/calibration/baseline"
g = lambda x: f"{float(x):.3g}"
print("| parameter | estimate | 90% interval |\n|---|---|---|")
for r in csv.DictReader(open(f"{d}/parameters.csv")):
    bound = " (at a bound)" if r["at_bound"] == "1" else ""
    print(f"| {r['parameter']} | {g(r['estimate'])}{bound} | [{g(r['low90'])}, {g(r['high90'])}] |")
print()
print("| target | use | figure | band | model mean | z | in band |\n|---|---|---|---|---|---|---|")
for r in csv.DictReader(open(f"{d}/fit.csv")):
    print(f"| {r['target']} | {r['use']} | {g(r['figure'])} | [{g(r['low'])}, {g(r['high'])}] | "
          f"{g(r['model_mean'])} | {float(r['z']):.2f} | {'yes' if r['in_band'] == '1' else 'no'} |")
