"""What the test tools share: exit codes, one-line JSON output, free loopback ports, deadlines, HTTP without
proxies, and server processes that run in their own process group and are always stopped.

The tools are run by the Swift tests as subprocesses and by people from a shell; both read one JSON object per
line on stdout and the exit code (see docs/test-tools.md).
"""

import ctypes
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

# Exit codes shared by every tool.
EXIT_OK = 0
EXIT_FAILED = 1  # the tool worked and the thing checked fell short (console error, series absent, promtool said no)
EXIT_USAGE = 2
EXIT_BROKEN = 4  # the server or browser would not start, answer or finish in time
EXIT_MISSING = 127  # a program or Python module the tool needs is not installed


def emit(obj):
    """Prints one JSON object on one line and flushes, so a reader waiting for the line gets it at once."""
    sys.stdout.write(json.dumps(obj, allow_nan=False) + "\n")
    sys.stdout.flush()


def fail(kind, message, code, **extra):
    """Reports why the tool cannot do its job as a JSON line (and on stderr for people) and exits with `code`."""
    emit(dict({"event": "error", "ok": False, "kind": kind, "message": message}, **extra))
    print(f"{os.path.basename(sys.argv[0])}: {message}", file=sys.stderr)
    sys.exit(code)


def find_program(name, package, candidates=()):
    """The path of a program from PATH or a known place; exits with EXIT_MISSING naming the package when absent."""
    for candidate in candidates:
        if os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which(name)
    if found:
        return found
    fail("missing-tool", f"{name} not found: `make test-deps` installs it (Debian package {package})", EXIT_MISSING,
         tool=name, package=package)


def reexec_with_system_python(module, package):
    """Runs this script again under Debian's /usr/bin/python3 when the current Python (pyenv, a venv) lacks
    `module`, which `make test-deps` installs only for the system Python; exits with EXIT_MISSING when no Python has it."""
    system_python = "/usr/bin/python3"
    if os.path.realpath(sys.executable) != os.path.realpath(system_python) and os.access(system_python, os.X_OK) \
            and not os.environ.get("SMOKEGATE_TOOLS_REEXEC"):
        os.environ["SMOKEGATE_TOOLS_REEXEC"] = "1"
        os.execv(system_python, [system_python] + sys.argv)
    fail("missing-tool", f"Python module {module} not found: `make test-deps` installs it (Debian package {package})",
         EXIT_MISSING, tool=module, package=package)


def free_port():
    """A loopback port the kernel just handed out and that was released again; servers are told to bind it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Deadline:
    """A point in time; loops poll against it instead of sleeping a guessed amount."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.start = time.monotonic()
        self.end = self.start + seconds

    def remaining(self):
        return max(0.0, self.end - time.monotonic())

    def expired(self):
        return time.monotonic() >= self.end

    def elapsed(self):
        return time.monotonic() - self.start


# No proxies: the tools talk to loopback servers, and a test may set http_proxy for the code under test.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def http_get(url, timeout):
    """GETs `url`; returns (status, body bytes), whatever the status. Raises OSError when nothing answers."""
    try:
        with _opener.open(url, timeout=max(timeout, 0.1)) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _parent_death_signal(sig):
    """Asks Linux to send `sig` to this process when its parent dies (PR_SET_PDEATHSIG)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, sig)
    except (OSError, AttributeError):
        pass


def _die_with_parent():
    """In the child before exec: its own process group (so it and its children are stopped together), and
    SIGKILL when the tool that started it dies, however it dies."""
    os.setsid()
    _parent_death_signal(signal.SIGKILL)


def end_with_parent():
    """SIGTERM and SIGHUP end the tool through its `finally` blocks, as SIGINT already does, and the tool gets
    SIGTERM when whatever started it (a test process, a shell) dies, so a killed test leaves no tool behind."""
    # A process spawned from a thread that blocks signals (Foundation's Process, from a Swift test) inherits that
    # mask: SIGTERM, SIGINT and SIGHUP would never arrive, here or in the servers started from here.
    signal.pthread_sigmask(signal.SIG_SETMASK, set())

    def handler(signum, _frame):
        raise SystemExit(128 + signum)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, handler)
    # Not PR_SET_PDEATHSIG: it fires when the *thread* that spawned this process ends, and a Swift test spawns
    # from a pool thread the runtime retires when it has been idle a few seconds, which killed tools that were
    # working for a live test. The parent process's end is what counts: the parent id changes only then.
    threading.Thread(target=_watch_parent, args=(os.getppid(),), name="watch-parent", daemon=True).start()


def _watch_parent(parent, interval=0.2):
    """Sends this process SIGTERM once `parent` is no longer its parent (it died and the process was
    re-parented). The signals stay blocked in this thread, so SIGTERM reaches the main thread, and waits while
    the main thread blocks it during a cleanup."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGHUP, signal.SIGINT})
    while os.getppid() == parent:
        time.sleep(interval)
    os.kill(os.getpid(), signal.SIGTERM)


