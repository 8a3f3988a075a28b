#!/usr/bin/env python3
"""Time the same V6 work on pdp1140 and on simh 3.8.1 (Debian's `pdp11`).

Both emulators run at a pseudo-terminal, as a person would use them, on
fresh copies of the working disks with /usr/sys/run fixed (`ar r ../lib1
*.o`). Workloads: boot to `login:`, `cc -c -O sh.c` (the V6 shell, 11.6 KB
of C), the full `sh run` kernel rebuild, and the rebuild again with its
output to /dev/null (no console padding to wait for). pdp1140 runs with
the virtual clock and with the real-time clock; the three alternate, each
workload is repeated, and the medians and the ratio simh/ours are printed,
with our emulated MIPS (instructions from `show cpu`), the host processor
and the date. Then the targets and where we stand (PASS or below): `sh
run` with the virtual clock at least 5x simh and 250 MIPS, `cc -c -O sh.c`
at least 6x simh, pdp1140's peak memory (max RSS) on `sh run` at most
64 MiB; and for the real-time clock how much of each run was spent asleep
waiting for clock ticks (`show cpu`'s "s waiting": V6's console padding
waits in real time). Last, the host CPU time each uses in 10 s of an idle
V6 at the `# ` prompt. --quick: one run of boot and cc only (under a
minute), to check that the benchmark works.

usage: bench.py [--build DIR] [--disks DIR] [--reps N]
                [--clock virtual|realtime|both] [--quick] [--no-run] [--no-idle]
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
WORKLOADS = ("boot", "cc sh.c", "sh run", "sh run >/dev/null")

# The targets: (what, workload, figure, at least / at most, bound, unit)
TARGETS = (
    ("sh run, virtual clock", "sh run", "ratio", ">=", 5, "x simh"),
    ("sh run, virtual clock", "sh run", "MIPS", ">=", 250, " MIPS"),
    ("cc -c -O sh.c, virtual clock", "cc sh.c", "ratio", ">=", 6, "x simh"),
)
PEAK_MIB = 64


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
        """End the program; its peak memory (max RSS) in MiB, or None."""
        peak = None
        try:
            os.kill(self.pid, signal.SIGKILL)
            _, _, usage = os.wait4(self.pid, 0)
            peak = usage.ru_maxrss / 1024  # Linux counts it in KiB
        except OSError:
            pass
        os.close(self.fd)
        return peak


def prepare_disks(build, disks, work):
    """Working disks in work: copies of --disks DIR, or made afresh from
    the verified stock images ($V6_DISKS, default ../shared/disks), never
    whatever a session left in the build tree."""
    v6fs = os.path.join(build, "disks", "v6fs")
    if disks:
        for d in ("rk0", "rk1", "rk2"):
            shutil.copy(os.path.join(disks, d), os.path.join(work, d))
    else:
        env = dict(os.environ)
        env.setdefault("V6_DISKS", os.path.join(ROOT, "..", "shared", "disks"))
        subprocess.run([v6fs, "--make-disks", "--force", work], check=True, env=env,
                       stdout=subprocess.DEVNULL)
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
    def __init__(self, build, clock):
        self.exe = os.path.join(build, "pdp1140")
        self.clock = clock
        self.name = "pdp1140 " + clock

    def start(self, work):
        with open(os.path.join(work, "ours.ini"), "w") as f:
            f.write("set cpu 11/40\nset clock %s\n" % self.clock)
            f.write("attach rk0 rk0\nattach rk1 rk1\nattach rk2 rk2\nboot rk0\n")
        return Term([self.exe, "ours.ini"], work)

    def counters(self, t):
        """Stop with Ctrl-E, read `show cpu`, go on: (instructions, seconds
        asleep waiting for ticks or input)."""
        t.type("\005")
        t.expect("pdp11> ")
        t.type("show cpu\r")
        out = t.expect("pdp11> ")
        t.type("c\r")
        n = re.search(r"(\d+) instructions", out)
        w = re.search(r"; ([0-9.]+) s waiting", out)
        if not n or not w:
            raise RuntimeError("show cpu printed no instructions or waiting time: %r" % out)
        return int(n.group(1)), float(w.group(1))


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

    def counters(self, t):
        return None


def session(emu, a):
    """One session: boot, cc sh.c, sh run. Returns ({workload: (seconds,
    instructions, waiting)}, peak MiB); instructions and waiting are
    None for simh."""
    work = tempfile.mkdtemp(prefix="v6bench.")
    res = {}
    try:
        prepare_disks(a.build, a.disks, work)
        t0 = time.time()
        t = emu.start(work)
        t.expect("@")
        t.type("rkunix\r")
        t.expect("login:")
        dt = time.time() - t0
        last = emu.counters(t)
        res["boot"] = (dt,) + (last or (None, None))
        t.type("root\r")
        t.expect("# ")
        last = emu.counters(t)

        def timed(name, command, prompt, timeout):
            """Type a command, wait for its prompt: wall seconds and the
            counters' growth."""
            nonlocal last
            t.type(command)
            t1 = time.time()
            t.expect(prompt, timeout)
            dt = time.time() - t1
            now = emu.counters(t)
            res[name] = (dt,) + (tuple(b - a for a, b in zip(last, now)) if now else (None, None))
            last = now

        timed("cc sh.c", "chdir /tmp; cc -c -O sh.c; ls sh.o\r", "sh.o\r\n# ", 600)
        if a.run:
            timed("sh run", "chdir /usr/sys; sh run\r", "\n# ", 1200)
            # The same rebuild with its output (a line per file) thrown
            # away: V6's console pads each carriage return with 5 clock
            # ticks (getty's CR delay), which an emulator with a real-time
            # clock spends in wall time whenever the output queue fills.
            timed("sh run >/dev/null", "sh run >/dev/null\r", "\n# ", 1200)
        peak = t.kill()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return res, peak


