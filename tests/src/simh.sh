#!/bin/sh
# The lines a simh user puts in a boot file, each doing what simh does:
# write lock, radix switches, show rkN/time/queue, set clk, set throttle.
# usage: simh.sh PDP1140 CASE DISKDIR
set -u
PDP=$1
CASE=$2
DISKS=${3:-}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
export HOME="$T"

fail() {
	echo "FAIL [$CASE]: $*"
	echo "--- stdout"; cat out 2>/dev/null
	echo "--- stderr"; cat err 2>/dev/null
	exit 1
}
run() {
	timeout 60 "$PDP" "$@" </dev/null >out 2>err
	status=$?
}
has() {	# has FILE TEXT
	grep -qF -- "$2" "$1" || fail "$1 lacks [$2]"
}
lacks() {
	grep -qF -- "$2" "$1" && fail "$1 has [$2]"
	return 0
}

# Start an RK11 write of memory 0-777 to block 0 of drive 0 (RKWC -256,
# function write + go) and let a BR . loop run while it completes.
# Registers deposited by name take the value as it is (as simh's); the
# function starts with a bus write of RKCS at its address, as a program's.
rk_write() {
	cat <<'EOF2'
d rk rkda 0
d rk rkba 0
d rk rkwc 177400
d 777404 3
EOF2
}

case $CASE in
write_lock)
	# Each line alone in a boot file, as simh has it; the lock reaches the
	# guest (a write gets WLO in RKER) and unlocking writes the image.
	head -c 4096 /dev/zero >pack
	cat >t.ini <<'EOF2'
set rk0 locked
attach rk0 pack
show rk0
d 1000 777
d 0 123456
d pc 1000
EOF2
	rk_write >>t.ini
	cat >>t.ini <<'EOF2'
step 20000
e rk rker
set rk0 writeenabled
show rk0
d 777404 1
step 100
EOF2
	rk_write >>t.ini
	cat >>t.ini <<'EOF2'
show queue
step 20000
e rk rker
set rk0 locked
d 777404 1
step 100
EOF2
	rk_write >>t.ini
	cat >>t.ini <<'EOF2'
step 20000
e rk rker
show rk1
set rk1 locked
show rk1
quit
EOF2
	run t.ini
	[ "$status" -eq 0 ] || fail "exit status $status"
	has err "rk0: pack, write locked"
	has err "rk0   write          due in"
	has err "RKER:	020000"
	has err "rk0: pack, write enabled"
	has err "RKER:	000000"
	# locking the pack while attached read-write locks it too
	[ "$(grep -c "RKER:	020000" err)" -eq 2 ] || fail "set rk0 locked on an attached pack did not lock it"
	has err "rk1: not attached, write enabled"
	has err "rk1: not attached, write locked"
	# the write after unlocking reached the file: 123456 at offset 0
	[ "$(od -An -o -N2 pack | tr -d ' ')" = "123456" ] || fail "the write did not reach the image"
	;;
radix)
	cat >t.ini <<'EOF2'
d -d r0 10
e -o r0
e -d r0
e -h r0
d -h r1 BEEF
e r1
e -d r1
d -d 2000 65535
e 2000
d -o r2 177777
e -d r2
d -c 3000 "V6\r\n"
e -c 3000/4
e -a 3000-3001
d -a 3004 x
e -b 3004
e -h -b 3004
d -d sr 262143
e sr
e -h sr
d -d r3 65536
EOF2
	run t.ini
	[ "$status" -eq 1 ] || fail "a decimal past 65535 was not refused (status $status)"
	has err "R0:	000012"
	has err "R0:	10"
	has err "R0:	000A"
	has err "R1:	137357"
	has err "R1:	48879"
	has err "2000:	177777"
	has err "R2:	65535"
	has err '3000:	"V6\r\n"'
	has err "3000:	'V'"
	has err "3001:	'6'"
	has err "3004:	170"
	has err "3004:	78"
	has err "SR:	777777"
	has err "SR:	3FFFF"
	has err "bad number: 65536 (decimal, at most 65535)"
	;;
show_time_queue)
	cat >t.ini <<'EOF2'
d 1000 777
d pc 1000
step 50000
show time
show queue
quit
EOF2
	run t.ini
	has err "50000 instructions executed, bus time 50000 (0.050 s of 11/40 time at 1 MIPS)"
	# the virtual clock's next tick: 3 ticks of 16667 have fallen
	has err "clk   tick           due in 1 instructions"
	has err "host: "
	;;
clk)
	# A second of 11/40 time (and a little): 60 ticks, or 50 at 50 Hz.
	for hz in 60 50; do
		cat >t.ini <<EOF2
set clk ${hz}hz
d 1000 777
d pc 1000
step 1000100
show clock
quit
EOF2
		run t.ini
		has err "clock virtual, $hz ticks, $hz Hz, no throttle"
	done
	;;
throttle)
	# 300000 instructions at 1M a second take 0.3 s of wall time at
	# least; unthrottled they take a few milliseconds.
	cat >t.ini <<'EOF2'
set throttle 1M
show throttle
d 1000 777
d pc 1000
step 300000
set throttle off
show throttle
step 3000000
quit
EOF2
	start=$(date +%s%N)
	run t.ini
	end=$(date +%s%N)
	has err "throttle 1000000 instructions a second"
	has err "no throttle"
	ms=$(( (end - start) / 1000000 ))
	[ "$ms" -ge 280 ] || fail "throttled run took $ms ms, want at least 280"
	[ "$ms" -le 3000 ] || fail "run took $ms ms: the throttle did not come off"
	cat >t.ini <<'EOF2'
set throttle 3x
EOF2
	run t.ini
	has err "set throttle: off, N% (1-100), NK or NM (instructions a second), not 3x"
	;;
boot_file)
	# A simh user's boot file for V6, unchanged: it boots to login:.
	cp "$DISKS/rk0" rk0
	chmod u+w rk0
	cat >t.ini <<EOF2
set cpu 11/40
set clk 60hz
set throttle off
set rk0 writeenabled
set rk1 locked
set tm disabled
attach rk0 rk0
show rk0
show rk1
runlimit 200000000 instructions
expect "@"
boot rk0
send "rkunix\r"
expect "login: "
continue
show time
show queue
e -d r0
quit
EOF2
	run t.ini
	[ "$status" -eq 0 ] || fail "exit status $status"
	has out "login: "
	has err "rk0: rk0, write enabled"
	has err "rk1: not attached, write locked"
	has err "instructions executed"
	;;
*)
	echo "unknown case $CASE"
	exit 2
	;;
esac
echo "PASS [$CASE]"
exit 0
