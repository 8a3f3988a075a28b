#!/bin/sh
# Build everything and run every test: unit tests, DEC diagnostics, V6
# sessions, then the same suite again under ASan and UBSan.
set -e
cd "$(dirname "$0")"
sh tests/deps.sh
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"
if [ "${SANITIZE:-1}" = 1 ]; then
	cmake -S . -B build-san -DCMAKE_BUILD_TYPE=Debug -DSANITIZE=ON >/dev/null
	cmake --build build-san -j"$jobs"
	ctest --test-dir build-san --output-on-failure -j"$jobs"
fi