def idle_cost(emu, a, seconds=10):
    work = tempfile.mkdtemp(prefix="v6idle.")
    try:
        prepare_disks(a.build, a.disks, work)
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


def processor():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown processor"


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def table(times, ours, simh, reps):
    """Medians per workload for one clock: {workload: (simh s, our s,
    ratio, instructions, MIPS, waiting s)}; printed as a table."""
    rows = {}
    print()
    print("%s clock, medians of %d runs, wall seconds" % (ours.clock, reps))
    print("%-18s %8s %8s %7s %13s %7s %9s" % ("workload", "simh", "pdp1140", "ratio", "instructions", "MIPS",
                                              "waiting"))
    for w in WORKLOADS:
        if (ours.name, w) not in times:
            continue
        so = median(s for s, _, _ in times[(ours.name, w)])
        ss = median(s for s, _, _ in times[(simh.name, w)])
        n = median(n for _, n, _ in times[(ours.name, w)])
        wait = median(x for _, _, x in times[(ours.name, w)])
        mips = n / so / 1e6 if n and so else 0
        rows[w] = (ss, so, ss / so, n, mips, wait)
        print("%-18s %8.3f %8.3f %6.2fx %13d %7.1f %8.3fs" % (w, ss, so, ss / so, n, mips, wait))
    return rows


def targets(rows, peak, quick):
    """Each target beside the figure measured, with PASS or below."""
    print()
    print("targets (on this host processor, medians):")
    for what, w, figure, op, bound, unit in TARGETS:
        if w not in rows:
            print("  %-34s %-7s %-12s not run" % (what, figure, "%s %g%s" % (op, bound, unit)))
            continue
        value = rows[w][2] if figure == "ratio" else rows[w][4]
        shown = "%.2fx" % value if figure == "ratio" else "%.1f" % value
        print("  %-34s %-7s %-12s %-9s %s" % (what, figure, "%s %g%s" % (op, bound, unit), shown,
                                              "PASS" if value >= bound else "below"))
    what = "peak memory of pdp1140" + (" (boot, cc)" if quick else " on sh run")
    if peak is None:
        print("  %-34s %-7s %-12s not measured" % (what, "max RSS", "<= %d MiB" % PEAK_MIB))
    else:
        print("  %-34s %-7s %-12s %-9s %s" % (what, "max RSS", "<= %d MiB" % PEAK_MIB, "%.1f MiB" % peak,
                                              "PASS" if peak <= PEAK_MIB else "below"))


