#!/bin/sh
# Script tests: run pdp1140 on a script with no terminal (</dev/null) and
# check stdout (the console), stderr (the monitor) and the exit status.
# usage: scripts.sh PDP1140 CASE
set -u
PDP=$1
CASE=$2
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

# run SCRIPT-FILE: sets $status, leaves out and err
run() {
	"$PDP" "$@" </dev/null >out 2>err
	status=$?
}

same() {	# same WHAT ACTUAL EXPECTED
	[ "$2" = "$3" ] || fail "$1: got [$2], want [$3]"
}

has() {	# has FILE TEXT
	grep -qF -- "$2" "$1" || fail "$1 lacks [$2]"
}

# The KL11 echo loop: echoes what it reads until it reads q, waits for the
# transmitter to finish, then halts.
echo_program() {
	cat <<'EOF'
d 1000 105737
d 1002 177560
d 1004 100375
d 1006 113700
d 1010 177562
d 1012 105737
d 1014 177564
d 1016 100375
d 1020 110037
d 1022 177566
d 1024 120027
d 1026 000161
d 1030 001363
d 1032 105737
d 1034 177564
d 1036 100375
d 1040 000000
EOF
}

# An absolute-loader block: block ADDR BYTE... (checksum computed here)
block() {
	addr=$1; shift
	count=$(($# + 6))
	set -- 1 0 $((count & 255)) $((count >> 8)) $((addr & 255)) $((addr >> 8)) "$@"
	sum=0
	for b in "$@"; do
		printf "\\$(printf %o "$b")"
		sum=$((sum + b))
	done
	printf "\\$(printf %o $(((256 - sum % 256) % 256)))"
}

case $CASE in
examine_deposit)
	cat >t.ini <<'EOF'
d 1000 012700
d 1002 5
d 1004 0
e 1000-1004
e -m 1000-1004
d r3 7777
d sp 1000
d psw 17
e r3 sp pc psw
d sr 1234
e sr
d -b 1001 377
e 1000
e -b 1001
e 512.
d 2000-2004 52
e 2000-2004
d kl xcsr 100
e xcsr
d rk rkda 12
e rk rkda
quit
EOF
	run t.ini
	same status "$status" 0
	same stdout "$(cat out)" ""
	same stderr "$(cat err)" "$(printf '%s\n' '1000:	012700' '1002:	000005' '1004:	000000' \
		'1000:	MOV #5,R0' '1004:	HALT' 'R3:	007777' 'SP:	001000' 'PC:	000000' 'PSW:	000017' \
		'SR:	001234' '1000:	177700' '1001:	377' '1000:	177700' \
		'2000:	000052' '2002:	000052' '2004:	000052' 'XCSR:	000300' 'RKDA:	000012')"
	;;
halt)
	cat >t.ini <<'EOF'
; MOV #5,R0 ; INC R0 ; HALT
d 1000 012700
d 1002 5
d 1004 005200
d 1006 0
run 1000
e r0 pc
step
quit
EOF
	run t.ini
	same status "$status" 0
	same stderr "$(cat err)" "$(printf '%s\n' 'HALT instruction, PC: 001010 (HALT)' 'R0:	000006' 'PC:	001010' \
		'HALT instruction, PC: 001012 (HALT)')"
	;;
step)
	cat >t.ini <<'EOF'
d 1000 012700
d 1002 5
d 1004 005200
d 1006 000776
d pc 1000
step
step 2
e r0
quit
EOF
	run t.ini
	same status "$status" 0
	# MOV #5,R0 is two words; step 2 does INC and BR back
	same stderr "$(cat err)" "$(printf '%s\n' 'Step expired, PC: 001004 (INC R0)' \
		'Step expired, PC: 001004 (INC R0)' 'R0:	000006')"
	;;
break)
	cat >t.ini <<'EOF'
d 1000 005200
d 1002 005200
d 1004 000776
break 1002
go 1000
e r0
continue
e r0
nobreak
d 1004 0
continue
EOF
	run t.ini
	same status "$status" 0
	has err "Breakpoint, PC: 001002 (INC R0)"
	same stderr "$(cat err)" "$(printf '%s\n' 'Breakpoint, PC: 001002 (INC R0)' 'R0:	000001' \
		'Breakpoint, PC: 001002 (INC R0)' 'R0:	000002' 'HALT instruction, PC: 001006 (HALT)' 'pdp11> ')"
	;;
history)
	cat >t.ini <<'EOF'
set cpu hist=3
d 1000 012700
d 1002 5
d 1004 005200
d 1006 005200
d 1010 0
go 1000
show history
quit
EOF
	run t.ini
	same status "$status" 0
	# three entries kept: the oldest of the four instructions is gone
	same stderr "$(cat err)" "$(printf '%s\n' 'HALT instruction, PC: 001012 (HALT)' \
		'PC 001004  PSW 000000  SP 000000  kernel  INC R0' 'PC 001006  PSW 000000  SP 000000  kernel  INC R0' \
		'PC 001010  PSW 000000  SP 000000  kernel  HALT')"
	;;
load)
	# MOV #123,R1 ; HALT at 2000, start address 2000; a byte in the I/O page
	{ printf '\0\0\0\0garbage'; block 1024 193 21 83 0 0 0; block 0 0; block 1024; } >prog.bin
	cat >t.ini <<'EOF'
