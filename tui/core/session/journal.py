"""The append-only session file: one JSON operation per line, fsync'd, locked per append, never rewritten."""

from __future__ import annotations

import errno
import fcntl
import gc
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.core.errors import NotASessionError, ScribeError
from tui.core.session.lines import decode_line
from tui.core.session.model import Session
from tui.core.session.reader import JournalReader, Order, Problem

FILE_MODE = 0o600
DIR_MODE = 0o700


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
            _age_unscanned()
            gc.enable()
    if reader.fold.session is None:
        if reader.offset == 0:
            raise NotASessionError(f"{path}: empty file, not a Scribe session")
        raise NotASessionError(f"{path}: not a Scribe session (no Scribe operations in it)")
    return Loaded(path, reader.fold.session, ops, reader.problems, reader.offset, reader.line, reader.order)


def _age_unscanned() -> None:
    """Move what a load made to the collector's oldest generation without scanning it (a freeze
    undone at once), where full collections are rare: as young objects, every one of them would be
    scanned by the first collection after loading (80 ms at 100,000 operations), and again later.
    Objects someone froze on purpose (the app freezes its session) are left frozen."""
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


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
