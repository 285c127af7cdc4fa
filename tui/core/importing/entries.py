"""The Timeline section of a postmortem, read line by line into timed entries and untimed notes.

Each kind of line (blank, markup, table row, timed line, zone declaration, date sub-heading, a
time inside an item, continuation) has a handler; the wall times are then settled into aware
datetimes, with the day and AM/PM the lines around them give.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import NamedTuple

from tui.core.clock.zones import Zone
from tui.core.importing.dates import date_line, find_dates
from tui.core.importing.declared_zones import Declaration, read_declaration
from tui.core.importing.sections import TABLE_SEPARATOR, is_markup, unquote
from tui.core.importing.timeline import Head, combine, read_head, read_inline, to_24h

_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_ITEM_START = re.compile(r"^\s*(?:[-*•+]|\d{1,3}[.)])\s+")
_EMPTY_ITEMS = ("", "*", "-", "+", "•", "▪", "–")
_ITEM_BULLET = re.compile(r"^\s*(?:[-*•+])\s+")


@dataclass(frozen=True)
class Entry:
    """One timed line of the timeline: when it happened (aware), what the author wrote, where."""

    time: datetime
    text: str
    line: int


@dataclass(frozen=True)
class Note:
    """A line in the timeline that carries no time we could read; kept so nothing is lost."""

    text: str
    line: int


@dataclass
class _TimedLine:
    """A line that opens with a time, with the lines that continue it, before its day and
    meridiem are settled (_resolve): `day` is the day in force where it stands, `day_given` true
    right after a date sub-heading."""

    head: Head
    line: int
    parts: list[str]
    day: date
    day_given: bool


class _Line(NamedTuple):
    """One line of the timeline as the handlers see it."""

    text: str  # unquoted, without trailing space
    number: int
    following: str  # the next line as written ("" at the end): a table row is judged by it
    after_note: bool  # the line before was an untimed paragraph line, which this one may continue


class TimelineEntries(NamedTuple):
    """What the timeline section gives: the timed entries, and the lines without a time."""

    entries: list[Entry]
    notes: list[Note]


class _TimedCell(NamedTuple):
    """The first cell of a table row that opens with a time, and what it says."""

    head: Head
    cell: str


_NO_ZONE = Declaration(None, None, None, None)


@dataclass
class _TimelineReader:
    """Reads the timeline line by line. Each kind of line has a handler that says whether the
    line is its kind (and takes it); a line no handler takes is a note."""

    start_day: date
    warnings: list[tuple[int, str]]
    timed: list[_TimedLine] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    current: _TimedLine | None = None  # the entry that following lines may continue
    day: date = field(init=False)  # the day in force: the start day until a date sub-heading
    day_given: bool = False
    in_paragraph: bool = False

    def __post_init__(self) -> None:
        self.day = self.start_day

    def read(self, rows: list[tuple[int, str]]) -> None:
        handlers = (
            self._blank,
            self._markup,
            self._table_row,
            self._tab_header,
            self._timed,
            self._zone_declaration,
            self._date_heading,
            self._inline_time,
            self._continuation,
        )
        for index, (number, raw) in enumerate(rows):
            following = rows[index + 1][1] if index + 1 < len(rows) else ""
            line = _Line(unquote(raw).rstrip(), number, following, self.in_paragraph)
            self.in_paragraph = False
            if not any(handler(line) for handler in handlers):
                self._note(line)

    def _start_entry(self, head: Head, number: int, parts: list[str]) -> None:
        self.current = _TimedLine(head, number, parts, self.day, self.day_given)
        self.timed.append(self.current)
        self.day_given = False

    def _blank(self, line: _Line) -> bool:
        """An empty line, or an empty bullet ("* " left by a word processor), ends the entry that
        lines below could continue."""
        if line.text.strip() not in _EMPTY_ITEMS:
            return False
        self.current = None
        return True

    def _markup(self, line: _Line) -> bool:
        return is_markup(line.text)

    def _table_row(self, line: _Line) -> bool:
        """ "| 10:24 | Alert fired |": the first cell with a time opens the entry, a cell with a date
        gives its day, the other cells are its text; a row without a time is a note (a header row,
        the one above the separator, is dropped)."""
        cells = _table_cells(line.text)
        if cells is None:
            return False
        found = next((_TimedCell(head, cell) for cell in cells if (head := read_head(cell))), None)
        if found is None:
            if not TABLE_SEPARATOR.match(unquote(line.following)):
                self.notes.append(Note(line.text.strip(), line.number))
                self.warnings.append((line.number, "table row without a time; kept as a note"))
            return True
        head = found.head
        dated = [c for c in cells if c is not found.cell and date_line(c, self.day.year)]
        if dated and head.day is None:
            head.day = next(iter(find_dates(dated[0])), None)
        rest = [c for c in cells if c is not found.cell and c not in dated[:1] and c.strip()]
        head.text = " - ".join(([head.text] if head.text else []) + rest)
        self._start_entry(head, line.number, [head.text])
        self.current = None  # a table row is whole: the next line does not continue it
        return True

    def _tab_header(self, line: _Line) -> bool:
        """ "Time<tab>Event" above "21:59:04<tab>Attacker uploads a file": the header of a table
        pasted as tab-separated lines names the columns, as the row above a separator does."""
        following = unquote(line.following)
        if "\t" not in line.text.strip() or "\t" not in following or read_head(line.text) is not None:
            return False
        return read_head(following) is not None and len(line.text) < 160

    def _timed(self, line: _Line) -> bool:
        head = read_head(line.text)
        if head is None:
            return False
        self._start_entry(head, line.number, [head.text] if head.text else [])
        return True

    def _zone_declaration(self, line: _Line) -> bool:
        """ "All times are MST", "(UTC)": read before the timeline (_declared), skipped here."""
        year = self.start_day.year
        return (read_declaration(line.text, year) is not None and len(line.text) < 160) or (
            read_declaration(line.text, year, lenient=True) or _NO_ZONE
        ).zone is not None

    def _date_heading(self, line: _Line) -> bool:
        """A line that is a date ("April 9", "**2025-04-09**") sets the day of the entries below it."""
        subheading = date_line(line.text, self.start_day.year)
        if subheading is None:
            return False
        if abs(subheading.year - self.start_day.year) > 1:
            # "12/2/15" under a 2025 incident: a slip of the year, not a decade.
            self.warnings.append((line.number, f"read the date {subheading.isoformat()} as in {self.start_day.year}"))
            subheading = _same_day_in(subheading, self.start_day.year)
        self.day, self.day_given, self.current = subheading, True, None
        return True

    def _inline_time(self, line: _Line) -> bool:
        """ "- Alert fired (10:24)": one time inside a list item."""
        inline = read_inline(line.text)
        if inline is None:
            return False
        self._start_entry(inline, line.number, [inline.text])
        self.warnings.append((line.number, "time read from inside the line, not from its start"))
        return True

    def _continuation(self, line: _Line) -> bool:
        """A wrapped line or an indented sub-item joins the entry above it."""
        is_item = _ITEM_START.match(line.text) is not None
        indented = len(line.text) - len(line.text.lstrip()) >= 2
        if self.current is None or (is_item and not indented) or line.text.lstrip().startswith("#"):
            return False
        self.current.parts.append(_ITEM_BULLET.sub("", line.text).strip())
        return True

    def _note(self, line: _Line) -> None:
        """A line without a time, kept so nothing is lost. A paragraph without times is one note,
        as it is one thought of the author's."""
        self.current = None
        is_item = _ITEM_START.match(line.text) is not None
        if not is_item and line.after_note:
            last = self.notes[-1]
            self.notes[-1] = Note(f"{last.text} {line.text.strip()}", last.line)
            self.in_paragraph = True
            return
        self.notes.append(Note(line.text.strip(), line.number))
        self.in_paragraph = not is_item
        self.warnings.append((line.number, "timeline line without a time; kept as a note"))


