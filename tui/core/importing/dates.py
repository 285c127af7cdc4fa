"""Dates as people write them in postmortems: 2025-04-08, 4/8/25, April 8th 2025, Dec 1."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MARKUP = "_*`[]()~"
_BULLET = re.compile(r"^\s*(?:[-*•+▪◦‣]|\d{1,3}[.)])\s+")
_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
DATE_FORMS = [
    re.compile(r"(?<![\d/-])(?P<year>\d{4})([-/.])(?P<month>\d{1,2})\2(?P<day>\d{1,2})(?![\d])"),
    re.compile(r"(?<![\d/.-])(?P<month>\d{1,2})/(?P<day>\d{1,2})(?:/(?P<year>\d{4}|\d{2}))?(?![\d/])"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?:,?\s+{_YEAR}\b)?", re.IGNORECASE),
]
_HASHES = re.compile(r"^\s*#+\s*")
# "## February 19, 2022 {#february-19,-2022}": the anchor a word processor's export puts after a heading.
HEADING_ANCHOR = re.compile(r"\s*\{#[^{}\s]*\}\s*$")
_DAY_NUMBER = re.compile(r"^(?:day\s*\d+\s*[-–—:(]\s*)", re.IGNORECASE)
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+", re.IGNORECASE)
_AFTER_DATE = re.compile(r"(?:\([^()]{0,30}\)?)?")


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
    for form in DATE_FORMS:
        for match in form.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            parsed = date_from_match(match)
            if parsed is None:
                continue
            taken.append((match.start(), match.end()))
            found.append(parsed)
    found.sort(key=lambda d: d.start)
    return found


def date_from_match(match: re.Match[str]) -> FoundDate | None:
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
    """A line that is nothing but a date ("2025-12-01", "### April 9", "**Dec 2:**", "April 9 (next
    day)"): a sub-heading that dates the entries below it."""
    core = HEADING_ANCHOR.sub("", _HASHES.sub("", text))
    core = _BULLET.sub("", core)
    core = _DAY_NUMBER.sub("", core.strip(_MARKUP + " \t"))
    core = core.strip(_MARKUP + " \t:.,)")
    core = _WEEKDAY.sub("", core)
    if not any(form.match(core) for form in DATE_FORMS):
        return None  # no date opens it: spare the search of the whole line for dates
    dates = find_dates(core)
    rest = core[dates[0].end :].strip(" ,.:") if dates else ""
    if len(dates) != 1 or dates[0].start != 0 or not _AFTER_DATE.fullmatch(rest):
        return None
    return dates[0].resolve(default_year)
