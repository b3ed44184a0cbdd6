#!/usr/bin/env python3
"""Interleaved whole-process timing for Scripts/bench-compare.

Reads a JSON list of comparisons on stdin:
  [{"name": "...", "a": ["cmd", ...], "b": ["cmd", ...], "a_label": "cadesk", "b_label": "sqlite3"}]
Runs each pair as A B A B … (after warm-up runs of both), so that whatever else the machine does
falls on both sides alike, and prints one JSON object per comparison: medians (ms) of wall time and
of CPU time (user + system, from wait4: what the process itself spent, much less disturbed than the
wall clock when other work shares the machine), peak resident memory (MiB, the largest over the
runs, from wait4's ru_maxrss) and the ratios A/B.
Every command must exit 0: a failing command is reported and stops the run, never timed.
"""
import json
import os
import statistics
import subprocess
import sys
import time


def run_once(argv, env):
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                            close_fds=True)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = (time.perf_counter() - start) * 1000.0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode != 0:
        sys.stderr.write("bench-compare: %s exited %d: %s\n" % (" ".join(argv), proc.returncode, err.strip()[:300]))
        sys.exit(1)
    return elapsed, usage.ru_maxrss / 1024.0, (usage.ru_utime + usage.ru_stime) * 1000.0


def compare(spec, rounds, warmup, env):
    for _ in range(warmup):
        run_once(spec["a"], env)
        run_once(spec["b"], env)
    a_times, b_times, a_cpu, b_cpu, a_rss, b_rss = [], [], [], [], 0.0, 0.0
    for _ in range(rounds):
        t, r, c = run_once(spec["a"], env)
        a_times.append(t); a_cpu.append(c); a_rss = max(a_rss, r)
        t, r, c = run_once(spec["b"], env)
        b_times.append(t); b_cpu.append(c); b_rss = max(b_rss, r)
    a_med, b_med = statistics.median(a_times), statistics.median(b_times)
    a_cpu_med, b_cpu_med = statistics.median(a_cpu), statistics.median(b_cpu)
    return {
        "name": spec["name"], "a_label": spec.get("a_label", "A"), "b_label": spec.get("b_label", "B"),
        "rounds": rounds, "a_ms": round(a_med, 2), "b_ms": round(b_med, 2),
        "a_rss_mib": round(a_rss, 1), "b_rss_mib": round(b_rss, 1),
        "ratio": round(a_med / b_med, 2) if b_med > 0 else None,
        "a_cpu_ms": round(a_cpu_med, 2), "b_cpu_ms": round(b_cpu_med, 2),
        "cpu_ratio": round(a_cpu_med / b_cpu_med, 2) if b_cpu_med > 0 else None,
    }


def main():
    rounds = int(os.environ.get("CADESK_COMPARE_ROUNDS", "15"))
    warmup = int(os.environ.get("CADESK_COMPARE_WARMUP", "2"))
    specs = json.load(sys.stdin)
    env = dict(os.environ)
    for spec in specs:
        print(json.dumps(compare(spec, rounds, warmup, env)), flush=True)


if __name__ == "__main__":
    main()
