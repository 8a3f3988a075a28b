#!/bin/sh
# The V6 patch set (patches/) end to end, as a person at the console would
# do it: boot the stock kernel, build the user programs and see calls 49
# and 50 fail, apply the patches, rebuild the kernel with `sh run`, boot
# it, run the select pipe test and the hello caller, and check the file
# system with V6's icheck and dcheck.
# usage: regress.sh PDP1140 V6FS STOCKDIR PATCHDIR
# It runs on fresh disks made from the stock images in STOCKDIR (or
# $V6_DISKS), never on build/disks.
# ARTIFACTS: where patches.transcript (console), patches.monitor and the
# monitor script patches.ini go.
# PHASES: if set, a file that gets one line per phase: wall time, name.
pdp1140=$1 v6fs=$2 stock=$3 patches=$4
login=$(cd "$(dirname "$0")/../v6" && pwd)/login.do
art=${ARTIFACTS:-.}
out=$art/patches.transcript
mon=$art/patches.monitor
ini=$art/patches.ini
work=${TMPDIR:-/tmp}/v6patch.$$
mkdir -p "$work" "$art"
trap 'rm -rf "$work"' EXIT

fail() {
	echo "FAIL: $*"
	echo "--- last 40 console lines ($out)"
	tail -40 "$out"
	echo "--- monitor ($mon)"
	tail -15 "$mon"
	exit 1
}

sh "$(dirname "$0")/../v6/fresh-disks.sh" "$v6fs" "$stock" "$work" || exit 1
"$v6fs" "$work/rk0" put -r "$patches" /usr/patches >"$work/put" 2>&1 ||
	fail "v6fs put: $(cat "$work/put")"

# Each `expect` stops the machine at a prompt; the next `send` types the
# next line. `echo @@ phase` marks phases on the monitor's output.
cat >"$ini" <<INI
set clock virtual
set cpu 11/40
attach rk0 $work/rk0
attach rk1 $work/rk1
attach rk2 $work/rk2
deposit sr 0
runlimit 3000000000 instructions

echo @@ phase boot
do $login
show cpu

echo @@ phase stock
send "chdir /usr/patches\r"
expect "# "
continue
send "as select.s; mv a.out select.o\r"
expect "# "
continue
send "cc pipetest.c select.o; mv a.out pipetest\r"
expect "# "
continue
send "cc selcheck.c select.o; mv a.out selcheck\r"
expect "# "
continue
send "as hello.s; mv a.out hello\r"
expect "# "
continue
send "./hello\r"
expect "# "
continue
send "./pipetest\r"
expect "# "
continue
send "./selcheck\r"
expect "# "
continue
send "rm core\r"
expect "# "
continue
show cpu

echo @@ phase apply
send "sh apply.sh\r"
expect "# "
continue
show cpu

echo @@ phase run
send "chdir /usr/sys; sh run\r"
expect "# " 1500000000
continue
send "sync\r"
expect "# "
continue
send "sync\r"
expect "# "
continue
show cpu

echo @@ phase reboot
do $login
show cpu

echo @@ phase tests
send "chdir /usr/patches\r"
expect "# "
continue
send "./selcheck\r"
expect "# "
continue
symbols rk0:/rkunix
systrace on pipetest > $art/patches.systrace
send "./pipetest\r"
expect "b 6\r"
continue
send "\177"
expect "# "
continue
systrace on hello >> $art/patches.systrace
send "./hello\r"
expect "# "
continue
systrace off
deposit sr 1
send "./hello\r"
expect "# "
continue
deposit sr 0
send "sync\r"
expect "# "
continue
send "icheck /dev/rk0\r"
expect "# "
continue
send "dcheck /dev/rk0\r"
expect "# "
continue
send "sync\r"
expect "# "
continue
show cpu

echo @@ phase debug
symbols rk0:/rkunix
echo @@ ps
ps
echo @@ ptype
ptype struct proc
p proc[1]
break _sleep
send "ls\r"
continue
echo @@ bt
bt
ps
p/d u.u_procp->p_pid
nobreak all
expect "# "
continue
echo @@ list
list select
echo @@ debug end
echo @@ phase end
quit
INI

