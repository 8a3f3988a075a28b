#!/bin/sh
# Build everything and run every test: unit tests, DEC diagnostics, V6
# sessions, then the same suite again under ASan and UBSan, then each
# libFuzzer target with clang (FUZZ=0 skips).
set -e
cd "$(dirname "$0")"
sh tests/deps.sh
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"
# The Debian package: built from the Release tree and listed (a few seconds).
(cd build && rm -f pdp1140_*.deb && cpack -G DEB >/dev/null && dpkg-deb --info pdp1140_*.deb && dpkg-deb --contents pdp1140_*.deb)
if [ "${SANITIZE:-1}" = 1 ]; then
	cmake -S . -B build-san -DCMAKE_BUILD_TYPE=Debug -DSANITIZE=ON >/dev/null
	cmake --build build-san -j"$jobs"
	ctest --test-dir build-san --output-on-failure -j"$jobs"
fi
if [ "${FUZZ:-1}" = 1 ]; then
	# Each libFuzzer target from the seed corpus with a fixed seed and run
	# count (about a minute each), so that a run is the same on every machine; FUZZ_SECONDS=N
	# explores instead (random seed, N seconds), FUZZ_SEED picks the seed.
	# The monitor target changes directory: paths given to it are absolute.
	fz=$(pwd)/build-fuzz
	CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFUZZ=ON -DSANITIZE=ON \
		-DPANEL=OFF -DV6_MAKE_DISKS=OFF >/dev/null
	cmake --build build-fuzz -j"$jobs" --target fuzz_cpu fuzz_monitor fuzz_v6fs fuzz_ctypes fuzz_snapshot
	targets="cpu monitor v6fs ctypes snapshot"
	for t in $targets; do
		case $t in cpu) runs=12000 ;; monitor) runs=20000 ;; v6fs) runs=12000 ;; ctypes) runs=20000 ;; snapshot) runs=4000 ;; esac
		if [ -n "${FUZZ_SECONDS:-}" ]; then
			how="-max_total_time=$FUZZ_SECONDS -seed=${FUZZ_SEED:-0}"
		else
			how="-runs=$runs -seed=${FUZZ_SEED:-1}"
			rm -rf "$fz/corpus/$t"
		fi
		mkdir -p "$fz/corpus/$t" "$fz/crashes/$t"
		"$fz/tests/fuzz/fuzz_$t" $how -close_fd_mask=3 -timeout=60 \
			-rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$fz/crashes/$t/" \
			"$fz/corpus/$t" "$(pwd)/tests/fuzz/corpus/$t" 2>"$fz/fuzz_$t.log" ||
			{ tail -40 "$fz/fuzz_$t.log"; echo "fuzz_$t: crash input in $fz/crashes/$t"; exit 1; }
		grep -E "^(Done|stat::number_of_executed_units|stat::average_exec_per_sec)" "$fz/fuzz_$t.log" |
			sed "s/^/fuzz_$t: /"
	done
	echo "fuzz: $(echo $targets | wc -w) passed, 0 failed"
fi
