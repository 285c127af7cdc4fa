"""Times as people type them during an incident: "10:24", "10:24:30", "5:23pm", "-5m", ISO dates."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from tui.core.clock.source import utc_ms
from tui.core.clock.zones import Zone
from tui.core.errors import ScribeError

_CLOCK = r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:\.(?P<ms>\d{1,6}))?)?(?:\s?(?P<ampm>[ap]\.?m\.?))?"
_RELATIVE = r"-(?P<rel>(?:\d+\s?[hms]\s?)+)"
_CLOCK_RE = re.compile(rf"^{_CLOCK}$", re.IGNORECASE)
_RELATIVE_RE = re.compile(rf"^{_RELATIVE}$", re.IGNORECASE)
# A note that opens with a time: the time, optional separators, then the text.
_LEADING_RE = re.compile(rf"^\s*(?:{_CLOCK}|{_RELATIVE})(?=[\s,:\-–—]|$)[\s,:\-–—]*", re.IGNORECASE)
_UNITS = {"h": 3600, "m": 60, "s": 1}


def _relative(spec: str) -> timedelta:
    seconds = sum(int(n) * _UNITS[u.lower()] for n, u in re.findall(r"(\d+)\s?([hmsHMS])", spec))
    return timedelta(seconds=seconds)


def _clock(match: re.Match[str], zone: Zone, now: datetime) -> datetime:
    hour, minute = int(match["h"]), int(match["m"])
    second = int(match["s"] or 0)
    micro = int((match["ms"] or "0").ljust(6, "0"))
    if match["ampm"]:
        if not 1 <= hour <= 12:
            raise ScribeError(f"not a 12-hour time: {match.group(0)!r}")
        hour = hour % 12 + (12 if match["ampm"][0].lower() == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ScribeError(f"not a time of day: {match.group(0)!r}")
    local_now = now.astimezone(zone.tz)
    moment = local_now.replace(hour=hour, minute=minute, second=second, microsecond=micro)
    # Typed times are of things that already happened: a time well ahead of now means yesterday
    # (noting at 00:05 what happened at 23:58).
    if moment - local_now > timedelta(hours=1):
        moment -= timedelta(days=1)
    return utc_ms(moment)


def parse_when(text: str, zone: Zone, now: datetime) -> datetime:
    """Read a time given on its own (`scribe note --at`), in the session's zone; ScribeError if not one."""
    spec = text.strip()
    if match := _CLOCK_RE.match(spec):
        return _clock(match, zone, now)
    if match := _RELATIVE_RE.match(spec):
        return utc_ms(now - _relative(match["rel"]))
    try:
        moment = datetime.fromisoformat(spec)
    except ValueError:
        raise ScribeError(
            f"cannot read the time {text!r} (use 10:24, 10:24:30, 5:23pm, -5m, or 2025-04-08T10:24:00Z)"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone.tz)
    return utc_ms(moment.astimezone(UTC))


def split_leading_time(text: str, zone: Zone, now: datetime) -> tuple[datetime | None, str]:
    """Back-dating: "10:24 factory went down" → (10:24 today in zone, "factory went down").

    Text that does not open with a time, or opens with an impossible one ("99:99"), is left whole.
    """
    match = _LEADING_RE.match(text)
    if not match or not text[match.end() :].strip():
        return None, text
    try:
        if match["rel"]:
            moment = utc_ms(now - _relative(match["rel"]))
        else:
            moment = _clock(match, zone, now)
    except ScribeError:
        return None, text
    return moment, text[match.end() :].strip()


def split_backfill(text: str, zone: Zone, now: datetime) -> list[tuple[datetime, str]] | None:
    """Several pasted lines that each open with a time become one timed entry each; else None."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) < 2:
        return None
    entries = []
    for line in lines:
        moment, rest = split_leading_time(line.lstrip("-*• "), zone, now)
        if moment is None:
            return None
        entries.append((moment, rest))
    return entries
