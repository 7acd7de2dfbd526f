#!/usr/bin/env python3
"""Helpers for scripts/bench/run (stdlib only): ports, suites, measuring processes, statistics and the report.

    bench.py free-port                         print a free TCP port on 127.0.0.1
    bench.py wait-http URL [SECONDS]           wait until URL answers (any HTTP status)
    bench.py wait-tcp HOST:PORT [SECONDS]      wait until HOST:PORT accepts a connection
    bench.py suite KIND OUT [key=value…]       write a YAML suite for one scenario (see write_suite)
    bench.py measure OUT.json [--poll S] [--stdout F] -- CMD…
                                               run CMD, record wall time, exit code and rusage (peak RSS, CPU);
                                               with --poll also RSS and CPU time every S seconds from /proc
    bench.py proc-cpu PID                      CPU seconds (user+sys) a running process has used so far
    bench.py cpu-since PID SECONDS             {"cpu_s": CPU seconds used since proc-cpu printed SECONDS}
    bench.py http-json URL                     GET URL and print the body (for the delay server's /stats)
    bench.py meta OUT.json                     the machine, tool versions and settings (from BENCH_META_* variables)
    bench.py probe-table RAW_DIR               print the probe-timing scenario's p50 table (tcp / http / redis)
    bench.py report RAW_DIR BENCH_JSON DOC_MD  turn every raw measurement into reports/bench.json and
                                               docs/benchmarks.md

Why python: bash cannot take percentiles, parse four tools' outputs or write JSON reliably; the shell script only
starts servers and runs commands, and every figure is computed here from the raw files it leaves behind.
"""
import json
import math
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")
MB = 1_000_000  # memory targets are in MB (decimal); reported as such


# ---------------------------------------------------------------------------------------------------- utilities

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url, seconds=10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return 0
        except urllib.error.HTTPError:
            return 0  # it answered
        except OSError:
            time.sleep(0.05)
    print(f"bench: {url} did not answer within {seconds}s", file=sys.stderr)
    return 1


def wait_tcp(address, seconds=10.0):
    host, _, port = address.rpartition(":")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection((host, int(port)), timeout=1).close()
            return 0
        except OSError:
            time.sleep(0.05)
    print(f"bench: {address} did not accept a connection within {seconds}s", file=sys.stderr)
    return 1


def percentile(values, p):
    """Nearest rank, as HdrHistogram reports it: the smallest value with at least p% of values at or below."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = max(1, math.ceil(p / 100.0 * len(ordered)))
    return ordered[rank - 1]


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


# ------------------------------------------------------------------------------------------------------ suites

def write_suite(kind, out, params):
    """Suites for each scenario. URLs come in as parameters so the shell decides ports and delays."""
    url = params.get("url", "")
    expect = "    expect:\n      status: 200\n      json:\n        $.status: UP\n"
    if kind == "throughput":
        # One check, 20 000 samples: the planner turns each sample into a job and the runner keeps
        # --concurrency of them in flight, so this is exactly "20 000 probes at concurrency 64".
        reuse = params.get("reuse", "false")
        text = (f"suite: throughput\nchecks:\n  - name: health\n    samples: {params['samples']}\n"
                f"    http:\n      url: {url}\n      reuse_connections: {reuse}\n" + expect)
    elif kind == "latency":
        text = (f"suite: latency\nchecks:\n  - name: delayed\n    samples: {params['samples']}\n"
                f"    http: GET {url}\n" + expect)
    elif kind == "wall":
        # 500 checks, each in blue and green: 1 000 probes (500 per environment), one sample each.
        n = int(params["checks"])
        lines = ["suite: wall", "environments:", f"  blue:\n    base_url: {params['blue']}",
                 f"  green:\n    base_url: {params['green']}", "checks:"]
        for i in range(n):
            lines.append(f"  - name: check-{i:04d}\n    http: GET /item/{i}\n" + expect.rstrip("\n"))
        text = "\n".join(lines) + "\n"
    elif kind == "many":
        # n checks in the implicit environment: validate's parse/resolve cost, and 1 000 probes in flight.
        n = int(params["checks"])
        lines = ["suite: many", "checks:"]
        for i in range(n):
            lines.append(f"  - name: check-{i:04d}\n    http: GET {url}/item/{i}\n" + expect.rstrip("\n"))
        text = "\n".join(lines) + "\n"
    elif kind == "one":
        text = f"suite: one\nchecks:\n  - name: health\n    http: GET {url}\n" + expect
    elif kind == "probes":
        # Three checks side by side, against the same nginx (tcp connect, http GET) and a redis: each sample is a
        # job, and the planner interleaves the checks, so all three see the same load at any --concurrency.
        n = params["samples"]
        text = (f"suite: probes\nchecks:\n"
                f"  - name: tcp\n    samples: {n}\n    tcp:\n      address: \"{params['tcp']}\"\n"
                f"  - name: http\n    samples: {n}\n    http: GET {url}\n    expect:\n      status: 200\n"
                f"  - name: redis\n    samples: {n}\n    redis:\n      address: \"{params['redis']}\"\n")
    elif kind == "watch":
        # 2 checks × 2 environments = 4 targets; a short timeout keeps max_in_flight small (timeout/interval+1).
        text = (f"suite: watch\nenvironments:\n  blue:\n    base_url: {params['blue']}\n"
                f"  green:\n    base_url: {params['green']}\nchecks:\n"
                "  - name: health\n    http: { url: /health, timeout: 1s }\n    expect: { status: 200 }\n"
                "  - name: health-json\n    http: { url: /health, timeout: 1s }\n"
                "    expect:\n      status: 200\n      json:\n        $.status: UP\n")
    else:
        raise SystemExit(f"unknown suite kind {kind}")
    Path(out).write_text(text)


# ----------------------------------------------------------------------------------------------------- measure

def read_proc(pid):
    """(rss bytes, cpu seconds) of a live process, or None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        utime, stime, rss_pages = int(fields[11]), int(fields[12]), int(fields[21])
        return rss_pages * PAGE, (utime + stime) / CLK_TCK
    except (OSError, IndexError, ValueError):
        return None


