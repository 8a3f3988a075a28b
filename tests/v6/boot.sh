#!/bin/sh
# Boot a fresh copy of the working disks to login:, log in as root, run
# `ls /` and V6's own C compiler, sync, and check the image on the host.
# usage: boot.sh PDP1140 V6FS DISKDIR
pdp1140=$1 v6fs=$2 disks=$3
out=${ARTIFACTS:-.}/v6-boot.transcript
work=${TMPDIR:-/tmp}/v6boot.$$
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
if [ ! -r "$disks/rk0" ]; then
	echo "FAIL: no working disk $disks/rk0 (the disks target makes it)"
	exit 1
fi
cp "$disks/rk0" "$work/rk0"
cat >"$work/boot.ini" <<INI
; as a person would: @ rkunix, login root, then commands
set clock virtual
set cpu 11/40
attach rk0 $work/rk0
deposit sr 1
runlimit 400000000 instructions
expect "@"
boot rk0
send "rkunix\r"
expect "login: "
continue
send "root\r"
expect "# "
continue
send "ls /\r"
expect "# "
continue
send "chdir /usr/sys/ken; cc -c clock.c; ls -l clock.o\r"
expect "# "
continue
send "sync\r"
expect "# "
continue
quit
INI
"$pdp1140" "$work/boot.ini" </dev/null >"$out" 2>"$work/err"
status=$?
fail=""
[ "$status" -eq 0 ] || fail="pdp1140 exited $status"
for want in "mem = 1036" "login: root" "rkunix" "rpunix" "clock.o"; do
	grep -q "$want" "$out" || fail="$fail; no '$want' on the console"
done
# V6's cc made clock.o: the file reached the image (2208 bytes, as on simh).
grep -q -- "-rw-rw-rw-  1 root     2208 .* clock.o" "$out" || fail="$fail; clock.o not 2208 bytes"
"$v6fs" "$work/rk0" stat /usr/sys/ken/clock.o >"$work/stat" 2>&1 || fail="$fail; v6fs cannot find clock.o in the image"
"$v6fs" "$work/rk0" check >"$work/check" 2>&1 || fail="$fail; v6fs check failed: $(tail -3 "$work/check")"
if [ -n "$fail" ]; then
	echo "FAIL: ${fail#; }"
	echo "--- last 40 console lines ($out)"; tail -40 "$out"
	echo "--- monitor"; tail -20 "$work/err"
	exit 1
fi
echo "PASS: V6 booted, logged in, compiled clock.c; image consistent"
