"""What every open stream of one session's page sends on a change, read and rendered once.

Fifty viewers of a page are fifty streams on one file. Each change is one reading of the file and
one rendering of the page, encoded once as the Server-Sent Event that all of them write: the same
bytes object, however many streams are open. While a reading is under way, a stream that asks waits
for it rather than starting its own. A stream keeps no queue: it takes the newest page when it is
ready to write again, so a reader that falls behind skips straight to the newest page (each event
carries the whole page, so nothing is lost) and the server holds no backlog for it."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tui.core.clock.source import Clock
from tui.web.page_html import fragment
from tui.web.page_reading import Pages, Snapshot, file_key, off_loop


def sse_event(name: str, data: str, event_id: int | None = None) -> bytes:
    lines = [f"event: {name}"]
    if event_id is not None:
        lines.append(f"id: {event_id}")
    lines += [f"data: {line}" for line in data.replace("\r", "").split("\n")]
    return ("\n".join(lines) + "\n\n").encode("utf-8")


@dataclass(frozen=True)
class Published:
    """One reading of the file and, when it has a page, that page as the event every stream sends."""

    snapshot: Snapshot | None
    event: bytes  # b"" when the file has no page to show


class PageFeed:
    """The newest page of one session file, shared by the streams open on it."""

    def __init__(self, pages: Pages, path: Path, clock: Clock) -> None:
        self.pages = pages
        self.path = path
        self.clock = clock
        self.current: Published | None = None
        self._reading: asyncio.Future[Published] | None = None

    async def latest(self) -> Published:
        """The page as the file now stands: one reading at a time, which every caller waits for."""
        if self._reading is None or self._reading.done():
            current = self.current
            if current is not None and self._unmoved(current):
                return current  # a stat every poll is cheap; the file is read only when it moved
            self._reading = asyncio.ensure_future(self._read(current))
        # A stream that closes while it waits must not cancel the reading the others wait for.
        return await asyncio.shield(self._reading)

    def _unmoved(self, current: Published) -> bool:
        if current.snapshot is None:
            return False
        try:
            info = os.lstat(self.path)
        except OSError:
            return False
        return current.snapshot.key == file_key(info)

    async def _read(self, current: Published | None) -> Published:
        published = await off_loop(self._render, current)
        self.current = published
        return published

    def _render(self, current: Published | None) -> Published:
        """In a worker thread: the reading, and the page rendered and encoded from it once."""
        snapshot = self.pages.snapshot(self.path)
        if current is not None and snapshot is current.snapshot:
            return current
        if snapshot is None or snapshot.view is None:
            return Published(snapshot, b"")
        return Published(snapshot, sse_event("state", fragment(snapshot.view, self.clock.now()), snapshot.seq))


class PageFeeds:
    """One feed per session file while any stream is open on it."""

    def __init__(self, pages: Pages, clock: Clock) -> None:
        self.pages = pages
        self.clock = clock
        self._feeds: dict[Path, tuple[PageFeed, int]] = {}

    @contextmanager
    def open(self, path: Path) -> Iterator[PageFeed]:
        feed, count = self._feeds.get(path) or (PageFeed(self.pages, path, self.clock), 0)
        self._feeds[path] = (feed, count + 1)
        try:
            yield feed
        finally:
            feed, count = self._feeds[path]
            if count == 1:
                del self._feeds[path]
            else:
                self._feeds[path] = (feed, count - 1)
