#!/usr/bin/env python3
"""The magnitudes of docs/model.md's "Magnitudes" table, from `ccsim run` outputs (yearly.csv).

usage: bench/magnitudes.py BASELINE_DIR [RISK_X2_DIR [FIRM_POPULATION]]
Means over replications with their standard errors; the risk response is paired by replication
(common random numbers: run both with the same seed and replications).
"""
import gzip
import csv
import math
import sys
from collections import defaultdict


def load(d):
    rows = defaultdict(dict)  # replication -> year -> row
    with open(f"{d}/yearly.csv") as f:
        for r in csv.DictReader(f):
            rows[int(r["replication"])][int(r["year"])] = {k: float(v) for k, v in r.items()}
    return rows


def mean_se(xs):
    n = len(xs)
    m = sum(xs) / n
    sd = math.sqrt(sum((x - m) ** 2 for x in xs) / (n - 1)) if n > 1 else 0.0
    return m, sd / math.sqrt(n)


def report(name, xs, fmt="{:.3f}"):
    m, se = mean_se(xs)
    print(f"{name:58s} {fmt.format(m)} (se {fmt.format(se)})")


def cum(rep, metric, y0, y1):
    return sum(rep[y][metric] for y in range(y0, y1 + 1))


def risk_semi_elasticity(d):
    """OLS of log cumulative ODI 2013-2030 on mean risk and log mean GDP over the 64 partners
    (pooled over replications), times the cross-country sd of risk: log points per sd."""
    odi, risk, gdp = defaultdict(float), defaultdict(list), defaultdict(list)
    with gzip.open(f"{d}/countries.csv.gz", "rt") as f:  # ccsim run --compress large
        for r in csv.DictReader(f):
            if float(r["br64"]) != 1 or not 2013 <= int(r["year"]) <= 2030:
                continue
            c = r["iso3"]
            odi[c] += float(r["odi_flow_usd_bn"])
            risk[c].append(float(r["effective_risk"]))
            gdp[c].append(float(r["gdp_usd_bn"]))
    rows = [(sum(risk[c]) / len(risk[c]), math.log(sum(gdp[c]) / len(gdp[c])), math.log(odi[c]))
            for c in odi if odi[c] > 0]
    a = [[0.0] * 4 for _ in range(3)]
    for r, g, y in rows:
        v = (1.0, r, g)
        for i in range(3):
            a[i][3] += v[i] * y
            for j in range(3):
                a[i][j] += v[i] * v[j]
    for i in range(3):  # Gauss-Jordan with partial pivoting
        piv = max(range(i, 3), key=lambda k: abs(a[k][i]))
        a[i], a[piv] = a[piv], a[i]
        for k in range(3):
            if k != i:
                f = a[k][i] / a[i][i]
                a[k] = [x - f * z for x, z in zip(a[k], a[i])]
    beta = a[1][3] / a[1][1]
    rs = [r for r, _, _ in rows]
    m = sum(rs) / len(rs)
    sd = math.sqrt(sum((r - m) ** 2 for r in rs) / len(rs))
    return beta * sd, len(rows)


def main():
    base = load(sys.argv[1])
    pop = float(sys.argv[3]) if len(sys.argv) > 3 else 20000.0
    reps = sorted(base)
    print(f"{len(reps)} replications")
    report("cumulative ODI 2017-2030 (US$ bn)", [cum(base[r], "odi_flow_usd_bn", 2017, 2030) for r in reps])
    report("cumulative crowding loss 2017-2030 (US$ bn)",
           [cum(base[r], "crowding_loss_usd_bn", 2017, 2030) for r in reps])
    report("crowding loss / cumulative ODI 2017-2030",
           [cum(base[r], "crowding_loss_usd_bn", 2017, 2030) / cum(base[r], "odi_flow_usd_bn", 2017, 2030)
            for r in reps])
    report("crowding loss / output 2017-2030",
           [cum(base[r], "crowding_loss_usd_bn", 2017, 2030) /
            (cum(base[r], "output_total_usd_bn", 2017, 2030) + cum(base[r], "crowding_loss_usd_bn", 2017, 2030))
            for r in reps])
    years = sorted(base[reps[0]])
    for y in (2013, 2016, 2020, 2030):
        if y in years:
            report(f"share of firm population going out, {y}", [base[r][y]["firms_going_out"] / pop for r in reps])
    for y in (2013, 2016, 2020, 2025, 2030):
        if y in years:
            report(f"NPL ratio (npl / (outstanding + npl)), {y}",
                   [base[r][y]["npl_usd_bn"] / (base[r][y]["npl_usd_bn"] + base[r][y]["policy_loans_outstanding_usd_bn"])
                    for r in reps])
    try:
        b, n = risk_semi_elasticity(sys.argv[1])
        print(f"{'cross-country semi-elasticity of ODI to risk (log pts per sd, ' + str(n) + ' partners)':58s} {b:.3f}")
    except FileNotFoundError:
        pass
    if len(sys.argv) > 2:
        risk = load(sys.argv[2])
        report("ODI 2017-2030, all risks x2 / baseline - 1",
               [cum(risk[r], "odi_flow_usd_bn", 2017, 2030) / cum(base[r], "odi_flow_usd_bn", 2017, 2030) - 1
                for r in reps])
        report("firms going out 2017-2030, all risks x2 / baseline - 1",
               [cum(risk[r], "firms_going_out", 2017, 2030) / cum(base[r], "firms_going_out", 2017, 2030) - 1
                for r in reps])
        for y in (2020, 2030):
            report(f"NPL ratio, all risks x2, {y}",
                   [risk[r][y]["npl_usd_bn"] / (risk[r][y]["npl_usd_bn"] + risk[r][y]["policy_loans_outstanding_usd_bn"])
                    for r in reps])


if __name__ == "__main__":
    main()
