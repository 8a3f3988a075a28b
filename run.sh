#!/bin/sh
# Build what is needed and boot stock V6 at this terminal.
# At `@` type rkunix; at `login:` type root. Ctrl-E for the monitor.
set -e
cd "$(dirname "$0")"
sh tests/deps.sh
mkdir -p build
log=build/run-build.log
say() { printf '%s\n' "run.sh: $*" >&2; }
say "configuring the build in build/ (the log is $log)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >"$log" 2>&1 || { tail -30 "$log" >&2; exit 1; }
say "building pdp1140 and the working disks (the first time takes a minute or so)"
# make's [ NN%] lines redrawn on one line at a terminal; the disks' lines kept.
status=$(mktemp)
trap 'rm -f "$status"' EXIT
{ cmake --build build -j"$(nproc 2>/dev/null || echo 2)" --target pdp1140 disks 2>&1; echo $? >"$status"; } |
	tee -a "$log" | awk -v tty="$([ -t 2 ] && echo 1)" '
	/^\[ *[0-9]+%\]/ { if (tty) { printf "\r%-78.78s", $0 > "/dev/stderr"; shown = 1 } next }
	/: (made|kept) / { if (shown) printf "\n" > "/dev/stderr"; shown = 0; sub(/^-- /, ""); print > "/dev/stderr" }
	END { if (shown) printf "\r%-78s\r", "" > "/dev/stderr" }'
if [ "$(cat "$status")" != 0 ]; then
	say "the build failed; the end of $log:"
	tail -30 "$log" >&2
	exit 1
fi
say "booting V6: at @ type rkunix, at login: type root (Ctrl-E: the monitor)"
exec build/pdp1140 disks/v6.ini "$@"
