#!/usr/bin/env python3
"""Write the seed corpus: tests/fuzz/corpus/{cpu,monitor,v6fs}.
usage: seeds.py V6FS-COMMAND   (the v6fs program, for the file system seeds)
The seeds are small programs and images made here, nothing from a V6 disk."""
import os
import struct
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))


def out(kind, name, data):
    d = os.path.join(here, "corpus", kind)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def w(*words):
    return b"".join(struct.pack("<H", x & 0xFFFF) for x in words)


def cpu_seed(mem, psw=0, regs=(0,) * 8, sps=(0,) * 4, sr0=0, kpar=None, kpdr=None,
             upar=None, updr=None, steps=20000, kwint=0, flags=0, writes=(), memk=248, brk=0):
    """mem: {address: [words]}; writes: [(slice, byte, raw, regidx, offset, value)]"""
    kpar = kpar or [i * 0o200 for i in range(7)] + [0o7600]
    kpdr = kpdr or [0o77406] * 8
    upar = upar or [0o400 + i * 0o200 for i in range(8)]
    updr = updr or [0o77406] * 8
    h = bytes([memk // 4 - 1, flags]) + w(steps, kwint) + bytes([len(writes), 0])
    h += w(*kpar) + w(*kpdr) + w(*upar) + w(*updr) + w(sr0) + w(*sps) + w(psw) + w(*regs)
    h += w(0, brk)
    assert len(h) == 104
    for (sl, byte, raw, idx, off, val) in writes:
        h += bytes([sl | byte << 3 | raw << 4, idx]) + w(off, val)
    top = max(a + 2 * len(ws) for a, ws in mem.items())
    img = bytearray(top)
    for a, ws in mem.items():
        img[a:a + 2 * len(ws)] = w(*ws)
    return h + bytes(img)


RTI, HALT, WAIT = 0o2, 0o0, 0o1
vectors = {v: [0o2000, 0o340] for v in (4, 0o10, 0o14, 0o20, 0o30, 0o34, 0o250)}


def traps():
    # User mode at user 0 (physical 40000): EMT, HALT (traps to 10 on the
    # 11/40), odd address, page 6 with no access, a reserved instruction,
    # TRAP, BPT, IOT, then a loop. Every vector returns with RTI.
    mem = dict(vectors)
    mem[0o2000] = [RTI]
    mem[0o40000] = [0o104000, HALT, 0o5037, 1, 0o5037, 0o140000, 0o7, 0o104400, 3, 4, 0o777]
    updr = [0o77406] * 6 + [0] + [0o77406]
    return cpu_seed(mem, psw=0o170000, sps=(0o1000, 0, 0, 0o100000), regs=(0,) * 6 + (0o100000, 0),
                    sr0=1, updr=updr)


def storm():
    # Clock every 5 instructions, console interrupts, an RK11 read with IE
    # written from outside, and a WAIT loop.
    mem = {0o100: [0o2000, 0], 0o60: [0o2000, 0], 0o64: [0o2100, 0], 0o220: [0o2000, 0],
           4: [0o2000, 0o340], 0o10: [0o2000, 0o340]}
    mem[0o2000] = [RTI]
    mem[0o2100] = [0o12737, 0o101, 0o177566, RTI]
    mem[0o1000] = [0o12737, 0o100, 0o177546, 0o12737, 0o100, 0o177564, 0o12737, 0o100, 0o177560,
                   WAIT, 0o776]
    rk = 0o177400 - 0o160000
    writes = [(1, 0, 1, 0, rk + 6, 0o177400), (1, 0, 1, 0, rk + 0o10, 0o10000),
              (1, 0, 1, 0, rk + 4, 0o105), (3, 0, 1, 0, rk + 4, 0o103), (5, 0, 1, 0, rk + 4, 0o111)]
    return cpu_seed(mem, regs=(0,) * 6 + (0o1000, 0o1000), kwint=5, flags=8 | 2, writes=writes)


def stack():
    # Kernel stack overflow (below 400) and a red-zone double fault.
    mem = dict(vectors)
    mem[0o2000] = [RTI]
    mem[0o1000] = [0o12706, 0o404, 0o5046, 0o5046, 0o5046, 0o12706, 0o1, 0o5046, HALT]
    return cpu_seed(mem, regs=(0,) * 6 + (0o1000, 0o1000), flags=16)


def eis():
    # MUL, DIV, ASH, ASHC, XOR, SXT, SOB, MARK with MMU on in kernel mode.
    mem = dict(vectors)
    mem[0o2000] = [RTI]
    mem[0o1000] = [0o12700, 0o177, 0o70027, 0o1234, 0o71027, 0o7, 0o72027, 0o3, 0o73027, 0o177775,
                   0o74001, 0o6700, 0o5301, 0o77102, 0o6401, HALT]
    return cpu_seed(mem, regs=(0,) * 6 + (0o700, 0o1000), sr0=1, flags=4, brk=0o1010)


out("cpu", "traps", traps())
out("cpu", "storm", storm())
out("cpu", "stack", stack())
out("cpu", "eis", eis())
out("cpu", "small-memory", cpu_seed({0o1000: [0o5037, 0o177776, 0o12737, 0o7600, 0o20000, HALT]},
                                    memk=8, regs=(0,) * 6 + (0o700, 0o1000)))

monitor = {
    "deposit-run": "d 1000 012700\nd 1002 5\nd 1004 005300\nd 1006 001376\nd 1010 0\n"
                   "e -m 1000-1010\ngo 1000\nshow cpu\ne r0 pc psw ksp usp sr\n",
    "expect-send": "d 1000 105737\nd 1002 177560\nd 1004 100375\nd 1006 113700\nd 1010 177562\n"
                   "d 1012 110037\nd 1014 177566\nd 1016 000771\n"
                   "send after=10,delay=20 \"hi\\r\"\nexpect -p \"i\\r\" 50000 echo got; e r0\n"
                   "expect -r \"h.*\" 9000\ngo 1000\nshow expect\nnoexpect\n",
    "attach": "attach -n rk1 new\nattach -r rk0 img\nshow devices\nd rk rkcs 5\ne rk\nboot rk0\n"
              "detach rk0\ndetach all\nattach rk0 img\nattach rk1 img\n",
    "load": "load tape\ne pc\nrun 200\nstep 10\nshow history 5\n\x00"
            "\x01\x00\x08\x00\x00\x02\x00\x00\xf5\x01\x00\x06\x00\x00\x02\xf7",
    "set-show": "set cpu 64k\nset cpu hist=100\nset cpu 256k\nset console wru=^E\nshow console\n"
                "break 1000 1002\nnobreak all\nstep 3\nshow history\nhelp\nhelp expect\nexit 3\n",
    "bad": "bogus 1\nd 1000 8\nattach rk9 x\ne 1000-\nd 1001 1\nsend \"abc\ne nosuchreg\n"
           "e rk nosuch\nd -z 1000 1\nset cpu 300k\n\"unterminated\n",
    "do": "do\necho %1 %2 %0 %%\nd %1 777\ne %1\n",
    "simh-lines": "set rk0 locked\nattach rk0 img\nshow rk0\nset rk0 writeenabled\nshow rk7\n"
                  "set rk9 locked\nset clk 50hz\nset clk 61hz\nshow time\nshow queue\n"
                  "d -d r0 65535\ne -h r0\nd -h r1 fFfF\ne -d r1\nd -c 1000 \"ab\\r\"\n"
                  "e -c 1000-1003\ne -a 1000-1001\nd -a 1002 z\nd -a 1004 zz\ne -o -d -h sr\n",
}
for name, text in monitor.items():
    out("monitor", name, text.encode("latin-1"))

# File systems: empty, with files small and large, with directories.
v6fs = sys.argv[1] if len(sys.argv) > 1 else None
if v6fs:
    with tempfile.TemporaryDirectory() as t:
        def run(*a):
            subprocess.run([v6fs, "--now", "200000000"] + list(a), check=True, capture_output=True)
        img = os.path.join(t, "img")
        run(img, "mkfs", "40", "2")
        out("v6fs", "empty", open(img, "rb").read())
        src = os.path.join(t, "tree")
        os.makedirs(os.path.join(src, "d"))
        open(os.path.join(src, "small"), "w").write("hello\n" * 20)
        open(os.path.join(src, "d", "large"), "wb").write(bytes(range(256)) * 20)
        run(img, "put", "-r", src, "/t")
        run(img, "mkdir", "/e")
        out("v6fs", "files", open(img, "rb").read())