class ServerProcess:
    """A server started in its own process group with its output in a log file inside a private temporary
    directory; `stop` ends the whole group and removes the directory."""

    def __init__(self, name, prefix):
        self.name = name
        self.directory = tempfile.mkdtemp(prefix=prefix)
        self.log_path = os.path.join(self.directory, f"{name}.log")
        self.process = None

    def start(self, argv, env=None):
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                            cwd=self.directory, env=env, preexec_fn=_die_with_parent)

    @property
    def pid(self):
        return self.process.pid if self.process else None

    def exit_code(self):
        return self.process.poll() if self.process else None

    def log_tail(self, lines=30):
        try:
            with open(self.log_path, "rb") as log:
                return b"\n".join(log.read().splitlines()[-lines:]).decode("utf-8", "replace")
        except OSError:
            return ""

    def stop(self, grace=10.0, keep=False):
        """SIGTERM to the group and SIGKILL after `grace` seconds (at once when 0); SIGKILL too to what is left
        of the group and to processes that left it but name the server's directory; waits (5 s at most) until
        all are gone. Returns the server's exit code."""
        # A signal now (the test died: stdin closed and SIGTERM at once) must not cut the cleanup short; it is
        # delivered when the cleanup is done.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGHUP, signal.SIGINT})
        try:
            return self._stop(grace, keep)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

    def _stop(self, grace, keep):
        code = None
        if self.process is not None:
            pgid = self.process.pid
            code = self.process.poll()
            if code is None and grace > 0:
                _signal_group(pgid, signal.SIGTERM)
                try:
                    code = self.process.wait(timeout=grace)
                except subprocess.TimeoutExpired:
                    pass
            _signal_group(pgid, signal.SIGKILL)  # the leader if still there, and children that outlived it
            if code is None:
                code = self.process.wait()
            strays = _processes_naming(self.directory)
            for pid in strays:
                _signal(pid, signal.SIGKILL)
            gone = Deadline(5)
            while (_group_alive(pgid) or any(_alive(pid) for pid in strays)) and not gone.expired():
                time.sleep(0.02)
        if not keep:
            shutil.rmtree(self.directory, ignore_errors=True)
        return code


def _processes_naming(directory):
    """Processes whose command line contains `directory`: ones a server started that left its process group
    (Chromium's crash handler forks twice into a session of its own, with its database in that directory)."""
    needle = directory.encode()
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) != os.getpid():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    if needle in f.read():
                        found.append(int(entry))
            except OSError:
                pass
    return found


