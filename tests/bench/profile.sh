#!/bin/sh
# Where pdp1140's host time goes: `perf record` over the workload of
# hostinsn.sh (boot of V6 and `cc -c -O sh.c`, virtual clock,
# tests/bench/workload.sh), run RUNS times (default 10) from fresh copies of
# the same disks so that the sample is large enough, and the top 25
# functions of pdp1140 with their shares of its samples. Where the
# processor's counters are not offered (a VM), perf samples the cpu-clock
# timer instead; the header says which event was sampled. For exact,
# repeatable counts use hostinsn.sh --keep and callgrind_annotate.
# usage: tests/bench/profile.sh [BUILD_DIR] [RUNS]
#   ($V6_DISKS: the stock images, default ../shared/disks; $V6FS: the v6fs
#   that makes the disks, default BUILD_DIR's, for a build older than
#   v6fs --make-disks)
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$here/build}" 2>/dev/null && pwd) || { echo "profile: no build directory ${1:-$here/build}"; exit 1; }
runs=${2:-10}
case $runs in ''|*[!0-9]*|0) echo "profile: RUNS must be a positive number, not '$runs'"; exit 1 ;; esac
pdp=$build/pdp1140 v6fs=${V6FS:-$build/disks/v6fs}
[ -x "$pdp" ] && [ -x "$v6fs" ] || { echo "profile: no $pdp or $v6fs (build first)"; exit 1; }
command -v perf >/dev/null || { echo "profile: no perf on PATH"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$here/tests/bench/workload.sh"
workload "$work" profile || exit 1
# each run on its own copy of the disks, made before perf starts
i=1
while [ $i -le "$runs" ]; do
	mkdir -p "$work/runs/$i" && cp "$work/rk0" "$work/rk1" "$work/rk2" "$work/cg.ini" "$work/runs/$i/" || exit 1
	i=$((i + 1))
done
cat >"$work/runs.sh" <<SH
for d in "$work"/runs/*; do
	(cd "\$d" && "$pdp" cg.ini >transcript 2>&1) || exit 1
done
SH
perf record -F 10000 -o "$work/perf.data" -- sh "$work/runs.sh" >"$work/perf.log" 2>&1 ||
	{ cat "$work/perf.log"; echo "profile: perf record failed"; exit 1; }
grep -q '^sh.o' "$work/runs/1/transcript" || { cat "$work/runs/1/transcript"; echo "profile: cc did not make sh.o"; exit 1; }
guest=$(sed -n 's/^\([0-9]*\) instructions, bus time.*/\1/p' "$work/runs/1/transcript")
host=$(sed -n 's/^host: //p' "$work/runs/1/transcript")
echo "pdp1140 $(cd "$build" && pwd), $runs runs of boot + cc -c -O sh.c (virtual clock), $guest guest instructions each"
echo "first run: $host"
perf report -i "$work/perf.data" --stdio --comm pdp1140 --fields overhead,sym --percentage relative 2>/dev/null |
	awk '/^# Samples: / || /^# Event count/ { print; next }
		/^#/ || NF == 0 { next }
		{ print; if (++n == 25) exit }'
