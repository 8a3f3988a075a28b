#!/bin/sh
# Boot fresh disks made from the stock images to login:, log in as root,
# run `ls /` and V6's own C compiler, sync, and check the image on the host.
# usage: boot.sh PDP1140 V6FS STOCKDIR
pdp1140=$1 v6fs=$2 stock=$3
out=${ARTIFACTS:-${TMPDIR:-/tmp}}/v6-boot.transcript
work=${TMPDIR:-/tmp}/v6boot.$$
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
sh "$(dirname "$0")/fresh-disks.sh" "$v6fs" "$stock" "$work" || exit 1
# A host tree put with v6fs must read back inside V6, and V6's icheck and
# dcheck must find the file system consistent.
mkdir -p "$work/tree/sub"
printf 'from the host\n' >"$work/tree/hello.txt"
seq 1 500 >"$work/tree/sub/numbers"
"$v6fs" "$work/rk0" put -r "$work/tree" /usr/hosttree || { echo "FAIL: v6fs put -r"; exit 1; }
cat >"$work/boot.ini" <<INI
; as a person would: @ rkunix, login root, then commands
set clock virtual
set cpu 11/40
attach rk0 $work/rk0
deposit sr 1
runlimit 400000000 instructions
do $(cd "$(dirname "$0")" && pwd)/login.do
send "ls /\r"
expect "# "
continue
send "chdir /usr/sys/ken; cc -c clock.c; ls -l clock.o\r"
expect "# "
continue
send "cat /usr/hosttree/hello.txt; wc /usr/hosttree/sub/numbers\r"
expect "# "
continue
send "echo written by V6 >/tmp/fromv6; sync\r"
expect "# "
continue
send "icheck /dev/rk0; dcheck /dev/rk0\r"
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
grep -q "from the host" "$out" || fail="$fail; V6 did not cat the host file"
grep -q "500 *500 /usr/hosttree/sub/numbers" "$out" || fail="$fail; V6 wc of the host file is wrong"
# icheck prints only its counts; dcheck prints nothing but the device name.
sed -n '/icheck \/dev\/rk0/,$p' "$out" | grep -Eiq "dup|bad|missing|entries|link" && fail="$fail; icheck/dcheck found problems"
"$v6fs" "$work/rk0" get /tmp/fromv6 "$work/fromv6" 2>/dev/null && [ "$(cat "$work/fromv6")" = "written by V6" ] ||
	fail="$fail; v6fs cannot read back the file V6 wrote"
"$v6fs" "$work/rk0" stat /usr/sys/ken/clock.o >"$work/stat" 2>&1 || fail="$fail; v6fs cannot find clock.o in the image"
"$v6fs" "$work/rk0" check >"$work/check" 2>&1 || fail="$fail; v6fs check failed: $(tail -3 "$work/check")"
if [ -n "$fail" ]; then
	echo "FAIL: ${fail#; }"
	echo "--- last 40 console lines ($out)"; tail -40 "$out"
	echo "--- monitor"; tail -20 "$work/err"
	exit 1
fi
echo "PASS: V6 booted, logged in, compiled clock.c; image consistent"
