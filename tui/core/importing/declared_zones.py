"""Zones as postmortems declare them: "All times are MST", "(MST/UTC-7)", "10:26 AM GMT"."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

from tui.core.clock.zones import ABBREVIATIONS, REGIONAL, Zone, parse_zone
from tui.core.errors import ScribeError
from tui.core.importing.dates import find_dates

_MARKUP = "_*`[]()~"
_ANY_CLOCK = re.compile(r"\d{1,2}:\d{2}")
_ZONE_WORDS = sorted(
    [re.escape(name) for name in ABBREVIATIONS if len(name) > 1]
    + [re.escape(name) for name in REGIONAL if len(name) <= 3],
    key=len,
    reverse=True,
)
_ZONE_ABBREV = re.compile(r"(?<![\w])(?:" + "|".join(_ZONE_WORDS) + r")(?![\w])")
_ZONE_OFFSET = re.compile(r"(?<![\w])(?:UTC|GMT)\s*[+\-−]\s*\d{1,2}(?::?\d{2})?(?!\d)", re.IGNORECASE)
_ZONE_UTC_ANYCASE = re.compile(r"(?<![\w])(?:utc|gmt)(?![\w+\-−])", re.IGNORECASE)
_ZONE_LONG = re.compile(
    r"\b(?:mountain|pacific|central|eastern)(?:[\s-]+(?:standard|daylight))?(?:[\s-]+time)?\b"
    r"|\b(?:coordinated\s+universal|greenwich\s+mean)\s+time\b",
    re.IGNORECASE,
)
# Spelled-out names that say which half of the year the author meant: the abbreviation says it too.
_LONG_NAMES = {
    "mountain standard time": "MST",
    "mountain daylight time": "MDT",
    "pacific standard time": "PST",
    "pacific daylight time": "PDT",
    "central standard time": "CST",
    "central daylight time": "CDT",
    "eastern standard time": "EST",
    "eastern daylight time": "EDT",
    "coordinated universal time": "UTC",
    "greenwich mean time": "GMT",
}
_ZONE_IANA = re.compile(r"\b[A-Z][a-z]+/[A-Z][A-Za-z_]+(?:/[A-Z][A-Za-z_]+)?\b")
_DECLARATION = re.compile(
    r"\b(?:all\s+times?|times?\s+(?:are|is|in|shown|listed|given|reported)|time\s*zone|timezone"
    r"|timestamps?\s+(?:are|in))\b",
    re.IGNORECASE,
)
_ADVICE = re.compile(r"recommend|standardi[sz]e", re.IGNORECASE)
_ABOUT_TIMES = re.compile(r"\btime(?:s|line)?\b|zone|timestamps?", re.IGNORECASE)
# "All times PM": capitals or dots only, since a lower-case "am" is as likely to be "I am".
_HEADER_MERIDIEM = re.compile(
    r"(?<![\w.])(?:(?P<ap>[AP])\.?M\.?|(?P<dotted>[ap])\.m\.)(?![\w])"
    r"|\b(?i:times?\s+(?:are\s+)?(?:in\s+)?(?:the\s+)?(?P<after>[ap])\.?m\.?)(?![\w])"
)


class ZoneToken(NamedTuple):
    """A zone name found in a line; tokens sort by position, then preference."""

    position: int
    text: str
    preference: int  # lower is taken first


def zone_tokens(text: str) -> list[ZoneToken]:
    """Zone names in a line, in order; a lower preference is taken first.

    An abbreviation ("MST", "MT") is what the author calls the zone and what the export repeats,
    so it wins over an offset, which wins over a long name ("Mountain Time").
    """
    tokens: list[ZoneToken] = []
    # The spans taken so far, disjoint and in order: an overlap check is two neighbours, not a
    # scan of them all (a line of "UTC+UTC+..." holds tens of thousands).
    starts: list[int] = []
    ends: list[int] = []
    for pattern, preference in (
        (_ZONE_OFFSET, 1),
        (_ZONE_ABBREV, 0),
        (_ZONE_UTC_ANYCASE, 0),
        (_ZONE_LONG, 2),
        (_ZONE_IANA, 3),
    ):
        for match in pattern.finditer(text):
            start, end = match.span()
            index = bisect_right(starts, start)
            if (index and ends[index - 1] > start) or (index < len(starts) and starts[index] < end):
                continue
            starts.insert(index, start)
            ends.insert(index, end)
            tokens.append(ZoneToken(start, match.group(0), preference))
    tokens.sort()
    return tokens


def zone_of(token: str) -> Zone | None:
    """The zone a token names, or None when parse_zone does not know it."""
    token = _LONG_NAMES.get(re.sub(r"[\s-]+", " ", token.lower()), token)
    try:
        return parse_zone(re.sub(r"\s+", "", token).replace("−", "-") if _ZONE_OFFSET.fullmatch(token) else token)
    except ScribeError:
        return None


@dataclass(frozen=True)
class Declaration:
    """What an "All times are ..." line says: the zone, maybe a date, maybe "PM"."""

    zone: Zone | None
    day: date | None
    meridiem: str | None
    conflict: str | None


def read_declaration(text: str, default_year: int | None, lenient: bool = False) -> Declaration | None:
    """Read a zone declaration line ("All times are MST"); None when the line is not one.

    `lenient` also takes any short line about times or zones that names one ("Times below are in
    UTC", "(UTC)"), which is safe only inside a timeline and never for the template's advice.
    """
    if lenient:
        bare = text.strip(_MARKUP + " \t:.")
        if len(text) > 100 or _ADVICE.search(text):
            return None
        if not _ABOUT_TIMES.search(text):
            tokens = zone_tokens(bare)
            if not (len(tokens) == 1 and tokens[0].position == 0 and tokens[0].text == bare):
                return None  # neither about times nor a zone on its own
    elif (text.isascii() and "tim" not in text.lower()) or not _DECLARATION.search(text):
        # Every declaration says "time"; in ASCII, looking for it is much cheaper than the pattern.
        return None
    zone, conflict = pick_zone(text)
    meridiem = None
    stripped = _ZONE_ABBREV.sub(" ", text)
    header = _HEADER_MERIDIEM.search(stripped)
    if header and not _ANY_CLOCK.search(text):
        meridiem = (header.group("ap") or header.group("dotted") or header.group("after")).lower()
    dates = [d.resolve(default_year) for d in find_dates(text)]
    day = next((d for d in dates if d), None)
    if zone is None and meridiem is None:
        return None
    return Declaration(zone, day, meridiem, conflict)


def pick_zone(text: str) -> tuple[Zone | None, str | None]:
    """The zone a line names, and a note when it names two that disagree ("MST or UTC-6")."""
    candidates = [(pref, pos, token) for pos, token, pref in zone_tokens(text)]
    zones = [(pref, pos, token, zone_of(token)) for pref, pos, token in candidates]
    zones = [z for z in zones if z[3] is not None]
    if not zones:
        return None, None
    zones.sort()
    _, position, token, best = zones[0]
    assert best is not None
    # "MST or UTC-6", "MST/UTC-7": an offset written right beside the name says what was meant.
    after = position + len(token)
    beside = [
        z for z in zones if z[0] == 1 and after <= z[1] <= after + _BESIDE and _BESIDE_GAP.fullmatch(text, after, z[1])
    ]
    if zones[0][0] == 0 and beside and _fixed_offset(best) is not None:
        offset_zone = beside[0][3]
        if offset_zone is not None and _fixed_offset(best) != offset_zone.tz.utcoffset(datetime(2000, 1, 1)):
            note = f"{best.name} and {offset_zone.name} disagree; times read as {offset_zone.name}"
            return offset_zone, note
    return best, None


_BESIDE_GAP = re.compile(r"\s*(?:/|or|\(|,|=|-)?\s*", re.IGNORECASE)
_BESIDE = 12  # the longest gap "beside" allows: a separator and some spaces


def _fixed_offset(zone: Zone) -> timedelta | None:
    if zone.name.upper() in ABBREVIATIONS:
        return timedelta(minutes=ABBREVIATIONS[zone.name.upper()])
    return None


# "10:26 AM ", "11:00 ", "7 ": a time and the space before a zone name. The hour leads, rather than a
# choice of two forms, so that the search skips to the next digit instead of trying both everywhere.
_TIME_THEN_SPACE = re.compile(r"\d{1,2}(?::\d{2}(?::\d{2})?)?\s*(?:[ap]\.?m\.?)?\s+", re.IGNORECASE)


def zone_after_times(text: str) -> list[str]:
    """Zone names written right after a time ("10:26 AM GMT", "11:00 am MT"), for reports with
    no declaration line."""
    names: list[str] = []
    for match in _TIME_THEN_SPACE.finditer(text):
        rest = text[match.end() : match.end() + 12]
        tokens = zone_tokens(rest)
        if tokens and tokens[0].position == 0:
            zone = zone_of(tokens[0].text)
            if zone is not None:
                names.append(tokens[0].text)
    return names


def most_common(names: list[str]) -> str | None:
    """The name written most often (abbreviations counted whatever their case); the first on a tie."""
    if not names:
        return None
    counts = Counter(n.upper() if n.upper() in ABBREVIATIONS else n for n in names)
    top = max(counts.values())
    return next(n for n in (x.upper() if x.upper() in ABBREVIATIONS else x for x in names) if counts[n] == top)
