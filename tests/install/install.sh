#!/bin/sh
# An installed copy works without the source tree: cmake --install into a
# scratch prefix, run both programs with --version and --help, lint the man
# pages, then from a directory outside the source and build trees make the
# working disks with the installed pdp1140 and boot them to login:.
# usage: install.sh CMAKE BUILDDIR VERSION STOCKDIR
cmake=$1 build=$2 version=$3 stock=${V6_DISKS:-$4}
work=$(mktemp -d "${TMPDIR:-/tmp}/pdp1140-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
fail() { echo "FAIL: $*"; exit 1; }

"$cmake" --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1 ||
	{ cat "$work/install.log"; fail "cmake --install"; }
for f in bin/pdp1140 bin/v6fs share/man/man1/pdp1140.1 share/man/man1/v6fs.1 \
	share/doc/pdp1140/README.md share/doc/pdp1140/LICENSE share/doc/pdp1140/copyright \
	share/doc/pdp1140/monitor.md share/doc/pdp1140/v6.ini; do
	[ -f "$prefix/$f" ] || fail "cmake --install did not install $f"
done
grep -q "^License: Expat" "$prefix/share/doc/pdp1140/copyright" || fail "copyright names no license"

for prog in pdp1140 v6fs; do
	out=$("$prefix/bin/$prog" --version) || fail "$prog --version exited $?"
	case $out in
	"$prog $version"|"$prog $version (git "*")") ;;
	*) fail "$prog --version said '$out', want '$prog $version' [(git COMMIT)]" ;;
	esac
	"$prefix/bin/$prog" --help >"$work/help" || fail "$prog --help exited $?"
	grep -q "^usage: $prog" "$work/help" || fail "$prog --help prints no usage"
	grep -q -- "--make-disks" "$work/help" || fail "$prog --help does not mention --make-disks"
done

# The man pages render without a warning (and pass mandoc's lint where it is).
for page in "$prefix"/share/man/man1/pdp1140.1 "$prefix"/share/man/man1/v6fs.1; do
	if command -v groff >/dev/null; then
		warn=$(groff -man -ww -z "$page" 2>&1)
		[ -z "$warn" ] || fail "groff -man -ww: $warn"
	fi
	if command -v mandoc >/dev/null; then
		warn=$(mandoc -T lint -W warning "$page" 2>&1)
		[ -z "$warn" ] || fail "mandoc -T lint: $warn"
	fi
done
command -v groff >/dev/null || command -v mandoc >/dev/null || echo "note: neither groff nor mandoc: man pages not linted"

if [ ! -r "$stock/v6root" ]; then
	echo "SKIP: no stock V6 images in $stock (set V6_DISKS)"
	exit 77
fi
mkdir "$work/home"
cd "$work/home" || fail "cd"
# The two lines the README gives, the boot file run with a virtual clock.
V6_DISKS=$stock "$prefix/bin/pdp1140" --make-disks "$work/home/v6" >"$work/make.log" 2>&1 ||
	{ cat "$work/make.log"; fail "pdp1140 --make-disks"; }
grep -q "v6/rk0" "$work/home/v6/v6.ini" || fail "no v6.ini for the disks"
cat >"$work/home/first.do" <<INI
set clock virtual
runlimit 200000000 instructions
expect "@"
do v6/v6.ini
send "rkunix\r"
expect "login: "
continue
quit
INI
"$prefix/bin/pdp1140" first.do </dev/null >"$work/out" 2>&1
status=$?
[ "$status" -eq 0 ] || { cat "$work/out"; fail "installed pdp1140 exited $status"; }
grep -q "login: $" "$work/out" || { cat "$work/out"; fail "no login: from the installed pdp1140"; }
echo "PASS: installed into $prefix; both programs run; man pages lint clean; V6 booted to login:"
