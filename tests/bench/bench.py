#!/usr/bin/env python3
"""Time the same V6 work on pdp1140 and on simh 3.8.1 (Debian's `pdp11`).

Both emulators run at a pseudo-terminal, as a person would use them, on
fresh copies of the working disks with /usr/sys/run fixed (`ar r ../lib1
*.o`). Workloads: boot to `login:`, `cc -c -O sh.c` (the V6 shell, 11.6 KB
of C), the full `sh run` kernel rebuild, and the rebuild again with its
output to /dev/null (no console padding to wait for). The two emulators alternate,
each workload is repeated, and the medians and the ratio simh/ours are
printed, with our emulated MIPS (instructions from `show cpu`). Last, the
host CPU time each uses in 10 s of an idle V6 at the `# ` prompt.

usage: bench.py [--build DIR] [--reps N] [--clock realtime|virtual]
"""
import argparse
import os
import pty
import re
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


class Term:
    """A program at a pseudo-terminal: wait for text, type text."""

    def __init__(self, argv, cwd):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(cwd)
            os.execvp(argv[0], argv)
        self.buf = b""

    def expect(self, text, timeout=600):
        want = text.encode()
        end = time.time() + timeout
        while want not in self.buf:
            left = end - time.time()
            r, _, _ = select.select([self.fd], [], [], max(left, 0))
            if not r:
                raise RuntimeError("timed out waiting for %r; last output %r" % (text, self.buf[-300:]))
            try:
                self.buf += os.read(self.fd, 65536)
            except OSError:
                raise RuntimeError("the program ended while waiting for %r" % text)
        i = self.buf.index(want) + len(want)
        seen, self.buf = self.buf[:i], self.buf[i:]
        return seen.decode("latin-1")

    def type(self, text):
        os.write(self.fd, text.encode())

    def cpu_seconds(self):
        with open("/proc/%d/stat" % self.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def kill(self):
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except OSError:
            pass
        os.close(self.fd)


def prepare_disks(build, work):
    v6fs = os.path.join(build, "disks", "v6fs")
    for d in ("rk0", "rk1", "rk2"):
        shutil.copy(os.path.join(build, "disks", d), os.path.join(work, d))
    rk0 = os.path.join(work, "rk0")
    run = subprocess.run([v6fs, rk0, "cat", "/usr/sys/run"], check=True,
                         capture_output=True, text=True).stdout
    fixed = re.sub(r"^ar r \.\./(lib[12])$", r"ar r ../\1 *.o", run, flags=re.M)
    with open(os.path.join(work, "run"), "w") as f:
        f.write(fixed)
    subprocess.run([v6fs, rk0, "put", "-m", "0664", "-o", "3", "-g", "3",
                    os.path.join(work, "run"), "/usr/sys/run"], check=True)
    sh = subprocess.run([v6fs, os.path.join(work, "rk1"), "cat", "/s2/sh.c"],
                        check=True, capture_output=True).stdout
    with open(os.path.join(work, "sh.c"), "wb") as f:
        f.write(sh)
    subprocess.run([v6fs, rk0, "put", os.path.join(work, "sh.c"), "/tmp/sh.c"], check=True)


class Ours:
    name = "pdp1140"

    def __init__(self, build, clock):
        self.exe = os.path.join(build, "pdp1140")
        self.clock = clock

    def start(self, work):
        with open(os.path.join(work, "ours.ini"), "w") as f:
            f.write("set cpu 11/40\nset clock %s\n" % self.clock)
            f.write("attach rk0 rk0\nattach rk1 rk1\nattach rk2 rk2\nboot rk0\n")
        return Term([self.exe, "ours.ini"], work)

    def instructions(self, t):
        """Stop with Ctrl-E, read `show cpu`, go on."""
        t.type("\005")
        t.expect("pdp11> ")
        t.type("show cpu\r")
        out = t.expect("pdp11> ")
        t.type("c\r")
        m = re.search(r"(\d+) instructions", out)
        return int(m.group(1)) if m else None


class Simh:
    name = "simh"

    def __init__(self, idle=False):
        self.idle = idle

    def start(self, work):
        with open(os.path.join(work, "simh.ini"), "w") as f:
            f.write("set cpu 11/40\nset cpu 248k\n")
            if self.idle:
                f.write("set cpu idle\n")
            f.write("att rk0 rk0\natt rk1 rk1\natt rk2 rk2\nboot rk0\n")
        return Term(["pdp11", "simh.ini"], work)

    def instructions(self, t):
        return None


def session(emu, build, do_run):
    """One session: boot, cc sh.c, sh run. Returns {workload: (seconds, instructions)}."""
    work = tempfile.mkdtemp(prefix="v6bench.")
    res = {}
    try:
        prepare_disks(build, work)
        t0 = time.time()
        t = emu.start(work)
        t.expect("@")
        t.type("rkunix\r")
        t.expect("login:")
        res["boot"] = (time.time() - t0, emu.instructions(t))
        t.type("root\r")
        t.expect("# ")
        last = [emu.instructions(t)]

        def timed(name, command, prompt, timeout):
            """Type a command, wait for its prompt: wall seconds, instructions."""
            t.type(command)
            t1 = time.time()
            t.expect(prompt, timeout)
            dt = time.time() - t1
            n = emu.instructions(t)
            res[name] = (dt, n - last[0] if n is not None and last[0] is not None else None)
            last[0] = n

        timed("cc sh.c", "chdir /tmp; cc -c -O sh.c; ls sh.o\r", "sh.o\r\n# ", 600)
        if do_run:
            timed("sh run", "chdir /usr/sys; sh run\r", "\n# ", 1200)
            # The same rebuild with its output (a line per file) thrown
            # away: V6's console pads each carriage return with 5 clock
            # ticks (getty's CR delay), which an emulator with a real-time
            # clock spends in wall time whenever the output queue fills.
            timed("sh run >/dev/null", "sh run >/dev/null\r", "\n# ", 1200)
        t.kill()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return res


def idle_cost(emu, build, seconds=10):
    work = tempfile.mkdtemp(prefix="v6idle.")
    try:
        prepare_disks(build, work)
        t = emu.start(work)
        t.expect("@")
        t.type("rkunix\r")
        t.expect("login:")
        t.type("root\r")
        t.expect("# ")
        time.sleep(1)
        c0 = t.cpu_seconds()
        time.sleep(seconds)
        used = t.cpu_seconds() - c0
        t.kill()
        return used
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--clock", default="realtime", choices=["realtime", "virtual"])
    ap.add_argument("--no-run", action="store_true", help="skip the sh run workload")
    ap.add_argument("--no-idle", action="store_true", help="skip the idle measurement")
    a = ap.parse_args()
    a.build = os.path.abspath(a.build)
    if not shutil.which("pdp11"):
        sys.exit("bench.py: simh's pdp11 is not installed (apt-get install simh)")
    ours, simh = Ours(a.build, a.clock), Simh()
    times = {}
    for rep in range(a.reps):
        for emu in (ours, simh) if rep % 2 == 0 else (simh, ours):
            for w, (s, n) in session(emu, a.build, not a.no_run).items():
                times.setdefault((emu.name, w), []).append((s, n))
            print("run %d %s done" % (rep + 1, emu.name), file=sys.stderr)
    print("pdp1140 (%s clock) vs simh 3.8.1, medians of %d runs, wall seconds" % (a.clock, a.reps))
    print("%-18s %10s %10s %8s %14s %8s" % ("workload", "simh", "pdp1140", "ratio", "instructions", "MIPS"))
    for w in ("boot", "cc sh.c", "sh run", "sh run >/dev/null"):
        if (ours.name, w) not in times:
            continue
        so = statistics.median(s for s, _ in times[(ours.name, w)])
        ss = statistics.median(s for s, _ in times[(simh.name, w)])
        ns = [n for _, n in times[(ours.name, w)] if n]
        n = int(statistics.median(ns)) if ns else 0
        mips = n / so / 1e6 if n and so else 0
        print("%-18s %10.3f %10.3f %7.2fx %14d %8.1f" % (w, ss, so, ss / so, n, mips))
    if not a.no_idle:
        print("idle at the # prompt, host CPU seconds in 10 s of wall time:")
        print("  pdp1140 (realtime) %.2f" % idle_cost(Ours(a.build, "realtime"), a.build))
        print("  simh               %.2f" % idle_cost(Simh(), a.build))
        print("  simh, set cpu idle %.2f" % idle_cost(Simh(idle=True), a.build))


if __name__ == "__main__":
    main()