def _signal(pid, sig):
    try:
        os.kill(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _signal_group(pgid, sig):
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _stat(pid):
    """(state, process group) of `pid` from /proc, or None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        return fields[0], int(fields[2])
    except (OSError, IndexError, ValueError):
        return None


def _alive(pid):
    """True while `pid` exists and is not a zombie (a zombie waits for its parent, often init, to reap it)."""
    stat = _stat(pid)
    return stat is not None and stat[0] != b"Z"


def _group_alive(pgid):
    """True while a process of group `pgid` runs; zombies do not count."""
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = _stat(entry)
            if stat is not None and stat[1] == pgid and stat[0] != b"Z":
                return True
    return False


def wait_until_ready(server, url, deadline, interval=0.05):
    """Polls `url` until it answers 200 and returns the seconds that took; None if the server died or the deadline
    passed first."""
    while True:
        if server.exit_code() is not None:
            return None
        try:
            status, _ = http_get(url, timeout=min(2.0, deadline.remaining()))
            if status == 200:
                return deadline.elapsed()
        except OSError:
            pass
        if deadline.expired():
            return None
        time.sleep(min(interval, deadline.remaining()))


def supervise(server, ready_event, command, env_name, until_signal=False):
    """After the server is ready: prints `ready_event`, then runs `command` with the server's URL in `env_name`
    and returns its exit code, or (no command) waits until stdin reaches end of file (or, with `until_signal`,
    for SIGINT or SIGTERM) and returns EXIT_OK. Returns EXIT_BROKEN when the server dies first. The caller stops
    the server in a `finally`."""
    emit(ready_event)
    if command:
        env = dict(os.environ, **{env_name: ready_event["url"]})
        child = subprocess.Popen(command, env=env)
        try:
            return child.wait()
        finally:
            if child.poll() is None:
                child.terminate()
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
    stdin = None if until_signal else sys.stdin.fileno()
    while True:
        code = server.exit_code()
        if code is not None:
            emit({"event": "died", "ok": False, "exit_code": code, "log": server.log_tail()})
            return EXIT_BROKEN
        # select, not epoll: stdin may be /dev/null or a file, which are always readable.
        if stdin is None:
            time.sleep(0.5)
        elif select.select([stdin], [], [], 0.5)[0] and not os.read(stdin, 4096):
            return EXIT_OK


def run_server(title, name, argv_for, args, command, env_name, details=None):
    """Starts a server on a free loopback port and supervises it (see `supervise`); always stops it.

    `argv_for(server, port)` gives the command line (it may write files into `server.directory`); readiness is
    GET /-/ready answering 200 within `timeout` seconds. A port handed out and released can be taken by someone
    else before the server binds it, so that failure is retried on another port. `details(server)` adds fields
    to the ready event. `args` carries the options every `run` has (see `add_run_options`). Returns the
    tool's exit code."""
    timeout = args.timeout
    deadline = Deadline(timeout)
    server = None
    try:
        for attempt in range(3):
            server = ServerProcess(name, f"smokegate-{name}-")
            port = free_port()
            url = f"http://127.0.0.1:{port}"
            server.start(argv_for(server, port))
            ready = wait_until_ready(server, url + "/-/ready", deadline)
            if ready is not None:
                break
            log, code = server.log_tail(), server.exit_code()
            server.stop()
            server = None
            if code is None or "address already in use" not in log or attempt == 2:
                fail("not-ready", f"{title} did not become ready" +
                     (f" (exited with {code})" if code is not None else f" within {timeout} s"), EXIT_BROKEN, log=log)
        event = {"event": "ready", "ok": True, "url": url, "port": port, "pid": server.pid,
                 "directory": server.directory, "log": server.log_path, "ready_seconds": round(ready, 3)}
        event.update(details(server) if details else {})
        return supervise(server, event, command, env_name, args.until_signal)
    finally:
        if server is not None:
            emit({"event": "stopped", "ok": True, "exit_code": server.stop(keep=args.keep)})


def split_command(argv):
    """Splits `ARGS -- COMMAND` into (ARGS, COMMAND)."""
    if "--" not in argv:
        return argv, []
    split = argv.index("--")
    return argv[:split], argv[split + 1:]


def add_run_options(parser, timeout):
    """The options of every `run`: how long to wait for readiness, how long to serve, what to keep."""
    parser.add_argument("--timeout", type=float, default=timeout,
                        help=f"seconds to wait for /-/ready (default {timeout:g})")
    parser.add_argument("--until-signal", action="store_true",
                        help="without COMMAND, serve until SIGINT or SIGTERM instead of until stdin's end")
    parser.add_argument("--keep", action="store_true", help="keep the server's directory (config, data, log)")
