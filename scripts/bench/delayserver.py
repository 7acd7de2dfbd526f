#!/usr/bin/env python3
"""A fixed-delay HTTP/1.1 server for the benchmarks (stdlib only).

Why: latency accuracy and suite wall time must be measured against an endpoint whose answer time is known
exactly. The preferred neutral delay is `tc netem` on a veth pair; when the kernel has no netem this server is
the fallback, and it also serves the 50 ms endpoint (suite wall time) and the slow endpoint that keeps 1 000
probes in flight (peak RSS).

    GET /d/<ms>/<anything>   answers 200 {"status":"UP"} exactly <ms> milliseconds after the request's last
                             header byte arrived (time.sleep on a monotonic deadline: sub-millisecond precision,
                             unlike asyncio timers, which round epoll timeouts up to whole milliseconds)
    GET /stats               {"requests": N, "inflight": N, "max_inflight": N, "connections": N}
    GET /stats/reset         zeroes the counters (answers the stats before the reset)

One thread per connection: 1 000 concurrent connections are 1 000 mostly sleeping threads, which is cheap, and
no request waits behind another's delay. Keep-alive is honoured, so clients that reuse connections work.
Binds 127.0.0.1 (or --host) only; prints the port it listens on to stdout, one line, then serves until killed.
"""
import argparse
import json
import socket
import sys
import threading
import time

BODY = b'{"status":"UP"}'
lock = threading.Lock()
stats = {"requests": 0, "inflight": 0, "max_inflight": 0, "connections": 0}


def response(status, body, keep_alive):
    head = (
        f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        f"Connection: {'keep-alive' if keep_alive else 'close'}\r\n\r\n"
    )
    return head.encode() + body


def handle(conn):
    with lock:
        stats["connections"] += 1
    buf = b""
    try:
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        while True:
            while b"\r\n\r\n" not in buf:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                buf += chunk
            arrived = time.monotonic()
            head, _, buf = buf.partition(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            parts = lines[0].split(" ")
            path = parts[1] if len(parts) > 1 else "/"
            version = parts[2] if len(parts) > 2 else "HTTP/1.0"
            headers = {k.strip().lower(): v.strip().lower() for k, _, v in (l.partition(":") for l in lines[1:])}
            keep_alive = headers.get("connection") != "close" and version == "HTTP/1.1"
            length = int(headers.get("content-length", "0") or 0)
            while len(buf) < length:  # discard a request body, if any
                chunk = conn.recv(65536)
                if not chunk:
                    return
                buf += chunk
            buf = buf[length:]
            if path.startswith("/stats"):
                with lock:
                    body = json.dumps(stats).encode()
                    if path == "/stats/reset":
                        for k in ("requests", "max_inflight", "connections"):
                            stats[k] = 0
                        stats["max_inflight"] = stats["inflight"]
                conn.sendall(response("200 OK", body, keep_alive))
            elif path.startswith("/d/"):
                try:
                    delay = float(path.split("/")[2]) / 1000.0
                except (IndexError, ValueError):
                    conn.sendall(response("400 Bad Request", b'{"error":"use /d/<ms>/..."}', False))
                    return
                with lock:
                    stats["requests"] += 1
                    stats["inflight"] += 1
                    stats["max_inflight"] = max(stats["max_inflight"], stats["inflight"])
                try:
                    remaining = arrived + delay - time.monotonic()
                    if remaining > 0:
                        time.sleep(remaining)
                    conn.sendall(response("200 OK", BODY, keep_alive))
                finally:
                    with lock:
                        stats["inflight"] -= 1
            else:
                conn.sendall(response("404 Not Found", b'{"error":"not found"}', keep_alive))
            if not keep_alive:
                return
    except OSError:
        pass
    finally:
        conn.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    threading.stack_size(256 * 1024)  # 1 000 sleeping threads should not cost 8 MiB of stack each
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((args.host, args.port))
    server.listen(4096)
    print(server.getsockname()[1], flush=True)
    while True:
        conn, _ = server.accept()
        threading.Thread(target=handle, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(0)
