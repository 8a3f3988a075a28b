#!/usr/bin/env python3
"""A second terminal for V6: rebuild the kernel with NKL11 2 inside V6 (the
way docs/walkthrough.md rebuilds it: ed kl.c, cc, ar, mkconf with a kl
line, as, ld), enable tty1 in /etc/ttys, boot the new kernel with
`set kl lines=2` and `attach kl1 PORT`, and log in on kl1 with Debian's
telnet client while the console runs a command of its own.

usage: telnet_kl1.py PDP1140 DISKDIR"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from ptyclient import cleanup, fail, free_port, TELNET_CONNECTED

PDP, DISKS = sys.argv[1], sys.argv[2]

# The console's part, as a person would type it. %1 is kl1's port.
SCRIPT = r'''
set clock virtual
attach rk0 rk0
runlimit 240 seconds
do LOGIN
send "chdir /usr/sys/dmr\r"
expect "# "
continue
send "ed kl.c\r/NKL11.*1$/s/1$/2/p\rw\rq\r"
expect "# "
continue
send "cc -c -O kl.c; ar r ../lib2 kl.o; rm kl.o\r"
expect "# " 200000000
continue
send "chdir ../conf; as m40.s; mv a.out m40.o; cc mkconf.c; mv a.out mkconf\r"
expect "# " 200000000
continue
send "mkconf\rrk\rtm\rtc\rkl\rdone\r"
expect "# "
continue
send "grep klin l.s\r"
expect "# "
continue
send "cc -c c.c; as l.s; ld -x a.out m40.o c.o ../lib1 ../lib2; cp a.out /klunix\r"
expect "# " 200000000
continue
send "/etc/mknod /dev/tty1 c 0 1; ed /etc/ttys\r/^010/s/.*/11-/p\rw\rq\r"
expect "# "
continue
send "sync; sync\r"
expect "# "
continue
echo @@ rebuilt
set kl lines=2
attach kl1 %1
show kl
set clock realtime
expect "@"
boot rk0
send "klunix\r"
expect "login: "
continue
send "root\r"
expect "# "
continue
echo @@ console logged in
send "sleep 12; tty\r"
expect "tty8\r\n"
continue
quit
'''


def main():
    signal.alarm(280)  # the run limit: SIGALRM ends the test
    work = tempfile.mkdtemp(prefix="pdp1140-kl1-")
    pdp = None
    try:
        pdp = run(work)
    finally:
        if pdp and pdp.poll() is None:
            pdp.kill()
            pdp.wait()
        cleanup()
        if os.environ.get("KEEP"):
            print("kept", work)
        else:
            shutil.rmtree(work, ignore_errors=True)


def wait_file(path, pattern, timeout, proc):
    end = time.time() + timeout
    while time.time() < end:
        with open(path, "rb") as f:
            m = re.search(pattern, f.read())
        if m:
            return m
        if proc.poll() is not None:
            break
        time.sleep(0.2)
    fail("no %r in %s; monitor: %s; console: %r" % (
        pattern, os.path.basename(path), open(path.replace("out", "err"), "rb").read()[-600:],
        open(path.replace("err", "out"), "rb").read()[-600:]))


def run(work):
    shutil.copy(os.path.join(DISKS, "rk0"), os.path.join(work, "rk0"))
    os.chmod(os.path.join(work, "rk0"), 0o644)
    login = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "v6", "login.do")
    with open(os.path.join(work, "kl1.ini"), "w") as f:
        f.write(SCRIPT.replace("LOGIN", os.path.abspath(login)))
    port = free_port()
    out, err = os.path.join(work, "out"), os.path.join(work, "err")
    pdp = subprocess.Popen([PDP, "kl1.ini", str(port)], cwd=work, stdin=subprocess.DEVNULL,
                           stdout=open(out, "wb"), stderr=open(err, "wb"))
    wait_file(err, rb"kl1: telnet 127\.0\.0\.1:%d" % port, 200, pdp)
    console = open(out, "rb").read()
    if not re.search(rb"#define\s+NKL11\s+2", console):
        fail("ed did not make NKL11 2: %r" % console[-800:])
    # mkconf put kl1's vectors at 300 and 304, as the emulated line has them
    if not re.search(rb"klin; br4\+1\.", console):
        fail("mkconf made no vector for kl1: %r" % console[-800:])
    wait_file(err, rb"kl +777560 .*\nkl1 +776500 vectors 300/304  telnet", 10, pdp)

    tn = TELNET_CONNECTED(port, work, rb"Connected to the pdp1140 line kl1\r\n")
    tn.wait(rb"login: ", timeout=120)
    wait_file(err, rb"@@ console logged in", 60, pdp)
    tn.send(b"root\r")
    tn.wait(rb"# ")
    tn.send(b"tty; echo on the second line\r")
    tn.wait(rb"\ntty1\r\non the second line\r\n# ")
    # the console's command was still running meanwhile
    if b"\ntty8\r\n" in open(out, "rb").read():
        fail("the console's sleep ended before kl1 logged in: not concurrent")
    wait_file(out, rb"\ntty8\r\n", 60, pdp)
    try:
        status = pdp.wait(timeout=30)
    except subprocess.TimeoutExpired:
        fail("pdp1140 did not quit")
    if status != 0:
        fail("pdp1140 exited %d: %s" % (status, open(err, "rb").read()[-600:]))
    print("PASS: V6 rebuilt with NKL11 2 logs in on kl1 over telnet while the console works")
    return pdp


main()
