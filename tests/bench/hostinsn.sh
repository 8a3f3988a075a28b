#!/bin/sh
# Host instructions per guest instruction: valgrind's callgrind counts the
# host instructions (Ir) of pdp1140 over a boot of V6 and `cc -c -O sh.c`
# with the virtual clock (tests/bench/workload.sh).
# The count is the same on any run of the same binary, so it measures a
# change where wall time on a shared machine cannot. Prints host Ir, guest
# instructions and their ratio; the transcript (less the line of host
# seconds) goes to OUT.txt, so that two builds can be compared, and with
# --keep the callgrind profile to OUT.cg for callgrind_annotate.
# usage: tests/bench/hostinsn.sh [--keep] [BUILD_DIR] [OUT]
#   ($V6_DISKS: the stock images, default ../shared/disks)
set -u
keep=no
[ "${1:-}" = --keep ] && { keep=yes; shift; }
here=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$here/build}" && pwd) || exit 1
out=${2:-hostinsn}
pdp=$build/pdp1140 v6fs=$build/disks/v6fs
[ -x "$pdp" ] && [ -x "$v6fs" ] || { echo "hostinsn: no $pdp or $v6fs (build first)"; exit 1; }
command -v valgrind >/dev/null || { echo "hostinsn: no valgrind on PATH"; exit 1; }
work=$(mktemp -d)
[ -n "${HOSTINSN_KEEPWORK:-}" ] || trap 'rm -rf "$work"' EXIT
. "$here/tests/bench/workload.sh"
workload "$work" hostinsn || exit 1
(cd "$work" && valgrind --tool=callgrind --dump-instr=yes --callgrind-out-file="$work/cg.out" --log-file="$work/valgrind.log" \
	"$pdp" cg.ini >"$work/transcript" 2>&1) ||
	{ tail -20 "$work/valgrind.log"; echo "hostinsn: the run failed"; exit 1; }
grep -v '^host: ' "$work/transcript" >"$out.txt"
[ $keep = yes ] && cp "$work/cg.out" "$out.cg"
ir=$(sed -n 's/^==[0-9]*== Collected : *\([0-9]*\)$/\1/p' "$work/valgrind.log")
guest=$(sed -n 's/^\([0-9]*\) instructions, bus time.*/\1/p' "$work/transcript")
[ -n "$ir" ] && [ -n "$guest" ] || { echo "hostinsn: no counts (see $out.txt)"; exit 1; }
grep -q '^sh.o' "$out.txt" || { echo "hostinsn: cc did not make sh.o (see $out.txt)"; exit 1; }
awk -v ir="$ir" -v g="$guest" 'BEGIN { printf "host Ir %d  guest instructions %d  per guest instruction %.2f\n", ir, g, ir / g }'
