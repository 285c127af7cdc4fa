"""FileWatch: the kernel's word that a session file grew reaches the event loop, with no poll."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

from tui.core.file_watch import FileWatch, SharedWatches

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's")


def test_an_append_wakes_the_loop_and_a_stopped_watch_stays_quiet(tmp_path: Path) -> None:
    path = tmp_path / "session.jsonl"
    path.write_text("{}\n")

    async def main() -> tuple[int, int]:
        woken = asyncio.Event()
        calls: list[int] = []

        def changed() -> None:
            calls.append(1)
            woken.set()

        watch = FileWatch.start(path, changed)
        assert watch is not None, "libc's inotify was not found in the process"
        with path.open("a") as file:
            file.write("{}\n")
        await asyncio.wait_for(woken.wait(), 5)
        seen = len(calls)
        watch.stop()
        with path.open("a") as file:
            file.write("{}\n")
        await asyncio.sleep(0.1)
        return seen, len(calls)

    seen, after_stop = asyncio.run(main())
    assert seen >= 1
    assert after_stop == seen


def test_shared_watches_wake_every_reader_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "session.jsonl"
    path.write_text("{}\n")

    async def main() -> bool:
        watches = SharedWatches()
        with watches.changes(path) as first, watches.changes(path) as second:
            with path.open("a") as file:
                file.write("{}\n")
            await asyncio.wait_for(asyncio.gather(first.wait(), second.wait()), 5)
            return first.is_set() and second.is_set()

    assert asyncio.run(main())
