#!/usr/bin/env bash
# `cmake --install` into a fresh prefix gives a ccsim that runs the installed scenario library
# from any directory, with the docs and the bash completion beside it.
# usage: install_test.sh CMAKE BUILD_DIR
set -euo pipefail
cmake=$1 build=$2
prefix=$(mktemp -d)
work=$(mktemp -d)
trap 'rm -rf "$prefix" "$work"' EXIT
"$cmake" --install "$build" --prefix "$prefix" >/dev/null
fail() { echo "FAIL: $*" >&2; exit 1; }
[ -x "$prefix/bin/ccsim" ] || fail "no bin/ccsim"
lib=$prefix/share/ccsim/scenarios
for f in baseline.json data/countries.csv calibration/spec.json targets/br-2013-2016.json sweeps/job_array.sh; do
  [ -e "$lib/$f" ] || fail "no share/ccsim/scenarios/$f"
done
[ -e "$prefix/share/doc/ccsim/README.md" ] && [ -e "$prefix/share/doc/ccsim/model.md" ] || fail "docs missing"
completion=$prefix/share/bash-completion/completions/ccsim
[ -e "$completion" ] || fail "no bash completion"
bash -n "$completion" || fail "the completion is not valid bash"
# The completion offers the commands and a command's options.
out=$(bash -c 'source "$1"; COMP_WORDS=(ccsim ru); COMP_CWORD=1; _ccsim; echo "${COMPREPLY[@]}"' _ "$completion")
[ "$out" = run ] || fail "completion of 'ccsim ru' gave '$out'"
out=$(bash -c 'source "$1"; COMP_WORDS=(ccsim run --para); COMP_CWORD=2; _ccsim; echo "${COMPREPLY[@]}"' _ "$completion")
[ "$out" = --parameters ] || fail "completion of 'ccsim run --para' gave '$out'"
# On PATH, from another directory, on the installed library (its data found beside it).
cd "$work"
PATH=$prefix/bin:$PATH
ccsim --version | grep -q '^ccsim ' || fail "--version"
ccsim help run | grep -q -- '--replications' || fail "help run"
ccsim validate "$lib/baseline.json" "$lib/central_asia_shock.json" >/dev/null || fail "validate"
ccsim run "$lib/baseline.json" -r 2 --set simulation.firm_agents=200 --set simulation.end_year=2015 -q
[ -s outputs/baseline/yearly_stats.csv ] || fail "no outputs/baseline/yearly_stats.csv"
echo "installed ccsim ran the installed library"
