"""An open session: each change is written to the journal first, then applied to the session in memory."""

from __future__ import annotations

import json
import os
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from tui.core.clock.hlc import HybridClock, epoch_ms
from tui.core.clock.source import SYSTEM_CLOCK, Clock
from tui.core.errors import ScribeError
from tui.core.session import journal
from tui.core.session import operations as ops
from tui.core.session.fold import Fold
from tui.core.session.journal import JournalReader, Problem
from tui.core.session.model import Event, Session
from tui.core.session.replica import node_id

# What one event (or one field, or one action item) may hold. A note is a line of a timeline: a
# 13 MB one took the app 23 s to paint; a log that long belongs in a file the note names.
MAX_TEXT_BYTES = 1 << 20


class TooLargeError(ScribeError):
    """Text over MAX_TEXT_BYTES: refused whole, before anything is written."""


def check_size(text: str, what: str = "a note") -> None:
    """TooLargeError when `text` is more than one event may hold."""
    if len(text) * 4 <= MAX_TEXT_BYTES:  # no encoding needed: even all 4-byte characters fit
        return
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_TEXT_BYTES:
        raise TooLargeError(
            f"refused: {what} of {size:,} bytes is over the 1 MB ({MAX_TEXT_BYTES:,} bytes) one event may hold "
            "(save long output to a file and note its path)"
        )


