#!/bin/sh
# Reverse execution (virtual clock).
#   history: a loop that counts in R0 and stores it; `step N` then
#     `reverse-step N` for N across several checkpoints returns to the
#     same registers and memory and the same `show history`, and stepping
#     forward again reproduces the same history; going back past the
#     window is one clear line.
#   next: reverse-next steps back one instruction, and over a call that
#     just returned to the JSR that made it.
#   v6: a write watchpoint on _mpid (newproc's last process id, which a
#     command's fork changes), run past the change, reverse-continue: bt
#     names _newproc; then rs back into the command and continue: the
#     console and the pack end as in a run that never went back.
# usage: timetravel.sh PDP1140 CASE [DISKDIR]
pdp=$(realpath "$1") case=$2
[ -n "${3:-}" ] && disks=$(realpath "$3")
login=$(cd "$(dirname "$0")/../v6" && pwd)/login.do
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
fail() { echo "FAIL [$case]: $*"; echo "--- stderr"; tail -30 err; exit 1; }

case $case in
history)
	cat >t.ini <<'EOF'
set cpu checkpoints=16
set cpu checkpoint-every=1000
set cpu hist=4000
d 1000 005200
d 1002 010037
d 1004 002000
d 1006 000774
d pc 1000
step 2345
echo @A
e r0 pc 2000
show history 6
echo @B
step 3500
echo @C
show history 3500
echo @D
rs 3500
echo @E
e r0 pc 2000
show history 6
echo @F
step 3500
echo @G
show history 3500
echo @H
show checkpoints
on error echo @refused
rs 5846
rs 5845
echo @I
e r0 pc
set clock realtime
rs 1
EOF
	"$pdp" t.ini </dev/null >out 2>err
	part() { sed -n "/^@$1\$/,/^@$2\$/p" err | sed '1d;$d'; }
	[ -n "$(part A B)" ] || fail "no registers"
	[ "$(part A B)" = "$(part E F)" ] || fail "rs 3500 did not return to the registers, memory and history of 3500 back"
	[ "$(part C D)" = "$(part G H)" ] || fail "stepping forward again gave another history"
	[ "$(part C D | wc -l)" -eq 3500 ] || fail "history of 3500 instructions expected"
	grep -q "^Reverse step, PC: 001" err || fail "no stop line after rs"
	grep -q "t.ini:29: reverse-step: 5846 back is before the window (bus time 0 to 5845)" err ||
		fail "going back past the window is not refused as expected"
	[ "$(sed -n '/^@I$/,$p' err | grep -E '^(R0|PC):' | tr -d '\t' | tr '\n' ' ')" = "R0:000000 PC:001000 " ] ||
		fail "rs to the oldest checkpoint did not reach the start"
	grep -q "t.ini:34: reverse-step: reverse execution needs the virtual clock (set clock virtual)" err ||
		fail "rs with the real-time clock is not refused in one line"
	grep -q "^checkpoints: [0-9]* of 16, every 1000 instructions, .*window: bus time 0 to 5845 (now)" err || fail "show checkpoints"
	;;
next)
	# JSR PC,2000 at 1000; INC R0; BR 1000; at 2000 INC R1; RTS PC
	cat >t.ini <<'EOF'
set cpu checkpoints=4
d sp 1000
d 1000 004737
d 1002 002000
d 1004 005200
d 1006 000774
d 2000 005201
d 2002 000207
d pc 1000
step 9
reverse-next
reverse-next
e r0 r1 pc sp
EOF
	"$pdp" t.ini </dev/null >out 2>err
	[ "$(grep -c "^Reverse step" err)" = 2 ] || fail "two reverse-next stops expected"
	sed -n 2p err | grep -q "^Reverse step, PC: 001004 (INC R0)" || fail "reverse-next from BR: not the instruction before"
	sed -n 3p err | grep -q "^Reverse step, PC: 001000 (JSR PC,@#2000)" || fail "reverse-next after a return: not back over the call"
	[ "$(grep -E '^(R0|R1|PC|SP):' err | tr -d '\t' | tr '\n' ' ')" = "R0:000001 R1:000001 PC:001000 SP:001000 " ] || fail "not the registers before the call"
	;;
v6)
	cp "$disks/rk0" rk0a && cp "$disks/rk0" rk0b || fail "no working disk"
	start() {
		printf 'set clock virtual\nattach rk0 %s\nd sr 1\nsymbols rk0:/rkunix\n' "$1"
		printf 'runlimit 400000000\ndo %s\nset cpu checkpoints=64\nset cpu checkpoint-every=100000\n' "$login"
		printf 'send "ls /tmp; echo made >/tmp/m; sync\\r"\nexpect "# "\ncontinue\n'
	}
	{ start rk0a; printf 'quit\n'; } >a.ini
	{ start rk0b; cat <<'EOF'; } >b.ini
e _mpid
break -w -k _mpid
rc
bt
e _mpid
rc
e _mpid
nobreak all
rs 150000
expect "# "
continue
quit
EOF
	"$pdp" a.ini </dev/null >a.out 2>a.err || { cat a.err >err; fail "run a exited"; }
	"$pdp" b.ini </dev/null >out 2>err || fail "run b exited"
	grep -q "^Watchpoint (reverse), write to 062626 <_mpid>, PC: 0.* <_newproc+" err || fail "rc did not stop at the write"
	grep -q "^#0  .* <_newproc+" err || fail "bt does not name _newproc"
	grep -q "^#1  .* <_fork+" err || fail "bt does not name _fork above it"
	# the value before, after the first rc (the last write), after the second (the one before)
	v=$(grep "^62626 <_mpid>:" err | cut -f2 | tr '\n' ' ')
	set -- $v
	[ $# = 3 ] && [ "$1" = "$2" ] && [ $((0$2 - 0$3)) = 1 ] ||
		fail "_mpid after rc and rc again: $v (want the last value, then the one before)"
	grep -q "^Reverse step" err || fail "no rs"
	# b printed the end of the command again; its console ends as a's
	python3 - a.out out <<'PY' || fail "the console after going back and on again differs"
import sys
a, b = (open(f, "rb").read() for f in sys.argv[1:3])
i = a.index(b"# ls /tmp")
sys.exit(0 if b.startswith(a) and len(b) > len(a) and a.endswith(b[len(a):]) else 1)
PY
	cmp -s rk0a rk0b || fail "the pack after going back and on again differs from a run that never went back"
	;;
*)
	echo "no such case: $case"
	exit 2
	;;
esac
echo "PASS [$case]"
