"""Markdown postmortem → plain data: date, zone, timed entries, section prose, action items."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import NamedTuple

from tui.core.clock.zones import UTC, Zone, parse_zone
from tui.core.errors import ScribeError
from tui.core.importing.dates import date_line, find_dates
from tui.core.importing.declared_zones import most_common, pick_zone, read_declaration, zone_after_times
from tui.core.importing.entries import Entry, Note, read_timeline
from tui.core.importing.sections import (
    PREAMBLE,
    ActionItem,
    Block,
    clean_prose,
    is_prompt_only_section,
    read_action_items,
    split_sections,
    unquote,
)
from tui.core.importing.timeline import combine, read_head, to_24h
from tui.core.postmortem.format import read_facts_line

_TITLE_TIME = re.compile(
    r"^[\sT,@]*(?P<h>\d{1,2})[-:](?P<m>\d{2})(?:[-:](?P<s>\d{2})(?![-:]?\d))?\s*(?P<ap>[ap]\.?m\.?)?",
    re.IGNORECASE,
)

__all__ = [
    "PREAMBLE",
    "ActionItem",
    "Entry",
    "Note",
    "ParsedPostmortem",
    "parse_postmortem",
    "read_postmortem",
]


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
    facts: dict[str, str] = field(default_factory=dict)  # field path → value, from facts lines
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

    title = _read_title(result.title)
    result.date = _incident_date(title.day, prose_blocks, timeline)
    headings = [(b.line, b.heading) for b in by_key.get("timeline", [])]
    declared = _declared(headings, timeline, prose_blocks, result)
    zone = declared.zone or _zone_from_prose(result.title, prose_blocks, timeline)
    result.zone = zone or title.zone
    if result.date is None and declared.day is not None:
        result.date = declared.day
    if result.date is None:
        day = fallback_date or datetime.now(timezone.utc).date()
        result.warnings.append((1, f"no incident date found; entries dated {day.isoformat()}"))
        result.date = day
    if result.zone is None and timeline:
        result.warnings.append((by_key["timeline"][0].line, "no time zone declared; times read as UTC"))
    if title.clock is not None:
        # On the incident's date: a title whose date was copied from elsewhere may still have its time.
        hour, minute, second = title.clock
        result.started = combine(result.date, hour, minute, second, title.zone or result.effective_zone)

    result.entries, result.notes = read_timeline(
        timeline, declared.day or result.date, result.effective_zone, declared.meridiem, result.warnings
    )
    if "timeline" not in by_key:
        result.warnings.append((1, "no Timeline section found"))

    for block in prose_blocks:
        body = _without_facts_lines(block.body, result.facts)
        prose = clean_prose(body)
        if block.key == "action_items":
            # The items become data; only the text around them stays prose, so that writing the
            # report again does not list them twice.
            items, extra = read_action_items(body)
            result.action_items.extend(items)
            prose = clean_prose([(0, row) for row in extra])
            if not prose:
                continue
        if not prose and (block.key == PREAMBLE or is_prompt_only_section(block.key)):
            continue
        if block.key == PREAMBLE:
            prose = "\n".join(row for row in prose.split("\n") if not _is_declaration(row)).strip()
            if not prose:
                continue
        previous = result.sections.get(block.key)
        result.sections[block.key] = f"{previous}\n\n{prose}".strip() if previous else prose
    result.warnings.sort(key=lambda w: w[0])
    return result


def _without_facts_lines(body: list[tuple[int, str]], facts: dict[str, str]) -> list[tuple[int, str]]:
    """The rows other than facts lines (format.read_facts_line); what those state goes into `facts`."""
    kept = []
    for number, row in body:
        stated = read_facts_line(row)
        if stated is None:
            kept.append((number, row))
        else:
            facts.update(stated)
    return kept


def _is_declaration(row: str) -> bool:
    declaration = read_declaration(row, None)
    return declaration is not None and len(row) < 100 and read_head(row) is None


# --- date and zone -----------------------------------------------------------------------------


class _WallTime(NamedTuple):
    hour: int
    minute: int
    second: int


class _Title(NamedTuple):
    """What a title such as "Incident: 2025-04-08 10-24-00 MST" says about when the incident was."""

    day: date | None
    clock: _WallTime | None
    zone: Zone | None


class _Declared(NamedTuple):
    """What the report declares for its times: a zone, a meridiem ("All times PM"), a day."""

    zone: Zone | None
    meridiem: str | None
    day: date | None


def _read_title(title: str) -> _Title:
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
                clock = _WallTime(hour, minute, second)
            zone, _ = pick_zone(after[match.end() :])
    return _Title(day, clock, zone)


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
    if title_day is None and not any(others):
        # "## February 19, 2022" over the timeline's lines: the first dated sub-heading with its year.
        headed = (date_line(row, None) for _, row in timeline)
        others = [next((d for d in headed if d is not None), None)]
    return next((d for d in others if d is not None), title_day)


def _declared(
    headings: list[tuple[int, str]], timeline: list[tuple[int, str]], blocks: list[Block], result: ParsedPostmortem
) -> _Declared:
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
                return _Declared(declaration.zone, meridiem, declaration.day)
    return _Declared(None, meridiem, None)


def _zone_from_prose(title: str, blocks: list[Block], timeline: list[tuple[int, str]]) -> Zone | None:
    text = "\n".join([title] + [line for b in blocks for _, line in b.body] + [r for _, r in timeline])
    name = most_common(zone_after_times(text))
    return parse_zone(name) if name else None
