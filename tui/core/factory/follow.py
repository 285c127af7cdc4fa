"""Following the factory's report URL: one GET, http/https only, bounded by one deadline, worded for the user."""

from __future__ import annotations

import io
import ipaddress
import json
import re
import socket
import time
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

from tui.core.errors import ScribeError

DEFAULT_TIMEOUT = 5.0
# The factory answers with a sentence of JSON; anything far larger is not the factory.
_MAX_BODY = 1 << 20
_FOLLOWED_SCHEMES = ("http", "https")

# The outcomes a user needs to tell apart; only the first three leave nothing more to do.
RESOLVED = "resolved"
ANSWERED = "answered"
NO_CHAOS = "no-chaos"
UNRESOLVED = "unresolved"
HTTP_ERROR = "http-error"
UNREACHABLE = "unreachable"
TIMEOUT = "timeout"
REFUSED = "refused"
REDIRECTED = "redirected"  # to another host: not followed until the user agrees to that host too
# A host name as the resolver reads it: letters, digits, dots, hyphens (and underscores, seen in
# internal names). Anything else after percent-decoding may reach a different host than shown.
_HOST_NAME = re.compile(r"[a-z0-9_.-]+")
_NUMERIC_LABELS = re.compile(r"(?:0x[0-9a-f]*|[0-9]+)(?:\.(?:0x[0-9a-f]*|[0-9]+)){0,3}")


class RefusedURLError(ScribeError):
    """A report URL Scribe will not send a request to; refused before any network I/O."""


def url_host(url: str) -> str:
    """The host (and port, when given) a GET would go to: what a confirmation shows. Refuses bad URLs."""
    return target(url)[1]


