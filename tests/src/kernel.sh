#!/bin/sh
# The kernel debugger on stock V6 (virtual clock, fresh copy of the
# working disk): the header reader behind ps, print and ptype with their
# errors, bt's arguments, list, and systrace.
# usage: kernel.sh PDP1140 DISKDIR CASE
set -u
PDP=$1 DISKS=$2 CASE=$3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
export HOME="$T"

fail() {
	echo "FAIL [$CASE]: $*"
	echo "--- stderr"; cat err 2>/dev/null
	[ -f trace ] && { echo "--- trace"; tail -30 trace; }
	exit 1
}
has() {	# has FILE TEXT
	grep -qF -- "$2" "$1" || fail "$1 lacks [$2]"
}
lacks() {
	grep -qF -- "$2" "$1" && fail "$1 has [$2]"
	return 0
}
cp "$DISKS/rk0" rk0 || fail "no working disk $DISKS/rk0"
# boot to the shell; the commands of the case follow
head() {
	cat <<EOF
set clock virtual
set cpu 11/40
attach rk0 rk0
d sr 1
symbols rk0:/rkunix
runlimit 400000000
expect "@"
boot rk0
send "rkunix\r"
expect "login: "
continue
send "root\r"
expect "# "
continue
EOF
}
run() {
	"$PDP" t.ini </dev/null >out 2>err
	status=$?
}

case $CASE in
print)
	{ head; cat <<'EOF'
break _sleep
send "ls /\r"
continue
ps
echo @@ swapper
p proc[0]
echo @@ running
p/d u.u_procp->p_pid
p *(struct proc *)u.u_procp
echo @@ more
p/x proc[1].p_pid
p/d proc[0].p_pri
p/c 0101
p NPROC
p 010 + 10
p &proc[2] - &proc[0]
p (struct proc *)0 + 1
p rootdir->i_number
p u.u_dent
ptype struct proc
ptype proc
ptype u.u_procp
ptype callout
echo @@ errors
on error echo
p inode[0].i_foo
p nosuch
p proc[50]
p 09
p (proc[1]
p u.u_procp->
p &1
p/q 1
p *(struct buf *)0160000
p proc[1] + 1
p
ptype struct nosuch
echo @@ same
p proc[0]
EOF
	} >t.ini
	run
	[ "$status" -eq 0 ] || fail "exit status $status"
	has err "rk0:/usr/sys: 14 structs"
	# proc[0] is the swapper, p_stat as ps shows it (sleep: SSLEEP 1)
	grep -Eq '^  0[ *] +0 +0 sleep load,sys ' err || fail "ps: no swapper in slot 0"
	sed -n '/^@@ swapper/,/^@@ running/p' err | grep -q '^{p_stat = 01, p_flag = 03, p_pri = 0234, .*p_pid = 0, .*p_wchan = [0-7]* <_runout>, p_textp = 0}$' ||
		fail "p proc[0] is not the swapper asleep on runout"
	# the process ps marks running is u.u_procp's
	pid=$(sed -n 's/^ *[0-9]*\* *\([0-9]*\) .*/\1/p' err)
	[ -n "$pid" ] || fail "ps marks no process running"
	[ "$(sed -n '/^@@ running/{n;p}' err)" = "$pid" ] || fail "p/d u.u_procp->p_pid is not $pid"
	sed -n '/^@@ running/,/^@@ more/p' err | grep -q "p_pid = 0*$(printf %o "$pid")," ||
		fail "p *(struct proc *)u.u_procp is not pid $pid"
	sed -n '/^@@ more/,/^@@ errors/p' err >more
	for want in 0x1 -100 "65 'A'" 062 022 02 000026 01 "{u_ino = " \
		"type = struct proc {" "    int *p_textp;" "} [50]" "type = int" "    int (*c_func)();"; do
		has more "$want"
	done
	lacks more p_wfdset
	sed -n '/^@@ errors/,/^@@ same/p' err >errors
	for want in "print: no field i_foo in struct inode" "print: no symbol nosuch in the kernel or its headers" \
		"print: index 50 is out of bounds (50 elements)" "print: bad number: 09" "print: missing ) at 'end'" \
		"print: expected a member name after ->" "print: & of a value that is not in memory" \
		"print: bad format /q (o, d, x or c)" \
		"print: cannot read 0160000: the kernel's mapping does not reach it" \
		"print: a struct proc is not a number" "usage: print[/o|/d|/x|/c] EXPR" \
		"ptype: no struct nosuch in the headers"; do
		has errors "t.ini:" ; has errors "$want"
	done
	# looking changes nothing: the swapper prints the same before and after
	[ "$(sed -n '/^@@ swapper/{n;p}' err)" = "$(sed -n '/^@@ same/{n;p}' err)" ] || fail "print changed the machine"
	;;
systrace)
	# the same session with systrace and without: the console, the
	# instruction count and the bus time must not change
	session() {
		head
		[ "$1" = on ] && echo "systrace on > trace"
		cat <<'EOF'
send "ls -l /etc/passwd; cat /x; echo hi there | wc\r"
expect "# "
continue
send "cat >x.s\r"
send after=200000 "sys 0; 1f\rsys 1\r.data\r1: sys 5; 2f; 0\r2: </etc/passwd\\0>\r\004"
expect "# "
continue
send "as x.s; a.out\r"
expect "# "
continue
EOF
		[ "$1" = on ] && echo "systrace off"
		echo "show cpu"
	}
	session off >t.ini
	run
	[ "$status" -eq 0 ] || fail "exit status $status without systrace"
	mv out out.off
	grep "instructions, bus time" err >cpu.off
	cp "$DISKS/rk0" rk0
	session on >t.ini
	run
	[ "$status" -eq 0 ] || fail "exit status $status with systrace"
	cmp -s out out.off || fail "the console differs with systrace on"
	grep "instructions, bus time" err >cpu.on
	cmp -s cpu.on cpu.off || fail "instructions or bus time differ: $(cat cpu.off) / $(cat cpu.on)"
	has out "/etc/passwd"
	for want in '] fork() = ' ' (child)' \
		'] exec("/bin/ls", ["ls", "-l", "/etc/passwd"]) <unfinished ...>' '<... exec resumed> = 0' \
		' ls] open("/etc/passwd", 0) ' '] exit(' \
		' cat] open("/x", 0) = -1 ENOENT' \
		'pipe resumed> = 3, 4' ' echo] write(1, ' ' wc] read(0, ' \
		'] wait() <unfinished ...>' '<... wait resumed> = ' \
		'] exec("wc", ["wc"]) = -1 ENOENT' \
		'a.out] open("/etc/passwd", 0) ' 'a.out] <... open resumed> = 3' 'a.out] exit(3)'; do
		has trace "$want"
	done
	# (a.out opens through indir, sys 0: the call it names is shown)
	# a read of the terminal sleeps and is shown when it starts
	tail -1 trace | grep -q '^\[[0-9]* -\] read(0, 0[0-7]*, 1) <unfinished \.\.\.>$' || fail "the shell's read is not left unfinished"
	;;
