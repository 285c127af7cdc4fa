"""A complete copy of a session whose file refuses writes: the saved lines plus what is only in memory."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.errors import ScribeError
from tui.core.paths import free_path
from tui.core.session.journal import DIR_MODE, FILE_MODE, encode_line

if TYPE_CHECKING:
    from tui.core.session.recorder import Recorder


def copy_bytes(source: Path, pending: list[dict[str, Any]], ops: list[dict[str, Any]]) -> bytes:
    """What the copy holds: the file as saved plus the pending operations after it.

    The file's own bytes are kept whole (lines this Scribe could not read included), so the copy
    loses nothing the original had. When the original cannot be read any more (a failing disk),
    the copy is every operation held in memory, which is the whole session as the app shows it.
    """
    try:
        saved = source.read_bytes()
    except OSError:
        return b"".join(encode_line(op) for op in ops)
    if saved and not saved.endswith(b"\n"):
        saved += b"\n"  # after a torn last line, start the pending ones on a fresh line
    return saved + b"".join(encode_line(op) for op in pending)


def write_copy(
    dest: str | os.PathLike[str],
    source: str | os.PathLike[str],
    pending: list[dict[str, Any]],
    ops: list[dict[str, Any]],
) -> Path:
    """Write the session to a new private file (0600) at `dest`; never over an existing file.

    On any failure the half-written copy is removed and a ScribeError says why in one line, so
    the caller can offer another path.
    """
    dest = Path(dest).expanduser()
    data = copy_bytes(Path(source), pending, ops)
    try:
        if not dest.parent.exists():
            dest.parent.mkdir(parents=True, mode=DIR_MODE)
        fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        raise ScribeError(f"{dest}: already exists; choose a new file name") from None
    except OSError as exc:
        raise ScribeError(f"{dest}: {exc.strerror or exc}") from None
    try:
        os.fchmod(fd, FILE_MODE)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    except OSError as exc:
        os.close(fd)
        dest.unlink(missing_ok=True)
        raise ScribeError(f"{dest}: {exc.strerror or exc}") from None
    os.close(fd)
    return dest


def suggest_path(source: str | os.PathLike[str], folder: str | os.PathLike[str] | None = None) -> Path:
    """A free file name for the copy, in the temporary folder by default: usually another disk
    than the full one (the user can edit it before writing)."""
    import tempfile

    return free_path(Path(folder or tempfile.gettempdir()), f"{Path(source).stem}.unsaved")


def save_before_exit(recorder: Recorder) -> str | None:
    """Last chance when the process is told to stop (SIGTERM, SIGHUP) with changes the disk refused:
    one more try, then a complete copy in the temporary folder. Returns what the user must be told,
    or None when everything is saved."""
    if recorder.flush():
        return None
    unsaved = recorder.unsaved
    try:
        copy = write_copy(suggest_path(recorder.path), recorder.path, recorder.pending, recorder.ops)
    except ScribeError as exc:
        return f"{unsaved} changes not saved to {recorder.path}, and no copy could be written: {exc}"
    return f"{unsaved} changes not saved to {recorder.path}; the whole session is in {copy}"
