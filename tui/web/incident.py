"""The stakeholder page on `scribe serve`: GET /incident/<token> and its live stream, /events.

The link is the secret. A token is looked up among the sessions folder's own, private files (and
the `--session` file) by the sha256 digests their `page.publish` operations keep; anything else is
the same 404, which names no incident, and nothing lists sessions. The stream sends the page's new
body whenever the file gains a complete line, with the file's line count as the event id: a reader
that reconnects with Last-Event-ID gets the current page once if it changed, and nothing if not."""

from __future__ import annotations

import asyncio
import os
import secrets
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from aiohttp import web

from tui.core.clock.source import Clock
from tui.core.errors import ScribeError
from tui.core.file_watch import SharedWatches
from tui.core.page.links import matches
from tui.core.page.view import PageView, page_view
from tui.core.paths import sessions_dir
from tui.core.session import folder as sessions
from tui.core.session import journal
from tui.web.page_html import NOT_FOUND, document, fragment

POLL_SECONDS = 0.3  # how often an open stream looks at its file's size (sooner when inotify says it grew)
HEARTBEAT_SECONDS = 15.0  # a comment line, so proxies and browsers keep an idle stream open
MAX_STREAMS = 500  # open streams at once; more are refused with 503 until some close
MAX_FILES = 2000  # session files looked at for one token
RETRY_MS = 1000


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


@dataclass(frozen=True)
class Snapshot:
    """One reading of a session file: its links, and (when it has any) what its page shows."""

    key: tuple[int, int, int]  # inode, size, mtime: a change of any is a new reading
    links: tuple[str, ...]
    seq: int
    view: PageView | None


class Pages:
    """Finds the session a token opens and reads it again only when its file changed."""

    def __init__(self, folder: Path | None, pinned: Path | None) -> None:
        self.folder = folder
        self.pinned = pinned
        self._cache: dict[Path, Snapshot] = {}
        self._lock = threading.Lock()

    def candidates(self) -> list[Path]:
        folder = self.folder or sessions_dir()
        paths = sorted(folder.glob("*.jsonl"))[-MAX_FILES:] if folder.is_dir() else []
        if self.pinned is not None and self.pinned not in paths:
            paths.append(self.pinned)
        return paths

    def find(self, token: str) -> Path | None:
        """The one private session file holding this token's digest (read in a worker thread)."""
        for path in self.candidates():
            snapshot = self.snapshot(path)
            if snapshot is not None and matches(token, list(snapshot.links)):
                return path
        return None

    def snapshot(self, path: Path) -> Snapshot | None:
        try:
            info = path.lstat()
        except OSError:
            return None
        key = (info.st_ino, info.st_size, info.st_mtime_ns)
        with self._lock:
            known = self._cache.get(path)
            if known is not None and known.key == key:
                return known
        if sessions.distrust(path) is not None or not _whole_lines(path, info.st_size):
            return known  # someone else's file is never served; a half-written line waits for the next look
        try:
            loaded = journal.load(path, keep_ops=False)
        except (ScribeError, OSError):
            return None
        session = loaded.session
        updated = datetime.fromtimestamp(info.st_mtime, UTC)
        view = page_view(session, updated) if session.page_links else None
        snapshot = Snapshot(key, tuple(session.page_links), loaded.lines, view)
        with self._lock:
            self._cache[path] = snapshot
        return snapshot


def _whole_lines(path: Path, size: int) -> bool:
    if size == 0:
        return False
    try:
        with path.open("rb") as handle:
            handle.seek(size - 1)
            return handle.read(1) == b"\n"
    except OSError:
        return False


PAGES = web.AppKey("pages", Pages)
STREAMS = web.AppKey("streams", set)
CLOSING = web.AppKey("closing", asyncio.Event)
CLOCK = web.AppKey("page_clock", Clock)
WATCHES = web.AppKey("watches", SharedWatches)


def add_page_routes(app: web.Application, *, folder: Path | None, pinned: Path | None, clock: Clock) -> None:
    app[PAGES] = Pages(folder, pinned)
    app[STREAMS] = set()
    app[CLOSING] = asyncio.Event()
    app[CLOCK] = clock
    app[WATCHES] = SharedWatches()
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
    path = await asyncio.to_thread(pages.find, token)
    if path is None:
        return None
    snapshot = await asyncio.to_thread(pages.snapshot, path)
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


def sse_event(name: str, data: str, event_id: int | None = None) -> bytes:
    lines = [f"event: {name}"]
    if event_id is not None:
        lines.append(f"id: {event_id}")
    lines += [f"data: {line}" for line in data.replace("\r", "").split("\n")]
    return ("\n".join(lines) + "\n\n").encode("utf-8")


async def _events(request: web.Request) -> web.StreamResponse:
    found = await _open(request)
    if found is None:
        return not_found()
    streams = request.app[STREAMS]
    if len(streams) >= MAX_STREAMS:
        return web.Response(status=503, text="too many open pages; retry later\n", headers=page_headers())
    path, opened = found
    snapshot: Snapshot | None = opened
    token = request.match_info["token"]
    pages, closing, clock = request.app[PAGES], request.app[CLOSING], request.app[CLOCK]
    response = web.StreamResponse(headers={**page_headers(), "Content-Type": "text/event-stream"})
    await response.prepare(request)
    streams.add(response)
    last = _last_seen(request)
    try:
        with request.app[WATCHES].changes(path) as grew:
            await _stream(response, pages, path, token, snapshot, last, closing, grew, clock)
    except (ConnectionResetError, ConnectionError):
        pass
    finally:
        streams.discard(response)
    return response


async def _stream(
    response: web.StreamResponse,
    pages: Pages,
    path: Path,
    token: str,
    snapshot: Snapshot | None,
    last: int,
    closing: asyncio.Event,
    grew: asyncio.Event,
    clock: Clock,
) -> None:
    """Send the page's body each time the file gains a line, until the server closes or the page goes."""
    loop = asyncio.get_running_loop()
    await response.write(f"retry: {RETRY_MS}\n\n".encode())
    quiet_since = loop.time()
    while not closing.is_set():
        if snapshot is None or snapshot.view is None or not matches(token, list(snapshot.links)):
            await response.write(sse_event("gone", ""))
            return
        if snapshot.seq != last:
            body = fragment(snapshot.view, clock.now())
            await response.write(sse_event("state", body, snapshot.seq))
            last, quiet_since = snapshot.seq, loop.time()
        elif loop.time() - quiet_since >= HEARTBEAT_SECONDS:
            await response.write(b": still here\n\n")
            quiet_since = loop.time()
        await _wait_any(closing, grew, POLL_SECONDS)
        grew.clear()
        snapshot = await _next(pages, path, snapshot)


async def _wait_any(first: asyncio.Event, second: asyncio.Event, timeout: float) -> None:
    waits = [asyncio.ensure_future(first.wait()), asyncio.ensure_future(second.wait())]
    try:
        await asyncio.wait(waits, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for wait in waits:
            wait.cancel()


async def _next(pages: Pages, path: Path, snapshot: Snapshot | None) -> Snapshot | None:
    """The file read again only when its size, time or inode moved (a stat every poll is cheap)."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if snapshot is not None and snapshot.key == (info.st_ino, info.st_size, info.st_mtime_ns):
        return snapshot
    return await asyncio.to_thread(pages.snapshot, path)
