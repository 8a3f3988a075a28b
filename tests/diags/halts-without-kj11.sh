#!/bin/sh
# The KJ11-A diagnostics on a plain 11/40 (set cpu nokj11, where 777774
# is absent): each must halt early, before its first pass ends.
# usage: halts-without-kj11.sh PDP1140 FILE...
pdp1140=$1; shift
dir=${PDP11_DIAGS:-$(dirname "$0")/../../../shared/diags}
for file in "$@"; do
	if [ ! -r "$dir/$file" ]; then
		echo "SKIP: $file not found in $dir (set PDP11_DIAGS to the folder of the MAINDEC files)"
		exit 77
	fi
	out=$(DIAG_CPU=nokj11 DIAG_LIMIT=50000000 sh "$(dirname "$0")/run-diag.sh" "$pdp1140" "$file")
	case $out in
	*"0 bells"*halted*) echo "ok $file: halts without the KJ11-A" ;;
	*) echo "FAIL $file without the KJ11-A: $out" | head -3; exit 1 ;;
	esac
done
