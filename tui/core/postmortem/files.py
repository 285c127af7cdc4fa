"""Where a postmortem goes, and writing it safely: never over a session, never through a symlink,
never half a file."""

from __future__ import annotations

import json
import os
import stat
import tempfile
from pathlib import Path

from tui.core.errors import ScribeError


class RefusedDestination(ScribeError):
    """The export's destination is not a place a postmortem may replace."""


def postmortem_path(session_path: Path) -> Path:
    """Beside the session: `2025-04-08T10-26-30Z-pizza.jsonl` → `2025-04-08T10-26-30Z-pizza.md`."""
    return Path(session_path).with_suffix(".md")


def check_destination(path: Path, *, source: Path | None = None) -> None:
    """Refuse a destination that is a symlink, not a regular file, the session being exported, or
    any session journal: exporting there would destroy what it holds. A missing file, or an
    earlier export, is fine."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise RefusedDestination(f"{path}: is a symbolic link; not writing through it (give the real path)")
    if not stat.S_ISREG(info.st_mode):
        raise RefusedDestination(f"{path}: not a regular file; not writing over it")
    if source is not None and _same_file(path, source):
        raise RefusedDestination(f"{path}: is the session being exported; choose another file")
    if _holds_session(path):
        raise RefusedDestination(f"{path}: holds a Scribe session; not writing over it")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _holds_session(path: Path) -> bool:
    """A journal's first line is a JSON operation (`{"v": 1, ..., "op": "create"}`)."""
    try:
        with open(path, "rb") as handle:
            first = handle.readline(64 * 1024)
    except OSError:
        return False
    try:
        op = json.loads(first)
    except ValueError:
        return False
    return isinstance(op, dict) and "op" in op


def write_export(path: Path, text: str, *, private: bool = False, source: Path | None = None) -> Path:
    """Write the whole text or nothing: a temporary file beside the target, then a rename, which
    replaces a symlink put there meanwhile rather than writing through it.

    `private` (an unredacted report holds API keys) makes the file 0600 like a session file. The
    destination is checked first (`check_destination`).
    """
    path = Path(path)
    check_destination(path, source=source)
    fd, scratch = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            os.fchmod(handle.fileno(), 0o600 if private else 0o644)
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(scratch, path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise
    return path
