: apply.sh -- add system calls hello, 49, and select, 50, to the kernel
: run as root in the directory that holds the patches: sh apply.sh
: then rebuild the kernel in /usr/sys with: sh run
if -r /usr/sys/ken/select.c goto done
ed - /usr/sys/run <run.ed
ed - /usr/sys/ken/sysent.c <sysent.ed
ed - /usr/sys/proc.h <proc.ed
ed - /usr/sys/ken/slp.c <slp.ed
cp hello.c /usr/sys/ken/hello.c
cp select.c /usr/sys/ken/select.c
echo patches applied
exit
: done
echo patches already applied
