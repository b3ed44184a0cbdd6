#!/usr/bin/env python3
"""How long an office-wide change blocks the officers' writes, for Scripts/bench-office.

usage: office_writes.py LABEL WRITER_ARGV_JSON CHANGE_ARGV_JSON

Measures a few writes alone first (the writer is `cadesk case act REF note …`, a whole process),
then runs the change (`policy set …`, `admin rebuild`) while the writer records one note after
another until the change has ended. Prints one JSON object: the change's wall time, and the
writes made during it — how many, their median and their longest wall time, and any that failed
(busy: the change kept the lock past the busy timeout).
"""
import json
import statistics
import subprocess
import sys
import threading
import time


def timed(argv):
    start = time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return (time.perf_counter() - start) * 1000.0, proc.returncode, proc.stderr.decode("utf-8", "replace").strip()


def main():
    label, writer, change = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
    alone = []
    for _ in range(5):
        ms, code, err = timed(writer)
        if code != 0:
            raise SystemExit("office_writes: the writer failed before the change: %s" % err)
        alone.append(ms)

    done = threading.Event()
    during, failures = [], []

    def write_until_done():
        while not done.is_set():
            ms, code, err = timed(writer)
            (during if code == 0 else failures).append(ms if code == 0 else "exit %d after %.0f ms: %s" % (code, ms, err[:120]))

    thread = threading.Thread(target=write_until_done)
    thread.start()
    time.sleep(0.2)  # the writer is under way when the change starts
    change_ms, code, err = timed(change)
    done.set()
    thread.join()
    if code != 0:
        raise SystemExit("office_writes: %s failed: %s" % (label, err))
    print(json.dumps({
        "what": label, "change_ms": round(change_ms), "writes_alone_median_ms": round(statistics.median(alone), 1),
        "writes_during": len(during), "write_median_ms": round(statistics.median(during), 1) if during else None,
        "write_longest_ms": round(max(during), 1) if during else None, "write_failures": failures[:5],
    }))


if __name__ == "__main__":
    main()
