#!/bin/sh
# The patch regression does not depend on build/disks: boot V6 on the
# working disk itself, change the file system and quit without `sync`
# (as a person trying things by hand leaves it), then run the regression,
# which must pass from its own fresh copies of the stock images. The
# working disk is put back as it was afterwards.
# usage: dirty.sh PDP1140 V6FS WORKDISKS STOCKDIR PATCHDIR
pdp1140=$1 v6fs=$2 disks=$3 stock=$4 patches=$5
here=$(cd "$(dirname "$0")" && pwd)
work=${TMPDIR:-/tmp}/v6dirty.$$
mkdir -p "$work" || exit 1
[ -r "$disks/rk0" ] || { echo "FAIL: no working disk $disks/rk0 (the disks target makes it)"; exit 1; }
cp "$disks/rk0" "$work/rk0.saved" || exit 1
trap 'cp "$work/rk0.saved" "$disks/rk0"; rm -rf "$work"' EXIT
cat >"$work/dirty.ini" <<INI
set clock virtual
set cpu 11/40
attach rk0 $disks/rk0
runlimit 400000000 instructions
do $here/../v6/login.do
send "mkdir /usr/scratch; cp /rkunix /usr/scratch/k; echo x >/tmp/x\r"
expect "# "
continue
quit
INI
"$pdp1140" "$work/dirty.ini" </dev/null >"$work/dirty.out" 2>&1 ||
	{ cat "$work/dirty.out"; echo "FAIL: the session on $disks/rk0"; exit 1; }
cmp -s "$disks/rk0" "$work/rk0.saved" && { echo "FAIL: V6 did not change $disks/rk0"; exit 1; }
ARTIFACTS=${ARTIFACTS:-$work} sh "$here/regress.sh" "$pdp1140" "$v6fs" "$stock" "$patches"
