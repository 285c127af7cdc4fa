"""A stand-in for jwt-pizza-service and jwt-pizza-factory on 127.0.0.1, with chaos that its report URL ends.

It answers as the real services do (see their order and support routers): while chaos runs, an
order gets 500 with the service's body, the factory's own order endpoint (mounted under
/factory) gets "chaos monkey", and a GET on the report URL ends the chaos only with the right
fix code. Use it as a context manager; `stop()` releases the port and any request held by `slow`.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

RESOLVED = "Problem resolved. Pizza is back on the menu!"
UNRESOLVED = "Problem unresolved"
NO_CHAOS = "No chaos currently executing"


class FactoryStandIn:
    """The service and the factory in one loopback server, and the chaos state tests assert on."""

    def __init__(
        self,
        api_key: str = "a1b2c3d4e5f60718293a4b5c6d7e8f90",
        fix_code: str = "u0cdt5qk",
        chaos: bool = True,
        legacy_url: bool = False,
    ) -> None:
        self.api_key = api_key
        self.fix_code = fix_code
        self.chaos = chaos
        self.legacy_url = legacy_url  # the older /api/report?apiKey=..&fixCode=.. shape
        self.delay = 0.0
        self.requests: list[tuple[str, str]] = []  # (method, path) in arrival order
        self._lock = threading.Lock()
        self._released = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> FactoryStandIn:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            args=(0.05,),  # quick to stop
            name="factory-standin",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._released.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FactoryStandIn:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- what tests use ------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        assert self._server is not None, "start() the stand-in first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def report_url(self, fix_code: str | None = None) -> str:
        """The URL the factory hands out; another fix code gives the URL of a stale or forged report."""
        code = self.fix_code if fix_code is None else fix_code
        if self.legacy_url:
            return f"{self.base_url}/api/report?apiKey={self.api_key}&fixCode={code}"
        return f"{self.base_url}/api/support/{self.api_key}/report/{code}"

    def slow(self, seconds: float) -> None:
        """Hold each report request this long before answering (cut short by stop())."""
        self.delay = seconds

    def order(self, path: str = "/api/order") -> tuple[int, str]:
        """Place an order as the pizza site does and return the status and body the browser would see."""
        payload = json.dumps(
            {"franchiseId": 1, "storeId": 1, "items": [{"menuId": 1, "description": "Veggie", "price": 0.0038}]}
        ).encode()
        request = urllib.request.Request(
            self.base_url + path,
            data=payload,
            method="POST",
            headers={"Content-Type": "application/json", "Authorization": "Bearer diner-token"},
        )
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            with opener.open(request, timeout=5) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.read().decode()

    # -- the services' behaviour ---------------------------------------------------------------

    def _answer_order(self, factory_body: bool) -> tuple[int, dict]:
        with self._lock:
            chaos = self.chaos
        if not chaos:
            order = {"franchiseId": 1, "storeId": 1, "items": [{"menuId": 1, "description": "Veggie"}], "id": 42}
            return 200, ({"jwt": "pizza-jwt"} if factory_body else {"order": order, "jwt": "pizza-jwt"})
        if factory_body:
            return 500, {"message": "chaos monkey", "reportUrl": self.report_url()}
        return 500, {"message": "Failed to fulfill order at factory", "followLinkToEndChaos": self.report_url()}

    def _answer_report(self, api_key: str, fix_code: str) -> tuple[int, dict]:
        if self.delay:
            self._released.wait(self.delay)
        with self._lock:
            if not self.chaos or api_key != self.api_key:
                return 200, {"message": NO_CHAOS}
            if fix_code != self.fix_code:
                return 400, {"message": UNRESOLVED}
            self.chaos = False
            return 200, {"message": RESOLVED}


def _handler_for(standin: FactoryStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self._note()
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            path = urlsplit(self.path).path
            if path == "/api/order":
                self._send(*standin._answer_order(factory_body=False))
            elif path == "/factory/api/order":
                self._send(*standin._answer_order(factory_body=True))
            else:
                self._send(404, {"message": "unknown endpoint"})

        def do_GET(self) -> None:
            self._note()
            parts = urlsplit(self.path)
            segments = parts.path.strip("/").split("/")
            if len(segments) == 5 and segments[:2] == ["api", "support"] and segments[3] == "report":
                self._send(*standin._answer_report(segments[2], segments[4]))
            elif parts.path == "/api/report":
                query = parse_qs(parts.query)
                self._send(*standin._answer_report(query.get("apiKey", [""])[0], query.get("fixCode", [""])[0]))
            elif parts.path == "/moved":  # a report URL behind a redirect, as a link shortener would give
                self._send(302, {"message": "Found"}, location=parse_qs(parts.query).get("to", ["/"])[0])
            elif parts.path == "/drip":  # a hostile or broken server: headers or body a byte at a time
                query = parse_qs(parts.query)
                self._drip(query.get("part", ["body"])[0], float(query.get("every", ["0.2"])[0]))
            elif parts.path == "/huge":  # a body far larger than any factory answer, sent as fast as it goes
                self._huge(int(parse_qs(parts.query).get("mb", ["8"])[0]))
            else:
                self._send(404, {"message": "unknown endpoint"})

        def _drip(self, part: str, every: float) -> None:
            """One byte each `every` seconds, for the headers or the body, until the client gives up."""
            head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
            try:
                if part == "headers":
                    for byte in head:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        if standin._released.wait(every):
                            return
                    return
                self.wfile.write(head)
                while not standin._released.wait(every):
                    self.wfile.write(b" ")
                    self.wfile.flush()
            except OSError:
                pass

        def _huge(self, megabytes: int) -> None:
            try:
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(megabytes << 20))
                self.end_headers()
                chunk = b"x" * (1 << 16)
                for _ in range(megabytes << 4):
                    self.wfile.write(chunk)
            except OSError:
                pass

        def _note(self) -> None:
            with standin._lock:
                standin.requests.append((self.command, self.path))

        def _send(self, status: int, body: dict, location: str | None = None) -> None:
            data = json.dumps(body).encode()
            try:
                self.send_response(status)
                if location is not None:
                    self.send_header("Location", location)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except OSError:  # the client gave up (a timeout test): nothing left to tell it
                pass

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: test output is for failures."""

    return Handler
