"""Markdown postmortem → plain data: date, zone, timed entries, section prose, action items."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from tui.core.clock.zones import UTC, Zone, parse_zone
from tui.core.errors import ScribeError
from tui.core.importing.dates import date_line, find_dates
from tui.core.importing.declared_zones import Declaration, most_common, pick_zone, read_declaration, zone_after_times
from tui.core.importing.sections import (
    PREAMBLE,
    TABLE_SEPARATOR,
    ActionItem,
    Block,
    clean_prose,
    is_markup,
    read_action_items,
    split_sections,
    unquote,
)
from tui.core.importing.timeline import Head, combine, read_head, read_inline, to_24h

_TITLE_TIME = re.compile(
    r"^[\sT,@]*(?P<h>\d{1,2})[-:](?P<m>\d{2})(?:[-:](?P<s>\d{2})(?![-:]?\d))?\s*(?P<ap>[ap]\.?m\.?)?",
    re.IGNORECASE,
)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_ITEM_START = re.compile(r"^\s*(?:[-*•+]|\d{1,3}[.)])\s+")
_ITEM_BULLET = re.compile(r"^\s*(?:[-*•+])\s+")

__all__ = [
    "PREAMBLE",
    "ActionItem",
    "Entry",
    "Note",
    "ParsedPostmortem",
    "parse_postmortem",
    "read_postmortem",
]


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
class ParsedPostmortem:
    """What a postmortem says, in plain data; `warnings` are (line, message) for what was unclear."""

    title: str = ""
    date: date | None = None
    started: datetime | None = None
    zone: Zone | None = None
    entries: list[Entry] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    sections: dict[str, str] = field(default_factory=dict)
    action_items: list[ActionItem] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)

    @property
    def effective_zone(self) -> Zone:
        """The zone the entries were read in: the declared one, else UTC."""
        return self.zone or UTC


def read_postmortem(path: Path, fallback_date: date | None = None) -> ParsedPostmortem:
    """Read a postmortem file; ScribeError (exit 2) when it cannot be read as text."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ScribeError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ScribeError(f"{path} is not a UTF-8 text file") from None
    if "\x00" in text:
        raise ScribeError(f"{path} is not a text file")
    if fallback_date is None:
        try:
            fallback_date = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).date()
        except OSError:
            fallback_date = None
    return parse_postmortem(text, fallback_date)


