#!/bin/sh
# Write the snapshot fuzzer's seeds (corpus/snapshot) with pdp1140 itself:
# an 8K machine with the scratch pack fuzz_snapshot.c attaches on rk7.
# usage: snapshot_seeds.sh PDP1140
pdp=$(realpath "$1")
out=$(cd "$(dirname "$0")" && pwd)/corpus/snapshot
dir=/tmp/pdp1140-fuzz-snapshot
mkdir -p "$dir" "$out" && : >"$dir/img" && cd "$dir" || exit 1
cat >mk.ini <<INI
set cpu 8k
attach rk7 $dir/img
d 1000 005200
d 1002 000776
d pc 1000
step 3000
save $out/busy
expect "x" 100000
expect -r "a+b" 100000
send "abc"
d kl rcsr 100
d kl xbuf 101
d rk rkda 20
d rk rkcs 11
save $out/sends-rk
INI
"$pdp" mk.ini </dev/null >/dev/null 2>&1
