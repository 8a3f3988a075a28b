"""Programs at pseudo-terminals for the telnet tests: a telnet client (or
pdp1140) at a pty, what it printed, waits with a deadline, and cleanup
that ends every child."""
import os
import pty
import re
import select
import signal
import socket
import sys
import time

children = []


class Pty:
    """A program at a pseudo-terminal, and everything it printed."""

    def __init__(self, argv, cwd):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(cwd)
            os.environ["TERM"] = "dumb"
            os.environ["HOME"] = cwd
            os.execv(argv[0], argv)
        children.append(self.pid)
        self.buf = b""
        self.start = 0

    def mark(self):
        """Later waits look only at what is printed from now on."""
        self.start = len(self.buf)

    def wait(self, pattern, timeout=30):
        end = time.time() + timeout
        while True:
            m = re.search(pattern, self.buf[self.start:])
            if m:
                return m
            left = end - time.time()
            if left <= 0:
                fail("no %r within %ds; last output: %r" % (pattern, timeout, self.buf[-400:]))
            r, _, _ = select.select([self.fd], [], [], min(left, 0.2))
            if r:
                try:
                    d = os.read(self.fd, 4096)
                except OSError:
                    d = b""
                if not d:
                    fail("%r ended; waiting for %r; last output: %r" % (self, pattern, self.buf[-400:]))
                self.buf += d

    def send(self, data):
        self.mark()
        os.write(self.fd, data)

    def alive(self):
        return os.waitpid(self.pid, os.WNOHANG) == (0, 0)

    def kill(self):
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


def fail(msg):
    print("FAIL: " + msg)
    cleanup()
    sys.exit(1)


def cleanup():
    for pid in children:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    for pid in children:
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
    children.clear()


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port




TELNET = "/usr/bin/telnet"


def TELNET_CONNECTED(port, cwd, greeting):
    """Debian's telnet client on 127.0.0.1:port, once the server greeted it."""
    c = Pty([TELNET, "127.0.0.1", str(port)], cwd)
    c.wait(greeting)
    return c
