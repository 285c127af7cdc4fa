"""Reading a session file's lines as they are appended: each one checked, then folded in stamp order."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Literal

from tui.core.clock.hlc import STAMP
from tui.core.errors import NewerFormatError, ScribeError
from tui.core.session.fold import Fold, OperationError
from tui.core.session.lines import check_op, decode_line, fast_decoder
from tui.core.session.operations import FORMAT_VERSION

# Past this many bytes a read decodes its lines with pydantic-core's JSON parser (Rust, about twice
# as fast here): below it, importing that parser (~50 ms) costs more than it saves.
FAST_DECODE_BYTES = 4_000_000
_is_stamp = STAMP.fullmatch  # the hot path's check; the same rule as parse_stamp


@dataclass(frozen=True)
class Problem:
    """Something wrong with one line of a session file, worded for the user."""

    line: int
    message: str
    level: Literal["warning", "error"] = "error"

    def __str__(self) -> str:
        return f"line {self.line}: {self.level}: {self.message}"


@dataclass
class Order:
    """Where a reader stands in the fold's order, so a later reader of the same file carries on.

    Operations fold in (stamp, node, id) order: the stamp text holds the node. A line without a
    stamp (every line of a format 1 file written before stamps) keeps its place in the file: it
    sorts just after the greatest stamp above it, and after the unstamped lines before it.
    """

    latest: str = ""  # the greatest stamp read so far
    last: tuple[str, int, Any] | None = None  # the order key of the last operation folded
    unstamped: int = 0  # unstamped lines read so far
    ids: set[str] = field(default_factory=set)  # ids of stamped operations read: a copy is passed over


class _Unsorted(Exception):
    """A first reading met a line out of order: it starts again, sorting the whole file."""


class JournalReader:
    """Reads the complete lines a file has gained since the last read: live updates and loading alike.

    A whole file is folded in order, sorted first only when its lines are not in order already (a
    replica's file, filled from several writers). A later line that sorts before one already folded
    is not folded: `reordered` is set, and the caller folds the file again.
    """

    def __init__(
        self, path: Path, fold: Fold | None = None, offset: int = 0, line: int = 0, order: Order | None = None
    ) -> None:
        self.path = Path(path)
        self.skip: set[str] = set()  # ids of operations this process wrote and has already applied
        self.fold = fold or Fold()
        self.offset = offset
        self.line = line
        self.order = order or Order()
        self.problems: list[Problem] = []
        self.reordered = False
        self._decode: Callable[[bytes], Any] = decode_line
        self._fresh = False
        self._sorting: list[tuple[tuple[str, int, Any], int, dict[str, Any]]] | None = None

    def applied(self, op: dict[str, Any]) -> None:
        """Count an operation this process folded itself (stamped) before writing it, as if read."""
        stamp = op.get("hlc")
        if type(stamp) is str:
            key = (stamp, 0, op["id"])
            self.order.last = key if self.order.last is None else max(self.order.last, key)
            self.order.latest = max(self.order.latest, stamp)
            self.order.ids.add(op["id"])

    def read(self, *, final: bool = False, keep: bool = True) -> list[dict[str, Any]]:
        """Fold new complete lines and return their operations.

        A last line without its newline is left for the next read (a writer may be mid-append), or,
        when `final`, reported as torn and skipped.
        """
        try:
            with _open_regular(self.path) as handle:
                handle.seek(self.offset)
                data = handle.read()
        except FileNotFoundError:
            raise ScribeError(f"{self.path}: no such file") from None
        except IsADirectoryError:
            raise ScribeError(f"{self.path}: is a folder, not a session file") from None
        except PermissionError:
            raise ScribeError(f"{self.path}: permission denied") from None
        end = data.rfind(b"\n") + 1
        complete, tail = data[:end], data[end:] if final else b""
        self._decode = fast_decoder() if end > FAST_DECODE_BYTES else decode_line
        self._fresh = self.offset == 0 and self.fold.session is None
        line, problems = self.line, len(self.problems)
        try:
            ops = self._read_lines(complete, tail, keep)
        except _Unsorted:
            # Read again from the start, collecting every line, then fold them sorted.
            self.fold, self.line, self.order, self.skip = Fold(), line, Order(), set()
            del self.problems[problems:]
            self._sorting = []
            try:
                self._read_lines(complete, tail, keep)
                ops = self._fold_sorted(problems, keep)
            finally:
                self._sorting = None
        self._fresh = False
        self.offset += end + len(tail)
        return ops

    def _read_lines(self, complete: bytes, tail: bytes, keep: bool) -> list[dict[str, Any]]:
        with self.fold.collecting():
            return self._read_collecting(complete, tail, keep)

    def _read_collecting(self, complete: bytes, tail: bytes, keep: bool) -> list[dict[str, Any]]:
        if keep:
            ops = [op for op in map(self._take, complete.split(b"\n")[:-1]) if op is not None]
        else:  # folded only: the caller wants the session, not the operations (each one is a dict)
            ops = []
            for raw in complete.split(b"\n")[:-1]:
                self._take(raw)
        if tail.strip():
            self.line += 1
            if decode_line(tail) is None:
                self.problems.append(
                    Problem(self.line, "incomplete last line (an interrupted write); skipped", "warning")
                )
            else:
                self.problems.append(Problem(self.line, "last line has no newline; read anyway", "warning"))
                op = self._take(tail, counted=True)
                if op is not None and keep:
                    ops.append(op)
        return ops

    def _fold_sorted(self, problems: int, keep: bool) -> list[dict[str, Any]]:
        entries = self._sorting or []
        entries.sort(key=_first)
        with self.fold.collecting():
            folded = [(line, op) for key, line, op in entries if self._fold(op, line)]
        if entries:
            self.order.last = entries[-1][0]
        # Problems in line order, whichever order the operations folded in.
        self.problems[problems:] = sorted(self.problems[problems:], key=_line_of)
        if not keep:
            return []
        folded.sort(key=_first)
        return [op for _, op in folded]

    def _take(self, raw: bytes, counted: bool = False) -> dict[str, Any] | None:
        if not counted:
            self.line += 1
        op = self._decode(raw)
        if op is None and not raw.strip():
            return None
        message = check_op(op, raw)
        if message is not None:
            self.problems.append(Problem(self.line, message))
            return None
        if op["v"] > FORMAT_VERSION:
            raise NewerFormatError(
                f"{self.path}: line {self.line} is format version {op['v']!r}, newer than this Scribe "
                f"reads (version {FORMAT_VERSION}); upgrade Scribe to open it"
            )
        order = self.order
        stamp = op.get("hlc")
        if stamp is None:
            order.unstamped += 1
            key: tuple[str, int, Any] = (order.latest, 1, order.unstamped)
        else:
            if type(stamp) is not str or _is_stamp(stamp) is None or type(op.get("id")) is not str:
                self.problems.append(Problem(self.line, "malformed clock stamp or operation id; skipped"))
                return None
            key = (stamp, 0, op["id"])
            if stamp > order.latest:
                order.latest = stamp
        if self.skip and op.get("id") in self.skip:
            self.skip.discard(op["id"])
            return None
        if stamp is not None:
            if op["id"] in order.ids:
                return None  # the same operation twice (two replicas merged it at once): one is enough
            order.ids.add(op["id"])
        if self._sorting is not None:
            self._sorting.append((key, self.line, op))
            return op
        if order.last is not None and key < order.last:
            if self._fresh:
                raise _Unsorted
            self.reordered = True
            return op
        order.last = key
        return op if self._fold(op, self.line) else None

    def _fold(self, op: dict[str, Any], line: int) -> bool:
        try:
            self.fold.apply(op)
        except OperationError as exc:
            self.problems.append(Problem(line, f"{exc}; skipped"))
            return False
        if self.fold.notices:
            for notice in self.fold.notices:
                self.problems.append(Problem(line, notice, "warning"))
            self.fold.notices.clear()
        return True


def _first(entry: tuple[Any, ...]) -> Any:
    return entry[0]


def _line_of(problem: Problem) -> int:
    return problem.line


def _open_regular(path: Path) -> BinaryIO:
    """The file opened for reading, or ScribeError if it is not a regular file (a FIFO, a device, a
    folder): opened without blocking and checked before any read, since a FIFO's read waits forever."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise ScribeError(f"{path}: is a folder, not a session file")
        if not stat.S_ISREG(mode):
            raise ScribeError(f"{path}: not a regular file (a pipe or a device), not a session file")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
