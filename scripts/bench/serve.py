#!/usr/bin/env python3
"""serve's long-running benchmark (issue 14): 1 000 targets every 10 s plus 20 targets every 250 ms, for at least
ten minutes, on this machine.

What it measures, from outside the process (so the figures cost smokegate nothing):
  - CPU: the process's user + system time (/proc/PID/stat) over the measured span, as a share of one core;
  - memory: VmRSS (/proc/PID/status) every few seconds; after the warm-up, how far it moves from the first
    minute's median (the target: flat within 5 MB). The warm-up is three minutes because serve's history writes
    once a minute, and its first writes grow SQLite's page cache and the database threads' allocator pools to their
    working size (about 10 MB over minutes 1 to 3, measured with and without `--history none`); the growth during
    the warm-up is reported beside the figure, not hidden;
  - open file descriptors and threads, the same way (they must stay flat too);
  - /metrics: the wall time of a full scrape of 1 020 targets (the target: under 50 ms), and that the probes
    counted there add up to what the schedule asks (probes missed, if any, are counted by serve itself).

The targets answer from scripts/bench/delayserver.py with no delay (its CPU is not smokegate's and is not
counted). Writes reports/bench-serve.json and docs/bench-serve.md.

Usage: serve.py SMOKEGATE_BINARY [--seconds 600] [--warmup 180] [--out reports] [--doc docs/bench-serve.md]
       [--serve-arg ARG]...   (extra arguments for `smokegate serve`)
"""
import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SLOW_TARGETS, SLOW_EVERY = 1000, "10s"
FAST_TARGETS, FAST_EVERY = 20, "250ms"
SAMPLE_EVERY = 5.0
# As often as a Prometheus would scrape (its common 15 s): the scrapes are part of the CPU measured.
SCRAPE_EVERY = 15.0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url, timeout=10.0):
    with urllib.request.urlopen(url, timeout=timeout) as answer:
        return answer.status, answer.read()


