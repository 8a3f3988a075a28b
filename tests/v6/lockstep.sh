#!/bin/sh
# V6 in lockstep (set cpu lockstep): boot fresh disks made from the stock
# images, log in as root and compile the shell with V6's optimising C
# compiler (cc -c -O sh.c), every instruction run by the fast engine and
# the reference engine and compared. Lockstep must find no difference,
# must have compared every instruction, and must leave the session as it
# was: the same transcript and the same pack as the run without it.
# usage: lockstep.sh PDP1140 V6FS STOCKDIR
pdp1140=$1 v6fs=$2 stock=$3
work=${TMPDIR:-/tmp}/v6lockstep.$$
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
sh "$(dirname "$0")/fresh-disks.sh" "$v6fs" "$stock" "$work" || exit 1
# sh.c from the source pack (/usr/source is rk1) into rk0's /tmp
"$v6fs" "$work/rk1" get /s2/sh.c "$work/sh.c" &&
	"$v6fs" "$work/rk0" put "$work/sh.c" /tmp/sh.c || { echo "FAIL: sh.c not put on rk0"; exit 1; }
for run in plain lockstep; do
	mkdir -p "$work/$run"
	cp "$work/rk0" "$work/rk1" "$work/rk2" "$work/$run/" || exit 1
	opt=""
	[ $run = lockstep ] && opt="set cpu lockstep"
	cat >"$work/$run.ini" <<INI
set clock virtual
$opt
attach rk0 $work/$run/rk0
attach rk1 $work/$run/rk1
attach rk2 $work/$run/rk2
runlimit 100000000 instructions
do $(cd "$(dirname "$0")" && pwd)/login.do
send "chdir /tmp; cc -c -O sh.c; ls -l sh.o; sync\r"
expect "sh.o\r\n# "
continue
quit
INI
	"$pdp1140" "$work/$run.ini" </dev/null >"$work/$run.out" 2>"$work/$run.err"
	echo "$run: exit $?" >>"$work/status"
done
fail=""
grep -q "plain: exit 0" "$work/status" || fail="the plain run failed"
grep -q "lockstep: exit 0" "$work/status" || fail="$fail; the lockstep run failed"
grep -q -- "-rw-rw-rw-  1 root    14512 .* sh.o" "$work/lockstep.out" || fail="$fail; no 14512-byte sh.o"
# every instruction of boot and compile compared (about 18.9 million)
n=$(sed -n 's/^lockstep: \([0-9]*\) instructions compared, no difference$/\1/p' "$work/lockstep.err")
[ -n "$n" ] && [ "$n" -gt 18000000 ] || fail="$fail; lockstep compared '${n:-no}' instructions"
cmp -s "$work/plain.out" "$work/lockstep.out" || fail="$fail; the transcripts differ"
cmp -s "$work/plain/rk0" "$work/lockstep/rk0" || fail="$fail; rk0 differs from the plain run's"
if [ -n "$fail" ]; then
	echo "FAIL: ${fail#; }"
	cat "$work/status"
	echo "--- lockstep console (last 20 lines)"; tail -20 "$work/lockstep.out"
	echo "--- lockstep monitor"; tail -40 "$work/lockstep.err"
	exit 1
fi
echo "PASS: boot and cc -c -O sh.c in lockstep, $n instructions compared, the session as without lockstep"
