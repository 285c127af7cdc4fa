"""A postmortem read from Markdown becomes a session file: zone, title, fields, action items, events."""

from __future__ import annotations

import gc
import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from tui.core.clock.source import SYSTEM_CLOCK, Clock
from tui.core.errors import ScribeError
from tui.core.importing.reader import PREAMBLE, ParsedPostmortem, read_postmortem
from tui.core.importing.sections import split_owner
from tui.core.paths import new_session_path
from tui.core.postmortem.format import SECTION_KEYS
from tui.core.session import journal
from tui.core.session import operations as ops
from tui.core.session.model import PROSE_FIELDS

_TITLE_NOISE = re.compile(
    r"^\s*(?:incident|post-?mortem|outage)(?:\s+report)?\s*[:#\-–—]?\s*"
    r"|\b(?:YYYY-MM-DD|HH-mm-ss|HH:mm(?::ss)?)\b"
    r"|\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}[:-]\d{2}(?:[:-]\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"|#\s*\d+\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ImportResult:
    """Where the session was written, what was read, and how many operations it took."""

    path: Path
    parsed: ParsedPostmortem
    operations: int


def session_title(parsed: ParsedPostmortem, fallback: str) -> str:
    """The title a facts line states, else the report's own title without the date, time and zone
    the template puts in it."""
    if parsed.facts.get("title"):
        return parsed.facts["title"]
    title = _TITLE_NOISE.sub(" ", parsed.title)
    zone = parsed.zone.name if parsed.zone else ""
    if zone:
        title = re.sub(rf"(?<!\w){re.escape(zone)}(?!\w)", " ", title)
    title = re.sub(r"\s+", " ", title).strip(" :-–—,#")
    title = re.sub(r"\s+(?:on|at|of|from)$", "", title, flags=re.IGNORECASE)
    return title if len(title) >= 3 else fallback


def created_time(parsed: ParsedPostmortem) -> datetime:
    """When the report says the incident was (its title's date and time), else its first timeline
    entry, else the start of its day. The export writes this date in its title, and the importer
    reads that date back for entries written without one."""
    if parsed.started is not None:
        return parsed.started
    if parsed.entries:
        return min(entry.time for entry in parsed.entries)
    assert parsed.date is not None
    return datetime.combine(parsed.date, time(0), tzinfo=parsed.effective_zone.tz)


def session_fields(parsed: ParsedPostmortem) -> dict[str, str]:
    """Prose per session field. Text under headings the template does not have, and text before
    the first heading, joins the field it stands next to, so none of it is lost."""
    fields: dict[str, str] = {}
    last = "summary"
    pending: list[str] = []
    for key, text in parsed.sections.items():
        if key in PROSE_FIELDS:
            last = key
            fields[key] = "\n\n".join(pending + [text]) if pending and not fields.get(key) else text
            pending = []
        elif key == PREAMBLE:
            pending.append(text)
        elif key not in SECTION_KEYS:
            # Kept as a heading of its own: the export then shows it where the author had it.
            chunk = f"## {key}\n\n{text}"
            if last in fields:
                fields[last] = f"{fields[last]}\n\n{chunk}"
            else:
                pending.append(chunk)
    if pending:
        fields["summary"] = "\n\n".join(pending + ([fields["summary"]] if fields.get("summary") else []))
    return fields


def session_operations(parsed: ParsedPostmortem, *, now: datetime, title: str) -> list[dict[str, Any]]:
    """The journal operations that rebuild the report as a session, in file order."""
    zone = parsed.effective_zone
    result = [ops.create_op(now, title=title, zone=zone.name, created=created_time(parsed))]
    for name, text in session_fields(parsed).items():
        result.append(ops.set_field_op(now, f"fields.{name}", text))
    for path, value in parsed.facts.items():
        if path != "title":  # the title is the create operation's
            result.append(ops.set_field_op(now, path, value))
    items = [(item.text, item.owner or "") for item in parsed.action_items]
    # A section of action items written as paragraphs is still a list of things to do.
    for paragraph in re.split(r"\n\s*\n", parsed.sections.get("action_items", "")):
        lines = [line.strip() for line in paragraph.strip().splitlines() if line.strip()]
        # Lines that each start with a capital are one item each; otherwise they wrap one item.
        for text in lines if all(line[0].isupper() for line in lines) else [" ".join(lines)]:
            text, owner = split_owner(text)
            items.append((text, owner or ""))
    for text, owner in items:
        result.append(ops.add_action_op(now, text, owner))
    anchors = sorted((entry.line, entry.time) for entry in parsed.entries)
    entry_lines = [line for line, _ in anchors]
    events: list[tuple[int, datetime, str]] = [(e.line, e.time, e.text) for e in parsed.entries]
    for note in parsed.notes:
        # A line without a time takes the time of the entry it was written under (or, before the
        # first entry, of that entry), so that it keeps its place in the timeline.
        at = bisect_left(entry_lines, note.line)
        anchor = anchors[at - 1][1] if at else (anchors[0][1] if anchors else created_time(parsed))
        events.append((note.line, anchor, note.text))
    for _, moment, text in sorted(events, key=lambda item: item[0]):
        result.append(ops.add_event_op(now, time=moment, kind="note", text=text, source="import"))
    return result


def import_postmortem(source: Path, output: Path | None = None, *, clock: Clock = SYSTEM_CLOCK) -> ImportResult:
    """Read a Markdown postmortem and write it as a new session file (never over an existing one)."""
    # A large report becomes some hundred thousand objects and no cycles; the cycle collector would
    # rescan them again and again as they grow, so it waits until they are built (as journal.load does).
    collecting = gc.isenabled()
    gc.disable()
    try:
        parsed = read_postmortem(source)
        if not (parsed.entries or parsed.notes or parsed.action_items or set(parsed.sections) - {PREAMBLE}):
            raise ScribeError(f"{source}: no postmortem found (no headings, no timeline)")
        title = session_title(parsed, f"{source.stem} (imported)")
        operations = session_operations(parsed, now=clock.now(), title=title)
    finally:
        if collecting:
            gc.enable()
    path = output or new_session_path(created_time(parsed).astimezone(UTC), title)
    journal.create(path, operations[0])
    journal.append_many(path, operations[1:])
    return ImportResult(path, parsed, len(operations))
