"""The stakeholder page on `scribe serve`: GET /incident/<token> and its live stream, /events.

The link is the secret. A token is looked up among the sessions folder's own, private files (and
the `--session` file) by the sha256 digests their `page.publish` operations keep; anything else is
the same 404, which names no incident, and nothing lists sessions. The stream sends the page's new
body whenever the file gains a complete line, with the file's line count as the event id: a reader
that reconnects with Last-Event-ID gets the current page once if it changed, and nothing if not.
Every stream open on one file sends the same page, read and rendered once per change (page_feed)."""

from __future__ import annotations

import asyncio
import secrets
from pathlib import Path

from aiohttp import web

from tui.core.clock.source import Clock
from tui.core.file_watch import SharedWatches
from tui.core.page.links import matches
from tui.web.page_feed import PageFeed, PageFeeds, sse_event
from tui.web.page_html import NOT_FOUND, document
from tui.web.page_reading import Pages, Snapshot, off_loop

POLL_SECONDS = 0.3  # how often an open stream looks at its file's size (sooner when inotify says it grew)
HEARTBEAT_SECONDS = 15.0  # a comment line, so proxies and browsers keep an idle stream open
MAX_STREAMS = 500  # open streams at once; more are refused with 503 until some close
RETRY_MS = 1000
GONE = sse_event("gone", "")  # the link was revoked: the stream ends, naming nothing


def page_headers(nonce: str = "") -> dict[str, str]:
    sources = f"'nonce-{nonce}'" if nonce else "'none'"
    return {
        "Cache-Control": "no-store",
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": (
            f"default-src 'none'; script-src {sources}; style-src {sources}; connect-src 'self'; "
            "img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        ),
    }


PAGES = web.AppKey("pages", Pages)
STREAMS = web.AppKey("streams", set)
CLOSING = web.AppKey("closing", asyncio.Event)
CLOCK = web.AppKey("page_clock", Clock)
WATCHES = web.AppKey("watches", SharedWatches)
FEEDS = web.AppKey("feeds", PageFeeds)


def add_page_routes(app: web.Application, *, folder: Path | None, pinned: Path | None, clock: Clock) -> None:
    app[PAGES] = Pages(folder, pinned)
    app[STREAMS] = set()
    app[CLOSING] = asyncio.Event()
    app[CLOCK] = clock
    app[WATCHES] = SharedWatches()
    app[FEEDS] = PageFeeds(app[PAGES], clock)
    app.router.add_get("/incident/{token}", _page)
    app.router.add_get("/incident/{token}/events", _events)
    app.on_shutdown.append(_close_streams)


async def _close_streams(app: web.Application) -> None:
    app[CLOSING].set()  # open streams end now rather than holding the shutdown for its timeout


def not_found() -> web.Response:
    return web.Response(status=404, text=NOT_FOUND, content_type="text/html", headers=page_headers())


async def _open(request: web.Request) -> tuple[Path, Snapshot] | None:
    pages = request.app[PAGES]
    token = request.match_info["token"]
    path = await off_loop(pages.find, token)
    if path is None:
        return None
    snapshot = await off_loop(pages.snapshot, path)
    if snapshot is None or snapshot.view is None or not matches(token, list(snapshot.links)):
        return None
    return path, snapshot


async def _page(request: web.Request) -> web.Response:
    found = await _open(request)
    if found is None:
        return not_found()
    _, snapshot = found
    assert snapshot.view is not None
    nonce = secrets.token_urlsafe(16)
    body = document(snapshot.view, request.app[CLOCK].now(), snapshot.seq, nonce)
    return web.Response(text=body, content_type="text/html", headers=page_headers(nonce))


def _last_seen(request: web.Request) -> int:
    """Where the reader stands: the Last-Event-ID a reconnecting browser sends, else `?after=` (the
    sequence the page it loaded showed); -1 (send the page now) when neither is a number."""
    for text in (request.headers.get("Last-Event-ID", ""), request.query.get("after", "")):
        if text.isdigit() and len(text) <= 12:
            return int(text)
    return -1


async def _events(request: web.Request) -> web.StreamResponse:
    found = await _open(request)
    if found is None:
        return not_found()
    streams = request.app[STREAMS]
    if len(streams) >= MAX_STREAMS:
        return web.Response(status=503, text="too many open pages; retry later\n", headers=page_headers())
    path, _ = found
    token = request.match_info["token"]
    response = web.StreamResponse(headers={**page_headers(), "Content-Type": "text/event-stream"})
    await response.prepare(request)
    streams.add(response)
    last = _last_seen(request)
    try:
        with request.app[FEEDS].open(path) as feed, request.app[WATCHES].changes(path) as grew:
            await _stream(response, feed, token, last, request.app[CLOSING], grew)
    except (ConnectionResetError, ConnectionError):
        pass
    finally:
        streams.discard(response)
    return response


async def _stream(
    response: web.StreamResponse,
    feed: PageFeed,
    token: str,
    last: int,
    closing: asyncio.Event,
    grew: asyncio.Event,
) -> None:
    """Send the page each time the file gains a line, until the server closes or the page goes.

    The page written is the feed's newest when this stream is ready to write: a stream that was
    slow to take the last one skips the versions in between (the id says which one it has)."""
    loop = asyncio.get_running_loop()
    await response.write(f"retry: {RETRY_MS}\n\n".encode())
    quiet_since = loop.time()
    while not closing.is_set():
        published = await feed.latest()
        snapshot = published.snapshot
        if snapshot is None or snapshot.view is None or not matches(token, list(snapshot.links)):
            await response.write(GONE)
            return
        if snapshot.seq != last:
            await response.write(published.event)
            last, quiet_since = snapshot.seq, loop.time()
        elif loop.time() - quiet_since >= HEARTBEAT_SECONDS:
            await response.write(b": still here\n\n")
            quiet_since = loop.time()
        del published, snapshot  # a stream waiting for the next change holds no page
        await _wait_any(closing, grew, POLL_SECONDS)
        grew.clear()


async def _wait_any(first: asyncio.Event, second: asyncio.Event, timeout: float) -> None:
    waits = [asyncio.ensure_future(first.wait()), asyncio.ensure_future(second.wait())]
    try:
        await asyncio.wait(waits, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for wait in waits:
            wait.cancel()
