"""Notices into a session: which session takes them, the operations they make (one per alert
state, ids derived so a repeat makes none), and *detected* stamped by the first firing alert."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from tui.core.alerts.notice import Notice
from tui.core.clock.source import SYSTEM_CLOCK, Clock
from tui.core.errors import ScribeError
from tui.core.paths import sessions_dir
from tui.core.session import folder as sessions
from tui.core.session import journal, runbooks
from tui.core.session import operations as ops
from tui.core.session.model import MILESTONE_KINDS, Session
from tui.core.session.recorder import check_size

SOURCE = "webhook"


@dataclass
class Outcome:
    """What one delivery did, for the response and the server's log line."""

    path: Path | None = None
    opened: bool = False
    recorded: list[str] = field(default_factory=list)  # one short line per event written
    repeated: int = 0  # notices whose event the session already held
    skipped: list[str] = field(default_factory=list)  # why a notice was not written

    def summary(self) -> str:
        parts = []
        if self.opened and self.path is not None:
            parts.append(f"opened {self.path.name}")
        if self.recorded:
            parts.append("recorded " + "; ".join(self.recorded))
        if self.repeated:
            parts.append(f"{self.repeated} already recorded")
        parts.extend(self.skipped)
        return ", ".join(parts) or "nothing to record"


def derived_id(*parts: str) -> str:
    """An id that the same parts always make: the dedupe key of a delivery, 16 hex digits."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def runbook_for(labels: Mapping[str, str], mapping: Mapping[str, Mapping[str, str]]) -> str:
    """The runbook `[serve.runbooks]` maps one of the alert's labels to, or ""."""
    for label, values in mapping.items():
        value = labels.get(label)
        if value is not None and value in values:
            return values[value]
    return ""


def record_notices(
    notices: list[Notice],
    *,
    pinned: Path | None = None,
    runbook_map: Mapping[str, Mapping[str, str]] | None = None,
    zone: str = "UTC",
    clock: Clock = SYSTEM_CLOCK,
    folder: Path | None = None,
    warn: Callable[[str], None] | None = None,
) -> Outcome:
    """Write the notices into the session in progress (or `pinned`, or a new one).

    Raises OSError when the disk refuses the write (nothing acknowledged is lost: the sender is
    told to retry), ScribeError when the session cannot be read.
    """
    outcome = Outcome()
    now = clock.now()
    path = pinned or sessions.most_recent_unresolved(folder, warn=warn)
    if path is None:
        firing = [notice for notice in notices if notice.opens]
        if not firing:
            outcome.skipped.append("no session in progress to add to")
            return outcome
        held = _held_elsewhere(notices, folder or sessions_dir())
        if len(held) == len(notices):  # a repeat of what an earlier, since resolved, session holds
            outcome.repeated = len(notices)
            return outcome
        path = _open_session(firing[0], runbook_map or {}, zone, clock, outcome)
        outcome.opened = True
    outcome.path = path
    session = journal.load(path, keep_ops=False).session
    planned = _operations(notices, session, now)
    written = {op["id"] for op in journal.append_absent(path, [op for op, _ in planned])}
    for op, line in planned:
        if op["id"] in written:
            outcome.recorded.append(line)
        elif op["event"]["kind"] != "detected":
            outcome.repeated += 1
    return outcome


def _operations(notices: list[Notice], session: Session, now: datetime) -> list[tuple[dict[str, Any], str]]:
    """Each notice's event.add, with ids derived from what identifies it, and a *detected* stamp
    before the first firing alert when the session has no detection."""
    planned = []
    detected = session.milestone("detected") is not None
    for notice in notices:
        identity = notice.identity()
        if notice.detects and not detected:
            detected = True
            planned.append(
                _event_op(identity + ("detected",), now, notice.time, "detected", f"Detected: {notice.headline()}")
            )
        kind = notice.kind
        if kind in MILESTONE_KINDS and session.milestone(kind) is not None:
            kind = "alert"  # stamped already (by hand, or an earlier delivery): noted, not stamped again
        text = notice.text()
        check_size(text, "an alert")
        planned.append(_event_op(identity, now, notice.time, kind, text))
    return planned


def _event_op(identity: tuple[str, ...], now: datetime, time: datetime, kind: str, text: str) -> tuple[dict, str]:
    op = ops.add_event_op(now, time=time, kind=kind, text=text, source=SOURCE)
    op["id"] = derived_id("op", *identity)
    op["event"]["id"] = derived_id("event", *identity)
    return op, f"{kind} at {op['event']['time']}"


def _open_session(
    notice: Notice, runbook_map: Mapping[str, Mapping[str, str]], zone: str, clock: Clock, outcome: Outcome
) -> Path:
    runbook = runbook_for(notice.labels, runbook_map)
    if runbook:
        try:
            runbooks.load(runbook)
        except ScribeError as exc:
            outcome.skipped.append(f"no runbook ({exc})")
            runbook = ""
    return sessions.start_session(notice.name, runbook=runbook, zone=zone, clock=clock)


def _held_elsewhere(notices: list[Notice], folder: Path) -> set[str]:
    """Which notices' operations some session in the folder already holds (a repeat delivery
    after the session that took the first one was resolved)."""
    wanted = {derived_id("op", *notice.identity()): notice for notice in notices}
    found: set[str] = set()
    for path in sorted(folder.glob("*.jsonl")) if folder.is_dir() else []:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        found.update(op_id for op_id in wanted if f'"id":"{op_id}"'.encode() in data)
    return found
