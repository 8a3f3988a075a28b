#!/bin/sh
# Bad input: each case runs pdp1140 on a script (stdin /dev/null) whose
# second line is the bad command, with images attached or lying about.
# Every case must print one clear line (the expected one), exit with the
# expected status (1: a failing script ends the program), not crash, and
# leave every image byte-for-byte as it was.
# usage: bad_input.sh PDP1140 CASE     run one case
#        bad_input.sh PDP1140 --table  the docs/robustness.md table (runs all)
#        bad_input.sh PDP1140 --list   the case names
set -u
PDP=$1
CASE=$2
case $PDP in /*) ;; *) PDP=$(pwd)/$PDP ;; esac

# name | what | the script's line 2 | the one line it must print
# ("..." in a message stands for any text)
cases() {
	cat <<'EOF'
attach_missing|a missing image file|attach rk1 nofile.img|t.ini:2: attach: rk1: nofile.img: No such file or directory
attach_ro_create|create (-n) read-only (-r)|attach -r -n rk1 new.img|t.ini:2: attach: rk1: new.img: does not exist (not created read-only)
attach_dir|a directory|attach rk1 dir|t.ini:2: attach: rk1: dir: is a directory
attach_device|a device file|attach rk1 /dev/null|t.ini:2: attach: rk1: /dev/null: not a regular file
attach_large|a file larger than a pack|attach rk1 big.img|t.ini:2: attach: rk1: big.img: larger than an RK05 pack (2494465 > 2494464 bytes)
attach_twice|the same file on two drives read-write|attach rk1 a.img|t.ini:2: attach: rk1: a.img: already attached read-write to rk0
attach_link|the same file through a symbolic link|attach rk1 link.img|t.ini:2: attach: rk1: link.img: already attached read-write to rk0
attach_unit|a drive that does not exist|attach rk8 b.img|t.ini:2: no such unit: rk8 (rk0 to rk7)
attach_devname|a device that does not exist|attach tm0 b.img|t.ini:2: no such unit: tm0 (rk0 to rk7)
attach_switch|an unknown switch|attach -z rk1 b.img|t.ini:2: attach: unknown switch -z
attach_usage|no file name|attach rk1|t.ini:2: usage: attach [-r] [-n] rkN FILE, or attach klN [ADDR:]PORT
detach_empty|detach a drive with no pack|detach rk3|t.ini:2: detach: rk3 is not attached
boot_empty|boot a drive with no pack|boot rk1|t.ini:2: boot rk1: rk1: no disk attached
boot_unit|boot a drive that does not exist|boot rk9|t.ini:2: no such unit: rk9 (rk0 to rk7)
unknown_command|an unknown command|bogus 1|t.ini:2: unknown command: bogus
unknown_device|examine an unknown device|e xx yy|t.ini:2: unknown register or address: xx
unknown_devreg|deposit to a register a device lacks|d rk nosuch 1|t.ini:2: no register nosuch in device rk
unknown_reg|examine a CPU register that does not exist|e r8|t.ini:2: unknown register or address: r8
deposit_reg|deposit to a register that does not exist|d r9 1|t.ini:2: unknown register or address: r9
bad_octal|a digit that is not octal|d 1000 8|t.ini:2: bad number: 8 (octal, at most 177777)
value_too_big|a value wider than a word|d 1000 200000|t.ini:2: bad number: 200000 (octal, at most 177777)
address_too_big|an address past 18 bits|e 1000000|t.ini:2: bad number: 1000000 (octal, at most 777777)
number_overflow|a number past 64 bits|e 17777777777777777777777|t.ini:2: bad number: 17777777777777777777777 (octal, at most 777777)
odd_address|a word at an odd address|e 1001|t.ini:2: odd address: 1001
no_memory|an address with no memory or device|e 770000|t.ini:2: 770000: nonexistent memory
bad_range|a range that runs backwards|e 1000-777|t.ini:2: bad range: 1000-777
go_odd|start at an odd address|go 1001|t.ini:2: go: odd address 001001
step_negative|a negative count|step -1|t.ini:2: bad number: -1 (decimal, at most 9223372036854775807)
break_too_big|a breakpoint past 16 bits|break 200000|t.ini:2: bad number: 200000 (octal, at most 177777)
exit_too_big|an exit status past 255|exit 300|t.ini:2: bad number: 300 (decimal, at most 255)
set_cpu|a CPU model that is not an 11/40|set cpu 11/45|t.ini:2: set cpu: unknown option 11/45 (11/40 or NNk)
set_memory|memory past 248K|set cpu 300k|t.ini:2: set cpu: memory is 4K to 248K in steps of 4K
set_unknown|an unknown setting|set foo bar|t.ini:2: set: foo is not one of cpu, clock, console, panel, rk, clk, throttle, kl
set_wru|a WRU character past 7 bits|set console wru=400|t.ini:2: bad number: 400 (octal, at most 177)
set_keys|console keys neither v6 nor modern|set console keys=dos|t.ini:2: set console: keys=v6 or keys=modern, not dos
show_unknown|show something unknown|show foo|t.ini:2: show: foo is not one of cpu, devices, ..., history
switch_unknown|an unknown switch|e -z 1000|t.ini:2: unknown switch -z
unterminated|an unterminated string|send "abc|t.ini:2: send: unterminated string or word too long
bad_escape|an unknown escape|expect "a\q"|t.ini:2: expect: unknown escape \q
bad_regex|a bad regular expression|expect -r "(("|t.ini:2: expect: bad regular expression: Unmatched ( or \(
do_missing|do a missing script|do nofile.ini|t.ini:2: cannot open nofile.ini: No such file or directory
load_missing|load a missing tape|load nofile|t.ini:2: load: cannot open nofile: No such file or directory
load_dir|load a directory|load dir|t.ini:2: load: cannot read dir: Is a directory
load_garbage|load a tape with a bad checksum|load garbage.tap|t.ini:2: load garbage.tap: offset 0: checksum error in block at address 001000
long_word|a 2000-character file name|attach rk1 LONGWORD|t.ini:2: attach: unterminated string or word too long
long_line|a 100,000-character line|echo LONGLINE|t.ini:2: line too long
binary_garbage|binary garbage|GARBAGE|t.ini:2: unknown command: \377\376\001garbage
EOF
}

# Custom cases (not in the table above): name | what | what it prints.
custom() {
	cat <<'EOF'
expect_timeout|an expect that never matches|t.ini:3: expect timed out: "login: " (after the stop line)
runlimit|a program that never stops, with a run limit|t.ini:3: runlimit expired (after the stop line)
nested_do|a script that runs itself|self.ini:1: do: nested more than 10 deep
missing_script|pdp1140 nofile.ini|cannot open nofile.ini: No such file or directory
prompt_long_line|a 1,000,000-character line at the prompt (the prompt goes on, exit 0)|unknown command: xxx... (40 characters)
failed_attach_keeps|a failed attach at the prompt leaves the old pack on the drive|attach: rk0: nofile.img: No such file or directory
attach_ro_file|a read-only file without -r: attached, the guest gets write lock errors (exit 0)|attach: rk1: ro.img: read-only file, attached read-only
attach_noperm_root|a file with no permissions, as root: read-only, as above (exit 0)|attach: rk1: noperm.img: read-only file, attached read-only
attach_noperm_user|a file with no permissions, as user nobody|t.ini:1: attach: rk1: noperm.img: Permission denied
EOF
}

if [ "$CASE" = --list ]; then
	{ cases; custom; } | cut -d'|' -f1
	exit 0
fi
if [ "$CASE" = --table ]; then
	echo "| case | input | prints |"
	echo "| --- | --- | --- |"
	cases | while IFS='|' read -r name what cmd msg; do
		sh "$0" "$PDP" "$name" >/dev/null 2>&1 || msg="FAILS: $msg"
		printf '| %s | %s: `%s` | `%s` |\n' "$name" "$what" "$cmd" "$msg"
	done
	custom | while IFS='|' read -r name what msg; do
		sh "$0" "$PDP" "$name" >/dev/null 2>&1 || msg="FAILS: $msg"
		printf '| %s | %s | `%s` |\n' "$name" "$what" "$msg"
	done
	exit 0
fi

T=$(mktemp -d)
trap 'chmod -R u+rwx "$T"; rm -rf "$T"' EXIT
cd "$T" || exit 1
export HOME="$T"

fail() {
	printf 'FAIL [%s]: %s\n' "$CASE" "$*"
	echo "--- stdout"; cat -v out 2>/dev/null | head -20
	echo "--- stderr"; cat -v err 2>/dev/null | head -20
	exit 1
}

# Images: a.img and b.img (64 KB of a pattern), short.img (1000 bytes),
# ro.img (no write permission), noperm.img (no permissions), big.img (a
# pack and a byte, sparse), link.img -> a.img, dir/, garbage.tap.
awk 'BEGIN { for (i = 0; i < 65536; i++) printf "%c", (i * 7 + int(i / 256)) % 256 }' </dev/null >a.img
cp a.img b.img
head -c 1000 a.img >short.img
cp a.img ro.img && chmod 444 ro.img
cp a.img noperm.img && chmod 000 noperm.img
truncate -s 2494465 big.img
ln -s a.img link.img
mkdir dir
printf '\001\000\010\000\000\002\001\002\377' >garbage.tap
sums() { sha256sum a.img b.img short.img ro.img noperm.img big.img 2>/dev/null; }
sums >sums.before

run() {	# run [ARGS]: pdp1140 with stdin /dev/null; sets $status
	"$PDP" "$@" </dev/null >out 2>err
	status=$?
}

check() {	# check STATUS LINES LAST-LINE: exit status, stderr lines, its last line
	[ "$status" -lt 128 ] || fail "crashed or killed: status $status"
	[ "$status" = "$1" ] || fail "exit status $status, want $1"
	[ "$(wc -l <err)" -eq "$2" ] || fail "want $2 line(s) on stderr"
	# "..." in the expected line stands for any text (a list that grows)
	last=$(tail -n 1 err)
	case $3 in
	*...*)
		head=${3%%...*} tail=${3#*...}
		[ "${last#"$head"}" != "$last" ] && [ "${last%"$tail"}" != "$last" ] ||
			fail "last line [$last], want [$3]" ;;
	*) [ "$last" = "$3" ] || fail "last line [$last], want [$3]" ;;
	esac
	sums | cmp -s - sums.before || fail "an image changed: $(sums | diff - sums.before)"
}

# A table case: attach a.img to rk0, then the bad line, then a line that
# must not run.
line=$(cases | awk -F'|' -v c="$CASE" '$1 == c { print $3 "\n" $4; exit }')
if [ -n "$line" ]; then
	cmd=$(printf '%s\n' "$line" | sed -n 1p)
	msg=$(printf '%s\n' "$line" | sed -n 2p)
	long=$(head -c 2000 /dev/zero | tr '\0' x)
	case $cmd in
	*LONGWORD*) cmd=$(echo "$cmd" | sed "s/LONGWORD/$long/") ;;
	*LONGLINE*) cmd="echo $(head -c 100000 /dev/zero | tr '\0' x)" ;;
	esac
	printf 'attach rk0 a.img\n%s\necho not reached\n' "$cmd" >t.ini
	[ "$cmd" = GARBAGE ] && printf 'attach rk0 a.img\n\377\376\001garbage\000more\001\n\n' >t.ini
	run t.ini
	check 1 1 "$msg"
	exit 0
fi

# A program for the custom cases: RK11 function F on drive D, block N,
# 256 words at 10000, then HALT at 1034 with RKER in R0 and RKCS in R1.
# (MOV #-256.,@#RKWC; MOV #10000,@#RKBA; MOV #DA,@#RKDA; MOV #CS,@#RKCS;
# TSTB @#RKCS; BPL .-4; MOV @#RKER,R0; MOV @#RKCS,R1; HALT)
rk_program() {	# rk_program RKDA RKCS
	cat <<EOF
d 1000 012737
d 1002 177400
d 1004 177406
d 1006 012737
d 1010 010000
d 1012 177410
d 1014 012737
d 1016 $1
d 1020 177412
d 1022 012737
d 1024 $2
d 1026 177404
d 1030 105737
d 1032 177404
d 1034 100375
d 1036 013700
d 1040 177402
d 1042 013701
d 1044 177404
d 1046 000000
EOF
}

case $CASE in
expect_timeout)
	printf 'd 1000 000777\nexpect "login: " 100000\ngo 1000\necho not reached\n' >t.ini
	run t.ini
	check 1 2 't.ini:3: expect timed out: "login: "'
	;;
runlimit)
	printf 'd 1000 000777\nrunlimit 100000\ngo 1000\necho not reached\n' >t.ini
	run t.ini
	check 1 2 "t.ini:3: runlimit expired"
	;;
nested_do)
	printf 'do self.ini\necho not reached\n' >self.ini
	run self.ini
	check 1 1 "self.ini:1: do: nested more than 10 deep"
	;;
missing_script)
	run nofile.ini
	check 1 1 "cannot open nofile.ini: No such file or directory"
	;;
prompt_long_line)
	{ printf 'e '; head -c 1000000 /dev/zero | tr '\0' x; printf '\nxx%s\ne r0\n' "$(head -c 5000 /dev/zero | tr '\0' x)"; } >in
	"$PDP" <in >out 2>err
	status=$?
	[ "$status" = 0 ] || fail "exit status $status, want 0 (end of input at the prompt)"
	grep -q "^pdp11> examine: unterminated string or word too long$" err || fail "no word-too-long line"
	grep -q "^pdp11> unknown command: x\{40\}\.\.\.$" err || fail "no short unknown-command line"
	grep -q "R0:	000000" err || fail "the prompt did not go on after the long lines"
	;;
failed_attach_keeps)
	printf 'attach rk0 a.img\nattach rk0 nofile.img\nshow devices\n' | "$PDP" >out 2>err
	status=$?
	[ "$status" = 0 ] || fail "exit status $status"
	grep -q "attach: rk0: nofile.img: No such file or directory$" err || fail "no message"
	grep -q "^rk0 *a.img$" err || fail "rk0 lost its pack"
	;;
attach_ro_file | attach_noperm_root)
	img=ro.img
	[ "$CASE" = attach_noperm_root ] && img=noperm.img
	[ "$(id -u)" = 0 ] || [ "$img" = ro.img ] || { echo "SKIP: not root"; exit 0; }
	# The guest writes block 0 of rk1: write lock error (WLO, RKER 20000;
	# RKCS error and hard error bits with ready: 140202).
	{ echo "attach rk1 $img"; rk_program 020000 3; echo "go 1000"; echo "e r0 r1"; } >t.ini
	run t.ini
	[ "$status" = 0 ] || fail "exit status $status"
	[ "$(head -n 1 err)" = "attach: rk1: $img: read-only file, attached read-only" ] || fail "no notice"
	grep -q "^R0:	020000$" err || fail "the guest did not see a write lock error (RKER)"
	grep -q "^R1:	140202$" err || fail "RKCS after the write"
	sums | cmp -s - sums.before || fail "an image changed"
	;;
attach_noperm_user)
	command -v setpriv >/dev/null && [ "$(id -u)" = 0 ] || { echo "SKIP: needs root and setpriv"; exit 0; }
	chmod 755 "$T"
	chmod 644 a.img
	printf 'attach rk1 noperm.img\necho not reached\n' >t.ini
	chmod 644 t.ini
	setpriv --reuid=65534 --regid=65534 --clear-groups "$PDP" t.ini </dev/null >out 2>err
	status=$?
	check 1 1 "t.ini:1: attach: rk1: noperm.img: Permission denied"
	;;
*)
	echo "unknown case $CASE"
	exit 2
	;;
esac
exit 0
