"""One timeline line as people type it: the time at its start, a range, a date, a zone, the text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from tui.core.clock.zones import UTC, Zone
from tui.core.importing.dates import DATE_FORMS, FoundDate, date_from_match
from tui.core.importing.declared_zones import zone_of, zone_tokens
from tui.core.postmortem.format import EXPORTED_LINE

_WRAP_RUN = re.compile(r"[_*`\[\]()~]*")
_CLOSERS = "_*`])~"  # markup that may close around a time; "(" and "[" open what follows it
# A word processor's bullets pasted as text: "•", "▪", "–" or an "o" followed by a tab.
_BULLET = re.compile(r"^\s*(?:[-*•+▪◦‣–]|\d{1,3}[.)])\s+|^\s*o\t\s*")
_CLOCK_FORM = (
    r"(?P<h>\d{1,2}):(?P<m>\d{1,2})(?!\d)(?::(?P<s>\d{2})(?:[.,]\d{1,6})?)?"
    r"(?:\s*(?P<ap>[aApP])\.?\s?[mM]\.?(?![a-zA-Z]))?"
)
_CLOCK = re.compile(_CLOCK_FORM)
# "7pm": an hour with a meridiem and no minutes.
_HOUR_ONLY_FORM = r"(?P<hour>\d{1,2})\s*(?P<hour_ap>[aApP])\.?[mM]\.?(?![a-zA-Z])"
# What _time_at reads: markup, then a clock, else an hour with its meridiem. One pattern, as it is
# tried at the start of every line (markup is never a digit, so it cannot give back characters).
_TIME_AT = re.compile(rf"{_WRAP_RUN.pattern}(?:{_CLOCK_FORM}|{_HOUR_ONLY_FORM})")
_RANGE_JOIN = re.compile(r"\s*(?:-{1,2}|–|—|to|until|till|through)\s*", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s*(?:->|=>|→|⇒|—|–|-{1,2}|:|\||,|\.(?=\s))\s*")
_APPROX = re.compile(r"^(?:(?:\\?~|≈|(?:ca\.|approx\.|approx|approximately|around|about|at|by)\b)\s*)+", re.I)
# "**Detected:** 10:26": a label, then the time.
_LABEL = re.compile(r"^\s*[*_]{0,2}[A-Za-z][\w /&'-]{0,40}[*_]{0,2}\s*:\s*[*_]{0,2}\s*(?=\d{1,2}:\d{2})")
_QUOTE_OR_HASHES = re.compile(r"^\s*(?:>\s*)*(?:#{1,6}\s+)?")
_DATE_JOIN = re.compile(r"[_*`\]\)]*\s*(?:,|at|@|-|–|T|/)?\s*", re.IGNORECASE)
_DATE_OPEN = re.compile(r"\s*[(\[]\s*(?:on\s+)?")
_DATE_CLOSE = re.compile(r"\s*[)\]]")
_ZULU = re.compile(r"Z(?![\w])")
_TRAILING_ZONE = re.compile(r"\s*(?P<zone>(?:UTC|GMT)(?:\s*[+\-−]\s*\d{1,2}(?::?\d{2})?)?|[A-Z]{2,4}T)?")
# What leads into a time at the end of a line: " - ", " at ", "(", ":", emphasis.
_LEAD_OUT = re.compile(r"(?:[\s\-–—:,(\[*_`~]|\b(?:at|by|around|about|approx\.?|approximately)\b)+$", re.IGNORECASE)
_NEXT_DAY = re.compile(r"^\s*[(\[]?\s*(?:\+\s*1\s*(?:d(?:ay)?)?|next\s+day|the\s+next\s+day)\s*[)\]]?", re.I)
_DIGIT = re.compile(r"\d")
# A Markdown line break written as a backslash ending the line: "05:13*: Alert fired.\\".
_HARD_BREAK = re.compile(r"(?<![\\\s])\s*\\$")
_OPENER = re.compile(r"[_*]+")


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


class ClockTime(NamedTuple):
    """A time read at the start of a text; `end` is where it stops in that text."""

    hour: int
    minute: int
    second: int
    meridiem: str | None  # "a" or "p" when written
    padded: bool  # a two-digit hour ("09:30"), which 12-hour guessing leaves alone
    end: int


def read_head(line: str) -> Head | None:
    """Read `- _10:24_ - text`, `**11:54:51.017 AM** — text`, `2025-04-08 11:14:11 - text`,
    `_12:01_ - _12:02_ text` (a range: the start counts), `7:30 - 8:40 -> text` ...; None if the
    line does not open with a time."""
    exported = EXPORTED_LINE.match(line)
    if exported is not None:
        head = _exported_head(line, exported)
        if head is not None:
            return head
    return _read_any_head(line)


def _exported_head(line: str, match: re.Match[str]) -> Head | None:
    """The export's own line, read as _read_any_head reads it; None where that reading is not
    this simple: a time out of range, or a text that opens with a time (a range, "10:24 - 10:30")."""
    hour, minute, second = int(match.group("h")), int(match.group("m")), int(match.group("s") or 0)
    rest = line[match.end() :]
    if hour > 24 or minute > 59 or second > 59 or _WRAP_RUN.sub("", rest, count=1)[:1].isdecimal():
        return None
    return Head(hour, minute, second, None, True, None, False, None, _HARD_BREAK.sub("", _entry_text(rest, line)))


def _read_any_head(line: str) -> Head | None:
    """read_head for every form people write: an optional date, the time, then what may follow
    it (a zone, "(+1 day)", a date in brackets, the end of a range), then the text."""
    opening = _opening(line)
    if opening is None:
        return None
    day, rest = _leading_date(opening)
    clock = _time_at(rest)
    if clock is None:
        return None
    after = _AfterTime(rest[clock.end :], clock.hour, clock.meridiem, day)
    after.read()
    rest = after.rest.lstrip(_CLOSERS)
    separator = _SEPARATOR.match(rest)
    if separator:
        rest = rest[separator.end() :]
    return Head(
        hour=clock.hour,
        minute=clock.minute,
        second=clock.second,
        meridiem=after.meridiem,
        padded=clock.padded,
        day=after.day,
        next_day=after.next_day,
        zone=after.zone,
        text=_HARD_BREAK.sub("", _entry_text(rest, line)),
    )


def _opening(line: str) -> str | None:
    """The line without quoting, heading marks, bullet and "about"; None when no time can open it."""
    if not _DIGIT.search(line, 0, 80) and not any(character.isdigit() for character in line[:80]):
        return None  # the common case for prose, answered cheaply
    rest = _QUOTE_OR_HASHES.sub("", line, count=1)
    rest = _BULLET.sub("", rest, count=1).strip()
    return _APPROX.sub("", rest)


def _leading_date(text: str) -> tuple[FoundDate | None, str]:
    """A date before the time ("2025-04-08 11:14", "Apr 8, 10:24"): the date and the text from the
    time on; (None, text) when no date with a time after it opens the text."""
    lead = _WRAP_RUN.match(text)
    probe = text[lead.end() :] if lead else text
    if _CLOCK.match(probe):
        return None, text  # a line that opens with a clock has no date before it
    for form in DATE_FORMS:
        match = form.match(probe)
        if match and date_from_match(match) is not None:
            after = probe[match.end() :]
            joined = _DATE_JOIN.match(after)
            assert joined is not None  # every part of the pattern is optional
            candidate = after[joined.end() :]
            if _time_at(candidate) is not None:
                return date_from_match(match), candidate
            break
    return None, text


@dataclass
class _AfterTime:
    """What follows a time, read one piece at a time until nothing more is recognised; `rest` is
    what is left of the line. Each reader below looks at the start of `rest` and takes what it knows."""

    rest: str
    hour: int
    meridiem: str | None
    day: FoundDate | None
    zone: Zone | None = None
    next_day: bool = False

    def read(self) -> None:
        while True:
            before = self.rest
            self.rest = stripped = self.rest.lstrip(_CLOSERS).lstrip()
            self._zone()
            self._next_day()
            self._bracketed_date()
            self._range_end()
            if self.rest == before:
                break
            if self.rest == stripped and not (self.rest and self.rest[0] in _CLOSERS):
                break  # nothing was read this time round and the next round would strip nothing

    def _zone(self) -> None:
        """ "10:24 UTC", "10:24 (MST)", "10:24Z"."""
        inner = self.rest.lstrip("( ")
        tokens = zone_tokens(inner[:12]) if inner[:1].isalpha() else []
        if tokens and tokens[0].position == 0 and tokens[0].preference in (0, 1):
            found = zone_of(tokens[0].text)
            if found is not None:
                self.zone = found
                self.rest = inner[len(tokens[0].text) :].lstrip(" )")
        elif _ZULU.match(self.rest):
            self.zone, self.rest = UTC, self.rest[1:]

    def _next_day(self) -> None:
        """ "00:12 (+1 day)", "00:12 next day"."""
        marker = _NEXT_DAY.match(self.rest)
        if marker:
            self.next_day = True
            self.rest = self.rest[marker.end() :]

    def _bracketed_date(self) -> None:
        """ "00:12 (Apr 9)", "7:30 [on Dec 3]"."""
        dated = _DATE_OPEN.match(self.rest)
        if not dated:
            return
        inner = self.rest[dated.end() :]
        for form in DATE_FORMS:
            match = form.match(inner)
            if match and date_from_match(match):
                close = _DATE_CLOSE.match(inner, match.end())
                if close:
                    self.day = date_from_match(match)
                    self.rest = inner[close.end() :]
                break

    def _range_end(self) -> None:
        """ "10:24 - 10:26": the start counts; "10:24 - 10:26 PM": the meridiem written once covers both."""
        joined = _RANGE_JOIN.match(self.rest)
        until = _time_at(self.rest[joined.end() :]) if joined else None
        if joined is None or until is None:
            return
        if self.meridiem is None and until.meridiem and 1 <= self.hour <= 12:
            self.meridiem = until.meridiem
            if to_24h(self.hour, self.meridiem) > to_24h(until.hour, until.meridiem):
                self.meridiem = "a" if self.meridiem == "p" else "p"
        self.rest = self.rest[joined.end() :][until.end :]


def _entry_text(rest: str, line: str) -> str:
    """The words after the time, without emphasis that opened before the time and closes after them."""
    text = rest.strip()
    if text.startswith(("**", "__")) and text.count(text[:2]) % 2 == 1:
        text = text[2:].lstrip()
    opener = _OPENER.match(_BULLET.sub("", line).lstrip()) if text.endswith(("_", "*")) else None
    if opener and text.endswith(opener.group(0)) and text.count(opener.group(0)) % 2 == 1:
        # "_12:33 - Traffic stopped._": the emphasis wraps the whole line, not the time.
        text = text[: -len(opener.group(0))].rstrip()
    return text


def read_inline(line: str) -> Head | None:
    """A list item (or "Label: time" line) with one time inside: the time, and as the text the
    words before it when the time ends the line ("- Alert fired (10:24)"), else the whole item,
    since nothing marks which of its words belong to the time."""
    body = _BULLET.match(line) or _LABEL.match(line)
    if body is None:
        return None
    text = line[body.end() if _BULLET.match(line) else 0 :].strip()
    clocks = [
        m
        for m in _CLOCK.finditer(text)
        if _time_at(text[m.start() :]) is not None and (m.start() == 0 or not text[m.start() - 1].isdigit())
    ]
    if len(clocks) != 1:
        return None
    start = clocks[0].start()
    clock = _time_at(text[start:])
    assert clock is not None  # the clocks were kept for reading as a time
    tail = _TRAILING_ZONE.match(text, start + clock.end)
    named = tail.group("zone") if tail else None
    zone = zone_of(named) if named else None
    if tail and (zone or not named) and text[tail.end() :].strip(" .)]*_`") == "":
        # "- Alert fired (10:24 UTC)", "**Detected:** 10:26": the time ends the line, so the words
        # before it are the entry.
        before = _LEAD_OUT.sub("", text[:start]).rstrip()
        for marker in ("**", "__", "*", "_", "`"):
            if before.startswith(marker) and before.count(marker) % 2 == 1:
                before = before[len(marker) :]  # "**Detected:**" lost its closing marker above
        if re.sub(r"[*_`]", "", before).strip():
            text = before
    return Head(clock.hour, clock.minute, clock.second, clock.meridiem, clock.padded, None, False, zone, text)


def _time_at(text: str) -> ClockTime | None:
    """A time at the start of text (after markup)."""
    match = _TIME_AT.match(text)
    if match is None:
        return None
    digits, minutes, seconds, clock_ap, hour_digits, hour_ap = match.group("h", "m", "s", "ap", "hour", "hour_ap")
    if digits is not None:
        hour, minute, second = int(digits), int(minutes), int(seconds or 0)
        meridiem = clock_ap.lower() if clock_ap else None
    else:
        digits = hour_digits
        hour, minute, second, meridiem = int(digits), 0, 0, hour_ap.lower()
    if hour > 24 or minute > 59 or second > 59:
        return None
    if meridiem and hour > 12:
        meridiem = None  # "13:31 PM": the 24-hour figure already says it
    end = match.end()
    if end < len(text) and (text[end].isdigit() or (text[end] == ":" and text[end + 1 : end + 2].isdigit())):
        return None
    return ClockTime(hour, minute, second, meridiem, len(digits) == 2, end)


def to_24h(hour: int, meridiem: str | None) -> int:
    """12 AM is midnight and 12 PM is noon, as on any clock."""
    if meridiem == "a":
        return 0 if hour == 12 else hour
    if meridiem == "p":
        return hour if hour == 12 else hour + 12
    return hour % 24


def combine(day: date, hour: int, minute: int, second: int, zone: Zone) -> datetime:
    """An aware datetime for a wall time in a zone; 24:00 is midnight of the next day."""
    if hour != 24:
        return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=zone.tz)
    moment = datetime.combine(day, time(0, minute, second)) + timedelta(days=1)
    return moment.replace(tzinfo=zone.tz)
