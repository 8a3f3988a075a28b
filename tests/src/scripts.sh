#!/bin/sh
# Script tests: run pdp1140 on a script with no terminal (</dev/null) and
# check stdout (the console), stderr (the monitor) and the exit status.
# usage: scripts.sh PDP1140 CASE
set -u
PDP=$1
CASE=$2
DOCS=$(cd "$(dirname "$0")/../../docs" && pwd)
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

# run SCRIPT-FILE: sets $status, leaves out and err. A script that runs
# the machine carries a runlimit; the wall-clock limit here is the
# backstop for anything else that would hang (a broken CPU or device).
run() {
	timeout -k 5 "${SCRIPT_SECONDS:-20}" "$PDP" "$@" </dev/null >out 2>err
	status=$?
	[ $status != 124 ] && [ $status != 137 ] || fail "still running after ${SCRIPT_SECONDS:-20} s"
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

# Little-endian 16-bit words: words W...
words() {
	for v in "$@"; do
		printf "\\$(printf %o $((v & 255)))\\$(printf %o $((v >> 8)))"
	done
}

# A V6 a.out (0407, relocation suppressed) of a program at 0 that calls a
# subroutine: _main: JSR PC,_sub; INC R1; HALT / _sub: INC R0; MOV R0,@#3000; RTS PC
aout() {
	words 0407 16 0 0 36 0 0 1
	words 004767 000004 005201 000000 005200 010037 003000 000207
	printf '_main\0\0\0'; words 042 0
	printf '_sub\0\0\0\0'; words 042 010
	printf 'L1\0\0\0\0\0\0'; words 02 012
}

# The same program put in memory by deposits, with a stack.
aout_program() {
	cat <<'EOF'
d 0 004767
d 2 000004
d 4 005201
d 6 000000
d 10 005200
d 12 010037
d 14 003000
d 16 000207
d sp 2000
EOF
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
d kl xcsr 100	; by name: stored as typed, READY too (the bus keeps READY)
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
		'2000:	000052' '2002:	000052' '2004:	000052' 'XCSR:	000100' 'RKDA:	000012')"
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
runlimit 1000000
go 1000
e r0
show clock
show cpu
EOF
	} >t.ini
	run t.ini
	[ "$status" = 0 ] || fail "exit status $status"
	cp out out1
	cp err err1
	run t.ini
	cmp -s out out1 || fail "two runs differ"
	# all but the host's time
	grep -v '^host: ' err >errv; grep -v '^host: ' err1 >errv1
	cmp -s errv errv1 || fail "two runs differ on the monitor"
	same stdout "$(cat out)" "the lazy brown fox jumps over the dog, then q"
	grep -q "clock virtual, [1-9][0-9]* ticks" err || fail "the virtual clock ticked"
	;;
stats)
	# show cpu and --stats report the instructions the runs executed and
	# the MIPS; the loop below runs 3 + 2*1000 + 1 instructions
	cat >t.ini <<'EOF'
d 1000 012700
d 1002 001750
d 1004 005300
d 1006 001376
d 1010 000000
go 1000
show cpu
EOF
	run --stats t.ini
	same status "$status" 0
	grep -q '^host: 2002 instructions in [0-9.]* s running, [0-9.]* MIPS; [0-9.]* s waiting$' err ||
		fail "show cpu lacks the host line"
	grep -q '^pdp1140: 2002 instructions in [0-9.]* s running, [0-9.]* MIPS; [0-9.]* s waiting$' err ||
		fail "--stats printed no line at exit"
	run t.ini
	grep -q '^pdp1140: ' err && fail "no --stats, no line at exit"
	run --bogus t.ini
	[ "$status" = 2 ] || fail "an unknown option must fail with 2"
	;;
waiting)
	# The host time asleep while the guest WAITs: a loop of WAITs woken by
	# the KW11-L, run 1 s of wall time. In real time nearly all of it is
	# spent asleep until the next tick; in virtual time a WAIT skips to
	# the tick and nothing sleeps.
	for clock in realtime virtual; do
		cat >t.ini <<EOF
