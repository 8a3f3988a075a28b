#!/bin/sh
# Host CPU used by an idle V6 in real time: boot a copy of the working
# disk with `set clock realtime`, log in, and at the `# ` prompt read the
# process's CPU time (utime + stime from /proc) 10 s apart. Target: under
# 1% of a core. Not a ctest case: it takes wall time and wants a quiet host.
# usage: tests/bench/idle.sh [BUILD_DIR] [SECONDS]
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$here/build}
secs=${2:-10}
pdp=$build/pdp1140
[ -x "$pdp" ] || { echo "no $pdp (build first)"; exit 1; }
[ -r "$build/disks/rk0" ] || { echo "no $build/disks/rk0 (the disks target makes it)"; exit 1; }
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$work"' EXIT
cp "$build/disks/rk0" "$work/rk0"
cat >"$work/idle.ini" <<INI
set clock realtime
attach rk0 $work/rk0
expect "@"
boot rk0
send "rkunix\r"
expect "login: "
continue
send "root\r"
expect "# "
continue
echo [prompt]
runlimit $((secs + 30)) seconds
continue
INI
"$pdp" "$work/idle.ini" </dev/null >"$work/out" 2>"$work/err" &
pid=$!

# CPU time of the process in clock ticks: fields 14 and 15 of /proc/PID/stat
# (the command name in field 2 has no blanks here).
cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }

waited=0
until grep -q '^\[prompt\]' "$work/err"; do
	sleep 0.2
	waited=$((waited + 1))
	if [ $waited -gt 600 ] || ! kill -0 $pid 2>/dev/null; then
		echo "FAIL: no # prompt"; tail -5 "$work/out"; tail -5 "$work/err"; exit 1
	fi
done
sleep 1	# let the shell's prompt output settle
t0=$(cpu)
sleep "$secs"
t1=$(cpu)
hz=$(getconf CLK_TCK)
awk -v t="$((t1 - t0))" -v hz="$hz" -v s="$secs" 'BEGIN {
	cpu = t / hz
	printf "idle V6 at the # prompt, realtime clock: %.2f s of host CPU in %d s = %.2f%% of a core (target < 1%%)\n",
		cpu, s, 100 * cpu / s
	exit (100 * cpu / s < 1) ? 0 : 2
}'