def measure(out, cmd, poll=None, stdout=None):
    sink = open(stdout, "wb") if stdout else subprocess.DEVNULL
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.STDOUT if stdout else subprocess.DEVNULL)

    def forward(signum, _frame):
        # The harness stops us with SIGTERM when interrupted: stop the measured tool too, then leave.
        proc.send_signal(signum)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        sys.exit(128 + signum)
    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    series = []
    status = None
    while True:
        if poll:
            sample = read_proc(proc.pid)
            if sample and sample[0] > 0:  # an exiting process reads as RSS 0: not a figure
                series.append([round(time.monotonic() - started, 3), sample[0], round(sample[1], 3)])
        # wait4 gives this child's own rusage: peak RSS and CPU of smokegate alone, not of the servers.
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG if poll else 0)
        if pid:
            break
        time.sleep(poll)
    wall = time.monotonic() - started
    if stdout:
        sink.close()
    result = {
        "cmd": cmd, "wall_s": round(wall, 6), "exit_code": os.waitstatus_to_exitcode(status),
        "maxrss_bytes": usage.ru_maxrss * 1024, "utime_s": usage.ru_utime, "stime_s": usage.ru_stime,
    }
    if poll:
        result["series"] = series  # [seconds since start, rss bytes, cpu seconds]
    Path(out).write_text(json.dumps(result))
    return 0


# -------------------------------------------------------------------------------------------------------- meta

def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def first_line(text):
    return text.splitlines()[0] if text else ""


def write_meta(out):
    import platform
    env = os.environ
    binary, swift = env.get("BENCH_META_BIN", "smokegate"), env.get("BENCH_META_SWIFT", "swift")
    cpu = sh("lscpu | sed -n 's/^Model name: *//p'") or sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2")
    meta = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "total_seconds": float(env.get("BENCH_META_TOTAL", "0")),
        "build_seconds": float(env.get("BENCH_META_BUILD", "0")),
        "machine": {
            "CPU": cpu.strip(), "cores (nproc)": sh("nproc"), "memory": sh("free -h | awk '/^Mem:/ {print $2}'"),
            "kernel": platform.release(), "OS": sh(". /etc/os-release && echo $PRETTY_NAME"),
        },
        "versions": {
            "smokegate": sh(f"{binary} --version"), "swift": first_line(sh(f"{swift} --version 2>&1")),
            "libcurl (linked by smokegate)": sh("dpkg-query -W -f='${Version}' libcurl4"),
            "nginx": sh("nginx -v 2>&1").replace("nginx version: ", ""),
            "hey": "hey " + sh("dpkg-query -W -f='${Version}' hey"),
            "wrk": first_line(sh("wrk -v 2>&1")).split(" Copyright")[0].strip(),
            "blackbox_exporter": first_line(sh("prometheus-blackbox-exporter --version 2>&1")),
            "curl": first_line(sh("curl --version")),
            "python": platform.python_version(),
        },
        "delay_method": env.get("BENCH_META_DELAY_METHOD"),
        "delay_method_text": env.get("BENCH_META_DELAY_TEXT"),
        "nginx_workers": f"{env.get('BENCH_META_NGINX_WORKERS', 'auto')} ({sh('nproc')} cores)",
    }
    start_load = Path(out).with_name("loadavg.start")
    meta["load_average"] = {
        "start": " ".join(start_load.read_text().split()[:3]) if start_load.exists() else None,
        "end": " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else None,
    }
    timings = Path(out).with_name("timings.txt")
    if timings.exists():
        meta["scenario_seconds"] = {name: int(sec) for name, sec in (l.split() for l in timings.read_text().splitlines() if l.strip())}
    for pair in env.get("BENCH_META_SETTINGS", "").split():
        key, _, value = pair.partition("=")
        meta[key] = int(value) if value.isdigit() else value
    Path(out).write_text(json.dumps(meta, indent=2))
    return 0


# ------------------------------------------------------------------------------------------------ tool outputs

def parse_hey(text):
    total = re.search(r"Total:\s+([\d.]+) secs", text)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    codes = {m.group(1): int(m.group(2)) for m in re.finditer(r"\[(\d{3})\]\s+(\d+) responses", text)}
    errors = re.search(r"Error distribution:(.*)", text, re.S)
    error_count = sum(int(n) for n in re.findall(r"\[(\d+)\]\s", errors.group(1))) if errors else 0
    return {"total_s": float(total.group(1)) if total else None, "rps": float(rps.group(1)) if rps else None,
            "responses": codes, "ok": codes.get("200", 0), "errors": error_count}


def parse_wrk(text):
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    count = re.search(r"(\d+) requests in ([\d.]+)(\w+)", text)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    return {"rps": float(rps.group(1)) if rps else None, "requests": int(count.group(1)) if count else None,
            "non_2xx": int(non2xx.group(1)) if non2xx else 0,
            "socket_errors": sum(map(int, socket_errors.groups())) if socket_errors else 0}


def load_json(path):
    try:
        return json.loads(Path(path).read_text())
    except (OSError, ValueError):
        return None


def verdict_summary(path):
    v = load_json(path)
    if not v:
        return None
    totals = v.get("totals", {})
    lat = {}
    for check in v.get("checks", []):
        for result in check.get("results", []):
            lat.setdefault("results", []).append(result.get("latency", {}))
    out = {"decision": v.get("decision"), "duration_s": v.get("duration_seconds"),
           "completed": totals.get("probes_completed"), "failed": totals.get("probes_failed"),
           "planned": totals.get("probes_planned")}
    if len(lat.get("results", [])) == 1:
        out["latency"] = lat["results"][0]
    if "watch" in v:
        out["watch"] = {k: v["watch"].get(k) for k in ("interval_ms", "observed_seconds", "ended_by")}
        out["watch"]["targets"] = [{k: t.get(k) for k in ("check", "environment", "probes_scheduled", "probes_completed",
                                                          "probes_failed", "probes_missed", "peak_in_flight")}
                                   for t in v["watch"].get("targets", [])]
    return out


# ------------------------------------------------------------------------------------------------------ report

def runs(raw, scenario, tool):
    """Every repetition of one tool in one scenario: [(rep, measure, verdict summary, stdout text)]."""
    base = raw / scenario
    found = []
    for m in sorted(base.glob(f"{tool}.*.measure.json"), key=lambda p: int(p.name.split(".")[1])):
        rep = int(m.name.split(".")[1])
        measured = load_json(m)
        verdict = verdict_summary(base / f"{tool}.{rep}.verdict.json")
        out_path = base / f"{tool}.{rep}.out"
        text = out_path.read_text(errors="replace") if out_path.exists() else ""
        found.append((rep, measured, verdict, text))
    return found


