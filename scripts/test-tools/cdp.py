"""A headless Chromium and the Chrome DevTools Protocol over one page's websocket, for chromium-check.

Everything is bounded by a `Deadline`: a browser that does not start, a page that does not load or a command
that gets no answer raises `BrowserTimeout` instead of hanging, and `Browser.stop` always ends the browser's
whole process group.
"""

import json
import os
import time

import toolsupport as ts

try:
    import websocket
except ImportError:
    ts.reexec_with_system_python("websocket", "python3-websocket")

# Debian's real binary first: /usr/bin/chromium is a shell wrapper that sources /etc/chromium.d (extensions,
# API keys, a /dev/shm probe that prints errors in containers).
CHROMIUM_CANDIDATES = ["/usr/lib/chromium/chromium"]

# Quiet, private, reproducible: no first-run UI, no background traffic of the browser's own, no proxy (the
# pages are on loopback or local files), scrollbars hidden so screenshots are the page alone.
CHROMIUM_FLAGS = [
    "--headless=new", "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
    "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
    "--disable-breakpad", "--disable-dev-shm-usage", "--disable-gpu", "--no-proxy-server", "--mute-audio",
    "--hide-scrollbars", "--force-color-profile=srgb", "--password-store=basic",
    "--disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication",
]


class BrowserTimeout(Exception):
    """The browser or the page did not do `what` before the deadline."""


class BrowserError(Exception):
    """The browser died, or answered a command with an error."""


class Browser:
    """A headless Chromium with a private profile in its own process group."""

    def __init__(self, executable):
        self.server = ts.ServerProcess("chromium", "smokegate-chromium-")
        self.executable = executable
        self.profile = os.path.join(self.server.directory, "profile")

    def start(self, deadline):
        """Starts the browser and returns its first page's websocket URL."""
        # Root cannot use Chromium's sandbox (it refuses to start); containers often lack user namespaces too.
        sandbox = ["--no-sandbox"] if os.geteuid() == 0 else []
        # Its crash handler keeps its database under XDG_CONFIG_HOME, not the profile: keep it in the directory too.
        home = {name: os.path.join(self.server.directory, name.lower()) for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME")}
        self.server.start([self.executable, *CHROMIUM_FLAGS, *sandbox, f"--user-data-dir={self.profile}",
                           "about:blank"], env=dict(os.environ, **home))
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        while True:
            self._check_alive()
            try:
                with open(port_file) as f:
                    lines = f.read().split("\n")
                if len(lines) >= 2 and lines[0].isdigit():
                    port = int(lines[0])
                    break
            except OSError:
                pass
            self._sleep(deadline, "the browser to open its DevTools port")
        while True:
            self._check_alive()
            try:
                _, body = ts.http_get(f"http://127.0.0.1:{port}/json/list", min(2.0, deadline.remaining()))
                pages = [t for t in json.loads(body) if t.get("type") == "page"]
                if pages:
                    return pages[0]["webSocketDebuggerUrl"]
            except (OSError, ValueError):
                pass
            self._sleep(deadline, "the browser's first page")

    def _check_alive(self):
        code = self.server.exit_code()
        if code is not None:
            raise BrowserError(f"chromium exited with {code}: {self.server.log_tail(15)}")

    @staticmethod
    def _sleep(deadline, what):
        if deadline.expired():
            raise BrowserTimeout(what)
        time.sleep(min(0.02, deadline.remaining()))

    def stop(self):
        # Nothing in a throwaway profile is worth a graceful shutdown, which takes a second or more.
        self.server.stop(grace=0)

    def log_tail(self):
        return self.server.log_tail(15)


class Connection:
    """One DevTools websocket: commands with ids, and events handed to `on_event` as they arrive, including
    while a command waits for its answer (a paused request must be answered before navigation can finish)."""

    def __init__(self, url, deadline, on_event):
        try:
            self.ws = websocket.create_connection(url, timeout=max(deadline.remaining(), 0.1), suppress_origin=True)
        except (OSError, websocket.WebSocketException) as error:
            raise BrowserError(f"cannot connect to {url}: {error}") from error
        self.on_event = on_event
        self.next_id = 0
        self.answers = {}
        self.awaited = set()

    def send(self, method, params=None, awaited=False):
        """Sends a command without waiting; its answer is dropped unless `awaited`."""
        self.next_id += 1
        if awaited:
            self.awaited.add(self.next_id)
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params or {}}))
        return self.next_id

    def call(self, method, params, deadline):
        """Sends a command and returns its result, handling events meanwhile."""
        ident = self.send(method, params, awaited=True)
        self.wait_until(lambda: ident in self.answers, deadline, f"the answer to {method}")
        answer = self.answers.pop(ident)
        if "error" in answer:
            raise BrowserError(f"{method}: {answer['error'].get('message')} {answer['error'].get('data', '')}")
        return answer.get("result", {})

    def wait_until(self, condition, deadline, what):
        while not condition():
            self.pump(deadline, what)

    def pump(self, deadline, what):
        """Handles the next message; raises BrowserTimeout when none comes before the deadline."""
        if deadline.expired():
            raise BrowserTimeout(what)
        self.ws.settimeout(max(deadline.remaining(), 0.01))
        try:
            message = json.loads(self.ws.recv())
        except websocket.WebSocketTimeoutException as error:
            raise BrowserTimeout(what) from error
        except (OSError, websocket.WebSocketException) as error:
            raise BrowserError(f"the DevTools connection broke while waiting for {what}: {error}") from error
        if "id" in message:
            if message["id"] in self.awaited:
                self.awaited.discard(message["id"])
                self.answers[message["id"]] = message
        else:
            self.on_event(message.get("method"), message.get("params", {}))

    def close(self):
        try:
            self.ws.close(timeout=1)
        except (OSError, websocket.WebSocketException):
            pass
