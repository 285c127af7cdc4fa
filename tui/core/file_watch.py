"""Word from the kernel that a session file grew (Linux inotify), so the open app shows another
writer's note, and an open page's stream sends it, at once rather than at their next poll.

Only an accelerator: the readers' polls still run and are what read the file, so a system without
inotify (or a file replaced under the watch) loses nothing but the speed. Costs nothing while
the file does not change: no timer, one file descriptor in the event loop.
"""

from __future__ import annotations

import asyncio
import ctypes
import os
import sys
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

IN_MODIFY = 0x00000002  # <sys/inotify.h>: data was written to the file (an append)
_READ_BYTES = 64 * 1024


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        # The process's own symbols, libc's among them: no library search (find_library runs
        # ldconfig in a child process, a few milliseconds of every start-up).
        libc = ctypes.CDLL(None, use_errno=True)
        libc.inotify_init1, libc.inotify_add_watch  # noqa: B018 (present in every glibc and musl)
    except (OSError, AttributeError):
        return None
    return libc


class FileWatch:
    """Calls `changed` (in the event loop) after each batch of writes to one file."""

    def __init__(self, fd: int, loop: asyncio.AbstractEventLoop, changed: Callable[[], None]) -> None:
        self._fd = fd
        self._loop = loop
        self._changed = changed
        loop.add_reader(fd, self._ready)
        self._closer = weakref.finalize(self, os.close, fd)

    @classmethod
    def start(cls, path: Path, changed: Callable[[], None]) -> FileWatch | None:
        """A watch on `path` in the running loop, or None where the system offers none."""
        libc = _libc()
        if libc is None:
            return None
        fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if fd < 0:
            return None
        if libc.inotify_add_watch(fd, os.fsencode(path), IN_MODIFY) < 0:
            os.close(fd)
            return None
        return cls(fd, asyncio.get_running_loop(), changed)

    def _ready(self) -> None:
        try:
            while os.read(self._fd, _READ_BYTES):  # what changed does not matter: the poll reads the file
                pass
        except BlockingIOError:
            pass
        except OSError:
            self.stop()
            return
        self._changed()

    def stop(self) -> None:
        if self._closer.alive:
            try:
                self._loop.remove_reader(self._fd)
            except (RuntimeError, ValueError):  # the loop is already closed
                pass
            self._closer()


class SharedWatches:
    """One watch per file, shared by every reader waiting on it (the streams of a file's pages)."""

    def __init__(self) -> None:
        self._waiting: dict[Path, set[asyncio.Event]] = {}
        self._watches: dict[Path, FileWatch | None] = {}

    @contextmanager
    def changes(self, path: Path) -> Iterator[asyncio.Event]:
        """An event set whenever `path` grows; clear it once you have looked at the file."""
        event = asyncio.Event()
        waiting = self._waiting.setdefault(path, set())
        if not waiting:
            self._watches[path] = FileWatch.start(path, lambda: self._wake(path))
        waiting.add(event)
        try:
            yield event
        finally:
            waiting.discard(event)
            if not waiting:
                del self._waiting[path]
                watch = self._watches.pop(path, None)
                if watch is not None:
                    watch.stop()

    def _wake(self, path: Path) -> None:
        for event in self._waiting.get(path, ()):
            event.set()