set clock $clock
d 100 1100
d 102 0
d 1100 000002
d 1000 012737
d 1002 000100
d 1004 177546
d 1006 012706
d 1010 001000
d 1012 000001
d 1014 000776
on error goto done
runlimit 1 seconds
go 1000
:done
show cpu
EOF
		run --stats t.ini
		has err "Runlimit expired"
		line=$(grep '^host: ' err) || fail "$clock: show cpu lacks the host line"
		w=$(echo "$line" | sed -n 's/.*MIPS; \([0-9.]*\) s waiting$/\1/p')
		[ -n "$w" ] || fail "$clock: no waiting figure in [$line]"
		grep -q "^pdp1140: .*; $w s waiting\$" err || fail "$clock: --stats differs from show cpu on waiting"
		case $clock in
		realtime) awk -v w="$w" 'BEGIN { exit !(w >= 0.7 && w <= 1.2) }' ||
			fail "realtime: $w s waiting in 1 s of WAITs, want most of it" ;;
		virtual) awk -v w="$w" 'BEGIN { exit !(w < 0.02) }' ||
			fail "virtual: $w s waiting, want none" ;;
		esac
	done
	;;
bad_commands)
	for line in "bogus 1" "d 1000 8" "attach rk9 x" "e 1000-" "d 1001 1" "send \"abc" \
		"set cpu 300k" "expect \"a\\q\"" "load /nonexistent/file" "go 1001" "e nosuchreg" \
		"e _nosuch" "break _nosuch" "symbols /nonexistent/file" "symbols t.ini" "bt x" "break 1001" \
		"break 1000 0" "goto nowhere" "ps" "symbols rk3:/rkunix" "trace /nonexistent/dir/f"; do
		printf 'echo start\n\n%s\necho not reached\n' "$line" >t.ini
		run t.ini
		[ "$status" != 0 ] || fail "[$line] must fail"
		[ "$(wc -l <err)" = 2 ] || fail "[$line]: want one line of error"
		sed -n 2p err | grep -q '^t.ini:3: ' || fail "[$line]: want t.ini:3: prefix"
		[ "$(head -1 err)" = start ] || fail "[$line]: echo first"
	done
	;;
bad_state)
	# a command that fails changes nothing: registers, memory, breakpoints
	cat >t.ini <<'EOF'
on error echo [error]
d r0 7
d 1000 1234
d r0 9
d 1000 _nosuch
break 1000,_nosuch
break -w 2000 x
e r0 1000
show break
EOF
	run t.ini
	same status "$status" 0
	same stderr "$(cat err)" "$(printf '%s\n' 't.ini:4: bad number: 9 (octal, at most 177777)' '[error]' \
		't.ini:5: bad number: _nosuch (octal, at most 177777)' '[error]' \
		't.ini:6: unknown symbol: _nosuch (no symbols loaded: see `symbols`)' '[error]' \
		't.ini:7: bad number: x (a count of hits, decimal, at least 1)' '[error]' \
		'R0:	000007' '1000:	001234' 'no breakpoints' 'pdp11> ')"
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
	# help set and help show list their tables' rows, and only the listed ones
	printf 'help set\nhelp show\nset\n' | "$PDP" >out 2>err
	has err "set clock virtual|realtime "
	has err "set panel on|off|png=FILE "
	has err "show history [N] "
	has err "usage: set WHAT VALUE (WHAT: cpu, clock, console, panel, rk, clk, throttle, kl)"
	grep -q "set rl" err && fail "help set lists a row kept for simh boot files"
	# a mistyped name gets the nearest command, a far one nothing
	printf 'help brk\nshwo cpu\nhelp bogus\n' | "$PDP" >out 2>err
	has err "help: no command brk (break?)"
	has err "unknown command: shwo (show?)"
	grep -q "bogus (" err && fail "a guess for a word far from every command"
	;;
