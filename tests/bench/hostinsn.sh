#!/bin/sh
# Host instructions per guest instruction: valgrind's callgrind counts the
# host instructions (Ir) of pdp1140 over a boot of V6 and `cc -c -O sh.c`
# with the virtual clock, on working disks made afresh from the stock
# images, with sh.c (from the source pack, /s2/sh.c on rk1) in rk0's /tmp.
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
V6_DISKS=${V6_DISKS:-$here/../shared/disks} "$v6fs" --make-disks --force "$work" >"$work/mkdisks.log" 2>&1 ||
	{ cat "$work/mkdisks.log"; echo "hostinsn: no fresh disks"; exit 1; }
"$v6fs" "$work/rk1" cat /s2/sh.c >"$work/sh.c" &&
	"$v6fs" --now 1000000000 "$work/rk0" put "$work/sh.c" /tmp/sh.c || { echo "hostinsn: sh.c not copied"; exit 1; }
cat >"$work/cg.ini" <<INI
set clock virtual
attach rk0 rk0
attach rk1 rk1
attach rk2 rk2
do $here/tests/v6/login.do
send "chdir /tmp; cc -c -O sh.c; ls sh.o\r"
expect "sh.o\r\n# "
continue
show cpu
quit
INI
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
