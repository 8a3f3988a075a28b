#!/bin/sh
# usage: no_display.sh PDP1140
pdp1140=$1
work=${TMPDIR:-/tmp}/panel_nd.$$
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
cat >"$work/s.ini" <<INI
deposit 1000 1234
set panel on
examine 1000
INI
env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER \
	"$pdp1140" --panel "$work/s.ini" </dev/null >"$work/out" 2>"$work/err"
status=$?
fail=""
[ "$status" -eq 0 ] || fail="exit status $status"
[ "$(grep -c 'front panel' "$work/err")" -eq 2 ] || fail="$fail; want 2 lines about the panel"
grep -q '1234' "$work/out" "$work/err" || fail="$fail; the script did not run on"
if [ -n "$fail" ]; then
	echo "FAIL: $fail"
	cat "$work/err"
	exit 1
fi
echo "ok: $(head -1 "$work/err")"