def command_of(raw, scenario, tool):
    path = raw / scenario / f"{tool}.cmd"
    return path.read_text().strip() if path.exists() else None


def fmt(value, digits=1, unit=""):
    if value is None:
        return "—"
    if isinstance(value, float):
        value = f"{value:,.{digits}f}"
    return f"{value}{unit}"


def met_text(met):
    return {True: "**met**", False: "**not met**", None: "n/a"}[met]


def build(raw):
    meta = load_json(raw / "meta.json") or {}
    scenarios = []
    notes = []

    def sg_ok(verdict):
        return verdict and verdict.get("failed") == 0 and verdict.get("decision") == "pass"

    # --- 1a throughput, fresh connections ------------------------------------------------------------------
    s = {"id": "throughput_fresh", "title": "Throughput: 20 000 GET /health at concurrency 64, fresh connection each",
         "unit": "probes/s", "tools": {}, "commands": {}}
    per_rep = {}
    for tool in ("smokegate", "hey", "blackbox"):
        s["commands"][tool] = command_of(raw, "throughput_fresh", tool)
        rows = []
        for rep, m, v, text in runs(raw, "throughput_fresh", tool):
            if tool == "smokegate":
                done = (v or {}).get("completed") or 0
                row = {"rep": rep, "wall_s": m["wall_s"], "probes": done, "failed": (v or {}).get("failed"),
                       "rate_wall": done / m["wall_s"], "rate_engine": done / v["duration_s"] if v and v.get("duration_s") else None,
                       "maxrss_mb": m["maxrss_bytes"] / MB, "cpu_s": m["utime_s"] + m["stime_s"], "exit_code": m["exit_code"]}
            else:
                h = parse_hey(text)
                row = {"rep": rep, "wall_s": m["wall_s"], "probes": h["ok"], "failed": h["errors"] + sum(
                    n for c, n in h["responses"].items() if c != "200"), "rate_wall": h["ok"] / m["wall_s"],
                    "rate_engine": h["rps"], "maxrss_mb": m["maxrss_bytes"] / MB, "cpu_s": m["utime_s"] + m["stime_s"],
                    "exit_code": m["exit_code"]}
                if tool == "blackbox":
                    # The exporter does the probing; hey only drives it. CPU and RSS are the exporter's.
                    exporter = load_json(raw / "throughput_fresh" / f"blackbox.{rep}.server.json") or {}
                    row["driver_cpu_s"] = row["cpu_s"]
                    row["cpu_s"] = exporter.get("cpu_s")
                    row["maxrss_mb"] = None
            rows.append(row)
            per_rep.setdefault(rep, {})[tool] = row["rate_wall"]
        s["tools"][tool] = {"runs": rows, "median_rate_wall": median([r["rate_wall"] for r in rows]),
                            "median_rate_engine": median([r["rate_engine"] for r in rows]),
                            "median_cpu_s": median([r["cpu_s"] for r in rows]),
                            "median_maxrss_mb": median([r["maxrss_mb"] for r in rows])}
    r_hey = median([r["smokegate"] / r["hey"] for r in per_rep.values() if "smokegate" in r and r.get("hey")])
    r_bb = median([r["smokegate"] / r["blackbox"] for r in per_rep.values() if "smokegate" in r and r.get("blackbox")])
    s["ratios"] = {"smokegate_vs_hey": r_hey, "smokegate_vs_blackbox": r_bb}
    s["targets"] = [
        {"name": "smokegate ≥ 1.0× hey -disable-keepalive", "observed": r_hey, "limit": 1.0, "op": ">=",
         "met": None if r_hey is None else r_hey >= 1.0, "unit": "×"},
        {"name": "smokegate ≥ 3× blackbox_exporter /probe", "observed": r_bb, "limit": 3.0, "op": ">=",
         "met": None if r_bb is None else r_bb >= 3.0, "unit": "×"},
    ]
    scenarios.append(s)

    # --- 1b throughput, connection reuse ---------------------------------------------------------------------
    s = {"id": "throughput_reuse", "title": "Throughput with connection reuse: 20 000 GET /health at concurrency 64",
         "unit": "probes/s", "tools": {}, "commands": {}}
    per_rep = {}
    for tool in ("smokegate", "wrk"):
        s["commands"][tool] = command_of(raw, "throughput_reuse", tool)
        rows = []
        for rep, m, v, text in runs(raw, "throughput_reuse", tool):
            if tool == "smokegate":
                done = (v or {}).get("completed") or 0
                row = {"rep": rep, "wall_s": m["wall_s"], "probes": done, "failed": (v or {}).get("failed"),
                       "rate_wall": done / m["wall_s"], "rate_engine": done / v["duration_s"] if v and v.get("duration_s") else None,
                       "cpu_s": m["utime_s"] + m["stime_s"], "exit_code": m["exit_code"]}
            else:
                w = parse_wrk(text)
                row = {"rep": rep, "wall_s": m["wall_s"], "probes": w["requests"], "failed": w["non_2xx"] + w["socket_errors"],
                       "rate_wall": w["rps"], "rate_engine": w["rps"], "cpu_s": m["utime_s"] + m["stime_s"],
                       "exit_code": m["exit_code"]}
            rows.append(row)
            per_rep.setdefault(rep, {})[tool] = row["rate_wall"]
        s["tools"][tool] = {"runs": rows, "median_rate_wall": median([r["rate_wall"] for r in rows]),
                            "median_rate_engine": median([r["rate_engine"] for r in rows]),
                            "median_cpu_s": median([r["cpu_s"] for r in rows])}
    r_wrk = median([r["smokegate"] / r["wrk"] for r in per_rep.values() if "smokegate" in r and r.get("wrk")])
    s["ratios"] = {"smokegate_vs_wrk": r_wrk}
    s["targets"] = [{"name": "smokegate ≥ 0.5× wrk -c64", "observed": r_wrk, "limit": 0.5, "op": ">=",
                     "met": None if r_wrk is None else r_wrk >= 0.5, "unit": "×"}]
    scenarios.append(s)

    # --- 2 measurement overhead --------------------------------------------------------------------------------
    s = {"id": "latency_overhead", "title": f"Measurement overhead against the fixed {meta.get('delay_ms', 20)} ms delay",
         "unit": "ms", "tools": {}, "commands": {}}
    per_rep = {}
    for tool in ("smokegate", "curl"):
        s["commands"][tool] = command_of(raw, "latency_overhead", tool)
        rows = []
        for rep, m, v, text in runs(raw, "latency_overhead", tool):
            if tool == "smokegate":
                lat = (v or {}).get("latency", {})
                row = {"rep": rep, "n": lat.get("n"), "p50_ms": lat.get("p50_ms"), "p99_ms": lat.get("p99_ms"),
                       "failed": (v or {}).get("failed")}
            else:
                values = [float(x) * 1000 for x in text.split() if re.fullmatch(r"[\d.]+", x)]
                row = {"rep": rep, "n": len(values), "p50_ms": percentile(values, 50), "p99_ms": percentile(values, 99)}
            row["spread_ms"] = row["p99_ms"] - row["p50_ms"] if row["p50_ms"] is not None and row["p99_ms"] is not None else None
            rows.append(row)
            per_rep.setdefault(rep, {})[tool] = row
        s["tools"][tool] = {"runs": rows, "median_p50_ms": median([r["p50_ms"] for r in rows]),
                            "median_p99_ms": median([r["p99_ms"] for r in rows]),
                            "median_spread_ms": median([r["spread_ms"] for r in rows])}
    pairs = [r for r in per_rep.values() if "smokegate" in r and "curl" in r and r["smokegate"]["p50_ms"] is not None]
    d50 = median([r["smokegate"]["p50_ms"] - r["curl"]["p50_ms"] for r in pairs])
    dspread = median([r["smokegate"]["spread_ms"] - r["curl"]["spread_ms"] for r in pairs])
    s["ratios"] = {"p50_diff_ms": d50, "spread_excess_ms": dspread}
    s["targets"] = [
        {"name": "smokegate p50 − curl time_total p50 ≤ 0.3 ms", "observed": d50, "limit": 0.3, "op": "<=",
         "met": None if d50 is None else d50 <= 0.3, "unit": " ms"},
        {"name": "smokegate p99−p50 ≤ curl's + 0.5 ms", "observed": dspread, "limit": 0.5, "op": "<=",
         "met": None if dspread is None else dspread <= 0.5, "unit": " ms"},
    ]
    scenarios.append(s)

    # --- 4 start-up (computed before 3: the suite wall-time target adds the start-up) -------------------------
    st = {"id": "startup", "title": "Start-up", "unit": "ms", "tools": {}, "commands": {}}
    for tool in ("version", "validate", "run_one", "curl_one"):
        st["commands"][tool] = command_of(raw, "startup", tool)
        rows = []
        for rep, m, v, text in runs(raw, "startup", tool):
            row = {"rep": rep, "wall_ms": m["wall_s"] * 1000, "exit_code": m["exit_code"]}
            if tool == "run_one" and v and v.get("latency"):
                row["probe_ms"] = v["latency"].get("p50_ms")
                row["beyond_probe_ms"] = row["wall_ms"] - row["probe_ms"]
            rows.append(row)
        st["tools"][tool] = {"runs": rows, "median_wall_ms": median([r["wall_ms"] for r in rows]),
                             "median_beyond_probe_ms": median([r.get("beyond_probe_ms") for r in rows])}
    validate_ms = st["tools"]["validate"]["median_wall_ms"]
    beyond_ms = st["tools"]["run_one"]["median_beyond_probe_ms"]
    st["targets"] = [
        {"name": "smokegate validate, 1 000 checks ≤ 150 ms", "observed": validate_ms, "limit": 150, "op": "<=",
         "met": None if validate_ms is None else validate_ms <= 150, "unit": " ms"},
        {"name": "smokegate run of one check ≤ 50 ms beyond the probe", "observed": beyond_ms, "limit": 50, "op": "<=",
         "met": None if beyond_ms is None else beyond_ms <= 50, "unit": " ms"},
    ]

    # --- 3 suite wall time ------------------------------------------------------------------------------------
    n_probes, conc, delay = meta.get("wall_probes", 1000), meta.get("wall_concurrency", 100), meta.get("wall_delay_ms", 50)
    ideal_s = n_probes / conc * delay / 1000
    s = {"id": "suite_wall", "title": f"Suite wall time: {n_probes} checks×environments at a {delay} ms endpoint, concurrency {conc}",
         "unit": "s", "tools": {}, "commands": {}, "ideal_s": ideal_s}
    for tool in ("smokegate", "hey"):
        s["commands"][tool] = command_of(raw, "suite_wall", tool)
        rows = []
        for rep, m, v, text in runs(raw, "suite_wall", tool):
            row = {"rep": rep, "wall_s": m["wall_s"], "exit_code": m["exit_code"]}
            if tool == "smokegate":
                row.update({"engine_s": (v or {}).get("duration_s"), "probes": (v or {}).get("completed"),
                            "failed": (v or {}).get("failed")})
            else:
                h = parse_hey(text)
                row.update({"engine_s": h["total_s"], "probes": h["ok"], "failed": h["errors"]})
            rows.append(row)
        s["tools"][tool] = {"runs": rows, "median_wall_s": median([r["wall_s"] for r in rows]),
                            "median_engine_s": median([r["engine_s"] for r in rows])}
    startup_s = (beyond_ms or 0) / 1000
    limit = 1.2 * ideal_s + startup_s
    wall = s["tools"]["smokegate"]["median_wall_s"]
    s["ratios"] = {"wall_over_ideal": wall / ideal_s if wall else None, "startup_s": startup_s}
    s["targets"] = [{"name": f"wall ≤ 1.2 × ideal ({ideal_s:.2f} s) + start-up ({startup_s * 1000:.0f} ms)",
                     "observed": wall, "limit": round(limit, 3), "op": "<=",
                     "met": None if wall is None else wall <= limit, "unit": " s"}]
    scenarios.append(s)
    scenarios.append(st)

    # --- 5a peak RSS with 1 000 probes in flight -----------------------------------------------------------------
    s = {"id": "memory_peak", "title": f"Peak RSS with {meta.get('mem_probes', 1000)} probes in flight", "unit": "MB",
         "tools": {}, "commands": {}}
    for tool in ("smokegate", "hey"):
        s["commands"][tool] = command_of(raw, "memory_peak", tool)
        rows = []
        for rep, m, v, text in runs(raw, "memory_peak", tool):
            stats = load_json(raw / "memory_peak" / f"{tool}.{rep}.server.json") or {}
            rows.append({"rep": rep, "maxrss_mb": m["maxrss_bytes"] / MB, "wall_s": m["wall_s"], "exit_code": m["exit_code"],
                         "server_max_inflight": stats.get("max_inflight"),
                         "failed": (v or {}).get("failed") if tool == "smokegate" else parse_hey(text)["errors"]})
        s["tools"][tool] = {"runs": rows, "median_maxrss_mb": median([r["maxrss_mb"] for r in rows]),
                            "min_server_max_inflight": min([r["server_max_inflight"] or 0 for r in rows], default=None)}
    peak = s["tools"]["smokegate"]["median_maxrss_mb"]
    s["targets"] = [{"name": "peak RSS ≤ 100 MB", "observed": peak, "limit": 100, "op": "<=",
                     "met": None if peak is None else peak <= 100, "unit": " MB"}]
    scenarios.append(s)

    # --- 6 probe timing ------------------------------------------------------------------------------------------
    s = probe_timing(raw)
    if s:
        scenarios.append(s)

    # --- 5b watch ------------------------------------------------------------------------------------------------
    s = {"id": "watch", "title": f"watch: {meta.get('watch_seconds', 600)} s at --interval 20ms, 4 targets",
         "unit": "", "tools": {}, "commands": {"smokegate": command_of(raw, "watch", "smokegate")}}
    wruns = runs(raw, "watch", "smokegate")
    growth = cpu = None
    if wruns:
        rep, m, v, text = wruns[0]
        series = m.get("series", [])
        warm = meta.get("watch_warmup_s", 30)
        after = [p for p in series if p[0] >= warm]
        rss_warm = after[0][1] if after else None
        rss_end = series[-1][1] if series else None
        growth = (rss_end - rss_warm) / MB if after else None
        cpu_total = m["utime_s"] + m["stime_s"]
        cpu = cpu_total / m["wall_s"] * 100
        cpu_after = ((series[-1][2] - after[0][2]) / (series[-1][0] - after[0][0]) * 100
                     if len(after) > 1 and series[-1][0] > after[0][0] else None)
        probes = sum(t.get("probes_completed") or 0 for t in (v or {}).get("watch", {}).get("targets", []))
        s["tools"]["smokegate"] = {"runs": [{
            "rep": rep, "wall_s": m["wall_s"], "exit_code": m["exit_code"], "warmup_s": warm,
            "rss_after_warmup_mb": rss_warm / MB if rss_warm else None, "rss_end_mb": rss_end / MB if rss_end else None,
            "rss_growth_mb": growth, "maxrss_mb": m["maxrss_bytes"] / MB, "cpu_s": cpu_total, "cpu_pct": cpu,
            "cpu_pct_after_warmup": cpu_after, "probes": probes, "decision": (v or {}).get("decision"),
            "targets": (v or {}).get("watch", {}).get("targets"),
            "rss_series_mb": [[p[0], round(p[1] / MB, 2)] for p in series[:: max(1, len(series) // 120)]]}]}
    s["targets"] = [
        {"name": "RSS growth (after warm-up → end) ≤ 5 MB", "observed": growth, "limit": 5, "op": "<=",
         "met": None if growth is None else growth <= 5, "unit": " MB"},
        {"name": "CPU ≤ 10% of one core", "observed": cpu, "limit": 10, "op": "<=",
         "met": None if cpu is None else cpu <= 10, "unit": "%"},
    ]
    scenarios.append(s)

    # sanity: every run must have succeeded, or the figure is not comparable
    for sc in scenarios:
        for tool, t in sc["tools"].items():
            for r in t.get("runs", []):
                if r.get("exit_code") not in (0, None) or (r.get("failed") or 0) > 0:
                    notes.append(f"{sc['id']}/{tool} rep {r['rep']}: exit code {r.get('exit_code')}, "
                                 f"{r.get('failed')} failed probes")
    for sc in scenarios:
        for t in sc["targets"]:
            t["observed"] = round(t["observed"], 3) if isinstance(t["observed"], float) else t["observed"]
    return {"schema": "smokegate-bench/1", "meta": meta, "scenarios": scenarios, "warnings": notes,
            "summary": [dict(scenario=sc["id"], **{k: t[k] for k in ("name", "observed", "limit", "op", "unit", "met")})
                        for sc in scenarios for t in sc["targets"]]}


PROBE_CHECKS = ("tcp", "http", "redis")


def probe_p50s(path):
    """{check name: (p50 ms, failed samples)} of one probe-timing run's verdict.json."""
    v = load_json(path) or {}
    out = {}
    for check in v.get("checks", []):
        for result in check.get("results", [])[:1]:
            out[check.get("name")] = ((result.get("latency") or {}).get("p50_ms"), result.get("samples_failed"))
    return out


def probe_timing(raw):
    """Scenario 6: p50 of tcp connect, http GET and redis PING per concurrency, medians over repetitions, and the
    targets at the highest concurrency, judged on ratios taken within each run."""
    base = raw / "probe_timing"
    if not base.exists():
        return None
    s = {"id": "probe_timing", "title": "Probe timing: tcp connect, http GET, redis PING side by side",
         "unit": "ms", "tools": {}, "commands": {}}
    levels = sorted({int(p.name.split(".")[0][1:]) for p in base.glob("c*.measure.json")})
    for c in levels:
        tool = f"c{c}"
        s["commands"][tool] = command_of(raw, "probe_timing", tool)
        rows = []
        for rep, m, _, _ in runs(raw, "probe_timing", tool):
            p50 = probe_p50s(base / f"{tool}.{rep}.verdict.json")
            row = {"rep": rep, "exit_code": m["exit_code"], "wall_s": m["wall_s"],
                   "failed": sum((p50.get(k, (None, 0))[1] or 0) for k in PROBE_CHECKS)}
            for k in PROBE_CHECKS:
                row[f"{k}_p50_ms"] = p50.get(k, (None, None))[0]
            http = row["http_p50_ms"]
            row["tcp_over_http"] = row["tcp_p50_ms"] / http if http and row["tcp_p50_ms"] is not None else None
            row["redis_over_http"] = row["redis_p50_ms"] / http if http and row["redis_p50_ms"] is not None else None
            rows.append(row)
        summary = {"concurrency": c, "runs": rows}
        for key in [f"{k}_p50_ms" for k in PROBE_CHECKS] + ["tcp_over_http", "redis_over_http"]:
            summary[f"median_{key}"] = median([r[key] for r in rows if r[key] is not None])
        s["tools"][tool] = summary
    top = s["tools"].get(f"c{levels[-1]}") if levels else None
    tcp_ratio = top and top["median_tcp_over_http"]
    redis_ratio = top and top["median_redis_over_http"]
    at = f" at concurrency {levels[-1]}" if levels else ""
    s["targets"] = [
        {"name": f"tcp p50 ÷ http p50{at} ≤ 1", "observed": tcp_ratio, "limit": 1, "op": "<=",
         "met": None if tcp_ratio is None else tcp_ratio <= 1, "unit": "×"},
        {"name": f"redis p50 ÷ http p50{at} ≤ 1.5", "observed": redis_ratio, "limit": 1.5, "op": "<=",
         "met": None if redis_ratio is None else redis_ratio <= 1.5, "unit": "×"},
    ]
    return s


def probe_table_lines(s):
    rows = [[d["concurrency"], fmt(d["median_tcp_p50_ms"], 3), fmt(d["median_http_p50_ms"], 3),
             fmt(d["median_redis_p50_ms"], 3), fmt(d["median_tcp_over_http"], 2), fmt(d["median_redis_over_http"], 2),
             "; ".join(f"{fmt(r['tcp_p50_ms'], 3)} / {fmt(r['http_p50_ms'], 3)} / {fmt(r['redis_p50_ms'], 3)}"
                       for r in d["runs"])]
            for d in s["tools"].values()]
    return [md_table(["--concurrency", "tcp connect p50 ms", "http GET p50 ms", "redis PING p50 ms", "tcp ÷ http",
                      "redis ÷ http", "runs (tcp / http / redis ms)"], rows), ""]


def md_table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def write_doc(result, doc_path, notes_path):
    meta = result["meta"]
    sc = {s["id"]: s for s in result["scenarios"]}
    L = []
    L.append("# Benchmarks\n")
    L.append("How smokegate's probe engine compares with the tools people would pick instead (issue 7). "
             "Generated by `make bench` (`scripts/bench/run`) on "
             f"{meta.get('date', '?')}; raw figures in `reports/bench.json`, which each run writes (not kept in git). "
             "Every figure is the median of the repetitions, tools alternating within each repetition; ratios are "
             "taken within a repetition and then the median of those is reported, because the machine is shared "
             "and noisy and only side-by-side ratios are comparable.\n")
    L.append("## Summary\n")
    L.append(md_table(["scenario", "target", "observed", "limit", "result"],
                      [[s["scenario"], s["name"], fmt(s["observed"], 3, s["unit"]), f"{s['op']} {s['limit']}{s['unit']}",
                        met_text(s["met"])] for s in result["summary"]]))
    L.append("")
    if result["warnings"]:
        L.append("Warnings (a run that failed probes or exited non-zero is not a fair figure):\n")
        L += [f"- {w}" for w in result["warnings"]]
        L.append("")
    total = meta.get("total_seconds")
    L.append(f"`make bench` took **{fmt(total, 0)} s** end to end on this machine ({fmt((total or 0) / 60, 1)} min), "
             f"of which the watch scenario {meta.get('watch_seconds')} s; the one-time release build "
             f"(`swift build -c release --static-swift-stdlib`, about 10+ minutes on 2 cores from scratch) and the first `apt-get install` "
             "are not included (the install of nginx-light, hey, wrk, prometheus-blackbox-exporter adds about a "
             "minute on a fresh machine). Budget: under 15 minutes on a fresh machine, excluding that build.\n")
    load = meta.get("load_average") or {}
    if load.get("start"):
        L.append(f"Load average (1, 5, 15 min) at the start: {load['start']}; at the end: {load.get('end')} "
                 f"— on {meta.get('machine', {}).get('cores (nproc)', '?')} cores. Above ~1 the machine was shared "
                 "with other work and absolute figures are noisy; the within-repetition ratios are what count.\n")

    if meta.get("scenario_seconds"):
        L.append("Where the time went: " + ", ".join(f"{k} {v} s" for k, v in meta["scenario_seconds"].items())
                 + f"; release build check {fmt(meta.get('build_seconds'), 0)} s (not counted).\n")
    L.append(f"Fixed delay used: **{meta.get('delay_method')}** — {meta.get('delay_method_text')}\n")
    L.append("## Machine and versions\n")
    m = meta.get("machine", {})
    L.append(md_table(["what", "value"], [[k, f"`{v}`"] for k, v in m.items()] +
                      [[k, f"`{v}`"] for k, v in meta.get("versions", {}).items()]))
    L.append("")
    L.append("## Method\n")
    L.append(f"- **Neutral target.** nginx ({meta.get('nginx_workers', '?')} worker processes, access log off) on a free "
             "loopback port serves `GET /health` as a static `return 200 '{\"status\":\"UP\"}'`; its own config in a "
             "temporary directory, started and stopped by the script.")
    L.append(f"- **Fixed delay ({meta.get('delay_method')}):** {meta.get('delay_method_text')}")
    L.append("- **Slow endpoints** (the 50 ms suite, the slow endpoint that keeps 1 000 probes in flight) are served by "
             "`scripts/bench/delayserver.py`: one thread per connection, answering exactly N ms after the request "
             "arrived (`time.sleep` on a monotonic deadline), and counting the most requests in flight, which proves "
             "the 1 000 were really concurrent.")
    L.append(f"- **Repetitions:** {meta.get('reps')} per scenario (start-up: {meta.get('startup_reps')}), the tools "
             "alternating in each repetition, so slow phases of the shared machine hit all of them.")
    L.append("- **smokegate runs its normal path**: a YAML suite, expectations `status: 200` and `json: $.status: UP` "
             "evaluated on every response, every sample recorded, `junit.xml` and `verdict.json` written, the "
             "release binary (`swift build -c release --static-swift-stdlib`). Rates are probes ÷ the **whole process's wall time** "
             "(start-up, loading the suite and writing reports included; `hey` measured the same way), so the "
             "comparison is what a user waits for. The engine-only rate (probes ÷ `duration_seconds` in "
             "verdict.json) and hey's own `Requests/sec` are shown beside it.")
    L.append("- **Fair \"20 000 probes at concurrency 64\" for smokegate**: one check with `samples: 20000`. The "
             "planner turns every sample into its own job and the runner keeps `--concurrency` jobs in flight across "
             "all checks and samples (docs/config.md, *How samples are scheduled*), so one check with 20 000 samples "
             "at `--concurrency 64` keeps exactly 64 probes in flight, like `hey -c 64`. Without `interval` the "
             "samples start as fast as slots free up.")
    L.append("- **Process figures** (peak RSS, CPU time) come from `wait4()`'s rusage of the measured process "
             "alone; the watch's RSS and CPU are also sampled every second from `/proc/PID/stat`.")
    L.append("")

    def cmds(s):
        out = ["Commands:\n", "```sh"]
        out += [c for c in s["commands"].values() if c]
        out.append("```\n")
        return out

    # 1a
    s = sc["throughput_fresh"]
    L.append(f"## 1. {s['title']}\n")
    L.append(md_table(["tool", "probes/s (wall)", "engine/own rate", "CPU s", "peak RSS MB", "runs (probes/s wall)"],
                      [[t, fmt(d["median_rate_wall"], 0), fmt(d["median_rate_engine"], 0), fmt(d["median_cpu_s"], 2),
                        fmt(d["median_maxrss_mb"], 1), ", ".join(fmt(r["rate_wall"], 0) for r in d["runs"])]
                       for t, d in s["tools"].items()]))
    L.append("")
    L += target_lines(s)
    L.append("blackbox_exporter is driven through `/probe?module=http_2xx&target=…` by `hey` with keep-alive to the "
             "exporter (so the driver's own connections cost nothing), 64 at a time; each probe is one fresh "
             "connection from the exporter to nginx. Its CPU column is the exporter's own CPU time during the run "
             "(from /proc), not the driver's. hey's 20 000 requests are 19 968: hey gives each of its 64 workers "
             "n ÷ c = 312 requests. CPU s shows how much work each tool does per run, which is steadier than rates "
             "on a shared machine.\n")
    L += cmds(s)
    # 1b
    s = sc["throughput_reuse"]
    L.append(f"## 1b. {s['title']}\n")
    L.append(md_table(["tool", "probes/s (wall)", "engine/own rate", "CPU s", "runs (probes/s)"],
                      [[t, fmt(d["median_rate_wall"], 0), fmt(d["median_rate_engine"], 0), fmt(d["median_cpu_s"], 2),
                        ", ".join(fmt(r["rate_wall"], 0) for r in d["runs"])] for t, d in s["tools"].items()]))
    L.append("")
    L += target_lines(s)
    L.append("smokegate's check sets `reuse_connections: true`; wrk keeps 64 connections open for a fixed duration "
             f"(`-d{meta.get('wrk_seconds')}s`), so its rate is its own Requests/sec.\n")
    L += cmds(s)
    # 2
    s = sc["latency_overhead"]
    L.append(f"## 2. {s['title']}\n")
    L.append(md_table(["tool", "n per run", "p50 ms", "p99 ms", "p99 − p50 ms", "runs (p50 / p99)"],
                      [[t, d["runs"][0]["n"] if d["runs"] else "—", fmt(d["median_p50_ms"], 3), fmt(d["median_p99_ms"], 3),
                        fmt(d["median_spread_ms"], 3),
                        ", ".join(f"{fmt(r['p50_ms'], 2)} / {fmt(r['p99_ms'], 2)}" for r in d["runs"])]
                       for t, d in s["tools"].items()]))
    L.append("")
    L += target_lines(s)
    L.append("Both measure one request at a time on a fresh connection: curl as a new process per request, reporting "
             "its own `time_total`; smokegate with `--concurrency 1` reporting each sample's latency (libcurl's total "
             "time) in verdict.json. Percentiles are nearest-rank for both (smokegate's HdrHistogram keeps 3 "
             "significant digits: 10 µs at 20 ms).\n")
    L += cmds(s)
    # 3
    s = sc["suite_wall"]
    L.append(f"## 3. {s['title']}\n")
    L.append(md_table(["tool", "wall s", "engine s", "wall − engine s", "ideal s", "wall ÷ ideal", "engine ÷ ideal", "runs (wall s)"],
                      [[t, fmt(d["median_wall_s"], 3), fmt(d["median_engine_s"], 3),
                        fmt(d["median_wall_s"] - d["median_engine_s"] if d["median_wall_s"] and d["median_engine_s"] else None, 3),
                        fmt(s["ideal_s"], 3),
                        fmt(d["median_wall_s"] / s["ideal_s"] if d["median_wall_s"] else None, 2),
                        fmt(d["median_engine_s"] / s["ideal_s"] if d["median_engine_s"] else None, 2),
                        ", ".join(fmt(r["wall_s"], 3) for r in d["runs"])] for t, d in s["tools"].items()]))
    L.append("")
    L += target_lines(s)
    L.append("*engine* is smokegate's own probing time (`duration_seconds` in verdict.json: first probe started → "
             "last probe finished) and hey's `Total`; *wall − engine* is start-up plus building the verdict and "
             "writing the reports. Ideal = n ÷ concurrency × delay. The start-up allowance is the measured start-up of a one-check run "
             "beyond its probe (scenario 4). `hey -n 1000 -c 100 -disable-keepalive` against the same endpoint is "
             "shown as what a bare load generator achieves.\n")
    L += cmds(s)
    # 4
    s = sc["startup"]
    L.append(f"## 4. {s['title']}\n")
    L.append(md_table(["command", "wall ms (median)", "beyond the probe ms", "runs (wall ms)"],
                      [[t, fmt(d["median_wall_ms"], 1), fmt(d["median_beyond_probe_ms"], 1),
                        ", ".join(fmt(r["wall_ms"], 1) for r in d["runs"])] for t, d in s["tools"].items()]))
    L.append("")
    L += target_lines(s)
    L.append("`version` is `smokegate --version`: the floor every command pays (loading the binary, the Swift "
             "runtime, Foundation and ICU). `run_one` is `smokegate run` of one check against nginx with reports written; \"beyond the probe\" is "
             "its wall time minus the probe's own latency. `curl_one` (one `curl` process, same URL) is shown for "
             "scale.\n")
    L += cmds(s)
    # 5a
    s = sc["memory_peak"]
    L.append(f"## 5a. {s['title']}\n")
    L.append(md_table(["tool", "peak RSS MB", "server saw in flight (min over runs)", "runs (MB)"],
                      [[t, fmt(d["median_maxrss_mb"], 1), d["min_server_max_inflight"],
                        ", ".join(fmt(r["maxrss_mb"], 1) for r in d["runs"])] for t, d in s["tools"].items()]))
    L.append("")
    L += target_lines(s)
    L.append(f"1 000 checks against a {meta.get('mem_delay_ms')} ms endpoint at `--concurrency 1000`; the delay "
             "server's counter confirms how many requests it held at once. `hey -c 1000` doing the same is shown "
             "for scale. MB = 10⁶ bytes.\n")
    L += cmds(s)
    # 5b
    s = sc["watch"]
    L.append(f"## 5b. {s['title']}\n")
    if s["tools"].get("smokegate"):
        r = s["tools"]["smokegate"]["runs"][0]
        L.append(md_table(["figure", "value"], [
            ["wall", fmt(r["wall_s"], 1, " s")], ["probes completed (all targets)", r["probes"]],
            [f"RSS after {r['warmup_s']} s warm-up", fmt(r["rss_after_warmup_mb"], 2, " MB")],
            ["RSS at the end", fmt(r["rss_end_mb"], 2, " MB")], ["RSS growth", fmt(r["rss_growth_mb"], 2, " MB")],
            ["peak RSS", fmt(r["maxrss_mb"], 2, " MB")], ["CPU time (user+sys)", fmt(r["cpu_s"], 2, " s")],
            ["CPU, whole watch", fmt(r["cpu_pct"], 2, "% of one core")],
            ["CPU, after warm-up", fmt(r["cpu_pct_after_warmup"], 2, "% of one core")],
            ["decision", r["decision"]],
            ["RSS over time (s: MB)", " · ".join(f"{int(t)}: {mb:.1f}" for t, mb in thin(r["rss_series_mb"], 11))]]))
        L.append("")
    L += target_lines(s)
    L.append("Run alone, after the short scenarios, so its per-process CPU and RSS are not disturbed by the load "
             "generators (and the 200 probes/s it sends do not disturb them). `BENCH_WATCH_SECONDS` shortens it "
             "for quick iterations; the default is the full 600 s.\n")
    L += cmds(s)

    # 6
    s = sc.get("probe_timing")
    if s:
        L.append(f"## 6. {s['title']}\n")
        L += probe_table_lines(s)
        L += target_lines(s)
        L.append(f"One suite with three checks of {meta.get('probe_samples', 400)} samples each, run at each "
                 "`--concurrency`: `tcp` connects to nginx (nothing sent), `http` is `GET /health` on the same nginx "
                 "(libcurl, fresh connection), `redis` is a `PING` to a local redis-server (fresh connection). The "
                 "planner interleaves the three checks' samples, so they share the same load. p50 is each check's "
                 "latency in verdict.json; ratios are taken within each run, then the median over runs. Each "
                 "figure is the sum of spans stamped where the events happened (the kernel's TCP handshake, the "
                 "event loop's reads and writes, curl's own counters), so time a probe waited for smokegate's event "
                 "loop or task scheduler is not in it (issue 12, #14).\n")
        L += cmds(s)
    L.append("## Profile\n")
    notes = Path(notes_path)
    L.append(notes.read_text().strip() + "\n" if notes.exists() else "No profile notes yet.\n")
    L.append("## Reproducing\n")
    L.append("```sh\nmake bench                          # everything, ~13 min (+ the one-time release build)\n"
             "BENCH_WATCH_SECONDS=30 make bench   # quick iteration: a 30 s watch\n"
             "BENCH_REPS=5 make bench             # more repetitions\n"
             "scripts/bench/profile              # perf / callgrind profiles of the scenarios (see Profile)\n"
             "BENCH_ONLY=probe_timing scripts/bench/run   # section 6 alone, its table printed (this page is not rewritten)\n```\n")
    Path(doc_path).write_text("\n".join(L))


def thin(series, count):
    """About `count` evenly spaced points of a series, always with the last one."""
    if len(series) <= count:
        return series
    step = (len(series) - 1) / (count - 1)
    return [series[round(i * step)] for i in range(count)]


def target_lines(s):
    out = []
    for t in s["targets"]:
        out.append(f"- Target: {t['name']} — observed **{fmt(t['observed'], 3, t['unit'])}**: {met_text(t['met'])}.")
    out.append("")
    return out


def report(raw, bench_json, doc):
    raw = Path(raw)
    result = build(raw)
    Path(bench_json).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    write_doc(result, doc, Path(__file__).with_name("profile-notes.md"))
    width = max(len(s["name"]) for s in result["summary"])
    for s in result["summary"]:
        print(f"  {s['name']:<{width}}  {fmt(s['observed'], 3, s['unit']):>12}  {met_text(s['met']).strip('*')}")
    for w in result["warnings"]:
        print(f"  warning: {w}")
    return 0


def main(argv):
    if not argv:
        print(__doc__)
        return 2
    cmd, args = argv[0], argv[1:]
    if cmd == "free-port":
        print(free_port())
        return 0
    if cmd == "wait-tcp":
        return wait_tcp(args[0], float(args[1]) if len(args) > 1 else 10.0)
    if cmd == "probe-table":
        s = probe_timing(Path(args[0]))
        if not s:
            print("no probe_timing runs", file=sys.stderr)
            return 1
        print("\n".join(probe_table_lines(s) + target_lines(s)))
        return 0
    if cmd == "wait-http":
        return wait_http(args[0], float(args[1]) if len(args) > 1 else 10.0)
    if cmd == "proc-cpu":
        print(read_proc(int(args[0]))[1])
        return 0
    if cmd == "cpu-since":
        print(json.dumps({"cpu_s": round(read_proc(int(args[0]))[1] - float(args[1]), 3)}))
        return 0
    if cmd == "http-json":
        print(urllib.request.urlopen(args[0], timeout=5).read().decode())
        return 0
    if cmd == "suite":
        write_suite(args[0], args[1], dict(a.split("=", 1) for a in args[2:]))
        return 0
    if cmd == "measure":
        out, poll, stdout = args[0], None, None
        rest = args[1:]
        while rest and rest[0] != "--":
            if rest[0] == "--poll":
                poll = float(rest[1])
            elif rest[0] == "--stdout":
                stdout = rest[1]
            rest = rest[2:]
        return measure(out, rest[1:], poll=poll, stdout=stdout)
    if cmd == "meta":
        return write_meta(args[0])
    if cmd == "report":
        return report(*args)
    print(f"unknown command {cmd}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
