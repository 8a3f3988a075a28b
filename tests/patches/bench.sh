#!/bin/sh
# Time the patch regression phase by phase: wall seconds, instructions the
# emulated 11/40 executed, and virtual seconds (bus time: the virtual clock
# runs at 60 ticks per 1,000,000 instruction times, and an idle WAIT skips
# to the next tick, so a sleeping V6 costs no wall time).
# usage: bench.sh [BUILD_DIR]   (default: build, made by run.sh or test.sh)
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd) || exit 1
art=${TMPDIR:-/tmp}/v6bench.$$
mkdir -p "$art"
trap 'rm -rf "$art"' EXIT; [ -n "$KEEP" ] && trap - EXIT
start=$(date +%s.%N)
ARTIFACTS=$art PHASES=$art/phases sh "$here/regress.sh" "$build/pdp1140" "$build/disks/v6fs" \
	"${V6_DISKS:-$root/../shared/disks}" "$root/patches" >"$art/result"
status=$?
end=$(date +%s.%N)
cat "$art/result"
# phases: "TIME NAME" as each phase began; the monitor log has the CPU's
# instruction count (show cpu) at the end of each phase.
awk -v total="$start $end" 'BEGIN { n = 0 }
	FILENAME ~ /phases$/ { t[n] = $1; name[n++] = $2; next }
	/^@@ phase / { ph = $3 }
	/ instructions, bus time / { icount[ph] = $1; bus[ph] = $5 + 0 }
	END {
		printf "%-8s %9s %14s %8s %9s\n", "phase", "seconds", "instructions", "MIPS", "virtual s"
		prev = 0; pbus = 0
		for (i = 0; i + 1 < n; i++) {
			s = t[i + 1] - t[i]; ic = icount[name[i]] - prev; prev = icount[name[i]]
			vs = (bus[name[i]] - pbus) / 1e6; pbus = bus[name[i]]
			printf "%-8s %9.3f %14d %8.1f %9.1f\n", name[i], s, ic, (s > 0 ? ic / s / 1e6 : 0), vs
			ts += s
		}
		split(total, w, " ")
		printf "%-8s %9.3f %14d %8.1f %9.1f\n", "emulated", ts, prev, (ts > 0 ? prev / ts / 1e6 : 0), pbus / 1e6
		printf "%-8s %9.3f   (with disk copies and checks)\n", "all", w[2] - w[1]
	}' "$art/phases" "$art/patches.monitor"
exit $status