class Recorder:
    """Writes operations for one session and folds in what other writers append.

    When the disk refuses a write (full, read-only, too large), the operation is still applied in
    memory and queued, in order; `flush()` retries the queue. Nothing is dropped and nothing is
    written out of order: while the queue is not empty, new operations join its end.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        clock: Clock = SYSTEM_CLOCK,
        author: str = "",
        loaded: journal.Loaded | None = None,
        node: str = "",
    ) -> None:
        # `loaded`: the file as the caller already read it (the command line checks it before any
        # screen opens), so a large session is not read and folded twice. It is handed over: its
        # decoded operations are let go (about 12 MB for 10,000 events); the file's bytes, a fifth
        # of that, are kept instead, for `ops`.
        if loaded is None:
            loaded = journal.load(path, keep_ops=False)
        self.path = Path(path)
        self.clock = clock
        self.author = author
        self.session: Session = loaded.session
        saved = _read_start(self.path, loaded.size)
        # Operations recorded or polled since the load (and, should the file have gone meanwhile,
        # whatever operations the load kept), as their lines: an app open for hours on a shared
        # session would otherwise hold every operation it ever read decoded, five times the bytes.
        self._later: list[bytes] = [] if saved is not None else [journal.encode_line(op) for op in loaded.ops]
        self._saved = saved or b""
        loaded.ops = []
        self.problems: list[Problem] = loaded.problems
        self.pending: list[dict[str, Any]] = []
        self.last_error: OSError | None = None
        self._reader = JournalReader(
            self.path, Fold(session=self.session), loaded.size, line=loaded.lines, order=loaded.order
        )
        self._node = node  # empty: this replica's, from $SCRIBE_HOME, when the first change is stamped
        self._clock: HybridClock | None = None

    @property
    def ops(self) -> list[dict[str, Any]]:
        """Every operation held in memory, in order: the file as loaded, then what came since.

        Decoded on demand (a rescue copy when the file cannot be read any more, and tests): lines
        the load skipped as unreadable are skipped here too; one the fold refused comes back, and
        is refused again by whatever loads it."""
        saved = []
        for line in [*self._saved.splitlines(), *self._later]:  # a torn last line stays its own
            try:
                op = json.loads(line.decode("utf-8"))
            except ValueError:
                continue
            if isinstance(op, dict) and "op" in op and "v" in op:
                saved.append(op)
        return saved

    @property
    def unsaved(self) -> int:
        return len(self.pending)

    def record(self, op: dict[str, Any]) -> dict[str, Any]:
        """Save an operation (or queue it when the disk refuses), then apply it to the session."""
        self._stamp(op)
        self._reader.skip.add(op["id"])
        self.pending.append(op)
        self.flush()
        self._reader.fold.apply(op)
        self._reader.applied(op)
        self._later.append(journal.encode_line(op))
        return op

    def record_many(self, new: list[dict[str, Any]]) -> None:
        """Save several operations with one write and one fsync (a shell's commands caught up), then
        apply them; when the disk refuses, they are queued like `record`'s."""
        if self.pending:
            for op in new:
                self.record(op)
            return
        for op in new:
            self._stamp(op)
        try:
            journal.append_many(self.path, new)
        except OSError as exc:
            self.last_error = exc
            for op in new:
                self.record(op)
            return
        for op in new:
            self._reader.skip.add(op["id"])
            self._reader.fold.apply(op)
            self._reader.applied(op)
            self._later.append(journal.encode_line(op))

    def _stamp(self, op: dict[str, Any]) -> None:
        """Give an operation its clock stamp: later than every operation this replica has read."""
        if "hlc" in op:
            return
        if self._clock is None:
            self._clock = HybridClock(self._node or node_id())
        self._clock.observe(self._reader.order.latest)
        # Lines other writers appended since the last poll count too: on one replica, a change
        # written after another sorts after it, as it sits in the file.
        self._clock.observe(_latest_stamp(self.path, self._reader.offset))
        op["hlc"] = self._clock.stamp(epoch_ms(self.now()))

    def flush(self) -> bool:
        """Write queued operations in order; True when nothing is left unsaved."""
        while self.pending:
            try:
                journal.append(self.path, self.pending[0])
            except OSError as exc:
                self.last_error = exc
                return False
            self.pending.pop(0)
        self.last_error = None
        return True

    def poll(self) -> list[dict[str, Any]]:
        """Fold in operations other writers (`scribe note`) appended since the last look.

        When another writer's operation landed before one of ours in the file (two edits of one
        event at once), the session is folded again from the file, so that it shows what the file
        folds to, as every other reader of the file sees it.
        """
        before = len(self._reader.problems)
        new = self._reader.read()
        self.problems.extend(self._reader.problems[before:])
        self._later.extend(map(journal.encode_line, new))
        if self._reader.reordered:
            self._refold()
        return new

    def _refold(self) -> None:
        """The session folded again in file order, then our unsaved operations on top, in place:
        whoever holds `session` sees the result."""
        reader = JournalReader(self.path)
        reader.read()
        if reader.fold.session is None:  # the file is gone or unreadable: keep what memory holds
            self._reader.reordered = False
            return
        for op in self.pending:
            reader.fold.apply(op)
            reader.applied(op)
        reader.skip = {op["id"] for op in self.pending}
        reader.fold.notices.clear()
        reorders = self.session._reorders
        vars(self.session).update(vars(reader.fold.session))
        self.session._reorders = reorders + 1  # every view rebuilds its rows
        reader.fold.session = self.session
        reader.problems = []  # already reported by the first reading of those lines
        saved = _read_start(self.path, reader.offset)
        if saved is not None:
            self._saved, self._later = saved, [journal.encode_line(op) for op in self.pending]
        self._reader = reader

    # -- the changes a person makes ------------------------------------------------------------

    def now(self) -> datetime:
        return self.clock.now()

    def add_event(
        self, text: str, *, kind: str = "note", time: datetime | None = None, source: str = "keyboard"
    ) -> Event:
        check_size(text)
        op = self.record(
            ops.add_event_op(
                self.now(), time=time or self.now(), kind=kind, text=text, author=self.author, source=source
            )
        )
        return self.session.event(op["event"]["id"])  # type: ignore[return-value]

    def edit_event(
        self, event_id: str, *, text: str | None = None, time: datetime | None = None, stamping: bool = False
    ) -> None:
        if text is not None:
            check_size(text)
        self.record(ops.edit_event_op(self.now(), event_id, text=text, time=time, stamping=stamping))

    def delete_event(self, event_id: str) -> None:
        self.record(ops.delete_event_op(self.now(), event_id))

    def undo_delete(self) -> Event | None:
        """Bring back the most recently deleted event, if any."""
        if not self.session.deleted:
            return None
        event_id = self.session.deleted[-1].id
        self.record(ops.restore_event_op(self.now(), event_id))
        return self.session.event(event_id)

    def toggle_check(self, item_id: str, *, time: datetime | None = None) -> bool:
        item = self.session.checklist_item(item_id)
        if item is None:
            raise KeyError(item_id)
        self.record(ops.check_op(self.now(), item_id, not item.checked, time=time))
        return item.checked

    def set_field(self, field_path: str, value: str) -> None:
        check_size(value, "a field")
        self.record(ops.set_field_op(self.now(), field_path, value))

    def add_action(self, text: str, owner: str = "") -> None:
        check_size(text + owner, "an action item")
        self.record(ops.add_action_op(self.now(), text, owner))


_STAMP_IN_LINE = re.compile(rb'"hlc":"([0-9a-z-]{1,60})"')


def _latest_stamp(path: Path, offset: int) -> str:
    """The greatest stamp in the file's lines from `offset` on (only to move the clock past it)."""
    try:
        with open(path, "rb") as handle:
            handle.seek(offset)
            data = handle.read()
    except OSError:
        return ""
    return max((found.decode() for found in _STAMP_IN_LINE.findall(data)), default="")


def _read_start(path: Path, size: int) -> bytes | None:
    """The first `size` bytes of the file: what a load read (the file only ever grows); None when
    they cannot be read back."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(size)
    except OSError:
        return None
    return data if len(data) == size else None
