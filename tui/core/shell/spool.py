"""The spool: where an attached shell appends one line per command, beside the session.

The hook writes with shell builtins only (printf into a file opened for appending), so the line
format is one a shell can write without a process: tab-separated fields, the text fields escaped
(backslash, newline, tab and carriage return as `\\\\`, `\\n`, `\\t`, `\\r`), a newline at the end:

    1 <TAB> start <TAB> end <TAB> exit status <TAB> working directory <TAB> command

`start` and `end` are $EPOCHREALTIME (seconds since 1970 with a fraction, the decimal point as the
locale writes it); fish, which has no clock builtin, writes `-` for both and its duration in
milliseconds as `end` prefixed with `+`. Each shell has its own spool file, so lines never interleave.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tui.core.clock.typed import EARLIEST, LATEST
from tui.core.session.journal import DIR_MODE, FILE_MODE

SPOOL_SUFFIX = ".spool"
# An escaped command cut at 8 KB by the hook is at most twice that, and a working directory is at
# most PATH_MAX: a longer line is damage, skipped whole.
MAX_LINE_BYTES = 64 * 1024
# Read per look at one spool: a shell that ran a thousand commands before the app opened is
# caught up over a few polls rather than in one long pause.
MAX_READ_BYTES = 1 << 20
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_UNESCAPED = {"\\": "\\", "n": "\n", "t": "\t", "r": "\r"}
_SECONDS = re.compile(r"\d{1,12}(?:[.,]\d{1,12})?")


class SpoolLineError(ValueError):
    """A spool line that does not parse: skipped, and reported once."""


@dataclass(frozen=True)
class Run:
    """One command as the shell reported it; `start` None when the shell has no clock (fish)."""

    start: datetime | None
    duration_ms: int
    status: int
    cwd: str
    command: str


def spool_dir(session_path: Path) -> Path:
    """`<session>.shell/` beside the session file: the spools of the shells attached to it."""
    return session_path.with_name(session_path.stem + ".shell")


def create_spool(session_path: Path, name: str) -> Path:
    """A new, empty spool (0600) in the session's spool folder (0700), for one shell."""
    folder = spool_dir(session_path)
    try:
        folder.mkdir(mode=DIR_MODE)
    except FileExistsError:
        pass
    os.chmod(folder, DIR_MODE)  # mkdir's mode is masked by umask; an existing folder is made private too
    path = folder / f"{name}{SPOOL_SUFFIX}"
    # `.last`: where the bash hook reads its newest history entry back, without a subshell.
    for made in (path, path.with_name(path.name + ".last")):
        fd = os.open(made, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, FILE_MODE)
        try:
            os.fchmod(fd, FILE_MODE)
        finally:
            os.close(fd)
    return path


def spools(session_path: Path) -> list[Path]:
    """The session's spool files, by name; none when no shell was ever attached."""
    folder = spool_dir(session_path)
    try:
        names = sorted(os.listdir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [folder / name for name in names if name.endswith(SPOOL_SUFFIX)]


def unescape(text: str) -> str:
    return _ESCAPE.sub(lambda match: _UNESCAPED.get(match.group(1), match.group(0)), text)


def parse_line(raw: bytes) -> Run:
    """One spool line (without its newline) as a Run, or SpoolLineError saying what is wrong."""
    if len(raw) > MAX_LINE_BYTES:
        raise SpoolLineError(f"longer than {MAX_LINE_BYTES // 1024} KB")
    fields = raw.decode("utf-8", errors="replace").split("\t")
    if len(fields) != 6 or fields[0] != "1":
        raise SpoolLineError("not a spool line of this Scribe (six tab-separated fields, version 1)")
    _, start_text, end_text, status_text, cwd, command = fields
    if not status_text.isdigit() or int(status_text) > 255:
        raise SpoolLineError("the exit status is not a number from 0 to 255")
    if start_text == "-" and end_text.startswith("+") and end_text[1:].isdigit():
        start, duration = None, int(end_text[1:])
    else:
        begun, ended = _seconds(start_text), _seconds(end_text)
        if ended < begun:
            raise SpoolLineError("the command ended before it started")
        start, duration = _moment(begun), round((ended - begun) * 1000)
    return Run(start, duration, int(status_text), unescape(cwd), unescape(command))


def _seconds(text: str) -> float:
    if not _SECONDS.fullmatch(text):
        raise SpoolLineError(f"{text[:30]!r} is not a time in seconds")
    return float(text.replace(",", "."))


def _moment(seconds: float) -> datetime:
    moment = datetime.fromtimestamp(seconds, UTC)
    if not EARLIEST <= moment <= LATEST:
        raise SpoolLineError("the time is outside the years Scribe reads")
    return moment


@dataclass(frozen=True)
class SpoolLine:
    """A complete line read from a spool, with where it starts (its identity) and ends."""

    offset: int
    end: int
    raw: bytes


def read_lines(path: Path, offset: int) -> list[SpoolLine]:
    """The complete lines from `offset` on (at most MAX_READ_BYTES' worth); a last line without its
    newline is left for the next read, the shell may be writing it."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError:
        return []
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # a FIFO planted there would block every read
            return []
        data = os.pread(fd, MAX_READ_BYTES, offset)
    finally:
        os.close(fd)
    lines = []
    start = 0
    while True:
        end = data.find(b"\n", start)
        if end == -1:
            break
        lines.append(SpoolLine(offset + start, offset + end + 1, data[start:end]))
        start = end + 1
    if not lines and len(data) == MAX_READ_BYTES:  # one line longer than a whole read: skip it all
        lines.append(SpoolLine(offset, offset + len(data), data[: MAX_LINE_BYTES + 1]))
    return lines
