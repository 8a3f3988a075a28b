#!/bin/sh
# Build what is needed and boot stock V6 at this terminal.
# At `@` type rkunix; at `login:` type root. Ctrl-E for the monitor.
set -e
cd "$(dirname "$0")"
sh tests/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc 2>/dev/null || echo 2)" >/dev/null
exec build/pdp1140 disks/v6.ini "$@"
