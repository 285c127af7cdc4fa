"""Reading times, dates and zones the way people type them into a postmortem's timeline."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from tui.core.errors import ScribeError
from tui.core.zones import ABBREVIATIONS, REGIONAL, UTC, Zone, parse_zone

# Markdown around a time ("_10:24_", "**10:25 AM**", "`10:24`", "[10:24]"): markup, not content.
_WRAP = "_*`[]()~"
_WRAP_RUN = re.compile(r"[_*`\[\]()~]*")
_BULLET = re.compile(r"^\s*(?:[-*•+▪◦‣]|\d{1,3}[.)])\s+")
_CLOCK = re.compile(
    r"(?P<h>\d{1,2}):(?P<m>\d{1,2})(?!\d)(?::(?P<s>\d{2})(?:[.,]\d{1,6})?)?"
    r"(?:\s*(?P<ap>[aApP])\.?\s?[mM]\.?(?![a-zA-Z]))?"
)
# "7pm": an hour with a meridiem and no minutes.
_HOUR_ONLY = re.compile(r"(?P<h>\d{1,2})\s*(?P<ap>[aApP])\.?[mM]\.?(?![a-zA-Z])")
_RANGE_JOIN = re.compile(r"\s*(?:-{1,2}|–|—|to|until|till|through)\s*", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s*(?:->|=>|→|⇒|—|–|-{1,2}|:|\||,|\.(?=\s))\s*")
_APPROX = re.compile(r"^(?:~|≈|(?:ca\.|approx\.|approx|approximately|around|about|at)\b)\s*", re.I)

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_DATE_FORMS = [
    re.compile(r"(?<![\d/-])(?P<year>\d{4})([-/.])(?P<month>\d{1,2})\2(?P<day>\d{1,2})(?![\d])"),
    re.compile(r"(?<![\d/.-])(?P<month>\d{1,2})/(?P<day>\d{1,2})(?:/(?P<year>\d{4}|\d{2}))?(?![\d/])"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?:,?\s+{_YEAR}\b)?", re.IGNORECASE),
]

_ZONE_WORDS = sorted(
    [re.escape(name) for name in ABBREVIATIONS if len(name) > 1]
    + [re.escape(name) for name in REGIONAL if len(name) <= 3],
    key=len, reverse=True,
)
_ZONE_ABBREV = re.compile(r"(?<![\w])(?:" + "|".join(_ZONE_WORDS) + r")(?![\w])")
_ZONE_OFFSET = re.compile(r"(?<![\w])(?:UTC|GMT)\s*[+\-−]\s*\d{1,2}(?::?\d{2})?(?!\d)", re.IGNORECASE)
_ZONE_UTC_ANYCASE = re.compile(r"(?<![\w])(?:utc|gmt)(?![\w+\-−])", re.IGNORECASE)
_ZONE_LONG = re.compile(
    r"\b(?:mountain|pacific|central|eastern)(?:\s+(?:standard|daylight))?(?:\s+time)?\b"
    r"|\b(?:coordinated\s+universal|greenwich\s+mean)\s+time\b",
    re.IGNORECASE,
)
# Spelled-out names that say which half of the year the author meant: the abbreviation says it too.
_LONG_NAMES = {
    "mountain standard time": "MST", "mountain daylight time": "MDT", "pacific standard time": "PST",
    "pacific daylight time": "PDT", "central standard time": "CST", "central daylight time": "CDT",
    "eastern standard time": "EST", "eastern daylight time": "EDT", "coordinated universal time": "UTC",
    "greenwich mean time": "GMT",
}
_ZONE_IANA = re.compile(r"\b[A-Z][a-z]+/[A-Z][A-Za-z_]+(?:/[A-Z][A-Za-z_]+)?\b")
_DECLARATION = re.compile(
    r"\b(?:all\s+times?|times?\s+(?:are|is|in|shown|listed|given|reported)|time\s*zone|timezone"
    r"|timestamps?\s+(?:are|in))\b",
    re.IGNORECASE,
)
_HEADER_MERIDIEM = re.compile(r"\b(?P<ap>[ap])\.?m\.?\b", re.IGNORECASE)
_NEXT_DAY = re.compile(r"^\s*[(\[]?\s*(?:\+\s*1\s*(?:d(?:ay)?)?|next\s+day|the\s+next\s+day)\s*[)\]]?", re.I)


@dataclass(frozen=True)
class FoundDate:
    """A date mentioned in the text; year is None when the author left it out ("Dec 1")."""

    year: int | None
    month: int
    day: int
    start: int
    end: int

    def resolve(self, default_year: int | None) -> date | None:
        year = self.year if self.year is not None else default_year
        if year is None:
            return None
        try:
            return date(year, self.month, self.day)
        except ValueError:
            return None


def find_dates(text: str) -> list[FoundDate]:
    """Every date in a piece of prose, in order, without overlaps."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for form in _DATE_FORMS:
        for match in form.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            parsed = _date_from_match(match)
            if parsed is None:
                continue
            taken.append((match.start(), match.end()))
            found.append(parsed)
    found.sort(key=lambda d: d.start)
    return found