def wait_http(url, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if get(url, timeout=2.0)[0] == 200:
                return True
        except OSError:
            time.sleep(0.2)
    return False


def write_suite(path, base_url):
    lines = [
        "suite: bench",
        "environments:",
        f"  bench: {{ base_url: \"{base_url}\" }}",
        "defaults: { timeout: 5s }",
        "checks:",
    ]
    for i in range(SLOW_TARGETS):
        lines += [f"  - name: slow {i:04d}", f"    every: {SLOW_EVERY}", f"    http: GET /d/0/slow{i}"]
    for i in range(FAST_TARGETS):
        lines += [f"  - name: fast {i:02d}", f"    every: {FAST_EVERY}", f"    http: GET /d/0/fast{i}"]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def proc_figures(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks  # utime, stime (fields 14 and 15 of stat)
    rss_kb = threads = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss_kb = int(line.split()[1])
            elif line.startswith("Threads:"):
                threads = int(line.split()[1])
    fds = len(os.listdir(f"/proc/{pid}/fd"))
    return cpu, rss_kb / 1024.0, fds, threads


def scrape(url):
    started = time.perf_counter()
    status, body = get(url + "/metrics")
    elapsed = time.perf_counter() - started
    text = body.decode()
    probes = missed = 0.0
    for line in text.splitlines():
        if line.startswith("smoke_test_total{"):
            probes += float(line.rsplit(" ", 1)[1])
        elif line.startswith("smokegate_probes_missed_total{"):
            missed += float(line.rsplit(" ", 1)[1])
    return status, elapsed, len(body), probes, missed


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binary")
    parser.add_argument("--seconds", type=int, default=600, help="measured span after the warm-up")
    parser.add_argument("--warmup", type=int, default=180)
    parser.add_argument("--out", default="reports")
    parser.add_argument("--doc", default="docs/bench-serve.md")
    parser.add_argument("--serve-arg", action="append", default=[])
    args = parser.parse_args(argv)
    args.binary = os.path.abspath(args.binary)

    work = tempfile.mkdtemp(prefix="smokegate-bench-serve-")
    children = []

    def stop_all(*_):
        for child in reversed(children):
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        for child in children:
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()

    signal.signal(signal.SIGTERM, lambda *_: (stop_all(), sys.exit(143)))
    try:
        target = subprocess.Popen([sys.executable, os.path.join(HERE, "delayserver.py")], stdout=subprocess.PIPE, text=True)
        children.append(target)
        target_port = int(target.stdout.readline())
        suite = os.path.join(work, "bench.yml")
        write_suite(suite, f"http://127.0.0.1:{target_port}")
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        log = open(os.path.join(work, "serve.log"), "w")
        serve = subprocess.Popen([args.binary, "serve", suite, "--listen", f"127.0.0.1:{port}"] + args.serve_arg,
                                 cwd=work, stdout=log, stderr=subprocess.STDOUT)
        children.append(serve)
        if not wait_http(url + "/readyz", 60):
            print("serve did not become ready; its log: " + os.path.join(work, "serve.log"), file=sys.stderr)
            return 1

        samples = []
        began = time.monotonic()
        end = began + args.warmup + args.seconds
        next_at = began
        last_scrape = 0.0
        while time.monotonic() < end:
            next_at += SAMPLE_EVERY
            if serve.poll() is not None:
                print(f"serve exited with {serve.returncode}", file=sys.stderr)
                return 1
            cpu, rss, fds, threads = proc_figures(serve.pid)
            sample = {"t": round(time.monotonic() - began, 2), "cpu_s": cpu, "rss_mib": round(rss, 2), "fds": fds, "threads": threads}
            if not samples or sample["t"] - last_scrape >= SCRAPE_EVERY - 0.5:
                last_scrape = sample["t"]
                status, elapsed, size, probes, missed = scrape(url)
                sample.update({"scrape_ms": round(elapsed * 1000, 2), "metrics_bytes": size, "probes": probes, "missed": missed,
                               "status": status})
            samples.append(sample)
            time.sleep(max(0.0, next_at - time.monotonic()))

        measured = [s for s in samples if s["t"] >= args.warmup]
        first, last = measured[0], measured[-1]
        scraped = [s for s in measured if "scrape_ms" in s]
        span = last["t"] - first["t"]
        cpu_share = (last["cpu_s"] - first["cpu_s"]) / span * 100.0
        baseline_window = [s["rss_mib"] for s in measured if s["t"] < first["t"] + 60] or [first["rss_mib"]]
        baseline = statistics.median(baseline_window)
        rss_drift = max(abs(s["rss_mib"] - baseline) for s in measured)
        all_scrapes = sorted(s["scrape_ms"] for s in scraped)
        scrape_p50 = round(statistics.median(all_scrapes), 2)
        scrape_p95 = all_scrapes[min(len(all_scrapes) - 1, int(0.95 * len(all_scrapes)))]
        scrape_max = all_scrapes[-1]
        expected_rate = SLOW_TARGETS / 10.0 + FAST_TARGETS * 4.0
        rate = (scraped[-1]["probes"] - scraped[0]["probes"]) / (scraped[-1]["t"] - scraped[0]["t"])
        result = {
            "targets": SLOW_TARGETS + FAST_TARGETS,
            "schedule": f"{SLOW_TARGETS} every {SLOW_EVERY} + {FAST_TARGETS} every {FAST_EVERY}",
            "warmup_s": args.warmup, "measured_s": round(span, 1),
            "cpu_percent_of_one_core": round(cpu_share, 2),
            "rss_at_start_mib": samples[0]["rss_mib"],
            "rss_baseline_mib": round(baseline, 2), "rss_max_drift_mib": round(rss_drift, 2),
            "rss_min_mib": min(s["rss_mib"] for s in measured), "rss_max_mib": max(s["rss_mib"] for s in measured),
            "fds": [min(s["fds"] for s in measured), max(s["fds"] for s in measured)],
            "threads": [min(s["threads"] for s in measured), max(s["threads"] for s in measured)],
            "scrape_ms": {"p50": scrape_p50, "p95": scrape_p95, "max": scrape_max, "n": len(all_scrapes)},
            "metrics_bytes": scraped[-1]["metrics_bytes"],
            "probe_rate_per_s": round(rate, 2), "expected_rate_per_s": expected_rate,
            "probes_missed": scraped[-1]["missed"],
            "load_average_at_end": os.getloadavg(),
            "targets_met": {"cpu_le_10_percent": cpu_share <= 10.0, "rss_flat_within_5_mib": rss_drift <= 5.0,
                            "scrape_under_50_ms": scrape_p95 < 50.0},
            "samples": samples,
        }
        os.makedirs(args.out, exist_ok=True)
        with open(os.path.join(args.out, "bench-serve.json"), "w") as f:
            json.dump(result, f, indent=1)
        write_doc(args, result)
        summary = {k: v for k, v in result.items() if k != "samples"}
        print(json.dumps(summary, indent=1))
        return 0
    finally:
        stop_all()


def write_doc(args, r):
    met = r["targets_met"]
    yes = lambda ok: "met" if ok else "**not met**"
    rows = [
        ("CPU, share of one core", f"{r['cpu_percent_of_one_core']} %", "≤ 10 %", yes(met["cpu_le_10_percent"])),
        ("RSS after warm-up", f"{r['rss_baseline_mib']} MiB, moved at most {r['rss_max_drift_mib']} MiB "
                              f"({r['rss_min_mib']}–{r['rss_max_mib']}); {r['rss_at_start_mib']} MiB when ready, before the warm-up",
         "flat within 5 MB", yes(met["rss_flat_within_5_mib"])),
        ("`/metrics` scrape, 1 020 targets", f"p50 {r['scrape_ms']['p50']} ms, p95 {r['scrape_ms']['p95']} ms, "
                                             f"max {r['scrape_ms']['max']} ms ({r['scrape_ms']['n']} scrapes, "
                                             f"{r['metrics_bytes'] // 1024} KiB)", "< 50 ms", yes(met["scrape_under_50_ms"])),
        ("probes per second", f"{r['probe_rate_per_s']} (schedule: {r['expected_rate_per_s']}), missed {int(r['probes_missed'])}", "", ""),
        ("open files, threads", f"{r['fds'][0]}–{r['fds'][1]}, {r['threads'][0]}–{r['threads'][1]}", "flat", ""),
    ]
    lines = [
        "# serve benchmark",
        "",
        "Written by `make bench-serve` (scripts/bench/serve.py) on a release build: `smokegate serve` probing "
        f"{r['schedule']} against a local HTTP server, {r['warmup_s']} s of warm-up, then {r['measured_s']} s measured from "
        "outside the process (/proc every 5 s, a timed `/metrics` scrape every 15 s, as Prometheus would). Load average at the end: "
        + ", ".join(f"{x:.2f}" for x in r["load_average_at_end"]) + " (2 cores, shared).",
        "",
        "| figure | measured | target | |",
        "|---|---|---|---|",
    ] + [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows] + [
        "",
        "The raw samples (every 5 s: CPU seconds, RSS, descriptors, threads; a scrape every 15 s) are in reports/bench-serve.json.",
        "",
    ]
    os.makedirs(os.path.dirname(args.doc) or ".", exist_ok=True)
    with open(args.doc, "w") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