def target(url: str) -> tuple[str, str]:
    """The URL as it will be sent, with its host written the way the resolver reads it
    (`2130706433`, `0x7f000001`, `127.1` and `%31%32%37.0.0.1` are all 127.0.0.1), and that host
    as a confirmation shows it. Refuses what is not an http/https URL to a plain host."""
    if any(ord(char) <= 0x20 or ord(char) == 0x7F for char in url):
        raise RefusedURLError("refusing to follow the report URL: it contains spaces or control characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise RefusedURLError(f"refusing to follow the report URL: {error}") from None
    scheme = parts.scheme.lower()
    if scheme not in _FOLLOWED_SCHEMES:
        shown = f"a {scheme}: URL" if scheme else "a URL without http:// or https://"
        raise RefusedURLError(f"refusing to follow {shown}: only http and https report URLs are followed")
    if "@" in parts.netloc:
        raise RefusedURLError(
            "refusing to follow the report URL: it carries a user name before an @, which hides the host it goes to"
        )
    if not parts.hostname:
        raise RefusedURLError("refusing to follow the report URL: it names no host")
    hostname = _reached_hostname(parts.hostname)
    host = f"[{hostname}]" if ":" in hostname else hostname
    netloc = f"{host}:{port}" if port is not None else host
    return urlunsplit((scheme, netloc, parts.path, parts.query, "")), netloc


def _reached_hostname(name: str) -> str:
    """The host the resolver will look up or connect to, in its plain form."""
    name = unquote(name).lower()
    try:
        return str(ipaddress.ip_address(name))
    except ValueError:
        pass
    if not _HOST_NAME.fullmatch(name):
        raise RefusedURLError("refusing to follow the report URL: its host is not a plain host name or address")
    if _NUMERIC_LABELS.fullmatch(name):  # inet_aton's forms: 127.1, 0x7f.1, 2130706433, 0177.0.0.1
        try:
            return socket.inet_ntoa(socket.inet_aton(name))
        except OSError:
            raise RefusedURLError("refusing to follow the report URL: its host is not a valid address") from None
    return name


@dataclass(frozen=True)
class FollowResult:
    """The factory's answer to a report URL, or why there was none."""

    url: str
    host: str
    outcome: str
    status: int | None  # None when no HTTP answer came back
    message: str | None
    body: str
    explanation: str | None  # for anything short of a clean answer: what happened, in the user's words
    redirect: str | None = None  # where a REDIRECTED answer pointed: follow it only after asking again

    @property
    def ok(self) -> bool:
        """The factory answered the report with success (including "nothing to end")."""
        return self.outcome in (RESOLVED, ANSWERED, NO_CHAOS)

    def summary(self) -> str:
        """The answer in a few words, as the timeline records it: "200 Problem resolved. ..."."""
        if self.status is None:
            return self.explanation or self.outcome
        return f"{self.status} {self.message}" if self.message else str(self.status)


class _RefusedRedirect(Exception):
    """The report URL redirected somewhere Scribe does not send requests to."""

    def __init__(self, scheme: str) -> None:
        super().__init__(scheme)
        self.scheme = scheme


class _OtherHost(Exception):
    """The report URL redirected to another host than the one the user agreed to."""

    def __init__(self, url: str, host: str) -> None:
        super().__init__(url)
        self.url = url
        self.host = host


class _DeadlineReader(io.RawIOBase):
    """A socket's reads, each given only the time left until one deadline: a server sending a byte a
    second cannot stretch the request past it (a socket timeout alone bounds each read, not all)."""

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        super().__init__()
        self._sock = sock
        # The socket's own reader, which keeps the socket open until it is closed (urllib closes
        # the connection's socket as soon as the response is in hand).
        self._raw = sock.makefile("rb", buffering=0)
        self._deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        self._sock.settimeout(_remaining(self._deadline))
        return self._raw.readinto(buffer) or 0

    def close(self) -> None:
        self._raw.close()
        super().close()


class _DeadlineSocket:
    """The connection's socket as http.client uses it (sendall, makefile), held to the deadline."""

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        self._sock = sock
        self._deadline = deadline

    def makefile(self, mode: str = "rb", *args: Any, **kwargs: Any) -> io.BufferedReader:
        return io.BufferedReader(_DeadlineReader(self._sock, self._deadline))

    def sendall(self, data: bytes) -> None:
        self._sock.settimeout(_remaining(self._deadline))
        self._sock.sendall(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("the deadline passed")
    return left


@cache
def _deadline_handlers() -> tuple[type, type]:
    """HTTP and HTTPS handlers whose connections connect, send and read within one deadline."""
    import http.client
    import urllib.request

    def connection(base: type) -> type:
        class DeadlineConnection(base):
            deadline = 0.0

            def connect(self) -> None:
                self.timeout = _remaining(self.deadline)  # connecting (and the TLS handshake) too
                super().connect()
                self.sock: Any = _DeadlineSocket(self.sock, self.deadline)

        return DeadlineConnection

    http_connection = connection(http.client.HTTPConnection)
    https_connection = connection(http.client.HTTPSConnection)

    def opener(cls: type, deadline: float) -> Any:
        def make(host: str, **kwargs: Any) -> Any:
            made = cls(host, **kwargs)
            made.deadline = deadline
            return made

        return make

    class DeadlineHTTPHandler(urllib.request.HTTPHandler):
        def __init__(self, deadline: float) -> None:
            super().__init__()
            self.deadline = deadline

        def http_open(self, req: Any) -> Any:
            return self.do_open(opener(http_connection, self.deadline), req)

    class DeadlineHTTPSHandler(urllib.request.HTTPSHandler):
        def __init__(self, deadline: float) -> None:
            super().__init__()
            self.deadline = deadline

        def https_open(self, req: Any) -> Any:
            context = getattr(self, "_context", None)  # the default handler's TLS settings
            return self.do_open(opener(https_connection, self.deadline), req, context=context)

    return DeadlineHTTPHandler, DeadlineHTTPSHandler


@cache
def _redirect_handler() -> type:
    """urllib.request is imported on the first follow, not with the app: it costs start-up ~15 ms."""
    import urllib.request

    class HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
        """Redirects are followed only to http and https, so a redirect cannot reach what a URL may not."""

        def http_error_302(self, req, fp, code, msg, headers):
            location = urljoin(req.full_url, headers.get("location") or headers.get("uri") or "")
            scheme = urlsplit(location).scheme.lower()
            if scheme not in _FOLLOWED_SCHEMES:
                fp.close()
                raise _RefusedRedirect(scheme)
            try:
                sent, host = target(location)
            except RefusedURLError:
                fp.close()
                raise _RefusedRedirect(scheme) from None
            if host != url_host(req.full_url):
                fp.close()
                raise _OtherHost(sent, host)
            del headers["location"], headers["uri"]
            headers["location"] = sent  # to the host as shown, as the first request went
            return super().http_error_302(req, fp, code, msg, headers)

        http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    return HttpOnlyRedirects


def follow(url: str, timeout: float = DEFAULT_TIMEOUT) -> FollowResult:
    """Send the GET a browser would send to the report URL and classify the factory's answer.

    The URL is checked first: a refusal raises RefusedURLError without touching the network.
    `timeout` bounds the whole request (connecting, the headers, the body, redirects on the same
    host); a redirect to another host is not followed but handed back as REDIRECTED, to ask again.
    Every network failure comes back as a FollowResult, since a dead factory is a finding too.
    """
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    sent, host = target(url)
    headers = {"Accept": "application/json", "User-Agent": "scribe"}
    request = urllib.request.Request(sent, method="GET", headers=headers)
    http_handler, https_handler = _deadline_handlers()
    handlers: list[urllib.request.BaseHandler] = [_redirect_handler()(), http_handler(deadline)]
    handlers.append(https_handler(deadline))
    if _is_loopback(urlsplit(sent).hostname or ""):
        handlers.append(urllib.request.ProxyHandler({}))  # no proxy can reach this machine's loopback
    opener = urllib.request.build_opener(*handlers)
    try:
        with opener.open(request, timeout=timeout) as response:
            status = response.status
            body = _decode(response.read(_MAX_BODY), response.headers.get_content_charset())
    except urllib.error.HTTPError as error:
        status = error.code
        try:
            body = _decode(error.read(_MAX_BODY), error.headers.get_content_charset() if error.headers else None)
        except (OSError, ValueError):
            body = ""
        finally:
            error.close()
    except _RefusedRedirect as error:
        shown = f"a {error.scheme}: URL" if error.scheme else "a URL without a scheme"
        explanation = f"the report URL redirected to {shown}; only http and https are followed"
        return FollowResult(url, host, REFUSED, None, None, "", explanation)
    except _OtherHost as error:
        explanation = f"the report URL redirected to another host, {error.host}; not followed without asking"
        return FollowResult(url, host, REDIRECTED, None, None, "", explanation, redirect=error.url)
    except urllib.error.URLError as error:
        return _no_answer(url, host, error.reason, timeout)
    except (OSError, ValueError) as error:  # a timeout or reset while reading the body, a bad status line
        return _no_answer(url, host, error, timeout)
    return _classify(url, host, status, body)


def answer_outcome(status: int, message: str | None) -> str:
    """What an HTTP answer to the report URL means, from its status and the factory's sentence."""
    folded = (message or "").lower()
    if 200 <= status < 300:
        if "no chaos currently executing" in folded:
            return NO_CHAOS
        if "resolved" in folded and "unresolved" not in folded:
            return RESOLVED
        return ANSWERED
    if status == 400 and "problem unresolved" in folded:
        return UNRESOLVED
    return HTTP_ERROR


def _classify(url: str, host: str, status: int, body: str) -> FollowResult:
    message = _message(body)
    outcome = answer_outcome(status, message)
    explanation: str | None = None
    if outcome == NO_CHAOS:
        explanation = "the factory has no chaos to end: it was already resolved, or the URL is another vendor's"
    elif outcome == UNRESOLVED:
        explanation = (
            "the factory answered 400 Problem unresolved: it did not accept the fix code "
            "(chaos may have restarted with a new code; inspect a fresh response)"
        )
    elif outcome == HTTP_ERROR:
        explanation = f"the factory answered {status}" + (f" {message}" if message else "")
    return FollowResult(url, host, outcome, status, message, body, explanation)


def _no_answer(url: str, host: str, reason: object, timeout: float) -> FollowResult:
    if isinstance(reason, TimeoutError):
        outcome, explanation = TIMEOUT, f"no answer from {host} within {timeout:g} s"
    else:
        detail = reason.strerror if isinstance(reason, OSError) and reason.strerror else str(reason)
        outcome, explanation = UNREACHABLE, f"could not reach {host}: {detail}"
    return FollowResult(url, host, outcome, None, None, "", explanation)


def _decode(raw: bytes, charset: str | None) -> str:
    try:
        return raw.decode(charset or "utf-8", errors="replace")
    except LookupError:  # a charset Python does not know
        return raw.decode("utf-8", errors="replace")


def _message(body: str) -> str | None:
    """The factory's sentence: the JSON message (older factories said "msg"), else a short plain-text body."""
    text = body.strip()
    try:
        document = json.loads(text)
    except ValueError:
        document = None
    if isinstance(document, dict):
        for name in ("message", "msg", "error"):
            value = document.get(name)
            if isinstance(value, str) and value.strip():
                return value.strip()
        return None
    if isinstance(document, str):
        return document.strip() or None
    if text and not text.startswith("<") and "\n" not in text and len(text) <= 200:
        return text
    return None


def _is_loopback(hostname: str) -> bool:
    if hostname.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(hostname).is_loopback
    except ValueError:
        return False
