"""The aiohttp application of `scribe serve`: three webhook endpoints, each checking size, then
credentials, then format, before the core writes anything; the stakeholder page (tui.web.incident);
one log line per request."""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from aiohttp import web

from tui.core.alerts.alertmanager import parse_alertmanager
from tui.core.alerts.grafana import parse_grafana
from tui.core.alerts.intake import Outcome, record_notices
from tui.core.alerts.notice import Notice, PayloadError
from tui.core.alerts.oncall import parse_oncall
from tui.core.clock.source import SYSTEM_CLOCK, Clock
from tui.core.errors import ScribeError
from tui.core.postmortem.redact import redact
from tui.core.safe_text import one_line
from tui.web.auth import authorised
from tui.web.incident import add_page_routes

MAX_BODY = 1 << 20  # 1 MB, as one event may hold
PARSERS: dict[str, Callable[[Any, datetime], list[Notice]]] = {
    "grafana": parse_grafana,
    "alertmanager": parse_alertmanager,
    "oncall": parse_oncall,
}


@dataclass
class Settings:
    """What the server needs to know; the token is kept here and nowhere it could be printed."""

    token: str = field(repr=False)
    timestamp_header: str = ""
    pinned: Path | None = None
    runbooks: dict[str, dict[str, str]] = field(default_factory=dict)
    zone: str = "UTC"
    clock: Clock = SYSTEM_CLOCK
    folder: Path | None = None
    log: Callable[[str], None] = print
    warn: Callable[[str], None] | None = None


SETTINGS = web.AppKey("settings", Settings)
WRITING = web.AppKey("writing", asyncio.Lock)
LOGGED = web.ResponseKey("logged", str)  # what a response recorded, for its log line


def build_app(settings: Settings) -> web.Application:
    # client_max_size makes aiohttp itself refuse a longer body (413) as it reads it.
    app = web.Application(client_max_size=MAX_BODY, middlewares=[_log_requests])
    app[SETTINGS] = settings
    app[WRITING] = asyncio.Lock()
    for name in PARSERS:
        app.router.add_post(f"/hooks/{name}", _hook)
    add_page_routes(app, folder=settings.folder, pinned=settings.pinned, clock=settings.clock)
    return app


class _Reply(Exception):
    """A response with what it recorded (or why not), for the log line."""

    def __init__(self, status: int, text: str, logged: str = "") -> None:
        super().__init__(text)
        self.status, self.text, self.logged = status, text, logged or text


@web.middleware
async def _log_requests(request: web.Request, handler: Callable) -> web.StreamResponse:
    try:
        response = await handler(request)
    except _Reply as reply:
        _log(request, reply.status, reply.logged)
        return web.Response(status=reply.status, text=reply.text + "\n")
    except web.HTTPException as exc:
        _log(request, exc.status, exc.reason or "")
        raise
    _log(request, response.status, response.get(LOGGED, ""))
    return response


_PAGE_TOKEN = re.compile(r"^/incident/[^/]*")


def _log(request: web.Request, status: int, logged: str) -> None:
    """Never a token, never the body: the method, the path (a page's link left out), the status and
    what was recorded."""
    path = _PAGE_TOKEN.sub("/incident/[link]", request.path)
    line = f"{request.method} {path} {status}" + (f" {logged}" if logged else "")
    request.app[SETTINGS].log(one_line(redact(line))[:2000])


async def _hook(request: web.Request) -> web.Response:
    settings = request.app[SETTINGS]
    name = request.path.rsplit("/", 1)[-1]
    if request.content_length is not None and request.content_length > MAX_BODY:
        raise _Reply(413, f"refused: a body over {MAX_BODY:,} bytes")
    try:
        body = await request.read()
    except web.HTTPRequestEntityTooLarge:
        raise _Reply(413, f"refused: a body over {MAX_BODY:,} bytes") from None
    stamp_header = settings.timestamp_header
    if not authorised(request.headers, body, settings.token, timestamp_header=stamp_header, now=time.time()):
        raise _Reply(401, "unauthorised: send the hook token (bearer, basic auth password or HMAC signature)")
    try:
        payload = json.loads(body.decode("utf-8"))
        notices = PARSERS[name](payload, settings.clock.now())
    except (PayloadError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        reason = str(exc) if isinstance(exc, PayloadError) else "the body is not JSON"
        raise _Reply(400, f"bad payload: {one_line(reason)[:300]}") from None
    async with request.app[WRITING]:
        try:
            outcome = await asyncio.to_thread(_record, notices, settings)
        except OSError as exc:
            raise _Reply(
                503,
                "not recorded: the session file could not be written; retry later",
                f"not recorded: {exc.strerror or exc}",
            ) from None
        except ScribeError as exc:
            raise _Reply(
                503, "not recorded: the session could not be read; retry later", f"not recorded: {exc}"
            ) from None
    response = web.json_response(
        {
            "session": outcome.path.name if outcome.path else None,
            "opened": outcome.opened,
            "recorded": len(outcome.recorded),
            "repeated": outcome.repeated,
            "skipped": outcome.skipped,
        }
    )
    where = f" in {outcome.path.name}" if outcome.path and not outcome.opened else ""
    response[LOGGED] = outcome.summary() + where
    return response


def _record(notices: list[Notice], settings: Settings) -> Outcome:
    return record_notices(
        notices,
        pinned=settings.pinned,
        runbook_map=settings.runbooks,
        zone=settings.zone,
        clock=settings.clock,
        folder=settings.folder,
        warn=settings.warn,
    )
