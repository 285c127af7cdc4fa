"""Time zones as people write them in postmortems: IANA names, GMT/UTC, MST, "UTC-6", "+05:30"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tui.core.errors import ScribeError

# Abbreviations seen in real reports. They are fixed offsets on purpose: an author who wrote "MST"
# in July still meant the times they typed, not a daylight-saving correction of them.
ABBREVIATIONS: dict[str, int] = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "WET": 0,
    "BST": 60,
    "CET": 60,
    "CEST": 120,
    "EET": 120,
    "EST": -300,
    "EDT": -240,
    "CST": -360,
    "CDT": -300,
    "MST": -420,
    "MDT": -360,
    "PST": -480,
    "PDT": -420,
    "AKST": -540,
    "AKDT": -480,
    "HST": -600,
    "IST": 330,
    "JST": 540,
    "KST": 540,
    "AEST": 600,
    "AEDT": 660,
}
# "MT", "Mountain Time" and friends: the author did not say which, so follow the calendar.
REGIONAL: dict[str, str] = {
    "MT": "America/Denver",
    "MOUNTAIN": "America/Denver",
    "MOUNTAIN TIME": "America/Denver",
    "PT": "America/Los_Angeles",
    "PACIFIC": "America/Los_Angeles",
    "PACIFIC TIME": "America/Los_Angeles",
    "CT": "America/Chicago",
    "CENTRAL": "America/Chicago",
    "CENTRAL TIME": "America/Chicago",
    "ET": "America/New_York",
    "EASTERN": "America/New_York",
    "EASTERN TIME": "America/New_York",
}
_OFFSET = re.compile(r"^(?:(UTC|GMT)\s*)?([+-])\s*(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


@dataclass(frozen=True)
class Zone:
    """A zone together with the name the user gave it, so exports say what the author said."""

    name: str
    tz: tzinfo

    def __str__(self) -> str:
        return self.name


def parse_zone(text: str) -> Zone:
    """Read a zone name; raise ScribeError with the accepted forms when it is not one."""
    name = text.strip()
    if not name:
        raise ScribeError("empty time zone")
    upper = name.upper()
    if upper in ABBREVIATIONS:
        offset = ABBREVIATIONS[upper]
        if offset == 0:
            return Zone(upper, timezone.utc)
        return Zone(upper, timezone(timedelta(minutes=offset), upper))
    if upper in REGIONAL:
        return Zone(name, ZoneInfo(REGIONAL[upper]))
    match = _OFFSET.match(name)
    if match:
        prefix, sign, hours, minutes = match.groups()
        delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
        if delta > timedelta(hours=14):
            raise ScribeError(f"time zone offset out of range: {name!r}")
        if sign == "-":
            delta = -delta
        label = f"{(prefix or 'UTC').upper()}{sign}{hours}" + (f":{minutes}" if minutes else "")
        return Zone(label, timezone(delta, label))
    try:
        return Zone(name, ZoneInfo(name))
    except (ZoneInfoNotFoundError, ValueError, IsADirectoryError):
        raise ScribeError(
            f"unknown time zone {name!r} (use an IANA name like Europe/London, "
            "an abbreviation like GMT or MST, or an offset like UTC-6)"
        ) from None


UTC = Zone("UTC", timezone.utc)
