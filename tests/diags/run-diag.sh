#!/bin/sh
# Run one DEC MAINDEC diagnostic as its README says: load it, switch
# register 0, start at 200. Pass: two bells (two passes), no HALT, and no
# console output other than the diagnostic's own title and pass marks.
# usage: run-diag.sh PDP1140 FILE [TITLE]
# DIAG_CPU (e.g. kj11) is given to `set cpu`; DIAG_LIMIT is the run limit
# in instructions; LOCKSTEP=1 runs it in lockstep (set cpu lockstep).
pdp1140=$1 file=$2 title=$3
dir=${PDP11_DIAGS:-$(dirname "$0")/../../../shared/diags}
if [ ! -r "$dir/$file" ]; then
	echo "SKIP: $file not found in $dir (set PDP11_DIAGS to the folder of the MAINDEC files)"
	exit 77
fi
work=${TMPDIR:-/tmp}/diag.$$
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
cat >"$work/diag.ini" <<INI
set clock virtual
set cpu 11/40
set cpu ${DIAG_CPU:-nokj11}
${LOCKSTEP:+set cpu lockstep}
runlimit ${DIAG_LIMIT:-1500000000} instructions
load $dir/$file
deposit sr 0
expect "\\007"
run 200
expect "\\007"
continue
quit
INI
"$pdp1140" "$work/diag.ini" </dev/null >"$work/out" 2>"$work/err"
status=$?
bells=$(tr -cd '\007' <"$work/out" | wc -c)
# What the diagnostic typed besides bells, pass marks and line ends.
extra=$(tr -d '\000\007\r\177*' <"$work/out" | tr -s '\n' | grep -v '^$' | grep -vxF "${title:-@none@}" || true)
fail=""
# LOCKSTEP set: every instruction compared with the reference engine
[ -z "${LOCKSTEP:-}" ] || grep -Eq '^lockstep: [1-9][0-9]* instructions compared, no difference$' "$work/err" ||
	fail="lockstep found a difference or did not run"
[ "$status" -eq 0 ] || fail="pdp1140 exited $status"
[ "$bells" -ge 2 ] || fail="$fail; $bells bells, want 2"
grep -qi 'halt' "$work/err" && fail="$fail; halted"
[ -z "$extra" ] || fail="$fail; error typeout: $extra"
if [ -n "$fail" ]; then
	echo "FAIL $file: ${fail#; }"
	echo "--- console"; od -c "$work/out" | tail -20
	echo "--- monitor"; tail -20 "$work/err"
	exit 1
fi
echo "PASS $file: $bells bells"