help_docs)
	# Every command's usage as help prints it stands in docs/monitor.md.
	printf 'help\n' | "$PDP" 2>&1 | sed 's/^pdp11> //' | grep -v '^Numbers' | cut -d' ' -f1 | sed 's|\[.*||' |
		sort -u >names
	[ "$(wc -l <names)" -gt 30 ] || fail "help lists $(wc -l <names) commands"
	while read -r c; do
		[ -n "$c" ] || continue
		u=$(printf 'help %s\n' "$c" | "$PDP" 2>&1 | sed 's/^pdp11> //' | head -1)
		grep -qF -- "\`$u\`" "$DOCS/monitor.md" || fail "docs/monitor.md lacks \`$u\`"
	done <names
	;;
symbols)
	aout >prog.out
	{ aout_program; cat <<'EOF'
symbols prog.out
e -m 0-16
e _sub+2
break sub
show break
go 0
bt
e pc
nobreak _sub
show break
continue
EOF
	} >t.ini
	run t.ini
	same status "$status" 0
	same stderr "$(cat err)" "$(printf '%s\n' 'prog.out: 3 symbols (kernel space), text 000000-000020' \
		'0 <_main>:	JSR PC,_sub' '4 <_main+4>:	INC R1' '6 <_main+6>:	HALT' '10 <_sub>:	INC R0' \
		'12 <L1>:	MOV R0,@#3000' '16 <L1+4>:	RTS PC' '12 <L1>:	010037' \
		'break 000010 <_sub>  kernel  hits 0' \
		'Breakpoint, PC: 000010 <_sub> (INC R0)' \
		'#0  000010 <_sub>  (kernel mode, r5 000000, sp 001776)' '#1  000004 <_main+4>' \
		'PC:	000010' 'no breakpoints' 'HALT instruction, PC: 000010 <_sub> (INC R0)' 'pdp11> ')"
	;;
next)
	{ aout_program; cat <<'EOF'
d pc 0
next
e r0 r1
next
next
e r0 r1
EOF
	} >t.ini
	run t.ini
	same status "$status" 0
	# next runs the whole subroutine; on other instructions it is step
	same stderr "$(cat err)" "$(printf '%s\n' 'Step expired, PC: 000004 (INC R1)' 'R0:	000001' 'R1:	000000' \
		'Step expired, PC: 000006 (HALT)' 'HALT instruction, PC: 000010 (INC R0)' 'R0:	000001' 'R1:	000001' 'pdp11> ')"
	;;
break_count_actions)
	# R0 counts down from 5 (MOV #5,R0; DEC R0; BNE .-2; HALT)
	cat >t.ini <<'EOF'
d 1000 012700
d 1002 5
d 1004 005300
d 1006 001376
d 1010 0
break 1004 3; e r0; continue
go 1000
show break
EOF
	run t.ini
	same status "$status" 0
	same stderr "$(cat err)" "$(printf '%s\n' 'Breakpoint, PC: 001004 (DEC R0)' 'R0:	000003' \
		'Breakpoint, PC: 001004 (DEC R0)' 'R0:	000002' 'Breakpoint, PC: 001004 (DEC R0)' 'R0:	000001' \
		'HALT instruction, PC: 001012 (HALT)' 'break 001004  any mode  count 3  hits 5  ; e r0; continue' 'pdp11> ')"
	;;
watch)
	aout >prog.out
	{ aout_program; cat <<'EOF'
symbols prog.out
break -w 3000
go 0
e 3000
e pc
c
EOF
	} >t.ini
	run t.ini
	same status "$status" 0
	has err 'Watchpoint, write to 003000, PC: 000016 <L1+4> (RTS PC)'
	has err '3000:	000001'
	has err 'HALT instruction, PC: 000010 <_sub> (INC R0)'
	;;
