#!/bin/sh
# Fresh working disks for one V6 session, whatever state build/disks is
# in: the stock images (in STOCKDIR, or $V6_DISKS), verified against
# disks/SHA256SUMS and made bootable as the build makes build/disks
# (disks/mkdisks.cmake), written to OUTDIR as rk0, rk1, rk2.
# usage: fresh-disks.sh V6FS STOCKDIR OUTDIR   ($CMAKE: the cmake to use)
v6fs=$1 stock=$2 out=$3
src=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out" || exit 1
"${CMAKE:-cmake}" -DV6FS="$v6fs" -DSTOCK="$stock" -DMANIFEST="$src/disks/SHA256SUMS" \
	-DOUT="$out" -DFORCE=ON -P "$src/disks/mkdisks.cmake" >"$out/mkdisks.log" 2>&1 ||
	{ cat "$out/mkdisks.log"; echo "FAIL: no fresh disks from the stock images"; exit 1; }
