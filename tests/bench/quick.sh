#!/bin/sh
# bench.py --quick (one run of boot and `cc -c -O sh.c` on pdp1140, both
# clocks, and on simh) prints every figure the speed table needs: the host
# processor and date, medians, ratios and MIPS, the targets with PASS or
# below, pdp1140's peak memory and the time spent waiting for ticks. Bad
# arguments get one line and a non-zero exit. Skips (77) without simh.
# usage: tests/bench/quick.sh BUILD_DIR DISKS_DIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
build=$1 disks=$2
command -v pdp11 >/dev/null || { echo "no simh pdp11 on PATH: skipped"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

fail() {
	echo "FAIL: $*"
	echo "--- stdout"; cat "$T/out"
	echo "--- stderr"; cat "$T/err"
	exit 1
}
has() {	# has REGEX WHAT: a line of the output matches
	grep -Eq -- "$1" "$T/out" || fail "no $2 (want a line like /$1/)"
}

python3 "$here/bench.py" --quick --build "$build" --disks "$disks" >"$T/out" 2>"$T/err" ||
	fail "bench.py --quick failed"
n='[0-9]+\.[0-9]+'
has "^host: [^,]*[A-Za-z][^,]*, [0-9]+ CPUs; 20[0-9][0-9]-[01][0-9]-[0-3][0-9] [0-9:]+ UTC$" "processor and date"
grep -q '^host: unknown processor' "$T/out" && grep -q '^model name' /proc/cpuinfo &&
	fail "the processor is named in /proc/cpuinfo"
has "^virtual clock, medians of 1 runs" "virtual clock table"
has "^realtime clock, medians of 1 runs" "real-time clock table"
# cc sh.c: simh, ours, ratio, instructions (over ten million), MIPS, waiting
has "^cc sh.c +$n +$n +$n"'x +[1-9][0-9]{7,} +'"$n +$n"'s$' "cc sh.c row"
has "^  cc -c -O sh.c, virtual clock +ratio +>= 6x simh +${n}x +(PASS|below)$" "cc target"
has "^  sh run, virtual clock +MIPS +>= 250 MIPS +not run$" "sh run target (skipped)"
has "^  peak memory of pdp1140 .* max RSS <= 64 MiB +$n MiB +(PASS|below)$" "peak memory"
has "^  cc sh.c +waiting for ticks: $n s of $n s \([0-9]+%\)$" "waiting for ticks"
# the virtual clock never sleeps: its waiting column is zero
awk '/^virtual clock/ { v = 1 } /^realtime clock/ { v = 0 }
	v && /^(boot|cc sh.c) / { if ($NF != "0.000s") bad = 1 }
	END { exit bad }' "$T/out" || fail "the virtual clock waited"
# the peak is a plausible size for a 248K machine: 1 to 64 MiB
awk '/peak memory/ { for (i = 1; i < NF; i++) if ($(i + 1) == "MiB" && $i ~ /^[0-9.]+$/) m = $i }
	END { exit !(m >= 1 && m <= 64) }' "$T/out" || fail "implausible peak memory"

for bad in "--reps 0" "--bogus" "--clock sometimes" "--build $T/none"; do
	# shellcheck disable=SC2086
	python3 "$here/bench.py" $bad >"$T/out" 2>"$T/err" && fail "bench.py $bad must fail"
	[ "$(wc -l <"$T/err")" = 1 ] && grep -q '^bench.py: ' "$T/err" ||
		fail "bench.py $bad: want one line naming the problem"
done
echo "bench.py --quick: all figures printed"