# The monitor's output (stderr) goes through a reader that stamps the
# phase marks as they come; the console (stdout) is the transcript.
stamp() {
	while IFS= read -r line || [ -n "$line" ]; do
		case $line in
		"@@ phase "*) [ -n "$PHASES" ] && echo "$(date +%s.%N) ${line#@@ phase }" >>"$PHASES" ;;
		esac
		printf '%s\n' "$line"
	done
}
[ -n "$PHASES" ] && : >"$PHASES"
{ "$pdp1140" "$ini" </dev/null 2>&1 >"$out"; echo $? >"$work/status"; } | stamp >"$mon"
status=$(cat "$work/status")
[ "$status" -eq 0 ] || fail "pdp1140 exited $status in phase $(grep '^@@ phase' "$mon" | tail -1 | cut -d' ' -f3)"

# The transcript cut into blocks, one a shell command: block N starts at
# the Nth prompt line and holds what the command printed.
tr -d '\r\177' <"$out" >"$work/console"
block() {	# block COMMAND N: the Nth block whose command is COMMAND
	awk -v cmd="# $1" -v n="$2" '
		index($0, "# ") == 1 { inb = (index($0, cmd) == 1 && ++k == n) }
		inb' "$work/console"
}

# On the stock kernel both calls are V6's nosys: the trap handler turns
# its error 100 into SIGSYS, which the shell reports.
block ./hello 1 | grep -q "Bad system call" ||
	fail "stock kernel: hello (sys 49) did not die of a bad system call"
block ./pipetest 1 | grep -q "Bad system call" ||
	fail "stock kernel: select (sys 50) did not die of a bad system call"
grep -q "^patches applied" "$work/console" || fail "apply.sh did not apply the patches"

# sh run: cc lists each file; cmp reports the three new kernels; any other
# line is a compiler, assembler or loader complaint.
block "chdir /usr/sys; sh run" 1 | sed 1d >"$work/run"
bad=$(grep -v -e '^[a-z0-9]*\.c:$' -e '^a\.out /[a-z]*unix differ:' -e '^# ' "$work/run")
[ -z "$bad" ] || fail "sh run complained: $bad"
for k in rkunix rpunix hpunix; do
	grep -q "^a.out /$k differ" "$work/run" || fail "sh run did not make a new /$k"
done
grep -q "^select.c:$" "$work/run" || fail "sh run did not compile select.c"

block ./selcheck 1 | grep -q "Bad system call" ||
	fail "stock kernel: selcheck did not die of a bad system call"

# The select rules, one check each (patches/selcheck.c).
block ./selcheck 2 >"$work/selcheck"
grep FAIL "$work/selcheck" && fail "selcheck: $(grep FAIL "$work/selcheck")"
[ "$(grep -c '^ok [1-8]$' "$work/selcheck")" -eq 8 ] && grep -q "^selcheck: all passed" "$work/selcheck" ||
	fail "selcheck did not finish: $(cat "$work/selcheck")"

# The pipe test: lines from both children, each child's in order, at least
# six from each, and interleaved as their rates say: a writes every
# second, b every two, so never more than two a lines or one b line in a row.
block ./pipetest 2 | awk '
	/^[ab] [0-9]+$/ {
		c = $1; n[c]++
		if ($2 != n[c]) { print "line " NR ": " $0 " out of order"; bad = 1 }
		run = (c == last) ? run + 1 : 1; last = c
		if (run > (c == "a" ? 2 : 1)) { print "line " NR ": " run " " c " lines in a row"; bad = 1 }
	}
	END {
		if (n["a"] < 6 || n["b"] < 6) { print n["a"] + 0 " a lines, " n["b"] + 0 " b lines"; bad = 1 }
		exit bad
	}' >"$work/pipes" || fail "pipe test: $(cat "$work/pipes")"
block ./pipetest 2 | grep -q "pipetest:" && fail "pipe test: $(block ./pipetest 2 | grep pipetest:)"
# DEL ends the test; the shell prompts again (the command typed next follows it).
awk '/^# \.\/pipetest$/ { k++ } k == 2 && /^# / && !/pipetest/ { print; exit }' "$work/console" |
	grep -q "^# ./hello$" || fail "no shell prompt after DEL"

