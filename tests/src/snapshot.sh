#!/bin/sh
# save and restore on V6 (virtual clock). At the shell prompt: save; run
# commands that write files; restore; run other commands. The console
# output after the restore and the pack at the end must be those of a run
# that never restored, and so must a new process started with --restore.
# usage: snapshot.sh PDP1140 DISKDIR
pdp=$(realpath "$1") disks=$(realpath "$2")
login=$(cd "$(dirname "$0")/../v6" && pwd)/login.do
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
[ -r "$disks/rk0" ] || { echo "FAIL: no working disk $disks/rk0"; exit 1; }
for r in a b; do cp "$disks/rk0" rk0$r; done

start() {	# start PACK: boot, log in, save
	printf 'set clock virtual\nattach rk0 %s\ndeposit sr 1\n' "$work/$1"
	printf 'runlimit 400000000 instructions\ndo %s\nsave %s\n' "$login" "$work/$1.snap"
}
cmds='send "echo hello >/tmp/x; mkdir /tmp/d; cp /etc/passwd /tmp/d/p; ls -l /tmp /tmp/d; sync\r"
expect "# "
continue'
other='send "echo other >/tmp/y; rm /etc/motd; cp /bin/ls /tmp/l; sync\r"
expect "# "
continue'

{ start rk0a; echo "$cmds"; echo quit; } >a.ini
{ start rk0b; echo "$other"; echo "restore $work/rk0b.snap"; echo "$cmds"; echo quit; } >b.ini
"$pdp" a.ini >a.out 2>a.err || { echo "FAIL: run a exited $?"; cat a.err; exit 1; }
"$pdp" b.ini >b.out 2>b.err || { echo "FAIL: run b exited $?"; cat b.err; exit 1; }
fail=""
grep -q "hello" a.out && grep -q " p" a.out || fail="run a did not run the commands"
# what run a printed after the save, run b printed after the restore
python3 - a.out b.out <<'PY' || fail="$fail; the transcript after restore differs"
import sys
a, b = (open(f, "rb").read() for f in sys.argv[1:3])
q = a[a.index(b"# echo hello"):]
sys.exit(0 if b.endswith(q) and b"echo other" in b and b.count(b"echo hello") == 1 else 1)
PY
cmp -s rk0a rk0b || fail="$fail; the pack after restore differs from the run that never restored"
# a new process from the snapshot: the same again (the pack is rk0b's file)
{ echo "$cmds"; echo quit; } >c.ini
"$pdp" --restore rk0b.snap c.ini >c.out 2>c.err || fail="$fail; --restore exited $?: $(cat c.err)"
python3 - a.out c.out <<'PY' || fail="$fail; the transcript after --restore differs"
import sys
a, c = (open(f, "rb").read() for f in sys.argv[1:3])
sys.exit(0 if c == a[a.index(b"# echo hello") + 2:] else 1)
PY
cmp -s rk0a rk0b || fail="$fail; the pack after --restore differs"
if [ -n "$fail" ]; then
	echo "FAIL: ${fail#; }"
	echo "--- a"; tail -c 600 a.out; echo "--- b"; tail -c 600 b.out; echo "--- c"; cat c.out c.err
	exit 1
fi
echo "PASS: restore and --restore give the transcript and the pack of a run that never restored"
