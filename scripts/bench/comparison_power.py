#!/usr/bin/env python3
"""How often the blue/green comparison decides right, against real servers (stdlib only).

Starts two identical HTTP servers on loopback (blue and green) whose answer time is drawn per request: log-normal
around a median, plus an optional slow tail (a share of requests takes longer). Runs the smokegate binary many
times on generated suites and counts its decisions:

    identical   30 checks x 40 samples, green = blue (median 20 ms, log-normal sigma 0.6) -> should promote (>= 95 % of runs)
    tail        1 check x 300 samples, green's slowest 5 % +150 ms, median unchanged -> should roll back
    few         p95 asked with 19 samples, p99 with 30, green ~43 ms vs blue ~1 ms -> should hold

    comparison_power.py BINARY [--identical-runs 40] [--tail-runs 20] [--out DIR]

GET /d/<median_ms>/<sigma>/<tail_share>/<tail_ms>/<anything> answers 200 after the drawn delay. One thread per
connection; binds 127.0.0.1 on a free port.
"""
import argparse
import json
import math
import os
import random
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        parts = self.path.split("/")
        try:
            median, sigma, share, tail = float(parts[2]), float(parts[3]), float(parts[4]), float(parts[5])
        except (IndexError, ValueError):
            self.send_error(400)
            return
        delay = median * math.exp(sigma * random.gauss(0, 1))
        if random.random() < share:
            delay += tail
        time.sleep(delay / 1000)
        body = b'{"status":"UP"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


def start():
    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def suite(checks, samples, blue_path, green_path, compare_extra=""):
    lines = ["environments:", '  blue: { base_url: "{{blue}}", vars: { path: "%s" } }' % blue_path,
             '  green: { base_url: "{{green}}", vars: { path: "%s" } }' % green_path,
             f"compare: {{ baseline: blue, candidate: green{compare_extra} }}", "checks:"]
    for i in range(checks):
        lines.append(f"  - name: check{i}")
        lines.append(f"    samples: {samples}")
        lines.append("    http:")
        lines.append(f'      url: "{{{{path}}}}/{i}"')
    return "\n".join(lines) + "\n"


def run(binary, text, blue, green, workdir):
    path = os.path.join(workdir, "suite.yml")
    with open(path, "w") as f:
        f.write(text)
    args = [binary, "run", path, "--out", os.path.join(workdir, "reports"), "--format", "json", "--quiet",
            "--var", f"blue={blue}", "--var", f"green={green}"]
    proc = subprocess.run(args, capture_output=True, text=True)
    with open(os.path.join(workdir, "reports", "verdict.json")) as f:
        verdict = json.load(f)
    return proc.returncode, verdict


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--identical-runs", type=int, default=40)
    parser.add_argument("--tail-runs", type=int, default=20)
    parser.add_argument("--out")
    args = parser.parse_args()
    _, blue = start()
    _, green = start()
    results = {}
    with tempfile.TemporaryDirectory() as workdir:
        same = "/d/20/0.6/0/0"  # noisy: a single check often differs beyond the margins by chance
        decisions = {}
        for _ in range(args.identical_runs):
            _, verdict = run(args.binary, suite(30, 40, same, same), blue, green, workdir)
            decisions[verdict["decision"]] = decisions.get(verdict["decision"], 0) + 1
        results["identical"] = {"runs": args.identical_runs, "checks": 30, "samples": 40, "decisions": decisions,
                                "promote_rate": decisions.get("promote", 0) / args.identical_runs}
        print(f"identical pair, 30 checks x 40 samples: {decisions} -> promote {results['identical']['promote_rate']:.1%}", flush=True)

        decisions, worst = {}, []
        for _ in range(args.tail_runs):
            _, verdict = run(args.binary, suite(1, 300, "/d/20/0.3/0/0", "/d/20/0.3/0.05/150"), blue, green, workdir)
            decisions[verdict["decision"]] = decisions.get(verdict["decision"], 0) + 1
            comparison = verdict["comparisons"][0]
            median = {d["metric"]: (d["baseline_ms"], d["candidate_ms"]) for d in comparison["latency"]}.get("p50")
            worst.append({"decision": comparison["decision"], "p50": median, "deciding": comparison.get("deciding_metric"),
                          "p": comparison.get("deciding_p_value")})
        results["tail"] = {"runs": args.tail_runs, "samples": 300, "decisions": decisions,
                           "rollback_rate": decisions.get("rollback", 0) / args.tail_runs, "runs_detail": worst}
        print(f"tail regression (5 % of green +150 ms), 300 samples per side: {decisions} -> rollback {results['tail']['rollback_rate']:.1%}", flush=True)

        few = []
        for metric, samples in (("p95", 19), ("p99", 30), (None, 40)):
            extra = f", metrics: [{metric}]" if metric else ""
            code, verdict = run(args.binary, suite(1, samples, "/d/1/0.1/0/0", "/d/43/0.1/0/0", extra), blue, green, workdir)
            comparison = verdict["comparisons"][0]
            few.append({"metrics": metric or "default", "samples": samples, "exit_code": code, "decision": verdict["decision"],
                        "not_compared": comparison["not_compared"], "reason": comparison["reason"]})
            print(f"few samples: metrics {metric or 'default'} with {samples} samples, green ~43 ms vs blue ~1 ms: exit {code}, "
                  f"{verdict['decision']}; not compared: {[n['metric'] for n in comparison['not_compared']]}", flush=True)
        results["few"] = few
    if args.out:
        os.makedirs(args.out, exist_ok=True)
        with open(os.path.join(args.out, "comparison-power.json"), "w") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
