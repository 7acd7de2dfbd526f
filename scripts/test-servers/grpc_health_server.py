#!/usr/bin/env python3
"""A gRPC server for smokegate's gRPC health probe tests: grpcio with the standard health service of
grpcio-health-checking (PyPI).

Usage: grpc_health_server.py [--tls CERT KEY] [--no-health]

Listens on a free loopback port, plaintext (HTTP/2 with prior knowledge) or with TLS, and prints `READY <port>`
on stdout. With --no-health it serves no service at all, so every call is UNIMPLEMENTED.

Health statuses at the start ("" is the whole server):
  ""              SERVING
  shop.Cart       SERVING
  shop.Drained    NOT_SERVING
  shop.Retired    SERVICE_UNKNOWN
  shop.Hang       Check never answers: it waits until the call's deadline passes or the client goes away
  shop.Echo       Check fails with PERMISSION_DENIED, its message repeating every metadata value it got
Any other service name is NOT_FOUND, as the standard service answers.

Commands on stdin, one per line, each acknowledged with `OK <command>` on stdout once it applies:
  set SERVICE STATUS   e.g. `set shop.Cart NOT_SERVING`; `-` names the whole server

Every call is logged on stdout as `CALL <method> <metadata as JSON>`, the metadata the client sent (names and
values), so a test can see which headers arrived. `CALL` is printed when a call arrives, before it is answered.
Every Check answered is logged as `ANSWER <service> <STATUS>` (`-` for the whole server, `NOT_FOUND` for an
unknown service); a status is read and its line printed under the lock `set` takes, so the order of `ANSWER` and
`OK set` lines is the order in which the statuses were decided.
"""
import argparse
import json
import sys
import threading
from concurrent import futures

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc

output_lock = threading.Lock()
# Held while a Check reads its status and logs its answer, and while `set` changes a status and acknowledges it.
decision_lock = threading.Lock()


def say(line):
    with output_lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


class CallLogger(grpc.ServerInterceptor):
    def intercept_service(self, continuation, handler_call_details):
        metadata = [[key, value if isinstance(value, str) else value.hex()]
                    for key, value in handler_call_details.invocation_metadata]
        say(f"CALL {handler_call_details.method} {json.dumps(metadata)}")
        return continuation(handler_call_details)


class HealthWithHang(health.HealthServicer):
    """The standard servicer, with one service whose Check blocks until the call ends."""

    def Check(self, request, context):
        if request.service == "shop.Hang":
            ended = threading.Event()
            context.add_callback(ended.set)
            ended.wait()
            return health_pb2.HealthCheckResponse()
        if request.service == "shop.Echo":
            values = ", ".join(str(value) for _, value in context.invocation_metadata())
            context.abort(grpc.StatusCode.PERMISSION_DENIED, f"denied for {values}")
        with decision_lock:
            response = super().Check(request, context)
            if context.code() == grpc.StatusCode.NOT_FOUND:
                name = "NOT_FOUND"
            else:
                name = health_pb2.HealthCheckResponse.ServingStatus.Name(response.status)
            say(f"ANSWER {request.service or '-'} {name}")
        return response


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--no-health", action="store_true")
    arguments = parser.parse_args()

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16), interceptors=[CallLogger()])
    servicer = None
    if not arguments.no_health:
        servicer = HealthWithHang()
        status = health_pb2.HealthCheckResponse
        servicer.set("", status.SERVING)
        servicer.set("shop.Cart", status.SERVING)
        servicer.set("shop.Drained", status.NOT_SERVING)
        servicer.set("shop.Retired", status.SERVICE_UNKNOWN)
        health_pb2_grpc.add_HealthServicer_to_server(servicer, server)

    if arguments.tls:
        with open(arguments.tls[0], "rb") as certificate, open(arguments.tls[1], "rb") as key:
            credentials = grpc.ssl_server_credentials([(key.read(), certificate.read())])
        port = server.add_secure_port("127.0.0.1:0", credentials)
    else:
        port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    say(f"READY {port}")

    for line in sys.stdin:
        command = line.split()
        if len(command) == 3 and command[0] == "set" and servicer is not None:
            service = "" if command[1] == "-" else command[1]
            with decision_lock:
                servicer.set(service, health_pb2.HealthCheckResponse.ServingStatus.Value(command[2]))
                say("OK " + " ".join(command))
        elif command:
            say("UNKNOWN " + " ".join(command))
    # stdin closed: the test is done with this server.
    server.stop(grace=None)


if __name__ == "__main__":
    main()
