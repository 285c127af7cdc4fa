"""Following the factory's report URL: one GET, http/https only, bounded by a timeout, worded for the user."""

from __future__ import annotations

import ipaddress
import json
from dataclasses import dataclass
from functools import cache
from urllib.parse import urljoin, urlsplit

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


class RefusedURLError(ScribeError):
    """A report URL Scribe will not send a request to; refused before any network I/O."""


def url_host(url: str) -> str:
    """The host (and port, when given) a GET would go to: what a confirmation shows. Refuses bad URLs."""
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
    if not parts.hostname:
        raise RefusedURLError("refusing to follow the report URL: it names no host")
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{host}:{port}" if port is not None else host


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


@cache
def _redirect_handler() -> type:
    """urllib.request is imported on the first follow, not with the app: it costs start-up ~15 ms."""
    import urllib.request

    class HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
        """Redirects are followed only to http and https, so a redirect cannot reach what a URL may not."""

        def http_error_302(self, req, fp, code, msg, headers):
            target = headers.get("location") or headers.get("uri") or ""
            scheme = urlsplit(urljoin(req.full_url, target)).scheme.lower()
            if scheme not in _FOLLOWED_SCHEMES:
                fp.close()
                raise _RefusedRedirect(scheme)
            return super().http_error_302(req, fp, code, msg, headers)

        http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    return HttpOnlyRedirects


def follow(url: str, timeout: float = DEFAULT_TIMEOUT) -> FollowResult:
    """Send the GET a browser would send to the report URL and classify the factory's answer.

    The URL is checked first: a refusal raises RefusedURLError without touching the network.
    Every network failure comes back as a FollowResult, since a dead factory is a finding too.
    """
    import urllib.error
    import urllib.request

    host = url_host(url)
    headers = {"Accept": "application/json", "User-Agent": "scribe"}
    request = urllib.request.Request(url, method="GET", headers=headers)
    handlers: list[urllib.request.BaseHandler] = [_redirect_handler()()]
    if _is_loopback(urlsplit(url).hostname or ""):
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
