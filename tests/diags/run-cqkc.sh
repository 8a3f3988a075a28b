#!/bin/sh
# Run DEC's CQKC instruction exerciser until it types DCQKC DONE (four
# whole passes) with the switch register given: pass = that line, and
# nothing typed but its CPU line (OPT.CP), the end-of-pass lines and
# DONE: no error report (VPC=...), no HALT.
# usage: run-cqkc.sh PDP1140 SR   (LOCKSTEP=1: in lockstep, set cpu lockstep)
pdp1140=$1 sr=$2
dir=${PDP11_DIAGS:-$(dirname "$0")/../../../shared/diags}
if [ ! -r "$dir/cqkc/CQKC_D.abs" ]; then
	echo "SKIP: cqkc/CQKC_D.abs not found in $dir (set PDP11_DIAGS to the folder of the MAINDEC files)"
	exit 77
fi
work=${TMPDIR:-/tmp}/cqkc.$$
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
cat >"$work/cqkc.ini" <<INI
set clock virtual
set cpu 11/40
${LOCKSTEP:+set cpu lockstep}
runlimit ${CQKC_LIMIT:-400000000} instructions
load $dir/cqkc/CQKC_D.abs
deposit sr $sr
expect "DCQKC DONE"
run 200
quit
INI
"$pdp1140" "$work/cqkc.ini" </dev/null >"$work/out" 2>"$work/err"
status=$?
text=$(tr -d '\000\r\177' <"$work/out")
extra=$(printf '%s\n' "$text" | grep -v '^ *$' | grep -v '^OPT\.CP= ' |
	grep -v '^ THE QUICK BROWN FOX JUMPS OVER THE LAZY DOGS BACK 0123456789 PASS# 000[0-3] *$' |
	grep -v '^ DCQKC DONE *$' || true)
fail=""
# LOCKSTEP set: every instruction compared with the reference engine
[ -z "${LOCKSTEP:-}" ] || grep -Eq '^lockstep: [1-9][0-9]* instructions compared, no difference$' "$work/err" ||
	fail="lockstep found a difference or did not run"
[ "$status" -eq 0 ] || fail="pdp1140 exited $status"
printf '%s\n' "$text" | grep -q 'DCQKC DONE' || fail="$fail; no DCQKC DONE"
printf '%s\n' "$text" | grep -q '^OPT\.CP= [0-7]*04 *$' || fail="$fail; CPU check did not find an 11/40"
grep -qi 'halt' "$work/err" && fail="$fail; halted"
[ -z "$extra" ] || fail="$fail; error typeout: $extra"
if [ -n "$fail" ]; then
	echo "FAIL CQKC sr $sr: ${fail#; }"
	echo "--- console"; tr -d '\000\r' <"$work/out" | tail -20
	echo "--- monitor"; tail -20 "$work/err"
	exit 1
fi
echo "PASS CQKC sr $sr: four passes"
