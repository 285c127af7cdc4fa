"""The sessions folder: starting a session, finding the one in progress, listing them all."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from tui.core.clock.hlc import HybridClock, epoch_ms
from tui.core.clock.source import SYSTEM_CLOCK, Clock
from tui.core.clock.zones import parse_zone
from tui.core.errors import ScribeError
from tui.core.paths import new_session_path, sessions_dir
from tui.core.session import journal, runbooks
from tui.core.session import operations as ops
from tui.core.session.model import SEVERITIES, Session
from tui.core.session.replica import node_id


def normalise_severity(text: str) -> str:
    """ "2", "sev2" and "SEV2" are the same severity; anything else is an error naming the choices."""
    if not text:
        return ""
    value = text.strip().upper()
    if value.isdigit():
        value = f"SEV{value}"
    if value not in SEVERITIES:
        raise ScribeError(f"unknown severity {text!r} (choose from {', '.join(SEVERITIES)})")
    return value


def start_session(
    title: str,
    *,
    runbook: str = "",
    zone: str = "UTC",
    severity: str = "",
    clock: Clock = SYSTEM_CLOCK,
    path: Path | None = None,
) -> Path:
    """Create a new session file and return its path."""
    zone_name = parse_zone(zone).name
    severity = normalise_severity(severity)
    items = runbooks.load(runbook).items if runbook else ()
    now = clock.now()
    title = title.strip() or f"Incident {now.strftime('%Y-%m-%d %H:%M')} UTC"
    op = ops.create_op(now, title=title, zone=zone_name, severity=severity, runbook=runbook, checklist=items)
    op["hlc"] = HybridClock(node_id()).stamp(epoch_ms(now))
    return journal.create(path or new_session_path(now, title), op)


@dataclass(frozen=True)
class SessionSummary:
    path: Path
    session: Session
    problems: int

    @property
    def duration(self) -> timedelta | None:
        end = self.session.milestones().get("resolved")
        return end - self.session.start if end else None


def summaries(folder: Path | None = None) -> list[SessionSummary]:
    """Every readable session in the folder, oldest first; unreadable files are left out."""
    return scan(folder)[0]


def scan(folder: Path | None = None) -> tuple[list[SessionSummary], list[str]]:
    """Every readable session in the folder, oldest first, and why each unreadable file was left out."""
    folder = folder or sessions_dir()
    found = []
    unreadable = []
    for path in sorted(folder.glob("*.jsonl")) if folder.is_dir() else []:
        try:
            loaded = journal.load(path)
        except ScribeError as exc:
            unreadable.append(str(exc))
            continue
        except OSError as exc:
            unreadable.append(f"{path}: {exc.strerror or exc}")
            continue
        found.append(SessionSummary(path, loaded.session, len(loaded.problems)))
    return sorted(found, key=lambda s: s.session.created), unreadable


def distrust(path: Path) -> str | None:
    """Why a session file may have been planted by someone else, or None when it is safely yours:
    owned by you, writable by nobody else, in a folder you own. Notes go to the session in
    progress, so a file another user can write or put there must never become it."""
    if not hasattr(os, "geteuid"):
        return None  # no POSIX owners (Windows): the folder's ACL is the guard
    me = os.geteuid()
    try:
        folder, info = path.parent.stat(), path.lstat()
    except OSError as exc:
        return exc.strerror or str(exc)
    if folder.st_uid != me:
        return "its folder belongs to another user"
    if stat.S_ISLNK(info.st_mode):
        return "it is a symbolic link"
    if info.st_uid != me:
        return "it belongs to another user"
    if info.st_mode & 0o022:
        return "others can write to it"
    return None


def most_recent_unresolved(folder: Path | None = None, warn: Callable[[str], None] | None = None) -> Path | None:
    """The session in progress: the newest unresolved one among the files safely yours. Files
    passed over for that reason are told to `warn` in one line."""
    ignored: list[tuple[Path, str]] = []
    found = None
    for summary in reversed(summaries(folder)):
        if summary.session.status == "resolved":
            continue
        reason = distrust(summary.path)
        if reason is None:
            found = summary.path
            break
        ignored.append((summary.path, reason))
    if ignored and warn is not None:
        path, reason = ignored[0]
        more = f" (and {len(ignored) - 1} more)" if len(ignored) > 1 else ""
        warn(f"ignoring {path}{more}: {reason}; only your own, private session files take notes")
    return found
