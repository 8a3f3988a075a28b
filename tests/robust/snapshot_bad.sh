#!/bin/sh
# Snapshots that must be refused: each case sets up a machine (a.img on
# rk0, a little program run), saves it to before.snap, tries to restore
# the bad snapshot (one line that names the file and the reason), then
# saves again: after.snap must equal before.snap byte for byte (nothing
# changed) and the images must be as they were.
# usage: snapshot_bad.sh PDP1140 CASE | --list | --table
set -u
PDP=$1
CASE=$2
case $PDP in /*) ;; *) PDP=$(pwd)/$PDP ;; esac

# name | what | the restore line | the one line it must print
cases() {
	cat <<'EOF'
snap_missing|a file that does not exist|restore nofile.snap|t.ini:7: restore: nofile.snap: No such file or directory
snap_dir|a directory|restore dir|t.ini:7: restore: dir: not a regular file
snap_text|not a snapshot|restore text.snap|t.ini:7: restore: text.snap: not a snapshot
snap_truncated|a snapshot cut short|restore trunc.snap|t.ini:7: restore: trunc.snap: truncated (5000 of ... bytes)
snap_corrupt|a byte changed|restore corrupt.snap|t.ini:7: restore: corrupt.snap: corrupted (checksum)
snap_longer|a byte added at the end|restore longer.snap|t.ini:7: restore: longer.snap: corrupted (checksum)
snap_version|another format version|restore v2.snap|t.ini:7: restore: v2.snap: format version 2 (this program reads 1)
snap_crafted|a valid checksum over a bad state (65535 characters queued)|restore crafted.snap|t.ini:7: restore: crafted.snap: corrupted (kl: 65535 characters of input queued (at most 4096))
snap_memory|another memory size|restore m128.snap|t.ini:7: restore: m128.snap does not fit: its memory is 128K, this machine's 248K (set cpu 128k first)
snap_other_pack|another pack on rk0|restore b.snap|t.ini:7: restore: b.snap does not fit: rk0 has a.img here and .../b.img in the snapshot
snap_extra_pack|a pack here the snapshot lacks|restore two.snap|t.ini:7: restore: two.snap does not fit: rk1 has no pack here and .../b.img in the snapshot
snap_readonly|a pack write-locked in the snapshot, writable here|restore ro.snap|t.ini:7: restore: ro.snap does not fit: rk0 is attached read-write here and read-only in the snapshot
snap_lines|another count of terminal lines|restore kl2.snap|t.ini:7: restore: kl2.snap: corrupted (6 interrupt lines, not 4)
snap_usage|no file name|restore|t.ini:7: usage: restore FILE
EOF
}

if [ "$CASE" = --list ]; then
	cases | cut -d'|' -f1
	exit 0
fi
if [ "$CASE" = --table ]; then
	echo "| case | input | prints |"
	echo "| --- | --- | --- |"
	cases | while IFS='|' read -r name what cmd msg; do
		sh "$0" "$PDP" "$name" >/dev/null 2>&1 || msg="FAILS: $msg"
		printf '| %s | %s: `%s` | `%s` |\n' "$name" "$what" "$cmd" "$msg"
	done
	exit 0
fi

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1

fail() {
	printf 'FAIL [%s]: %s\n' "$CASE" "$*"
	echo "--- stderr"; cat -v err 2>/dev/null | head -20
	exit 1
}

awk 'BEGIN { for (i = 0; i < 65536; i++) printf "%c", (i * 7 + int(i / 256)) % 256 }' </dev/null >a.img
cp a.img b.img
mkdir dir
echo "just text" >text.snap
# A program that keeps the machine busy: INC R0; BR .-2 at 1000.
prog='d 1000 005200
d 1002 000776
d pc 1000
step 5000'
snap() {	# snap FILE SETUP...: a snapshot made after SETUP lines
	out=$1
	shift
	printf '%s\n' "$@" "$prog" "save $out" >mk.ini
	"$PDP" mk.ini </dev/null >/dev/null 2>mk.err || fail "cannot make $out: $(cat mk.err)"
}
snap good.snap "attach rk0 a.img"
snap b.snap "attach rk0 b.img"
snap two.snap "attach rk0 a.img" "attach rk1 b.img"
snap ro.snap "attach -r rk0 a.img"
snap m128.snap "set cpu 128k" "attach rk0 a.img"
snap kl2.snap "set kl lines=2" "attach rk0 a.img"
head -c 5000 good.snap >trunc.snap
cp good.snap corrupt.snap
printf 'X' | dd of=corrupt.snap bs=1 seek=40000 conv=notrunc 2>/dev/null
cp good.snap longer.snap && printf 'X' >>longer.snap
python3 - good.snap <<'PY'
import struct, sys, zlib
b = bytearray(open(sys.argv[1], "rb").read())
v = bytearray(b); v[8] = 2
open("v2.snap", "wb").write(v)
# the console KL11's count of queued input (after its 12-byte section
# head, the count of lines and 32 bytes of registers) made 65535, the
# checksum made right again
i = b.index(b"kl\0\0\0\0\0\0") + 12 + 4 + 32
b[i:i + 4] = struct.pack("<I", 65535)
b[12:16] = struct.pack("<I", zlib.crc32(bytes(b[24:])))
open("crafted.snap", "wb").write(b)
PY
sums() { sha256sum a.img b.img; }
sums >sums.before

line=$(cases | awk -F'|' -v c="$CASE" '$1 == c { print $3 "\n" $4; exit }')
[ -n "$line" ] || { echo "no such case: $CASE"; exit 2; }
cmd=$(printf '%s\n' "$line" | sed -n 1p)
msg=$(printf '%s\n' "$line" | sed -n 2p)
printf '%s\n' "attach rk0 a.img" "$prog" "save before.snap" >t.ini
printf '%s\n' "$cmd" "save after.snap" >>t.ini
"$PDP" t.ini </dev/null >out 2>err
status=$?
[ "$status" -lt 128 ] || fail "crashed or killed: status $status"
[ "$status" = 1 ] || fail "exit status $status, want 1"
[ "$(wc -l <err)" -eq 2 ] || fail "want the stop line of step and 1 line on stderr"
last=$(tail -n 1 err)
case $msg in
*...*)
	h=${msg%%...*} t=${msg#*...}
	[ "${last#"$h"}" != "$last" ] && [ "${last%"$t"}" != "$last" ] || fail "line [$last], want [$msg]" ;;
*) [ "$last" = "$msg" ] || fail "line [$last], want [$msg]" ;;
esac
# the script stopped at the refusal; what it left must be as before
printf '%s\n' "attach rk0 a.img" "$prog" "save before.snap" "on error echo refused" "$cmd" "save after.snap" >u.ini
"$PDP" u.ini </dev/null >/dev/null 2>err2
cmp -s before.snap after.snap || fail "the machine changed: after.snap differs from before.snap"
sums | cmp -s - sums.before || fail "an image changed"
echo "PASS [$CASE]: $last"
