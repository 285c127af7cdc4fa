"""Reading session files for the stakeholder page: which file a token opens, and what it shows.

A file is read again only when its inode, size or time moved, and only by one thread at a time:
a caller that finds a reading of the same file under way waits for it and takes its result."""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from tui.core.errors import ScribeError
from tui.core.page.links import matches
from tui.core.page.view import PageView, page_view
from tui.core.paths import sessions_dir
from tui.core.session import folder as sessions
from tui.core.session import journal

T = TypeVar("T")

# Every reading and rendering of a page runs on this one thread. Their large, short-lived
# allocations then come from one of the C allocator's per-thread arenas; spread over the default
# pool's threads, a long-running server kept each arena's share resident (the soak's slow rise).
_PAGE_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="scribe-page")


async def off_loop(work: Callable[..., T], *args: Any) -> T:
    """Run a page reading (or rendering) on the page thread, awaiting its result."""
    return await asyncio.get_running_loop().run_in_executor(_PAGE_THREAD, work, *args)


MAX_FILES = 2000  # session files looked at for one token


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
        self._reading: dict[Path, threading.Lock] = {}  # one per file: its reader, while it reads

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
        """The file's current reading (in a worker thread): cached while the file has not moved."""
        known = self._known(path)
        if known is not None:
            return known
        with self._lock:
            reading = self._reading.setdefault(path, threading.Lock())
        with reading:  # a second caller waits here, then finds the first one's reading in the cache
            return self._known(path) or self._load(path)

    def _known(self, path: Path) -> Snapshot | None:
        try:
            info = path.lstat()
        except OSError:
            return None
        with self._lock:
            known = self._cache.get(path)
        return known if known is not None and known.key == file_key(info) else None

    def _load(self, path: Path) -> Snapshot | None:
        try:
            info = path.lstat()
        except OSError:
            return None
        key = file_key(info)
        with self._lock:
            known = self._cache.get(path)
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


def file_key(info: os.stat_result) -> tuple[int, int, int]:
    """A reading's key: inode, size and mtime, a change of any being a new reading (Snapshot.key)."""
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def _whole_lines(path: Path, size: int) -> bool:
    if size == 0:
        return False
    try:
        with path.open("rb") as handle:
            handle.seek(size - 1)
            return handle.read(1) == b"\n"
    except OSError:
        return False
