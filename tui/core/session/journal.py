"""The append-only session file: one JSON operation per line, fsync'd, locked per append, never rewritten."""

from __future__ import annotations

import errno
import fcntl
import gc
import json
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Literal

from tui.core.clock.hlc import STAMP
from tui.core.errors import NewerFormatError, NotASessionError, ScribeError
from tui.core.session.fold import Fold, OperationError
from tui.core.session.lines import check_op, decode_line, fast_decoder
from tui.core.session.model import Session
from tui.core.session.operations import FORMAT_VERSION

# Past this many bytes a read decodes its lines with pydantic-core's JSON parser (Rust, about twice
# as fast here): below it, importing that parser (~50 ms) costs more than it saves.
FAST_DECODE_BYTES = 4_000_000
FILE_MODE = 0o600
DIR_MODE = 0o700
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


@dataclass
class Loaded:
    """A session file read back: the folded session, its operations in file order, and any problems."""

    path: Path
    session: Session
    ops: list[dict[str, Any]]
    problems: list[Problem] = field(default_factory=list)
    size: int = 0  # bytes read, where a reader of later appends starts
    lines: int = 0  # lines read, so a later reader numbers its lines on from here
    order: Order = field(default_factory=Order)


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


def load(path: str | os.PathLike[str], *, keep_ops: bool = True) -> Loaded:
    """Read a whole session file. Never writes to it, whatever it holds.

    `keep_ops=False` leaves `ops` empty: the app needs only the session, and holding 10,000 decoded
    operations beside it while loading raised its peak memory by about 12 MB.
    """
    path = Path(path)
    if path.is_dir():
        raise ScribeError(f"{path}: is a folder, not a session file")
    reader = JournalReader(path)
    # Loading makes hundreds of thousands of objects and no cycles; the cycle collector would rescan
    # them again and again (over half the load time of a large session), so it waits until the end.
    collecting = gc.isenabled()
    gc.disable()
    try:
        ops = reader.read(final=True, keep=keep_ops)
    finally:
        if collecting:
            gc.enable()
    if reader.fold.session is None:
        if reader.offset == 0:
            raise NotASessionError(f"{path}: empty file, not a Scribe session")
        raise NotASessionError(f"{path}: not a Scribe session (no Scribe operations in it)")
    return Loaded(path, reader.fold.session, ops, reader.problems, reader.offset, reader.line, reader.order)


def ensure_private_dir(folder: Path) -> None:
    """Session folders hold secrets: created 0700 (an existing folder's mode is the user's choice)."""
    if not folder.exists():
        folder.mkdir(parents=True, mode=DIR_MODE)
        os.chmod(folder, DIR_MODE)  # mkdir's mode is masked by umask


def create(path: str | os.PathLike[str], create_op: dict[str, Any]) -> Path:
    """Make a new session file (0600) holding its header; refuses to touch an existing file."""
    path = Path(path)
    ensure_private_dir(path.parent)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_APPEND, FILE_MODE)
    except FileExistsError:
        raise ScribeError(f"{path}: already exists") from None
    try:
        os.fchmod(fd, FILE_MODE)
        _write_locked(fd, encode_line(create_op))
    finally:
        os.close(fd)
    return path


def append(path: str | os.PathLike[str], op: dict[str, Any]) -> None:
    """Append one operation and return only once it is on disk.

    Raises OSError (ENOSPC, EFBIG, EACCES, EIO, ...) with the file as it was before the call.
    """
    fd = os.open(path, os.O_RDWR | os.O_APPEND)
    try:
        _write_locked(fd, encode_line(op))
    finally:
        os.close(fd)


def append_many(path: str | os.PathLike[str], ops: list[dict[str, Any]]) -> None:
    """Append several operations with one write and one fsync (an import): all of them, or on
    an error none, with the file as it was before the call."""
    if not ops:
        return
    fd = os.open(path, os.O_RDWR | os.O_APPEND)
    try:
        _write_locked(fd, b"".join(encode_line(op) for op in ops))
    finally:
        os.close(fd)


def encode_line(op: dict[str, Any]) -> bytes:
    """One journal line, exactly as appended; rescue copies write the same bytes."""
    # ensure_ascii keeps control characters escaped: a session file never carries raw escapes.
    return json.dumps(op, ensure_ascii=True, separators=(",", ":")).encode() + b"\n"


def _write_locked(fd: int, line: bytes) -> None:
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            line = b"\n" + line  # after a torn line, start afresh rather than glue onto it
        try:
            written = os.write(fd, line)
            if written != len(line):
                raise OSError(errno.ENOSPC, "short write: the disk is full or the file reached its size limit")
            os.fsync(fd)
        except OSError:
            # Take back our own partial bytes so the file stays as it was; other writers wait on the lock.
            try:
                os.ftruncate(fd, size)
            except OSError:
                pass
            raise
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)


def append_absent(path: str | os.PathLike[str], ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Append, with one write and one fsync, the operations whose ids the file does not hold yet,
    and return them. The file is read and written under the one lock, so two writers delivering
    the same operation (a webhook sent twice) append it once.

    Raises OSError like `append`, with the file as it was before the call.
    """
    fd = os.open(path, os.O_RDWR | os.O_APPEND)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # held through _write_locked's own lock of this same file
        present = _ids_present(fd, [op["id"] for op in ops])
        fresh = [op for op in ops if op["id"] not in present]
        if fresh:
            _write_locked(fd, b"".join(encode_line(op) for op in fresh))
    finally:
        os.close(fd)  # closing the file releases the lock
    return fresh


def _ids_present(fd: int, ids: list[str]) -> set[str]:
    """Which of `ids` are operation ids in the file. A quick byte search first: only a line
    holding `"id":"<id>"` is decoded to see whether that id is the operation's own."""
    data = os.pread(fd, os.fstat(fd).st_size, 0)
    present = set()
    for op_id in ids:
        needle = json.dumps({"id": op_id}, ensure_ascii=True, separators=(",", ":"))[1:-1].encode()
        start = data.find(needle)
        while start != -1:
            line_start = data.rfind(b"\n", 0, start) + 1
            line_end = data.find(b"\n", start)
            op = decode_line(data[line_start : line_end if line_end != -1 else len(data)])
            if type(op) is dict and op.get("id") == op_id:
                present.add(op_id)
                break
            start = data.find(needle, start + 1)
    return present