load prog.bin
e -m 2000-2004
e pc
continue
e r1
EOF
	run t.ini
	same status "$status" 0
	same stderr "$(cat err)" "$(printf '%s\n' '2000:	MOV #123,R1' '2004:	HALT' 'PC:	002000' \
		'HALT instruction, PC: 002006 (HALT)' 'R1:	000123' 'pdp11> ')"
	;;
load_checksum)
	{ block 1024 193 21 83 0 0 0; } >prog.bin
	# corrupt one data byte
	printf 'x' | dd of=prog.bin bs=1 seek=8 conv=notrunc 2>/dev/null
	printf 'echo before\nload prog.bin\necho after\n' >t.ini
	run t.ini
	[ "$status" != 0 ] || fail "a checksum error must fail the script"
	same stderr "$(cat err)" "$(printf '%s\n' before \
		"t.ini:2: load prog.bin: offset 0: checksum error in block at address 002000")"
	;;
expect_send)
	{ echo_program; cat <<'EOF'
send "hello\r"
expect "hello\r"
go 1000
echo [matched]
expect "x" send "q"; continue
send after=50,delay=3000 "abcx"
continue
echo [after halt]
e r0
EOF
	} >t.ini
	run t.ini
	same status "$status" 0
	same stdout "$(cat out)" "$(printf 'hello\rabcxq')"
	same stderr "$(cat err)" "$(printf '%s\n' '[matched]' 'HALT instruction, PC: 001042 (HALT)' \
		'[after halt]' 'R0:	000161' 'pdp11> ')"
	;;
expect_regex)
	{ echo_program; cat <<'EOF'
send "id 42 ok q"
expect -r "id [0-9]+ ok"
go 1000
echo [matched]
continue
EOF
	} >t.ini
	run t.ini
	same status "$status" 0
	same stdout "$(cat out)" "id 42 ok q"
	has err "[matched]"
	;;
expect_timeout)
	{ echo_program; cat <<'EOF'
send "abc"
expect "login:" 200000
go 1000
echo not reached
EOF
	} >t.ini
	run t.ini
	[ "$status" != 0 ] || fail "a timed out expect must fail"
	has err 't.ini:20: expect timed out: "login:"'
	same stdout "$(cat out)" "abc"
	;;
determinism)
	# The clock ticks and the echo loop interleave the same way every run.
	{ echo_program; cat <<'EOF'
send delay=777 "the lazy brown fox jumps over the dog, then q"
go 1000
e r0
show clock
show cpu
EOF
	} >t.ini
	run t.ini
	cp out out1
	cp err err1
	run t.ini
	cmp -s out out1 || fail "two runs differ"
	cmp -s err err1 || fail "two runs differ on the monitor"
	same stdout "$(cat out)" "the lazy brown fox jumps over the dog, then q"
	grep -q "clock virtual, [1-9][0-9]* ticks" err || fail "the virtual clock ticked"
	;;
bad_commands)
	for line in "bogus 1" "d 1000 8" "attach rk9 x" "e 1000-" "d 1001 1" "send \"abc" \
		"set cpu 300k" "expect \"a\\q\"" "load /nonexistent/file" "go 1001" "e nosuchreg"; do
		printf 'echo start\n\n%s\necho not reached\n' "$line" >t.ini
		run t.ini
		[ "$status" != 0 ] || fail "[$line] must fail"
		[ "$(wc -l <err)" = 2 ] || fail "[$line]: want one line of error"
		sed -n 2p err | grep -q '^t.ini:3: ' || fail "[$line]: want t.ini:3: prefix"
		[ "$(head -1 err)" = start ] || fail "[$line]: echo first"
	done
	;;
do_args)
	printf 'echo in sub %%1 %%2 %%%%\nd %%1 %%2\nbogus\n' >sub.ini
	printf 'do sub.ini 1000 17\n' >t.ini
	run t.ini
	same stderr "$(cat err)" "$(printf '%s\n' "in sub 1000 17 %" "sub.ini:3: unknown command: bogus")"
	[ "$status" != 0 ] || fail "error in a do file"
	;;
exit_status)
	printf 'exit 3\n' >t.ini
	run t.ini
	same status "$status" 3
	printf 'e 1000\n' >t.ini
	run t.ini
	same status "$status" 0	# the script ends, the prompt reads EOF: quit
	printf 'd 1000 777\nrunlimit 10000\ngo 1000\n' >t.ini
	run t.ini
	[ "$status" != 0 ] || fail "runlimit must fail"
	has err "t.ini:3: runlimit expired"
	# commands after the script come from stdin
	printf 'd 1000 1234\n' >t.ini
	printf 'e 1000\nquit\n' | "$PDP" t.ini >out 2>err
	same status "$?" 0
	same stderr "$(cat err)" "$(printf 'pdp11> 1000:\t001234\npdp11> ')"
	;;
help)
	"$PDP" --help >out 2>err
	same status "$?" 0
	has out "usage: pdp1140"
	printf 'help\nhelp expect\n' | "$PDP" >out 2>err
	has err "expect [-r]"
	has err "runlimit"
	;;
*)
	echo "unknown case $CASE"
	exit 2
	;;
esac
exit 0