trace)
	{ aout_program; cat <<'EOF'
trace t.log
go 0
notrace
EOF
	} >t.ini
	run t.ini
	same status "$status" 0
	# columns are padded for symbols: compare with blanks squeezed
	same trace "$(tr -s ' ' <t.log)" "$(printf '%s\n' \
		'PC 000000 PSW 000000 SP 002000 kernel JSR PC,10' \
		'PC 000010 PSW 000000 SP 001776 kernel INC R0' \
		'PC 000012 PSW 000000 SP 001776 kernel MOV R0,@#3000' \
		'PC 000016 PSW 000000 SP 001776 kernel RTS PC' \
		'PC 000004 PSW 000000 SP 002000 kernel INC R1' \
		'PC 000006 PSW 000000 SP 002000 kernel HALT')"
	;;
goto_on_error)
	cat >t.ini <<'EOF'
on error echo caught; goto done
echo start
bogus
echo skipped
:done
echo at done
on error
set cpu 13k
echo not reached
EOF
	run t.ini
	[ "$status" != 0 ] || fail "an error after on error is cleared must stop the script"
	same stderr "$(cat err)" "$(printf '%s\n' start 't.ini:3: unknown command: bogus' caught 'at done' \
		't.ini:8: set cpu: memory is 4K to 248K in steps of 4K')"
	# goto forward and back
	printf 'echo one\ngoto two\n:back\necho three\nexit 5\n:two\necho two\ngoto back\n' >t.ini
	run t.ini
	same status "$status" 5
	same stderr "$(cat err)" "$(printf '%s\n' one two three)"
	printf 'goto nowhere\n' >bad.ini
	run bad.ini
	has err "bad.ini:1: goto: no label :nowhere in bad.ini"
	;;
mmu_physical)
	# kernel page 0 maps va 0-17777 to pa 10000-27777; page 7 is the I/O page
	cat >t.ini <<'EOF'
d 772300 077406
d 772340 000100
d 772316 077406
d 772356 007600
d 777572 1
d -p 10000 1234
d -p 0 4321
e 0
e -p 0
e -p 10000
d 2 55
e -p 10002
show mmu
e 777572
EOF
	run t.ini
	same status "$status" 0
	has err "$(printf '0:\t001234')"
	has err "$(printf '0:\t004321')"
	has err "$(printf '10002:\t000055')"
	has err "SR0 000001 (relocation on)"
	has err "0  PAR 000100 PDR 077406  va 000000-017777 -> pa 010000-027777   8192 bytes rw"
	has err "7  PAR 007600 PDR 077406  va 160000-177777 -> pa 760000-777777   8192 bytes rw (I/O page)"
	has err "1  PAR 000000 PDR 000000  non-resident"
	;;
show)
	printf 'show version\nshow rk\nshow symbols\nshow break\nshow devices\nshow cpu\n' >t.ini
	run t.ini
	same status "$status" 0
	has err "pdp1140 "
	has err "RKCS 000200  ready, function control reset"
	has err "rk7  not attached"
	has err "kernel symbols: none"
	has err "no breakpoints"
	has err "PSW 000000  kernel, previous kernel"
	;;
v6_examine_still)
	# Looking does not change the machine: at every receiver interrupt of
	# a V6 session every register of every device is examined twice, by
	# name and by address; the two looks agree, and the console, the
	# final state and the disk are those of the same session unlooked at.
	DISKS=$3
	printf 'show devices\n' | "$PDP" 2>&1 | sed 's/^pdp11> //' |
		awk '$2 ~ /^[0-7]+-[0-7]+$/ {print "e " $1}' >look.do
	[ "$(wc -l <look.do)" -ge 6 ] || fail "show devices lists $(wc -l <look.do) devices"
	cat >>look.do <<'EOF'
