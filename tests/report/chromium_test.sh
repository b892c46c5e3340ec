#!/usr/bin/env bash
# The report in a real browser: a small baseline run and a second scenario (same seed: paired),
# `ccsim report` of both, opened in headless Chromium. The page marks <body> once every
# vega-embed promise has settled (model/report/html.cpp): the dumped DOM must say that every
# chart drew its data marks and that no script error happened; the screenshot must exist and not
# be blank; no element may load anything over the network.
# usage: chromium_test.sh CCSIM CHROMIUM SOURCE_DIR
set -euo pipefail
ccsim=$1 chromium=$2 src=$3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ccsim_report_browser.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
small=(-r 6 -t 2 -q --set simulation.firm_agents=300 --set simulation.end_year=2018)
"$ccsim" run "$src/scenarios/baseline.json" --out "$tmp/base" "${small[@]}"
"$ccsim" run "$src/scenarios/strong_policy_support.json" --out "$tmp/policy" "${small[@]}"
"$ccsim" report "$tmp/base" "$tmp/policy" --out "$tmp/report.html"
expected=$(grep -o '<div class="chart" id="[^"]*"' "$tmp/report.html" | wc -l)
[ "$expected" -eq 8 ] || { echo "expected 8 charts in the page, found $expected"; exit 1; }

# Chromium's profile in the scratch directory (a fresh one, not the user's); the virtual time
# budget lets the page's scripts run to completion before the DOM is dumped.
browse=(--headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$tmp/profile"
        --virtual-time-budget=20000 --window-size=1200,3000)
"$chromium" "${browse[@]}" --dump-dom "file://$tmp/report.html" >"$tmp/dom.html" 2>"$tmp/chromium.log" \
  || { cat "$tmp/chromium.log"; exit 1; }
"$chromium" "${browse[@]}" --screenshot="$tmp/report.png" "file://$tmp/report.html" \
  >>"$tmp/chromium.log" 2>&1 || { cat "$tmp/chromium.log"; exit 1; }
[ -n "${CCSIM_REPORT_KEEP:-}" ] && cp "$tmp/report.html" "$tmp/report.png" "$tmp/dom.html" "$CCSIM_REPORT_KEEP"/

body=$(grep -o '<body[^>]*>' "$tmp/dom.html" | head -n 1 || true)
echo "$body"
attr() { sed -n "s/.* $1=\"\\([^\"]*\\)\".*/\\1/p" <<<"$body"; }
[ "$(attr data-done)" = 1 ] || { echo "the page's script did not finish"; exit 1; }
[ "$(attr data-errors)" = 0 ] || { echo "script errors: $(attr data-errors)"; exit 1; }
[ "$(attr data-charts-rendered)" = "$expected" ] \
  || { echo "charts rendered: $(attr data-charts-rendered) of $expected"; exit 1; }
# Every chart's div holds an SVG with its data marks counted.
svgs=$(grep -o '<svg' "$tmp/dom.html" | wc -l)
[ "$svgs" -ge "$expected" ] || { echo "only $svgs SVG elements for $expected charts"; exit 1; }
if grep -o -i -E '<(script|img|link|iframe)[^>]*(src|href)="?(https?:)?//' "$tmp/dom.html"; then
  echo "the page loads something from the network"
  exit 1
fi
python3 "$src/tests/report/png_check.py" "$tmp/report.png"
echo "report rendered: $expected charts, no errors"
