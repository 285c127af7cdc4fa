"""One replica's exchange with the hub: push the file's operations the hub lacks, pull the hub's
operations the file lacks. The session file stays the source of truth: pulled operations are
appended to it like any other writer's (the open app folds them in), and nothing is ever rewritten.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.session import lines
from tui.core.session.recorder import MAX_TEXT_BYTES
from tui.core.session.replica import merge
from tui.sync.cursors import ENTRY_ID, Cursors, load_cursors, save_cursors

if TYPE_CHECKING:
    from tui.sync.transport import Transport

# A peer's line is refused before decoding past this (JSON escapes can make a 1 MB note 6 MB of line).
MAX_LINE_BYTES = 6 * MAX_TEXT_BYTES + 4096


@dataclass(frozen=True)
class Round:
    pushed: int  # operations the hub gained
    pulled: int  # operations the file gained
    unshared: int = 0  # local operations not yet on the hub (when a push failed)


class Replica:
    """A session file and its cursors, synchronised with one hub over a Transport."""

    def __init__(
        self,
        path: Path,
        transport: Transport,
        cursors: Cursors,
        warn: Callable[[str], None],
        merged: Callable[[], None] = lambda: None,
    ) -> None:
        self.path = Path(path)
        self.merged = merged  # called as soon as pulled operations are in the file, before the round ends
        self.transport = transport
        self.cursors = cursors
        self.warn = warn
        self.session_id = cursors.session
        self._known: set[str] = set()
        self._known_at = 0  # bytes of the file whose ids are in _known
        self._on_hub: set[str] = set()  # ids pulled from the hub: never pushed back to it
        self._saved: Cursors | None = None  # what the sidecar holds, once this replica wrote it

    @classmethod
    def open(cls, path: Path, transport: Transport, warn: Callable[[str], None]) -> Replica:
        cursors = load_cursors(path)
        if cursors is None:
            raise ValueError(f"{path} is not shared")
        return cls(path, transport, cursors, warn)

    async def sync(self, block_ms: int | None = None, push: bool = True, pull: bool = True) -> Round:
        """One round: a hub with another epoch (it lost its data, or is new) is filled from the start."""
        epoch = await self.transport.epoch(self.session_id)
        if epoch != self.cursors.epoch:
            self.cursors.epoch, self.cursors.pushed, self.cursors.read = epoch, 0, "0-0"
            self._on_hub.clear()
        pushed = await self._push() if push else 0
        pulled = await self._pull(block_ms) if pull else 0
        self._save()
        return Round(pushed, pulled)

    async def push_now(self) -> int:
        """Push what the file gained, beside a round that is waiting on the hub (see Sharing).

        Safe alongside the round's own push: the hub refuses an id it has, and the push cursor
        only moves forward. The round's end saves the cursors.
        """
        return await self._push()

    def unshared(self) -> int:
        """Local operations past the push cursor that did not come from the hub."""
        return sum(1 for op_id, _ in self._lines_after(self.cursors.pushed)[0] if op_id not in self._on_hub)

    async def _push(self) -> int:
        lines, end = self._lines_after(self.cursors.pushed)
        fresh = [(op_id, raw) for op_id, raw in lines if op_id not in self._on_hub]
        added = await self.transport.push(self.session_id, fresh) if fresh else 0
        self.cursors.pushed = max(self.cursors.pushed, end)  # another push may have gone further
        self._on_hub.update(op_id for op_id, _ in fresh)
        return added

    async def _pull(self, block_ms: int | None) -> int:
        pulled = 0
        while True:
            entries = await self.transport.read(self.session_id, self.cursors.read, block_ms)
            if not entries:
                return pulled
            block_ms = None  # once something came, take the rest without waiting
            ops = [op for op in map(self._admit, entries) if op is not None]
            added = merge(self.path, ops, self._known_ids())
            pulled += added
            self._on_hub.update(op["id"] for op in ops)
            last = entries[-1][0]
            if ENTRY_ID.fullmatch(last):
                self.cursors.read = last
            if added:
                self.merged()
            self._save()
            if len(entries) < self.transport.read_batch:
                return pulled  # the stream had no more: no second read to learn so

    def _save(self) -> None:
        """The sidecar, written again only when a cursor moved: a quiet round writes nothing."""
        if self.cursors != self._saved:
            save_cursors(self.path, self.cursors)
            self._saved = replace(self.cursors)

    def _admit(self, entry: tuple[str, bytes | None]) -> dict[str, Any] | None:
        return admit(entry, self.session_id, self.warn)

    def _known_ids(self) -> set[str]:
        lines, end = self._lines_after(self._known_at)
        self._known.update(op_id for op_id, _ in lines)
        self._known_at = end
        return self._known

    def _lines_after(self, offset: int) -> tuple[list[tuple[str, bytes]], int]:
        """(op id, line) of each operation in the file's complete lines from `offset`, and where they end."""
        with open(self.path, "rb") as handle:
            handle.seek(offset)
            data = handle.read()
        end = data.rfind(b"\n") + 1
        found = []
        for raw in data[:end].split(b"\n"):
            if raw.strip():
                op, _ = lines.decode_op(raw)
                if op is not None:
                    found.append((op["id"], raw))
        return found, offset + end


def admit(entry: tuple[str, bytes | None], session_id: str, warn: Callable[[str], None]) -> dict[str, Any] | None:
    """A peer's operation, checked as strictly as a line of the file, or None with a warning."""
    entry_id, raw = entry
    where = f"hub entry {entry_id[:40]}"
    if raw is None:
        warn(f"{where}: not a Scribe operation; skipped")
        return None
    if len(raw) > MAX_LINE_BYTES:
        warn(f"{where}: refused an operation of {len(raw):,} bytes (over the 1 MB an event may hold)")
        return None
    op, why = lines.decode_op(raw)
    if op is None:
        warn(f"{where}: {why}")
        return None
    if _largest_text(op) > MAX_TEXT_BYTES:
        warn(f"{where}: refused an operation over the 1 MB an event may hold")
        return None
    if op.get("op") == "create":
        session = op.get("session")
        if not isinstance(session, dict) or session.get("id") != session_id:
            warn(f"{where}: a header of another session; skipped")
            return None
    return op


def _largest_text(op: dict[str, Any]) -> int:
    """The longest text anywhere in an operation, in UTF-8 bytes (it nests at most MAX_NESTING deep)."""
    largest = 0
    pending: list[Any] = [op]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if len(item) * 4 > MAX_TEXT_BYTES:
                largest = max(largest, len(item.encode("utf-8", "surrogatepass")))
        elif isinstance(item, dict):
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return largest
