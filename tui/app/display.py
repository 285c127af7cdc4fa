"""How session values look on screen: times in the session's zone, kind symbols, safe event text."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, tzinfo

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
}
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
}
LABEL_WIDTH = max(len(label) for label in KIND_LABELS.values())

# C0 controls, DEL, C1 controls and the Unicode line/paragraph separators: an event's text comes
# from pastes, logs and other writers, and none of these may reach the terminal as themselves.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _visible(match: re.Match[str]) -> str:
    char = match.group(0)
    code = ord(char)
    if char == "\t":
        return " "
    if char in "\n\r\u2028\u2029":
        return " ⏎ "
    if code < 0x20:
        return "^" + chr(code + 0x40)  # ESC -> ^[ as terminals and less show it
    if code == 0x7F:
        return "^?"
    return f"\\x{code:02x}"


def printable(text: str) -> str:
    """Event text with every control character replaced by a visible spelling of it."""
    return _CONTROL.sub(_visible, text)


def hms(moment: datetime, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime("%H:%M:%S")


def clock_digits(delta: timedelta) -> str:
    """Elapsed time for the big digits: H:MM:SS, with days as extra hours, and a sign if negative."""
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else ""
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}:{minutes:02d}:{secs:02d}"
