#!/bin/sh
# No lost data, the hard way: V6 rebuilds its kernel (`sh run` in
# /usr/sys) and pdp1140 is killed with SIGKILL in the middle of it. The
# image files must never be truncated (the same size or grown) and v6fs
# must still open them; V6 then boots from them again and its icheck and
# dcheck run. What they say is kept in sigkill.check (a crash in the
# middle of a compile may leave missing blocks: V6 had them in its buffer
# cache); v6fs check's view is kept in sigkill.v6fs.
# usage: sigkill.sh PDP1140 V6FS DISKDIR
# ARTIFACTS: where sigkill.* go.
pdp1140=$1 v6fs=$2 disks=$3
art=${ARTIFACTS:-.}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$art"

fail() {
	echo "FAIL: $*"
	for f in "$work"/err "$work"/out2 "$work"/err2; do
		[ -f "$f" ] && { echo "--- $f"; tr -d '\r' <"$f" | tail -25; }
	done
	exit 1
}

for d in rk0 rk1 rk2; do
	[ -r "$disks/$d" ] || fail "no working disk $disks/$d (the disks target makes it)"
	cp "$disks/$d" "$work/$d"
done
size() { wc -c <"$1" | tr -d ' '; }
before0=$(size "$work/rk0") before1=$(size "$work/rk1") before2=$(size "$work/rk2")

# Boot, log in, start sh run; tell the test (on stderr) once the third
# file compiles, then let it run on.
cat >"$work/run.ini" <<INI
set clock virtual
attach rk0 $work/rk0
attach rk1 $work/rk1
attach rk2 $work/rk2
expect "@"
boot rk0
send "rkunix\r"
expect "login: "
continue
send "root\r"
expect "# "
continue
send "chdir /usr/sys; sh run\r"
expect "fio.c:"
continue
echo @@ kill-me
continue
INI
"$pdp1140" "$work/run.ini" </dev/null >"$work/out" 2>"$work/err" &
pid=$!
n=0
until grep -q "^@@ kill-me" "$work/err"; do
	kill -0 $pid 2>/dev/null || fail "pdp1140 ended before sh run got going"
	n=$((n + 1))
	[ $n -lt 1200 ] || { kill -9 $pid; fail "sh run did not start within 120 seconds"; }
	sleep 0.1
done
sleep 2		# well inside the compiles (a few hundred million instructions)
kill -9 $pid
wait $pid
status=$?
[ "$status" = 137 ] || fail "pdp1140 exited $status before the SIGKILL"

[ "$(size "$work/rk0")" -ge "$before0" ] || fail "rk0 truncated: $(size "$work/rk0") < $before0"
[ "$(size "$work/rk1")" -ge "$before1" ] || fail "rk1 truncated"
[ "$(size "$work/rk2")" -ge "$before2" ] || fail "rk2 truncated"
cmp -s "$disks/rk0" "$work/rk0" && echo "note: rk0 unchanged, V6 had written nothing yet"
"$v6fs" "$work/rk0" ls / >/dev/null 2>"$work/ls" || fail "v6fs cannot open rk0 after the kill: $(cat "$work/ls")"
"$v6fs" "$work/rk0" check >"$art/sigkill.v6fs" 2>&1
echo "v6fs check exit $?" >>"$art/sigkill.v6fs"

# Boot again and let V6 judge its file systems.
cat >"$work/check.ini" <<INI
set clock virtual
attach rk0 $work/rk0
attach rk1 $work/rk1
attach rk2 $work/rk2
runlimit 2000000000 instructions
expect "@"
boot rk0
send "rkunix\r"
expect "login: "
continue
send "root\r"
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
quit
INI
"$pdp1140" "$work/check.ini" </dev/null >"$work/out2" 2>"$work/err2"
status=$?
tr -d '\r' <"$work/out2" >"$art/sigkill.check"
[ "$status" = 0 ] || fail "V6 did not boot and check after the kill (exit $status)"
grep -q "^used " "$art/sigkill.check" || fail "icheck did not run"
echo "PASS: killed in sh run; images not truncated (rk0 $before0 -> $(size "$work/rk0") bytes); v6fs opens rk0; V6 boots; icheck/dcheck in $art/sigkill.check:"
sed -n '/icheck/,$p' "$art/sigkill.check"
