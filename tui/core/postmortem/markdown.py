"""Session → Markdown postmortem, in the sections and order of the team's template and the seeds.

The author's own words win: a field they filled in is written verbatim; an empty one is drafted
(tui.core.postmortem.prose) from what the session recorded. The whole document is then made safe (no raw
control bytes) and, unless asked otherwise, redacted.
"""

from __future__ import annotations

from datetime import datetime
from itertools import groupby
from operator import itemgetter

from tui.core.clock.zones import Zone
from tui.core.postmortem.format import (
    CLOCK,
    SECONDS,
    SECTIONS,
    command_line,
    dated_stamp,
    responders_line,
    timeline_line,
    todo,
    zone_line,
)
from tui.core.postmortem.phases import mermaid_gantt
from tui.core.postmortem.prose import Facts
from tui.core.postmortem.redact import redact
from tui.core.postmortem.template_values import section_prose, template_values
from tui.core.postmortem.timeline_events import line_text, responders, shown_events, typed_seconds
from tui.core.safe_text import is_printable, one_line, printable
from tui.core.session.model import Event, Session


def render_postmortem(
    session: Session,
    *,
    redacted: bool = True,
    zone: Zone | None = None,
    commands: str = "kept",
    template: str | None = None,
) -> str:
    """The postmortem as Markdown; times in `zone` (default: the session's own). `commands`: which
    shell commands the timeline shows ("kept", "all", "none"); the appendix lists every one.
    `template`: a template's name or path (tui.core.postmortem.templates), default jwt-pizza."""
    from tui.core.postmortem import templates

    chosen = templates.find(template or templates.DEFAULT)
    zone = zone or session.zone_info
    facts = Facts.of(session, zone)
    prose, facts_lines = section_prose(facts)
    diagram = mermaid_gantt(facts.marks, facts.zone)
    sections: dict[str, str] = {}
    clean = True
    for key, _ in SECTIONS:
        if key == "timeline":  # every text in it went through one_line: known clean
            sections[key] = timeline(session, zone, commands)
        else:
            sections[key] = _section(key, facts, prose, facts_lines, diagram)
            clean = clean and is_printable(sections[key])
    appendix = command_appendix(session, zone)  # one_line throughout: known clean
    values = template_values(facts, prose, facts_lines, sections, diagram=diagram, appendix=appendix, commands=commands)
    document = templates.render(chosen, values).rstrip("\n")
    # printable() returns text without a control character as it is. The timeline, most of a long
    # document, is built from pieces already made printable, so a shipped template's document needs
    # the pass (and its scan of every character again) only when some part is not; a user's
    # template may make any character, so its document always takes the pass.
    document = (document if clean and chosen.shipped else printable(document)) + "\n"
    return redact(document) if redacted else document


def _section(key: str, facts: Facts, prose: dict[str, str], facts_lines: dict[str, str], diagram: str | None) -> str:
    if key == "action_items":
        return action_items(facts.session)
    written = printable(getattr(facts.session.fields, key)).strip()
    text = prose[key]
    stated = facts_lines[key]
    if stated:
        text += "\n\n" + stated
    if key == "response":
        names = responders(facts.session.events)
        if names and not all(name in text for name in names):
            text += "\n\n" + responders_line(names)
    if key == "impact" and "```mermaid" not in text:
        # The diagram follows the impact prose. An author's text that already has one (a report
        # exported, then imported) keeps its own; the prompt to stamp milestones goes only into a draft.
        if diagram:
            text += "\n\n" + diagram
        elif not written:
            text += "\n\n" + todo(
                "stamp the milestones (impact started, detected, acknowledged, mitigated, resolved) to draw the phases"
            )
    return text


# -- the timeline ------------------------------------------------------------------------------


def timeline(session: Session, zone: Zone, commands: str = "kept") -> str:
    """The zone line and one timeline line per live event (tui.core.postmortem.format), in time order;
    shell commands as `commands` says (kept ones, all or none).

    Every text in it goes through one_line, so it holds no control character."""
    lines = [zone_line(one_line(zone.name)), ""]
    events = shown_events(session.events)
    if commands != "all" and any(event.run is not None for event in events):
        events = [e for e in events if e.run is None or (commands == "kept" and e.run.kept)]
    if not events:
        lines.append(todo("the timeline is empty: add what happened, when"))
        return "\n".join(lines)
    moments = [event.time.astimezone(zone.tz) for event in events]
    # One key per event, made once: the crowding pass and the lines both need it.
    minutes = [(moment.year, moment.month, moment.day, moment.hour, moment.minute) for moment in moments]
    crowded = _shared_minutes(minutes, moments)
    # A timeline that crosses midnight dates its first line too: the reader should not have to
    # work out from the title which day the lines before the first dated one are on.
    start = session.start.astimezone(zone.tz)
    day: tuple[int, ...] | None = (start.year, start.month, start.day)
    if minutes[0][:3] != minutes[-1][:3]:
        day = None
    # Who wrote a line is said only when more than one person wrote: alone, it is everyone's.
    several = len(responders(events)) > 1
    append = lines.append
    for event, moment, minute in zip(events, moments, minutes, strict=False):
        stamp = CLOCK[minute[3] * 60 + minute[4]]
        if minute in crowded or typed_seconds(event, moment):
            stamp += SECONDS[moment.second]
        if minute[:3] != day:
            day = minute[:3]
            stamp = dated_stamp(moment.date().isoformat(), stamp)
        text = one_line(_event_text(event)).strip() if event.run is not None else line_text(event)
        author = one_line(event.author).strip() if several else ""
        append(timeline_line(stamp, f"{text} ({author})" if author else text))
    return "\n".join(lines)


def _event_text(event: Event) -> str:
    run = event.run
    return command_line(event.text, run.status, run.duration_ms) if run is not None else event.text


def command_appendix(session: Session, zone: Zone) -> str:
    """Every shell command recorded, kept or not, one line each with its full time and folder."""
    lines = []
    for event in session.events:
        run = event.run
        if run is None:
            continue
        moment = event.time.astimezone(zone.tz)
        where = f" (in {one_line(run.cwd)})" if run.cwd else ""
        lines.append(f"- {moment.strftime('%Y-%m-%d %H:%M:%S')} {one_line(_event_text(event))}{where}")
    return "\n".join(lines)


Minute = tuple[int, int, int, int, int]
"""(year, month, day, hour, minute) of a local time."""


def _shared_minutes(minutes: list[Minute], moments: list[datetime]) -> set[Minute]:
    """Minutes holding two or more events, where the session has seconds: there, seconds tell the
    order apart. Times typed as HH:MM (imported, back-dated) sit on :00, and a minute holding only
    those keeps HH:MM: seconds shown for them would be invented."""
    crowded = set()
    for minute, run in groupby(zip(minutes, moments, strict=False), key=itemgetter(0)):
        seconds = [moment.second or moment.microsecond for _, moment in run]
        if len(seconds) > 1 and any(seconds):
            crowded.add(minute)
    return crowded


# -- action items ------------------------------------------------------------------------------


def action_items(session: Session) -> str:
    """`1. text (owner)`; the owner left out when nobody took the item on yet."""
    if not session.action_items:
        return todo("corrective actions to prevent this class of incident, each with an owner")
    lines = []
    for n, item in enumerate(session.action_items, 1):
        owner = one_line(item.owner).strip()
        lines.append(f"{n}. {one_line(item.text).strip()}" + (f" ({owner})" if owner else ""))
    return "\n".join(lines)
