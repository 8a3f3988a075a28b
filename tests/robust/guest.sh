#!/bin/sh
# Guest-caused errors trap in the guest as on an 11/40 and never stop or
# crash the emulator; a kernel-mode HALT stops the machine with a message
# and the monitor goes on. Each trap vector V (4, 10, 14, 20, 30, 34, 250)
# leads to a handler at 4000+2V that does MOV #V,R5 and HALTs, so the stop
# line's PC (4000+2V+6) and R5 name the trap the guest took.
# usage: guest.sh PDP1140 CASE
set -u
PDP=$1
CASE=$2
case $PDP in /*) ;; *) PDP=$(pwd)/$PDP ;; esac
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
export HOME="$T"

fail() {
	printf 'FAIL [%s]: %s\n' "$CASE" "$*"
	echo "--- stderr"; cat -v err 2>/dev/null | tail -20
	exit 1
}

vectors() {
	for v in 4 10 14 20 30 34 250; do
		h=$(printf %o $((04000 + 2 * 0$v)))
		printf 'd %s %s\nd %s 340\n' "$v" "$h" "$(printf %o $((0$v + 2)))"
		printf 'd %s 012705\nd %o %s\nd %o 000000\n' "$h" $((0$h + 2)) "$v" $((0$h + 4))
	done
}

# The kernel MMU map: pages 0-5 and 7 identity (7 is the I/O page), page 6
# absent (length 0, no access); user page 0 at physical 40000.
mmu_on() {
	for p in 0 1 2 3 4 5 6 7; do
		printf 'd %o %o\n' $((0772340 + 2 * p)) $((p == 7 ? 07600 : p * 0200))
		printf 'd %o %s\n' $((0772300 + 2 * p)) "$([ $p = 6 ] && echo 0 || echo 077406)"
		printf 'd %o %o\n' $((0777640 + 2 * p)) $((0400 + p * 0200))
		printf 'd %o 077406\n' $((0777600 + 2 * p))
	done
	echo "d 777572 1"
}

# run_case WANT-VECTOR: run t.ini, want the handler's HALT and R5 = vector,
# then the script goes on (alive) and the program ends with status 0.
run_case() {
	printf 'e r5\necho alive\n' >>t.ini
	"$PDP" t.ini </dev/null >out 2>err
	status=$?
	[ "$status" = 0 ] || fail "exit status $status"
	pc=$(printf %06o $((04000 + 2 * 0$1 + 6)))
	grep -q "^HALT instruction, PC: $pc " err || fail "no HALT in the handler of vector $1 (PC $pc)"
	grep -q "^R5:	$(printf %06o 0$1)$" err || fail "R5 is not $1"
	grep -q "^alive$" err || fail "the script did not go on"
}

# RK11 function on block DA of drive 0, 256 words at 10000, then HALT at
# 1046 with RKER in R0 and RKCS in R1.
rk_program() {	# rk_program RKDA RKCS
	i=0
	for w in 012737 177400 177406 012737 010000 177410 012737 "$1" 177412 012737 "$2" 177404 \
		105737 177404 100375 013700 177402 013701 177404 000000; do
		printf 'd %o %s\n' $((01000 + 2 * i)) "$w"
		i=$((i + 1))
	done
}

{ vectors; echo "d ksp 1000"; } >t.ini
case $CASE in
short_image)	# 1000 bytes: block 10 reads as zeros, a write to block 20 extends the file
	awk 'BEGIN { for (i = 0; i < 1000; i++) printf "%c", 65 + i % 26 }' </dev/null >short.img
	cp short.img orig.img
	{ echo "attach rk0 short.img"; echo "d 10000-10776 177777"; rk_program 000012 5; echo "go 1000"
	  echo "e r0 10000 10776"; echo "d 10000-10776 052525"; rk_program 000030 3; echo "go 1000"; echo "e r0"
	  echo "detach rk0"; } >t.ini
	"$PDP" t.ini </dev/null >out 2>err
	[ $? = 0 ] || fail "exit status"
	[ "$(grep -c "^R0:	000000$" err)" = 2 ] || fail "RK11 errors"
	grep -q "^10000:	000000$" err && grep -q "^10776:	000000$" err || fail "past the end did not read as zeros"
	[ "$(wc -c <short.img)" = $((21 * 512)) ] || fail "the write did not extend the file to 21 blocks"
	cmp -n 1000 short.img orig.img || fail "the first 1000 bytes changed"
	[ "$(od -An -tx1 -j $((20 * 512)) -N 2 short.img | tr -d ' ')" = 5555 ] || fail "block 20 not written"
	[ "$(od -v -An -tx1 -j 1000 -N $((20 * 512 - 1000)) short.img | tr -d ' \n' | tr -d 0)" = "" ] ||
		fail "the gap is not zeros"
	;;
odd_address)	# TST @#1001
	printf 'd 1000 005737\nd 1002 001001\ngo 1000\n' >>t.ini
	run_case 4
	;;
absent_memory)	# 32K of memory; TST @#100000
	printf 'set cpu 32k\nd 1000 005737\nd 1002 100000\ngo 1000\n' >>t.ini
	run_case 4
	;;
absent_device)	# TST @#177000: nothing on the bus there
	printf 'd 1000 005737\nd 1002 177000\ngo 1000\n' >>t.ini
	run_case 4
	;;
mmu_abort)	# TST @#140000 with kernel page 6 absent: trap 250, SR0 frozen
	mmu_on >>t.ini
	printf 'd 1000 005737\nd 1002 140000\ngo 1000\ne 777572\n' >>t.ini
	run_case 250
	grep -q "^777572:	100015  (mmu sr0)$" err || fail "SR0 is not 100015 (non-resident, kernel, page 6, enabled)"
	;;
illegal)	# 000007 is no instruction on the 11/40
	printf 'd 1000 000007\ngo 1000\n' >>t.ini
	run_case 10
	;;
jmp_register)	# JMP R0: illegal mode, trap to 4
	printf 'd 1000 000100\ngo 1000\n' >>t.ini
	run_case 4
	;;
user_halt)	# HALT in user mode traps to 10 on the 11/40
	mmu_on >>t.ini
	printf 'd 40000 000000\nd psw 170000\ngo 0\n' >>t.ini
	run_case 10
	;;
user_reset)	# RESET in user mode does nothing; then EMT traps to 30
	mmu_on >>t.ini
	printf 'd 40000 000005\nd 40002 104000\nd psw 170000\ngo 0\n' >>t.ini
	run_case 30
	;;
stack_fatal)	# a trap with an odd kernel SP: fatal stack error, new stack at 4, trap to 4
	printf 'd 1000 000007\nd ksp 1\ngo 1000\n' >>t.ini
	run_case 4
	;;
interrupt_storm)
	# The RK11 interrupts the moment IDE is set while it is ready; the
	# handler at 3000 counts in R4, clears and sets IDE again (another
	# interrupt at once) and RTIs, 10000 times, then HALTs at 3032.
	cat >>t.ini <<'EOF'
d 220 3000
d 222 340
d 3000 005204
d 3002 020427
d 3004 023420
d 3006 001406
d 3010 005037
d 3012 177404
d 3014 012737
d 3016 000100
d 3020 177404
d 3022 000002
d 3024 000000
d 3026 000000
d 3030 000000
d 3032 000000
d 1000 012737
d 1002 000100
d 1004 177404
d 1006 000777
runlimit 10000000
go 1000
e r4
echo alive
EOF
	"$PDP" t.ini </dev/null >out 2>err
	status=$?
	[ "$status" = 0 ] || fail "exit status $status"
	grep -q "^alive$" err || fail "the script did not go on"
	grep -q "^HALT instruction, PC: 003026 " err || fail "the handler did not reach its HALT"
	grep -q "^R4:	023420$" err || fail "R4 is not 10000."
	;;
kernel_halt)	# the prompt, not a script: the monitor reads on after the HALT
	printf 'd 1000 012700\nd 1002 1234\nd 1004 000000\ngo 1000\ne r0 pc\nquit\n' | "$PDP" >out 2>err
	status=$?
	[ "$status" = 0 ] || fail "exit status $status"
	grep -q "pdp11> HALT instruction, PC: 001006 (HALT)$" err || fail "no HALT message"
	grep -q "^pdp11> R0:	001234$" err || fail "no prompt after the HALT"
	grep -q "^PC:	001006$" err || fail "PC"
	;;
*)
	echo "unknown case $CASE"
	exit 2
	;;
esac
exit 0
