"""How session values look on screen: times in the session's zone, kind symbols, safe event text."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from tui.core.safe_text import on_one_row
from tui.core.session.model import Session
from tui.core.session.operations import UNTICKED_PREFIX

# One visible cell each, so the timeline's columns line up in every terminal.
KIND_SYMBOLS: dict[str, str] = {
    "note": "•",
    "impact_started": "▼",
    "detected": "◆",
    "acknowledged": "●",
    "mitigated": "◐",
    "resolved": "✔",
    "check": "✓",
    "inspect": "»",
    "follow": "→",
    "command": "$",
    "alert": "!",
    "update": "✦",
}
UNTICKED_SYMBOL = "✗"  # a check event that took a tick back: not the ✓ of a tick


def event_symbol(kind: str, text: str) -> str:
    """The symbol of an event's kind; an untick has its own, so it does not read as a tick."""
    if kind == "check" and text.startswith(UNTICKED_PREFIX):
        return UNTICKED_SYMBOL
    return KIND_SYMBOLS[kind]


KIND_LABELS: dict[str, str] = {
    "note": "note",
    "impact_started": "impact",
    "detected": "detected",
    "acknowledged": "acked",
    "mitigated": "mitigated",
    "resolved": "resolved",
    "check": "check",
    "inspect": "inspect",
    "follow": "follow",
    "command": "shell",
    "alert": "alert",
    "update": "update",
}
LABEL_WIDTH = max(len(label) for label in KIND_LABELS.values())
# Who wrote a row, shown once a session has two writers (team mode): names cut to this width.
AUTHOR_WIDTH = 10


def printable(text: str) -> str:
    """Text from a session or a server as one screen row: core's sanitiser, line breaks shown as ⏎."""
    return on_one_row(text)


def hms(moment: datetime, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime("%H:%M:%S")


def clock_digits(delta: timedelta) -> str:
    """Elapsed time for the big digits: H:MM:SS, with days as extra hours, and a sign if negative."""
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else ""
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}:{minutes:02d}:{secs:02d}"


def first_day_needed(session: Session, tz: tzinfo) -> bool:
    """The first row has its date above it once the timeline spans days, or starts on a day other
    than the session's: a back-dated 23:50 yesterday must not read as tonight's."""
    events = session.events
    if not events:
        return False
    first = events[0].time.astimezone(tz).date()
    return first != events[-1].time.astimezone(tz).date() or first != session.created.astimezone(tz).date()
