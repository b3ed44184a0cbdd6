#!/usr/bin/env python3
"""The first drawn screen in a real terminal, for Scripts/bench-office.

usage: firstframe.py ROUNDS CADESK_ARGV...

Each round starts a tmux server of its own (a private socket, no configuration) with one 120x40
window whose shell waits on a fifo, attaches to it in control mode (tmux -C: every byte the
program writes arrives as a %output line), then opens the fifo: the shell notes the time
(CLOCK_REALTIME, ns) and execs cadesk. The round ends at the first output that shows a case
reference of the list. Prints one JSON object: the median, the minimum and every round (ms).
"""
import json
import os
import re
import select
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

REF = re.compile(rb"(IN|OUT)-(MLA|PRES)-\d{4}-\d{3,}")


def unescape(line):
    # Control mode escapes bytes below 32 and the backslash as \ooo.
    return re.sub(rb"\\([0-7]{3})", lambda m: bytes([int(m.group(1), 8)]), line)


def one_round(argv, folder):
    sock = "cadesk-ff-%d" % os.getpid()
    fifo = os.path.join(folder, "go")
    stamp = os.path.join(folder, "t0")
    for p in (fifo, stamp):
        if os.path.exists(p):
            os.unlink(p)
    os.mkfifo(fifo)
    cmd = "read _ < %s; date +%%s%%N > %s; exec %s" % (shlex.quote(fifo), shlex.quote(stamp),
                                                    " ".join(shlex.quote(a) for a in argv))
    tmux = ["tmux", "-L", sock, "-f", "/dev/null"]
    env = dict(os.environ, TERM="xterm-256color")
    subprocess.run(tmux + ["new-session", "-d", "-x", "120", "-y", "40", "-s", "ff", "sh", "-c", cmd],
                   check=True, env=env)
    subprocess.run(tmux + ["set", "-g", "window-size", "manual"], check=True)
    ctl = subprocess.Popen(tmux + ["-C", "attach", "-t", "ff"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        # Wait until the control client is attached (its first notification), then start cadesk.
        first = ctl.stdout.readline()
        if not first:
            raise SystemExit("firstframe: tmux control mode did not start")
        with open(fifo, "w") as f:
            f.write("go\n")
        seen = b""
        deadline = time.time() + 30
        fd = ctl.stdout.fileno()
        buffered = b""
        while time.time() < deadline:
            ready, _, _ = select.select([fd], [], [], 1.0)
            if not ready:
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            buffered += chunk
            *lines, buffered = buffered.split(b"\n")
            for line in lines:
                if line.startswith(b"%output "):
                    seen += unescape(line.split(b" ", 2)[2]) if line.count(b" ") >= 2 else b""
                    if REF.search(seen):
                        t1 = time.time_ns()
                        t0 = int(open(stamp).read().strip())
                        return (t1 - t0) / 1e6
        raise SystemExit("firstframe: no case reference appeared within 30 s; last output: %r" % seen[-300:])
    finally:
        try:
            ctl.stdin.write(b"kill-server\n")
            ctl.stdin.flush()
        except BrokenPipeError:
            pass
        ctl.wait(timeout=10)
        subprocess.run(tmux + ["kill-server"], stderr=subprocess.DEVNULL)


def main():
    rounds = int(sys.argv[1])
    argv = sys.argv[2:]
    with tempfile.TemporaryDirectory(prefix="cadesk-ff-") as folder:
        one_round(argv, folder)  # warm-up: the page cache and tmux itself
        times = [one_round(argv, folder) for _ in range(rounds)]
    print(json.dumps({"median_ms": round(statistics.median(times), 1), "min_ms": round(min(times), 1),
                      "rounds_ms": [round(t, 1) for t in times]}))


if __name__ == "__main__":
    main()