def _date_from_match(match: re.Match[str]) -> FoundDate | None:
    groups = match.groupdict()
    month = _MONTHS[groups["mon"].lower()[:3]] if groups.get("mon") else int(groups["month"])
    day = int(groups["day"])
    if month > 12 and day <= 12 and not groups.get("mon"):
        month, day = day, month  # 25/12/2025: the author's locale writes the day first
    year = groups.get("year")
    year_value = None
    if year:
        year_value = int(year) + (2000 if len(year) == 2 else 0)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if year_value is not None and not (1990 <= year_value <= 2100):
        return None
    return FoundDate(year_value, month, day, match.start(), match.end())


def date_line(text: str, default_year: int | None) -> date | None:
    """A line that is nothing but a date ("2025-12-01", "### April 9", "**Dec 2:**"): a sub-heading."""
    core = re.sub(r"^\s*#+\s*", "", text)
    core = _BULLET.sub("", core)
    core = re.sub(r"^(?:day\s*\d+\s*[-–—:(]\s*)", "", core.strip(_WRAP + " \t"), flags=re.I)
    core = core.strip(_WRAP + " \t:.,)")
    core = re.sub(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+", "", core, flags=re.IGNORECASE)
    dates = find_dates(core)
    if len(dates) != 1 or dates[0].start != 0 or core[dates[0].end:].strip(" ,.:)") != "":
        return None
    return dates[0].resolve(default_year)


# --- zones -------------------------------------------------------------------------------------

def zone_tokens(text: str) -> list[tuple[int, str, int]]:
    """Zone names in a line as (position, token, preference); lower preference is taken first.

    An abbreviation ("MST", "MT") is what the author calls the zone and what the export repeats,
    so it wins over an offset, which wins over a long name ("Mountain Time").
    """
    tokens: list[tuple[int, str, int]] = []
    spans: list[tuple[int, int]] = []
    for pattern, preference in ((_ZONE_OFFSET, 1), (_ZONE_ABBREV, 0), (_ZONE_UTC_ANYCASE, 0),
                                (_ZONE_LONG, 2), (_ZONE_IANA, 3)):
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in spans):
                continue
            spans.append((match.start(), match.end()))
            tokens.append((match.start(), match.group(0), preference))
    tokens.sort()
    return tokens


def _zone_of(token: str) -> Zone | None:
    token = _LONG_NAMES.get(re.sub(r"\s+", " ", token.lower()), token)
    try:
        return parse_zone(re.sub(r"\s+", "", token).replace("−", "-") if _ZONE_OFFSET.fullmatch(token)
                          else token)
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
        bare = text.strip(_WRAP + " \t:.")
        if len(text) > 100 or re.search(r"recommend|standardi[sz]e", text, re.IGNORECASE):
            return None
        tokens = zone_tokens(bare)
        only_zone = len(tokens) == 1 and tokens[0][0] == 0 and tokens[0][1] == bare
        if not only_zone and not re.search(r"\btime(?:s|line)?\b|zone|timestamps?", text, re.IGNORECASE):
            return None
    elif not _DECLARATION.search(text):
        return None
    zone, conflict = pick_zone(text)
    meridiem = None
    stripped = _ZONE_ABBREV.sub(" ", text)
    header = _HEADER_MERIDIEM.search(stripped)
    if header and not _CLOCK.search(text):
        meridiem = header.group("ap").lower()
    dates = [d.resolve(default_year) for d in find_dates(text)]
    day = next((d for d in dates if d), None)
    if zone is None and meridiem is None:
        return None
    return Declaration(zone, day, meridiem, conflict)


