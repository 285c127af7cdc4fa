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
# The times Scribe accepts and shows. Far outside it, a zone's offset or a duration overflows
# datetime (year 1 in Denver, year 9999 in Tokyo); a time typed outside it is refused, and one
# already in a file is shown at the nearest bound and flagged.
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(9000, 1, 1, tzinfo=UTC)
RANGE_TEXT = "1970-01-01 to 9000-01-01 UTC"


class OutOfRangeTime(ScribeError):
    """A time that reads as a time but lies outside EARLIEST..LATEST."""


def in_range(moment: datetime) -> bool:
    return EARLIEST <= moment <= LATEST


def check_range(moment: datetime, typed: str) -> datetime:
    """The moment itself, or OutOfRangeTime naming what was typed and the range."""
    if not in_range(moment):
        raise OutOfRangeTime(f"the time {typed!r} is outside the times Scribe keeps ({RANGE_TEXT})")
    return moment


def _relative(spec: str) -> timedelta:
    seconds = sum(int(n) * _UNITS[u.lower()] for n, u in re.findall(r"(\d+)\s?([hmsHMS])", spec))
    if seconds > (LATEST - EARLIEST).total_seconds():
        raise OutOfRangeTime(f"the time '-{spec.strip()}' is outside the times Scribe keeps ({RANGE_TEXT})")
    return timedelta(seconds=seconds)


def _back(now: datetime, spec: str) -> datetime:
    return check_range(utc_ms(now - _relative(spec)), f"-{spec.strip()}")


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
        return _back(now, match["rel"])
    try:
        moment = datetime.fromisoformat(spec)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=zone.tz)
        moment = utc_ms(moment.astimezone(UTC))
    except OverflowError:  # year 1 or 9999 moved by the zone's offset
        raise OutOfRangeTime(f"the time {text!r} is outside the times Scribe keeps ({RANGE_TEXT})") from None
    except ValueError:
        raise ScribeError(
            f"cannot read the time {text!r} (use 10:24, 10:24:30, 5:23pm, -5m, or 2025-04-08T10:24:00Z)"
        ) from None
    return check_range(moment, text)


def split_leading_time(text: str, zone: Zone, now: datetime) -> tuple[datetime | None, str]:
    """Back-dating: "10:24 factory went down" → (10:24 today in zone, "factory went down").

    Text that does not open with a time, or opens with an impossible one ("99:99"), is left whole;
    one that opens with a time outside the supported range ("-99999999h") raises OutOfRangeTime,
    so the writer can refuse it rather than file the note at a time it cannot show.
    """
    match = _LEADING_RE.match(text)
    if not match or not text[match.end() :].strip():
        return None, text
    try:
        if match["rel"]:
            moment = _back(now, match["rel"])
        else:
            moment = _clock(match, zone, now)
    except OutOfRangeTime:
        raise
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


def out_of_range_in(text: str, zone: Zone, now: datetime) -> str | None:
    """Why a note's text would be refused for a leading time outside the range, line by line as the
    app splits it; None when every line is fine."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # As typed, and as a pasted list's line without its bullet (what split_backfill reads).
    for line in (*lines, *(line.lstrip("-*• ") for line in lines if len(lines) > 1)):
        try:
            split_leading_time(line, zone, now)
        except OutOfRangeTime as error:
            return str(error)
    return None