def waiting(rows):
    """How much of each real-time run was asleep waiting for clock ticks."""
    print()
    print("real-time clock at a pseudo-terminal (V6's console padding waits in real time):")
    for w, (_, so, _, _, _, wait) in rows.items():
        print("  %-18s waiting for ticks: %.2f s of %.2f s (%.0f%%)" % (w, wait, so, 100 * wait / so if so else 0))


class Parser(argparse.ArgumentParser):
    def error(self, message):
        sys.exit("bench.py: %s" % message)


def arguments():
    ap = Parser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"), help="the build directory (pdp1140, disks/v6fs)")
    ap.add_argument("--disks", help="working disks rk0-rk2 to copy (default: made afresh from the stock images)")
    ap.add_argument("--reps", type=int, default=3, help="runs of each emulator (default 3)")
    ap.add_argument("--clock", default="both", choices=["realtime", "virtual", "both"],
                    help="pdp1140's clock (default both)")
    ap.add_argument("--quick", action="store_true", help="one run of boot and cc only: a smoke test")
    ap.add_argument("--no-run", action="store_true", help="skip the sh run workloads")
    ap.add_argument("--no-idle", action="store_true", help="skip the idle measurement")
    a = ap.parse_args()
    if a.reps < 1:
        ap.error("--reps must be at least 1, not %d" % a.reps)
    a.build = os.path.abspath(a.build)
    a.disks = a.disks and os.path.abspath(a.disks)
    for exe in (os.path.join(a.build, "pdp1140"), os.path.join(a.build, "disks", "v6fs")):
        if not os.access(exe, os.X_OK):
            ap.error("no %s (build first, or give --build DIR)" % exe)
    for d in ("rk0", "rk1", "rk2") if a.disks else ():
        if not os.path.isfile(os.path.join(a.disks, d)):
            ap.error("no working disk %s (give --disks DIR)" % os.path.join(a.disks, d))
    if not shutil.which("pdp11"):
        ap.error("simh's pdp11 is not installed (apt-get install simh)")
    if a.quick:
        a.reps, a.no_run, a.no_idle = 1, True, True
    a.run = not a.no_run
    return a


def main():
    a = arguments()
    try:
        bench(a)
    except (RuntimeError, OSError, subprocess.CalledProcessError) as e:
        sys.exit("bench.py: %s" % e)


def bench(a):
    clocks = ("virtual", "realtime") if a.clock == "both" else (a.clock,)
    ours = [Ours(a.build, c) for c in clocks]
    simh = Simh()
    emus = ours + [simh]
    times, peaks = {}, []
    for rep in range(a.reps):
        # each run in another order, so that no emulator always goes first
        k = rep % len(emus)
        for emu in emus[k:] + emus[:k]:
            res, peak = session(emu, a)
            for w, figures in res.items():
                times.setdefault((emu.name, w), []).append(figures)
            if emu is not simh and peak is not None:
                peaks.append(peak)
            print("run %d %s done" % (rep + 1, emu.name), file=sys.stderr)
    print("pdp1140 vs simh 3.8.1 (Debian's pdp11, set cpu 11/40, 248K) at a pseudo-terminal")
    print("host: %s, %d CPUs; %s" % (processor(), os.cpu_count() or 0,
                                     time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())))
    rows = {o.clock: table(times, o, simh, a.reps) for o in ours}
    targets(rows.get("virtual", {}), max(peaks) if peaks else None, a.quick)
    if "realtime" in rows:
        waiting(rows["realtime"])
    if not a.no_idle:
        print()
        print("idle at the # prompt, host CPU seconds in 10 s of wall time:")
        print("  pdp1140 (realtime) %.2f" % idle_cost(Ours(a.build, "realtime"), a))
        print("  simh               %.2f" % idle_cost(Simh(), a))
        print("  simh, set cpu idle %.2f" % idle_cost(Simh(idle=True), a))


if __name__ == "__main__":
    main()