def pick_zone(text: str) -> tuple[Zone | None, str | None]:
    """The zone a line names, and a note when it names two that disagree ("MST or UTC-6")."""
    candidates = [(pref, pos, token) for pos, token, pref in zone_tokens(text)]
    zones = [(pref, pos, token, _zone_of(token)) for pref, pos, token in candidates]
    zones = [z for z in zones if z[3] is not None]
    if not zones:
        return None, None
    zones.sort()
    best = zones[0][3]
    offsets = [z for z in zones if z[0] == 1]
    if best is not None and offsets and zones[0][0] == 0:
        offset_zone = offsets[0][3]
        probe = datetime(2000, 1, 1)
        if offset_zone is not None and _fixed_offset(best) is not None and \
                _fixed_offset(best) != offset_zone.tz.utcoffset(probe):
            note = f"{best.name} and {offset_zone.name} disagree; times read as {offset_zone.name}"
            return offset_zone, note
    return best, None


def _fixed_offset(zone: Zone) -> timedelta | None:
    if zone.name.upper() in ABBREVIATIONS:
        return timedelta(minutes=ABBREVIATIONS[zone.name.upper()])
    return None


def zone_after_times(text: str) -> list[str]:
    """Zone names written right after a time ("10:26 AM GMT", "11:00 am MT"), for reports with
    no declaration line."""
    names: list[str] = []
    for match in re.finditer(r"(?:\d{1,2}:\d{2}(?::\d{2})?|\d{1,2})\s*(?:[ap]\.?m\.?)?\s+", text, re.I):
        rest = text[match.end():match.end() + 12]
        tokens = zone_tokens(rest)
        if tokens and tokens[0][0] == 0:
            zone = _zone_of(tokens[0][1])
            if zone is not None:
                names.append(tokens[0][1])
    return names


def most_common(names: list[str]) -> str | None:
    if not names:
        return None
    counts = Counter(n.upper() if n.upper() in ABBREVIATIONS else n for n in names)
    top = max(counts.values())
    return next(n for n in (x.upper() if x.upper() in ABBREVIATIONS else x for x in names)
                if counts[n] == top)


# --- one timeline line -------------------------------------------------------------------------

@dataclass
class Head:
    """The time at the start of a timeline line, as written, before the day and zone are known."""

    hour: int
    minute: int
    second: int
    meridiem: str | None
    padded: bool
    day: FoundDate | None
    next_day: bool
    zone: Zone | None
    text: str