bt_list)
	{ head; cat <<'EOF'
break _sleep
send "ls /\r"
continue
echo @@ entry
bt
nobreak all
break _sleep+4
continue
echo @@ body
bt
nobreak all
echo @@ list
list sleep
list
echo @@ file
list slp.c:3
echo @@ asm
list _savu
echo @@ errors
on error echo
list nosuch
list nosuch.c:3
list slp.c:x
list slp.c:100000
EOF
	} >t.ini
	run
	[ "$status" -eq 0 ] || fail "exit status $status"
	# at sleep's first instruction the arguments are above the return
	# address; after csv at 4(r5): the same values either way
	e=$(sed -n '/^@@ entry/{n;p}' err) b=$(sed -n '/^@@ body/{n;p}' err)
	echo "$e" | grep -Eq '^#0  [0-7]+ <_sleep>  sleep\(chan=[0-7]+ <_[a-z]+(\+[0-7]+)?>, pri=-?[0-9]+\)  \(kernel mode' ||
		fail "bt at sleep's entry: $e"
	echo "$b" | grep -Eq '^#0  [0-7]+ <_sleep\+4>  sleep\(chan=' || fail "bt in sleep's body: $b"
	[ "${e#*sleep(}" != "$e" ] && [ "$(echo "$e" | sed 's/.*sleep(\([^)]*\)).*/\1/')" = "$(echo "$b" | sed 's/.*sleep(\([^)]*\)).*/\1/')" ] ||
		fail "sleep's arguments differ: $e / $b"
	sed -n '/^@@ entry/,/^@@ body/p' err | grep -Eq '^#[0-9]  [0-7]+ <_trap1\+[0-7]+>  trap1\(f=[0-7]+ <_[a-z]+>\)' ||
		fail "bt: no trap1(f=...) frame"
	# an assembler routine shows no arguments
	sed -n '/^@@ entry/,/^@@ body/p' err | grep -Eq '^#[0-9]  [0-7]+ <call\+[0-7]+>  \(frame' || fail "bt: call has arguments"
	sed -n '/^@@ list/,/^@@ file/p' err >list
	has list "25	sleep(chan, pri)"
	has list "21	 * Callers of this routine must be prepared for"
	has list "30		rp = u.u_procp;"
	has list "31		if(pri >= 0) {"	# list goes on
	[ "$(grep -c '^[0-9]' list)" -eq 20 ] || fail "list and list: not twenty lines"
	sed -n '/^@@ file/,/^@@ asm/p' err | grep -q '^1	#$' || fail "list slp.c:3 does not start at line 1"
	sed -n '/^@@ asm/,/^@@ errors/p' err | grep -q '^[0-9]*	_savu:$' || fail "list _savu: no label in m40.s"
	has err "list: no function nosuch in rk0:/usr/sys"
	has err "list: no file nosuch.c in rk0:/usr/sys/ken, dmr or conf"
	has err "list: bad line number: x (decimal, from 1)"
	has err 'Line number 99995 out of range; "/usr/sys/ken/slp.c" has'
	;;
*)
	echo "unknown case $CASE"
	exit 2
	;;
esac
echo "PASS [$CASE]"