# hello: switch register 0, the kernel printf is silent; 1, it prints.
[ "$(block ./hello 2 | tr -d '\n')" = "# ./hello" ] ||
	fail "hello with the switch register 0 printed: $(block ./hello 2 | sed 1d)"
[ "$(block ./hello 3 | grep -o hello | wc -l)" -eq 2 ] ||
	fail "hello with the switch register 1 did not print hello"

# icheck prints its counts and nothing else; dcheck only the device name.
icheck=$(block "icheck /dev/rk0" 1 | sed 1d | grep -v -e '^/dev/rk0:$' -e '^# $' \
	-e '^spcl ' -e '^files ' -e '^large ' -e '^huge ' -e '^direc ' -e '^indir ' \
	-e '^indir2 ' -e '^used ' -e '^free ')
[ -z "$icheck" ] || fail "icheck: $icheck"
[ "$(block "icheck /dev/rk0" 1 | grep -c '^used ')" -eq 1 ] || fail "icheck did not run"
dcheck=$(block "dcheck /dev/rk0" 1 | sed 1d | grep -v -e '^/dev/rk0:$' -e '^# $')
[ -z "$dcheck" ] || fail "dcheck: $dcheck"
"$v6fs" "$work/rk0" check >"$work/check" 2>&1 || fail "v6fs check: $(tail -5 "$work/check")"
# systrace on the patched kernel: the new calls by their sysent.c names,
# select sleeping and coming back with a descriptor count.
st=$art/patches.systrace
grep -Eq '^\[[0-9]+ pipetest\] select\([0-9]+, 0[0-7]+, 0, 0, 0\) <unfinished \.\.\.>$' "$st" ||
	fail "systrace: no select of pipetest sleeping"
grep -Eq '^\[[0-9]+ pipetest\] <\.\.\. select resumed> = 1$' "$st" || fail "systrace: no select resumed = 1"
grep -Eq '^\[[0-9]+ hello\] hello\(\) = 0$' "$st" || fail "systrace: no hello() = 0"
grep -Eq '^\[[0-9]+ hello\] exit\(0\)$' "$st" || fail "systrace: no exit(0) of hello"
# The kernel debugger follows the patched proc.h (p_wfdset[NOFILE]): ps
# finds init, update and the shell; ptype and print show the new field.
sed -n '/^@@ ps$/,/^@@ ptype$/p' "$mon" >"$work/ps"
grep -Eq '^ +1 +1 +0 .*/etc/init$' "$work/ps" || fail "ps on the patched kernel: no init"
grep -Eq ' /etc/update$' "$work/ps" || fail "ps on the patched kernel: no update"
grep -Eq '^ +[0-9]+[ *] +[0-9]+ +1 .* -$' "$work/ps" || fail "ps on the patched kernel: no login shell"
grep -q "^    int p_wfdset\[15\];$" "$mon" || fail "ptype struct proc on the patched kernel: no p_wfdset"
grep -q "^{p_stat = 0[0-7]*, .*p_pid = 01, .*p_wfdset = {" "$mon" || fail "p proc[1] on the patched kernel"
sed -n '/^@@ bt$/,/^@@ list$/p' "$mon" >"$work/bt"
grep -Eq '^#0  [0-7]+ <_sleep>  sleep\(chan=[0-7]+ <_[a-z0-9]+(\+[0-7]+)?>, pri=-?[0-9]+\)' "$work/bt" ||
	fail "bt in sleep on the patched kernel: $(sed -n 2p "$work/bt")"
running=$(sed -n 's/^ *[0-9]*\* *\([0-9]*\) .*/\1/p' "$work/bt")
[ -n "$running" ] && grep -qx "$running" "$work/bt" || fail "p/d u.u_procp->p_pid is not the pid ps marks running ($running)"
sed -n '/^@@ list$/,/^@@ debug end$/p' "$mon" | grep -q '^[0-9]*	select()$' || fail "list select: no definition from ken/select.c"
grep -q "rk0:/usr/sys/.*: " "$mon" && fail "the patched headers gave warnings: $(grep 'rk0:/usr/sys/.*: ' "$mon")"
echo "PASS: stock kernel refuses 49 and 50; patched kernel built by sh run; select multiplexes two pipes; hello follows the switch register; icheck, dcheck clean"