def read_head(line: str) -> Head | None:
    """Read `- _10:24_ - text`, `**11:54:51.017 AM** — text`, `2025-04-08 11:14:11 - text`,
    `_12:01_ - _12:02_ text` (a range: the start counts), `7:30 - 8:40 -> text` ...; None if the
    line does not open with a time."""
    rest = re.sub(r"^\s*(?:>\s*)*(?:#{1,6}\s+)?", "", line)
    rest = _BULLET.sub("", rest, count=1).strip()
    rest = _APPROX.sub("", rest)
    day = None
    lead = _WRAP_RUN.match(rest)
    probe = rest[lead.end():] if lead else rest
    for form in _DATE_FORMS:
        match = form.match(probe)
        if match and _date_from_match(match) is not None and not _CLOCK.match(probe):
            after = probe[match.end():]
            joined = re.match(r"[_*`\]\)]*\s*(?:,|at|@|-|–|T)?\s*", after, re.IGNORECASE)
            assert joined is not None
            candidate = after[joined.end():]
            if _time_at(candidate) is not None:
                day = _date_from_match(match)
                rest = candidate
            break
    parsed = _time_at(rest)
    if parsed is None:
        return None
    hour, minute, second, meridiem, padded, end = parsed
    rest = rest[end:]
    zone = None
    next_day = False
    while True:
        before = rest
        rest = rest.lstrip(_WRAP.replace("(", "").replace("[", "")).lstrip()
        zoned = re.match(r"\(?\s*", rest)
        inner = rest[zoned.end():] if zoned else rest
        tokens = zone_tokens(inner[:12])
        if tokens and tokens[0][0] == 0 and tokens[0][2] in (0, 1):
            found = _zone_of(tokens[0][1])
            if found is not None:
                zone = found
                rest = re.sub(r"^\s*\)", "", inner[len(tokens[0][1]):])
        elif re.match(r"Z(?![\w])", rest):
            zone, rest = UTC, rest[1:]
        marker = _NEXT_DAY.match(rest)
        if marker:
            next_day = True
            rest = rest[marker.end():]
        dated = re.match(r"\s*[(\[]\s*(?:on\s+)?", rest)
        if dated:
            inner = rest[dated.end():]
            for form in _DATE_FORMS:
                match = form.match(inner)
                if match and _date_from_match(match):
                    close = re.match(r"\s*[)\]]", inner[match.end():])
                    if close:
                        day = _date_from_match(match)
                        rest = inner[match.end() + close.end():]
                    break
        joined = _RANGE_JOIN.match(rest)
        if joined and _time_at(rest[joined.end():]) is not None:
            rest = rest[joined.end():]
            rest = rest[_time_at(rest)[5]:]  # type: ignore[index]
        if rest == before:
            break
    rest = rest.lstrip(_WRAP.replace("(", "").replace("[", ""))
    separator = _SEPARATOR.match(rest)
    if separator:
        rest = rest[separator.end():]
    text = rest.strip()
    if text.startswith(("**", "__")) and text.count(text[:2]) % 2 == 1:
        text = text[2:].lstrip()
    return Head(hour, minute, second, meridiem, padded, day, next_day, zone, text)


def read_inline(line: str) -> Head | None:
    """A list item with one time inside its text ("- Alert fired (10:24)"): the time, and the whole
    item as the text, since nothing marks which words belong to the time."""
    body = _BULLET.match(line)
    if body is None:
        return None
    text = line[body.end():].strip()
    clocks = [m for m in _CLOCK.finditer(text) if _time_at(text[m.start():]) is not None
              and (m.start() == 0 or not text[m.start() - 1].isdigit())]
    if len(clocks) != 1:
        return None
    hour, minute, second, meridiem, padded, _ = _time_at(text[clocks[0].start():])  # type: ignore[misc]
    return Head(hour, minute, second, meridiem, padded, None, False, None, text)


def _time_at(text: str) -> tuple[int, int, int, str | None, bool, int] | None:
    """A time at the start of text (after markup): (hour, minute, second, meridiem, padded, end)."""
    lead = _WRAP_RUN.match(text)
    start = lead.end() if lead else 0
    match = _CLOCK.match(text, start)
    if match:
        hour, minute = int(match.group("h")), int(match.group("m"))
        second = int(match.group("s") or 0)
        meridiem = (match.group("ap") or "").lower() or None
    else:
        match = _HOUR_ONLY.match(text, start)
        if not match:
            return None
        hour, minute, second, meridiem = int(match.group("h")), 0, 0, match.group("ap").lower()
    if hour > 24 or minute > 59 or second > 59 or (meridiem and not 1 <= hour <= 12 and hour > 12):
        return None
    if meridiem and hour > 12:
        meridiem = None
    end = match.end()
    if end < len(text) and (text[end].isdigit() or (text[end] == ":" and text[end + 1:end + 2].isdigit())):
        return None
    padded = len(match.group("h")) == 2
    return hour, minute, second, meridiem, padded, end


def to_24h(hour: int, meridiem: str | None) -> int:
    if meridiem == "a":
        return 0 if hour == 12 else hour
    if meridiem == "p":
        return hour if hour == 12 else hour + 12
    return hour % 24


def combine(day: date, hour: int, minute: int, second: int, zone: Zone) -> datetime:
    """An aware datetime for a wall time in a zone; 24:00 is midnight of the next day."""
    extra = timedelta(days=1) if hour == 24 else timedelta()
    moment = datetime.combine(day, time(hour % 24, minute, second)) + extra
    return moment.replace(tzinfo=zone.tz)