e -p 777560-777566
e -b -p 777560-777567
e 177560-177566
e -p 777400-777412
e -p 777546
e -p 777570
e -p 777572
e -p 777576
e -p 772300-772316
e -p 772340-772356
e -p 777600-777616
e -p 777640-777656
e -p 777776
EOF
	session() {	# session BREAKPOINT-ACTIONS
		cp "$DISKS/rk0" rk0 || fail "no working disk $DISKS/rk0"
		cat >t.ini <<EOF
set cpu 11/40
attach rk0 rk0
d sr 1
symbols rk0:/rkunix
runlimit 300000000
do $DOCS/../tests/v6/login.do
break _klrint; $1
send "ls -l /bin | wc; cat /etc/passwd; sync\r"
expect "# "
continue
nobreak
show cpu
do look.do
quit
EOF
		run t.ini
		same status "$status" 0
	}
	session "echo ==1; do look.do; echo ==2; do look.do; echo ==3; continue"
	cp out looked.out; cp err looked.err; cp rk0 looked.rk0
	session "continue"
	cmp -s out looked.out || fail "the console differs when the machine is looked at"
	cmp -s rk0 looked.rk0 || fail "the disk differs when the machine is looked at"
	has out "root::0:"
	strip() { grep -v '^host: ' "$1" | sed -n '/^CPU 11\/40/,$p'; }
	strip err >plain.end; strip looked.err >looked.end
	[ -s plain.end ] || fail "no final state"
	cmp -s plain.end looked.end || fail "the final state differs when the machine is looked at"
	# at each stop the second look agrees with the first
	awk '/^==1$/ {k = 1; a = ""; b = ""; next} /^==2$/ {k = 2; next}
	     /^==3$/ {n++; if (a != b) bad++; if (a !~ /RBUF:/ || a !~ /kl rbuf/) empty++; k = 0; next}
	     k == 1 {a = a $0 "\n"} k == 2 {b = b $0 "\n"}
	     END {printf "%d %d %d\n", n, bad, empty}' looked.err >looks
	read -r n bad empty <looks
	[ "$n" -ge 20 ] || fail "only $n stops at _klrint"
	[ "$bad" -eq 0 ] || fail "$bad of $n second looks differ from the first"
	[ "$empty" -eq 0 ] || fail "$empty looks without the KL11's registers"
	;;
v6_debug)
	# The debugging scenario on stock V6, twice: the transcripts must agree.
	DISKS=$3
	cp "$DISKS/rk0" rk0 || fail "no working disk $DISKS/rk0"
	cat >t.ini <<'EOF'
set cpu 11/40
attach rk0 rk0
d sr 1
symbols rk0:/rkunix
runlimit 200000000
expect "@"
boot rk0
send "rkunix\r"
expect "login: "
continue
send "root\r"
expect "# "
continue
break _wakeup
send "ls /\r"
continue
bt
ps
show mmu
nobreak all
expect "# "
continue
echo [done]
EOF
	run t.ini
	same status "$status" 0
	cp out out1; cp err err1
	cp "$DISKS/rk0" rk0
	run t.ini
	cmp -s out out1 || fail "two runs differ on the console"
	cmp -s err err1 || fail "two runs differ on the monitor"
	has out "login: root"
	has err "rk0:/rkunix: 289 symbols (kernel space)"
	has err "Breakpoint, PC: 014450 <_wakeup> (JSR R5,csv)"
	has err "#0  014450 <_wakeup>"
	# a caller: the frame above names another function
	sed -n '/^#1 /p' err | grep -q '<_[a-z]*+[0-7]*>' || fail "bt names no caller"
	grep -Eq '^ +1 +1 +0 .*/etc/init$' err || fail "ps shows no init (pid 1)"
	grep -Eq '^ +[0-9]+ +[0-9]+ +1 .* -$' err || fail "ps shows no login shell (-, child of init)"
	grep -q '^user:' err || fail "no user space in show mmu"
	sed -n '/^user:/,/^\[done\]/p' err | grep -q 'va 000000-.* r[ow]' || fail "show mmu: no user page 0"
	has err "[done]"
	;;
*)
	echo "unknown case $CASE"
	exit 2
	;;
esac
exit 0
