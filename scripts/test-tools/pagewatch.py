"""What a page did while chromium-check watched it: console messages, exceptions, requests, and which of them
went to an origin the page may not use. Fed the DevTools events of one page target."""

import urllib.parse

# Schemes that never leave the machine.
LOCAL_SCHEMES = {"file", "data", "blob", "about"}
# A websocket is the same server as the page when host and port match.
SCHEME_FAMILY = {"ws": "http", "wss": "https"}
DEFAULT_PORTS = {"http": 80, "https": 443}


def origin_of(url):
    """`scheme://host:port` with the default port spelled out, websockets as their HTTP family; None for local
    schemes."""
    parts = urllib.parse.urlsplit(url)
    scheme = SCHEME_FAMILY.get(parts.scheme.lower(), parts.scheme.lower())
    if scheme in LOCAL_SCHEMES:
        return None
    try:
        port = parts.port or DEFAULT_PORTS.get(scheme)
    except ValueError:
        port = None
    return f"{scheme}://{(parts.hostname or '').lower()}:{port}"


def remote_object_text(value):
    """A console argument as DevTools prints it."""
    if "value" in value:
        return str(value["value"])
    return value.get("description") or value.get("unserializableValue") or value.get("type", "")


def _location(frames):
    if not frames:
        return {}
    return {"url": frames[0].get("url"), "line": frames[0].get("lineNumber", 0) + 1}


class PageWatch:
    """Collects what the page does; `send` answers paused requests (continue, or fail when external)."""

    def __init__(self, allowed_origins, send):
        self.allowed = {o for o in allowed_origins if o}
        self.send = send
        self.console = []
        self.exceptions = []
        self.failed_requests = []
        self.external_requests = []
        self.requests = {}
        self.implicit_favicons = set()
        self.finished = set()
        self.blocked = set()
        self.loaded = False
        self.crashed = False
        self.handlers = {
            "Fetch.requestPaused": self._paused,
            "Network.requestWillBeSent": self._request,
            "Network.webSocketCreated": self._websocket,
            "Network.responseReceived": self._response,
            "Network.loadingFinished": self._finished,
            "Network.loadingFailed": self._failed,
            "Runtime.consoleAPICalled": self._console,
            "Runtime.exceptionThrown": self._exception,
            "Log.entryAdded": self._log,
            "Page.loadEventFired": self._load,
            "Inspector.targetCrashed": self._crash,
        }

    def on_event(self, method, params):
        handler = self.handlers.get(method)
        if handler:
            handler(params)

    def is_external(self, url):
        origin = origin_of(url)
        return origin is not None and origin not in self.allowed

    def _note_external(self, url, kind, blocked):
        for known in self.external_requests:
            if known["url"] == url:
                known["blocked"] = known["blocked"] or blocked
                return
        self.external_requests.append({"url": url, "type": kind, "blocked": blocked})

    def _paused(self, params):
        url = params["request"]["url"]
        if self.is_external(url):
            # Failed at once, so an unreachable address costs nothing and the page's load event is not held up.
            self.blocked.add(params.get("networkId"))
            self._note_external(url, params.get("resourceType"), True)
            self.send("Fetch.failRequest", {"requestId": params["requestId"], "errorReason": "BlockedByClient"})
        else:
            self.send("Fetch.continueRequest", {"requestId": params["requestId"]})

    def _request(self, params):
        url = params["request"]["url"]
        self.requests[params["requestId"]] = url
        if urllib.parse.urlsplit(url).path == "/favicon.ico" and params.get("initiator", {}).get("type") == "other":
            # The browser asks for /favicon.ico of every http page that names no icon: not the page's doing.
            self.implicit_favicons.add(params["requestId"])
        if self.is_external(url):
            self._note_external(url, params.get("type"), params["requestId"] in self.blocked)

    def _websocket(self, params):
        if self.is_external(params["url"]):
            self._note_external(params["url"], "WebSocket", False)

    def _response(self, params):
        response = params["response"]
        if response.get("status", 0) >= 400:
            self.failed_requests.append({"url": response["url"], "status": response["status"],
                                         "error": response.get("statusText", ""),
                                         "ignored": params["requestId"] in self.implicit_favicons})

    def _finished(self, params):
        self.finished.add(params["requestId"])

    def _failed(self, params):
        self.finished.add(params["requestId"])
        if params["requestId"] in self.blocked or params.get("canceled"):
            return
        self.failed_requests.append({"url": self.requests.get(params["requestId"], ""), "status": None,
                                     "error": params.get("blockedReason") or params.get("errorText", ""),
                                     "ignored": params["requestId"] in self.implicit_favicons})

    def _console(self, params):
        level = {"assert": "error", "warning": "warning"}.get(params["type"], params["type"])
        text = " ".join(remote_object_text(a) for a in params.get("args", []))
        self.console.append(dict({"level": level, "source": "console-api", "text": text},
                                 **_location(params.get("stackTrace", {}).get("callFrames"))))

    def _exception(self, params):
        details = params["exceptionDetails"]
        description = details.get("exception", {}).get("description") or details.get("text", "")
        self.exceptions.append({"text": description, "url": details.get("url"),
                                "line": details.get("lineNumber", 0) + 1})

    def _log(self, params):
        entry = params["entry"]
        if entry["source"] == "network" and entry.get("networkRequestId"):
            return  # a request's "Failed to load resource": reported as a failed or external request already
        self.console.append({"level": entry["level"], "source": entry["source"], "text": entry["text"],
                             "url": entry.get("url"), "line": entry.get("lineNumber", 0) + 1})

    def _load(self, _params):
        self.loaded = True

    def _crash(self, _params):
        self.crashed = True

    def pending_requests(self):
        return [url for ident, url in self.requests.items() if ident not in self.finished]

    def problems(self):
        """Everything that makes the page fail the check, one sentence each."""
        found = [f"console {m['level']}: {m['text']}" for m in self.console if m["level"] == "error"]
        found += [f"exception: {e['text']}" for e in self.exceptions]
        found += [f"external request: {r['url']}" for r in self.external_requests]
        found += [f"failed request: {r['url']} ({r['status'] or r['error']})" for r in self.failed_requests
                  if not r["ignored"]]
        return found
