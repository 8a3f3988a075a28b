#!/bin/sh
# Install the Debian packages the build and the tests need, if missing.
set -e
pkgs="cmake make gcc clang libclang-rt-dev pkg-config libedit-dev libsdl2-dev zlib1g-dev check python3 simh dpkg-dev groff-base libtelnet-dev telnet"
missing=""
for p in $pkgs; do
	dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