def parse_postmortem(text: str, fallback_date: date | None = None) -> ParsedPostmortem:
    """Parse the Markdown of a postmortem. Never raises on odd input: what is unclear is a warning."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    result = ParsedPostmortem()
    title_line, preamble, blocks = split_sections(lines)
    if title_line is None and preamble and re.match(r"\s*(?:incident|post-?mortem)\b", preamble[0][1], re.I):
        title_line, preamble = preamble[0], preamble[1:]  # a title written without its "#"
    result.title = title_line[1] if title_line else ""
    by_key: dict[str, list[Block]] = {}
    for block in blocks:
        by_key.setdefault(block.key, []).append(block)

    timeline = [row for block in by_key.get("timeline", []) for row in block.body]
    prose_blocks = [b for b in blocks if b.key != "timeline"]
    if preamble:
        prose_blocks.insert(0, Block(PREAMBLE, "", 0, preamble[0][0], preamble))

    title_day, title_clock, title_zone = _read_title(result.title)
    result.date = _incident_date(title_day, prose_blocks, timeline)
    headings = [(b.line, b.heading) for b in by_key.get("timeline", [])]
    zone, meridiem, declared_day = _declared(headings, timeline, prose_blocks, result)
    if zone is None:
        zone = _zone_from_prose(result.title, prose_blocks, timeline)
    result.zone = zone or title_zone
    if result.date is None and declared_day is not None:
        result.date = declared_day
    if result.date is None:
        day = fallback_date or datetime.now(timezone.utc).date()
        result.warnings.append((1, f"no incident date found; entries dated {day.isoformat()}"))
        result.date = day
    if result.zone is None and timeline:
        result.warnings.append((by_key["timeline"][0].line, "no time zone declared; times read as UTC"))
    if title_clock is not None:
        hour, minute, second = title_clock
        zone_for_title = title_zone or result.effective_zone
        # On the incident's date: a title whose date was copied from elsewhere may still have its time.
        result.started = combine(result.date, hour, minute, second, zone_for_title)

    entries, notes = _read_timeline(
        timeline, declared_day or result.date, result.effective_zone, meridiem, result.warnings
    )
    result.entries, result.notes = entries, notes
    if "timeline" not in by_key:
        result.warnings.append((1, "no Timeline section found"))

    for block in prose_blocks:
        prose = clean_prose(block.body)
        if block.key == "action_items":
            # The items become data; only the text around them stays prose, so that writing the
            # report again does not list them twice.
            items, extra = read_action_items(block.body)
            result.action_items.extend(items)
            prose = clean_prose([(0, row) for row in extra])
            if not prose:
                continue
        if not prose and block.key == PREAMBLE:
            continue
        if block.key == PREAMBLE:
            prose = "\n".join(row for row in prose.split("\n") if not _is_declaration(row)).strip()
            if not prose:
                continue
        previous = result.sections.get(block.key)
        result.sections[block.key] = f"{previous}\n\n{prose}".strip() if previous else prose
    result.warnings.sort(key=lambda w: w[0])
    return result


def _is_declaration(row: str) -> bool:
    declaration = read_declaration(row, None)
    return declaration is not None and len(row) < 100 and read_head(row) is None


# --- date and zone -----------------------------------------------------------------------------


def _read_title(title: str) -> tuple[date | None, tuple[int, int, int] | None, Zone | None]:
    dates = find_dates(title)
    day = next((d.resolve(None) for d in dates if d.year is not None), None)
    clock = None
    zone = None
    if dates and day is not None:
        after = title[dates[0].end :]
        match = _TITLE_TIME.match(after)
        if match:
            hour = to_24h(int(match.group("h")), (match.group("ap") or " ")[0].lower().strip() or None)
            minute, second = int(match.group("m")), int(match.group("s") or 0)
            if hour <= 23 and minute <= 59 and second <= 59:
                clock = (hour, minute, second)
            zone, _ = pick_zone(after[match.end() :])
    return day, clock, zone


def _incident_date(title_day: date | None, blocks: list[Block], timeline: list[tuple[int, str]]) -> date | None:
    """The title's date, unless the summary and impact state another one and never the title's
    (a title copied from another report); with no title date, the first date the text gives."""

    def dates_in(keys: tuple[str, ...]) -> list:
        text = "\n".join(line for b in blocks if b.key in keys for _, line in b.body)
        return find_dates(text)

    stated = dates_in(("summary", "impact", PREAMBLE))
    stated += [d for _, row in timeline if read_declaration(row, None) for d in find_dates(row)]
    years = Counter(d.year for d in stated + dates_in(tuple(b.key for b in blocks)) if d.year)
    default_year = title_day.year if title_day else (years.most_common(1)[0][0] if years else None)
    resolved = [d for d in (f.resolve(default_year) for f in stated) if d is not None]
    if title_day is not None and (not resolved or title_day in resolved):
        return title_day
    if resolved:
        counts = Counter(resolved)
        top = max(counts.values())
        return next(d for d in resolved if counts[d] == top)
    others = [d.resolve(default_year) for d in dates_in(("detection", "response", "resolution"))]
    return next((d for d in others if d is not None), title_day)


def _declared(
    headings: list[tuple[int, str]], timeline: list[tuple[int, str]], blocks: list[Block], result: ParsedPostmortem
) -> tuple[Zone | None, str | None, date | None]:
    """The zone, "PM" and day the report declares for its times: "All times are MST" in the
    timeline first, then anywhere, then looser wording in the timeline ("## Timeline (UTC)")."""
    year = result.date.year if result.date else None
    prose = [row for b in blocks for row in b.body]
    untimed = ((n, row) for n, row in timeline if read_head(unquote(row)) is None)  # read last, if at all
    passes = ((headings, True), (timeline, False), (prose, False), (untimed, True))
    meridiem = None
    for rows, lenient in passes:
        for lineno, row in rows:
            declaration = read_declaration(unquote(row), year, lenient=lenient)
            if declaration is None:
                continue
            meridiem = meridiem or declaration.meridiem
            if declaration.zone:
                if declaration.conflict:
                    result.warnings.append((lineno, declaration.conflict))
                return declaration.zone, meridiem, declaration.day
    return None, meridiem, None


def _zone_from_prose(title: str, blocks: list[Block], timeline: list[tuple[int, str]]) -> Zone | None:
    text = "\n".join([title] + [line for b in blocks for _, line in b.body] + [r for _, r in timeline])
    name = most_common(zone_after_times(text))
    return parse_zone(name) if name else None


# --- the timeline ------------------------------------------------------------------------------


@dataclass
class _Raw:
    head: Head
    line: int
    parts: list[str]
    day: date
    day_given: bool


_NO_ZONE = Declaration(None, None, None, None)


def _read_timeline(
    rows: list[tuple[int, str]],
    start_day: date,
    zone: Zone,
    header_meridiem: str | None,
    warnings: list[tuple[int, str]],
) -> tuple[list[Entry], list[Note]]:
    raws: list[_Raw] = []
    notes: list[Note] = []
    current: _Raw | None = None
    day, day_given = start_day, False
    in_paragraph = False  # the line before was an untimed paragraph line, which this one continues
    # "10:24 - a<br>10:30 - b": one line of Markdown, two lines to a reader.
    rows = [(n, part) for n, row in rows for part in (_BREAK.split(row) if "<" in row else (row,))]
    for index, (lineno, raw_line) in enumerate(rows):
        line = unquote(raw_line).rstrip()
        after_note, in_paragraph = in_paragraph, False
        if not line.strip():
            current = None
            continue
        if is_markup(line):
            continue
        cells = _table_cells(line)
        if cells is not None:
            head, timed = next(((found, c) for c in cells if (found := read_head(c))), (None, ""))
            if head is None:
                following = rows[index + 1][1] if index + 1 < len(rows) else ""
                if not TABLE_SEPARATOR.match(unquote(following)):
                    notes.append(Note(line.strip(), lineno))
                    warnings.append((lineno, "table row without a time; kept as a note"))
                continue
            dated = [c for c in cells if c is not timed and date_line(c, day.year)]
            if dated and head.day is None:
                head.day = next(iter(find_dates(dated[0])), None)
            rest = [c for c in cells if c is not timed and c not in dated[:1] and c.strip()]
            head.text = " - ".join(([head.text] if head.text else []) + rest)
            current = _Raw(head, lineno, [head.text], day, day_given)
            raws.append(current)
            day_given = False
            current = None
            continue
        head = read_head(line)
        if head is not None:
            current = _Raw(head, lineno, [head.text] if head.text else [], day, day_given)
            raws.append(current)
            day_given = False
            continue
        if (read_declaration(line, start_day.year) is not None and len(line) < 160) or (
            read_declaration(line, start_day.year, lenient=True) or _NO_ZONE
        ).zone is not None:
            continue
        subheading = date_line(line, start_day.year)
        if subheading is not None:
            if abs(subheading.year - start_day.year) > 1:
                # "12/2/15" under a 2025 incident: a slip of the year, not a decade.
                warnings.append((lineno, f"read the date {subheading.isoformat()} as in {start_day.year}"))
                subheading = _same_day_in(subheading, start_day.year)
            day, day_given, current = subheading, True, None
            continue
        inline = read_inline(line)
        if inline is not None:
            current = _Raw(inline, lineno, [inline.text], day, day_given)
            raws.append(current)
            day_given = False
            warnings.append((lineno, "time read from inside the line, not from its start"))
            continue
        is_item = _ITEM_START.match(line) is not None
        indented = len(line) - len(line.lstrip()) >= 2
        if current is not None and (not is_item or indented) and not line.lstrip().startswith("#"):
            current.parts.append(_ITEM_BULLET.sub("", line).strip())
            continue
        current = None
        if not is_item and after_note:
            # A paragraph without times is one note, as it is one thought of the author's.
            notes[-1] = Note(f"{notes[-1].text} {line.strip()}", notes[-1].line)
            in_paragraph = True
            continue
        notes.append(Note(line.strip(), lineno))
        in_paragraph = not is_item
        warnings.append((lineno, "timeline line without a time; kept as a note"))
    return _resolve(raws, zone, header_meridiem, warnings), notes


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


def _resolve(raws: list[_Raw], zone: Zone, header_meridiem: str | None, warnings: list[tuple[int, str]]) -> list[Entry]:
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
