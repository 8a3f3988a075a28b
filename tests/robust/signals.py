#!/usr/bin/env python3
"""No lost data on SIGINT, SIGTERM and SIGHUP: pdp1140 runs V6 at a
pseudo-terminal; V6 writes a file and syncs, keeps running, and the signal
comes. pdp1140 must stop with one message and status 128+signal, leave the
terminal's modes as they were before it started (it had them raw), and the
image must hold what V6 wrote, readable by v6fs and clean by its check.
QUIT and EOF do the same with Ctrl-E, then `quit` or Ctrl-D at the prompt
(status 0).
usage: signals.py PDP1140 V6FS DISKDIR INT|TERM|HUP|SIGQUIT|QUIT|EOF"""
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import termios
import time

pdp, v6fs, disks, signame = sys.argv[1:5]
# QUIT is the monitor's command; SIGQUIT the signal.
sig = None if signame in ("QUIT", "EOF") else getattr(signal, signame if signame.startswith("SIG") else "SIG" + signame)


def fail(msg, out=b""):
    print("FAIL [%s]: %s" % (signame, msg))
    print(out.decode("latin-1").replace("\r", "")[-2000:])
    sys.exit(1)


work = tempfile.mkdtemp()
try:
    rk0 = os.path.join(work, "rk0")
    shutil.copy(os.path.join(disks, "rk0"), rk0)
    ini = os.path.join(work, "t.ini")
    with open(ini, "w") as f:
        f.write("""set clock virtual
attach rk0 %s
expect "@"
boot rk0
send "rkunix\\r"
expect "login: "
continue
send "root\\r"
expect "# "
continue
send "echo kept by %s >/sigtest; sync\\r"
expect "# "
continue
echo @@ ready
continue
""" % (rk0, signame))

    master, slave = os.openpty()
    before = termios.tcgetattr(slave)
    p = subprocess.Popen([pdp, ini], stdin=slave, stdout=slave, stderr=slave,
                         start_new_session=True, env=dict(os.environ, HOME=work))
    out = b""
    deadline = time.time() + 120

    def drain(until=None):
        global out
        while time.time() < deadline:
            r, _, _ = select.select([master], [], [], 0.2)
            if r:
                try:
                    out += os.read(master, 65536)
                except OSError:
                    return False
            if until and until in out:
                return True
            if p.poll() is not None and not r:
                return False
        return False

    if not drain(b"@@ ready"):
        p.kill()
        fail("V6 did not get to the shell", out)
    time.sleep(0.5)     # V6 idles in its shell; the machine runs on
    if termios.tcgetattr(slave)[3] & termios.ICANON:
        fail("the console is not in raw mode while V6 runs", out)
    if sig:
        p.send_signal(sig)
    else:
        os.write(master, b"\x05")     # WRU: stop, the monitor prompt
        if not drain(b"pdp11> "):
            fail("no prompt after Ctrl-E", out)
        # libedit prints the prompt before it leaves canonical mode: a ^D
        # typed in between is an EOF the line discipline drops. Type when
        # the line editor reads, as a person does.
        for _ in range(500):
            if not termios.tcgetattr(master)[3] & termios.ICANON:
                break
            time.sleep(0.01)
        os.write(master, b"quit\r" if signame == "QUIT" else b"\x04")
    drain()
    try:
        status = p.wait(30)
    except subprocess.TimeoutExpired:
        p.kill()
        fail("pdp1140 did not stop on the signal", out)
    want = 128 + sig if sig else 0
    if status != want:
        fail("exit status %d, want %d" % (status, want), out)
    if sig and b"Simulation stopped by a signal" not in out:
        fail("no stop message", out)
    if termios.tcgetattr(slave) != before:
        fail("terminal modes not restored", out)

    r = subprocess.run([v6fs, rk0, "cat", "/sigtest"], capture_output=True)
    if r.returncode != 0 or r.stdout != b"kept by %s\n" % signame.encode():
        fail("the file V6 wrote is not in the image: %r %r" % (r.stdout, r.stderr), out)
    r = subprocess.run([v6fs, rk0, "check"], capture_output=True)
    if r.returncode != 0:
        fail("v6fs check: %r" % (r.stdout + r.stderr), out)
    print("PASS [%s]: status %d, terminal restored, /sigtest in the image, v6fs check clean"
          % (signame, status))
finally:
    shutil.rmtree(work)
