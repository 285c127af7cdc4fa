"""A crash report a user can attach to a bug: where it failed, never what it held.

The traceback is written without local variables (they hold report URLs with keys, tokens and
whole sessions), every line is redacted as an export is and made printable, and the file is
private (0600) in $SCRIBE_HOME/crashes/.
"""

from __future__ import annotations

import os
import platform
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

from tui import __version__
from tui.core.paths import free_path, scribe_home
from tui.core.postmortem.redact import redact
from tui.core.safe_text import printable
from tui.core.session.journal import DIR_MODE, FILE_MODE, ensure_private_dir


def crashes_dir() -> Path:
    return scribe_home() / "crashes"


def report_text(error: BaseException, *, session: Path | None = None, now: datetime | None = None) -> str:
    """The report: versions, the session's file name and the traceback, frames only."""
    moment = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    frames = traceback.TracebackException.from_exception(error, capture_locals=False)
    lines = [
        "Scribe crash report (no local variables; secrets masked)",
        f"time: {moment}",
        f"scribe: {__version__}",
        f"python: {sys.version.split()[0]} on {platform.system()} {platform.machine()}",
        f"session file: {session.name if session else '(none)'}",
        "",
        *"".join(frames.format()).rstrip("\n").split("\n"),
    ]
    return printable(redact("\n".join(lines))) + "\n"


def write_crash_report(error: BaseException, *, session: Path | None = None, now: datetime | None = None) -> Path:
    """Write the report to a new private file and return its path."""
    moment = now or datetime.now(UTC)
    folder = crashes_dir()
    ensure_private_dir(folder.parent)
    ensure_private_dir(folder)
    os.chmod(folder, DIR_MODE)
    path = free_path(folder, f"crash-{moment.strftime('%Y-%m-%dT%H-%M-%SZ')}", ".txt")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(report_text(error, session=session, now=moment))
    return path