def read_timeline(
    rows: list[tuple[int, str]],
    start_day: date,
    zone: Zone,
    header_meridiem: str | None,
    warnings: list[tuple[int, str]],
) -> TimelineEntries:
    """The Timeline section's (line number, text) rows, read with the incident's first day, its
    zone and the "PM" a header declared; what was unclear is added to `warnings`."""
    # "10:24 - a<br>10:30 - b": one line of Markdown, two lines to a reader.
    rows = [(n, part) for n, row in rows for part in (_BREAK.split(row) if "<" in row else (row,))]
    reader = _TimelineReader(start_day, warnings)
    reader.read(rows)
    return TimelineEntries(_resolve(reader.timed, zone, header_meridiem, warnings), reader.notes)


def _same_day_in(day: date, year: int) -> date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day.replace(year=year, day=28)


def _table_cells(line: str) -> list[str] | None:
    stripped = line.strip()
    if not (stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3):
        return None
    return [cell.strip() for cell in stripped.strip("|").split("|")]


def _resolve(
    raws: list[_TimedLine], zone: Zone, header_meridiem: str | None, warnings: list[tuple[int, str]]
) -> list[Entry]:
    """Turn wall times into aware datetimes: AM/PM from the line, the header or the lines around
    it; the day from date prefixes, date sub-headings, "(+1 day)", or a jump past midnight."""
    twelve_hour = any(r.head.meridiem for r in raws) and all(r.head.hour <= 12 for r in raws)
    entries: list[Entry] = []
    last_meridiem: str | None = None
    previous: datetime | None = None
    carried: date | None = None  # the day set by a dated line, for the undated lines after it
    for raw in raws:
        head = raw.head
        meridiem = head.meridiem
        if meridiem:
            last_meridiem = meridiem
        elif header_meridiem and 1 <= head.hour <= 12:
            meridiem = header_meridiem
        elif twelve_hour and last_meridiem and 1 <= head.hour <= 12:
            meridiem = last_meridiem
        hour = to_24h(head.hour, meridiem)
        if (
            not meridiem
            and not head.padded
            and 1 <= head.hour <= 11
            and previous is not None
            and previous.hour >= 12
            and 0 <= head.hour + 12 - previous.hour <= 3
        ):
            hour = head.hour + 12
            warnings.append(
                (raw.line, f"read {head.hour}:{head.minute:02d} as {hour}:{head.minute:02d} (12-hour time after noon)")
            )
        if raw.day_given:
            carried = None  # a date sub-heading starts a new day for what follows it
        day = carried or raw.day
        explicit = head.day.resolve(raw.day.year) if head.day else None
        if explicit is not None:
            day = explicit
            # A later date carries to the undated lines after it ("00:12 (Apr 9)", "00:20"); an
            # earlier one is a lead-up line ("7:30 (Dec 3)") and the day's own lines follow it.
            if explicit >= raw.day:
                carried = explicit
        elif head.next_day:
            day = carried = raw.day + timedelta(days=1)
        moment = combine(day, hour, head.minute, head.second, head.zone or zone)
        if (
            explicit is None
            and not head.next_day
            and not raw.day_given
            and previous is not None
            and previous.hour >= 18
            and moment.hour < 6
            and previous.replace(tzinfo=None) - moment.replace(tzinfo=None) > timedelta(hours=12)
        ):
            day = carried = day + timedelta(days=1)
            moment = combine(day, hour, head.minute, head.second, head.zone or zone)
            warnings.append((raw.line, "time earlier than the line before: read as the next day"))
        text = " ".join([part for part in raw.parts if part])
        if not text:
            warnings.append((raw.line, "timeline entry has a time but no text"))
        entries.append(Entry(moment, text, raw.line))
        previous = moment
    return entries
