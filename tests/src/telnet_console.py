#!/usr/bin/env python3
"""The console on a telnet port, driven with Debian's telnet client.

pdp1140 runs at a pseudo-terminal (the monitor stays there) with
`set console telnet=PORT`; a telnet client boots V6 to login: and runs a
command; a second client is told the console is busy; Ctrl-E from the
client stops the machine at the monitor; a client killed in the middle of
output loses nothing (the next one gets the rest) and the machine runs on.

usage: telnet_console.py PDP1140 DISKDIR"""
import os
import re
import shutil
import signal
import socket
import sys
import tempfile
import time

from ptyclient import Pty, cleanup, fail, free_port, TELNET_CONNECTED

PDP, DISKS = sys.argv[1], sys.argv[2]


def main():
    signal.alarm(240)  # the run limit: SIGALRM ends the test
    work = tempfile.mkdtemp(prefix="pdp1140-telnet-")
    try:
        run(work)
    finally:
        cleanup()
        shutil.rmtree(work, ignore_errors=True)


def client(port, cwd):
    return TELNET_CONNECTED(port, cwd, rb"Connected to the pdp1140 console\r\n")


def run(work):
    shutil.copy(os.path.join(DISKS, "rk0"), os.path.join(work, "rk0"))
    os.chmod(os.path.join(work, "rk0"), 0o644)
    port = free_port()
    with open(os.path.join(work, "boot.ini"), "w") as f:
        f.write("set console telnet=%d\nattach rk0 rk0\nboot rk0\n" % port)
    pdp = Pty([PDP, "boot.ini"], work)
    pdp.wait(rb"console: telnet 127\.0\.0\.1:%d" % port)

    # The boot loader's @ was printed before anyone connected: it waited.
    tn = client(port, work)
    tn.wait(rb"@")
    tn.send(b"rkunix\r")
    tn.wait(rb"login: ")
    tn.send(b"root\r")
    tn.wait(rb"# ")
    tn.send(b"ls /\r")
    tn.wait(rb"rkunix\r\n(.*\r\n)*# ")
    if b"login:" in pdp.buf:
        fail("the guest's output reached the terminal, not only the telnet client")

    # A second client: told the console is busy, and let go.
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    got = b""
    while True:
        d = s.recv(1024)
        if not d:
            break
        got += d
    s.close()
    if b"console is busy" not in got:
        fail("second client got %r, not the busy message" % got)
    tn.send(b"echo still mine\r")
    tn.wait(rb"still mine\r\n# ")

    # Ctrl-E from the client stops the machine at the monitor, on the terminal.
    tn.send(b"\x05")
    pdp.wait(rb"Simulation stopped.*\r\npdp11> ")
    pdp.send(b"show console\r")
    pdp.wait(rb"console on telnet 127\.0\.0\.1:%d, client connected" % port)
    pdp.send(b"continue\r")
    tn.send(b"echo running again\r")
    tn.wait(rb"running again\r\n# ")

    # A client killed in the middle of output: the rest waits for the next.
    tn.send(b"ls -l /bin; sleep 2; ls /usr; echo end of list\r")
    tn.wait(rb"\r\n-rwxr")
    tn.kill()
    time.sleep(0.5)
    if not pdp.alive():
        fail("pdp1140 ended when the client went away")
    tn2 = client(port, work)
    tn2.wait(rb"end of list\r\n# ", timeout=60)
    rest = tn2.buf
    # what V6 printed after the kill (the ls of /usr, after the sleep) came
    if not re.search(rb"\r\nsys\r\n", rest):
        fail("the output after the client went away is missing: %r" % rest[-400:])
    tn2.send(b"echo alive\r")
    tn2.wait(rb"alive\r\n# ")

    # Ctrl-E at the terminal still works; quit ends the server.
    pdp.send(b"\x05")
    pdp.wait(rb"pdp11> $")
    pdp.send(b"quit\r")
    end = time.time() + 10
    while pdp.alive():
        if time.time() > end:
            fail("pdp1140 did not quit: %r" % pdp.buf[-300:])
        time.sleep(0.1)
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
        fail("the port still listens after quit")
    except OSError:
        pass
    print("PASS: V6 over telnet: login, busy, Ctrl-E, client killed mid-output")


main()
