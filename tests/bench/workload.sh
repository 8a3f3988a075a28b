# The measured workload of hostinsn.sh and profile.sh (sourced by both):
# working disks made afresh from the stock images in WORK, with sh.c (from
# the source pack, /s2/sh.c on rk1) in rk0's /tmp, and WORK/cg.ini, which
# boots V6 with the virtual clock, logs in, runs `cc -c -O sh.c`, prints
# `show cpu` and quits. Needs $here (the source tree) and $v6fs.
# usage: workload WORK NAME  (NAME prefixes the failure messages)
workload() {
	V6_DISKS=${V6_DISKS:-$here/../shared/disks} "$v6fs" --make-disks --force "$1" >"$1/mkdisks.log" 2>&1 ||
		{ cat "$1/mkdisks.log"; echo "$2: no fresh disks"; return 1; }
	"$v6fs" "$1/rk1" cat /s2/sh.c >"$1/sh.c" &&
		"$v6fs" --now 1000000000 "$1/rk0" put "$1/sh.c" /tmp/sh.c || { echo "$2: sh.c not copied"; return 1; }
	cat >"$1/cg.ini" <<INI
set clock virtual
attach rk0 rk0
attach rk1 rk1
attach rk2 rk2
do $here/tests/v6/login.do
send "chdir /tmp; cc -c -O sh.c; ls sh.o\r"
expect "sh.o\r\n# "
continue
show cpu
quit
INI
}
