"""The variables a postmortem template is rendered over: one documented, stable set (README,
"Templates"), computed here in Python so that every template gets the same drafted, made-safe text.

Each text value is already on its lines as the default template writes it (a section's prose with
its facts line, the timeline's lines); the lists give the same facts as data for a template that
lays them out its own way. The README lists every name; a new one may be added, none renamed.
"""

from __future__ import annotations

from typing import Any

from tui.core.metrics import METRIC_LABELS, format_duration
from tui.core.postmortem.facts_lines import missing_facts
from tui.core.postmortem.format import COMMANDS_HEADING, SECTIONS, title_line, todo
from tui.core.postmortem.prose import DRAFTS, Facts
from tui.core.safe_text import one_line, printable
from tui.core.session.model import MILESTONE_LABELS

PROSE_KEYS: tuple[str, ...] = tuple(key for key, _ in SECTIONS if key not in ("timeline", "action_items"))
"""The sections whose text is prose: the author's words, else a draft."""


def section_prose(facts: Facts) -> tuple[dict[str, str], dict[str, str]]:
    """Each prose section's text (the author's, else the draft) and its facts line ("" for none)."""
    prose = {}
    facts_lines = {}
    for key in PROSE_KEYS:
        written = printable(getattr(facts.session.fields, key)).strip()
        prose[key] = written or DRAFTS[key](facts)
        facts_lines[key] = missing_facts(key, facts.session, prose[key])
    return prose, facts_lines


def template_values(
    facts: Facts,
    prose: dict[str, str],
    facts_lines: dict[str, str],
    sections: dict[str, str],
    *,
    diagram: str | None,
    appendix: str,
    commands: str,
) -> dict[str, Any]:
    """Every variable of a template. `sections` holds each section's text as the default template
    writes it (tui.core.postmortem.markdown); `commands` which shell commands the timeline shows."""
    session, zone = facts.session, facts.zone
    start = session.start.astimezone(zone.tz)
    events = [
        {
            "time": event.time.astimezone(zone.tz).strftime("%H:%M:%S"),
            "date": event.time.astimezone(zone.tz).date().isoformat(),
            "kind": event.kind,
            "text": one_line(event.text).strip(),
            "author": one_line(event.author).strip(),
        }
        for event in session.events
    ]
    return {
        "title_line": title_line(start),
        "session": {
            "title": one_line(session.title).strip(),
            "severity": one_line(session.severity).strip(),
            "zone": one_line(zone.name),
            "started": start.strftime("%Y-%m-%d %H:%M:%S"),
            "runbook": one_line(session.runbook).strip(),
            "roles": {one_line(role): one_line(name) for role, name in session.roles.items()},
        },
        "headings": dict(SECTIONS),
        "sections": sections,
        "prose": prose,
        "facts_lines": facts_lines,
        "timeline": sections["timeline"],
        "events": events,
        "milestones": [
            {"kind": kind, "label": MILESTONE_LABELS[kind], "time": moment.strftime("%Y-%m-%d %H:%M:%S")}
            for kind, moment in sorted(facts.marks.items(), key=lambda pair: pair[1])
        ],
        "durations": {
            name: {"label": label, "text": format_duration(getattr(facts.metrics, name), missing="")}
            for name, label in METRIC_LABELS.items()
        },
        "impact": {
            "users_affected": one_line(session.impact.users_affected).strip(),
            "share_of_users": one_line(session.impact.share_of_users).strip(),
            "failed_requests": one_line(session.impact.failed_requests).strip(),
            "support_tickets": one_line(session.impact.support_tickets).strip(),
        },
        "phases_diagram": diagram or "",
        "action_items": [
            {"text": one_line(item.text).strip(), "owner": one_line(item.owner).strip(), "done": item.done}
            for item in session.action_items
        ],
        "status_updates": [],
        "todo": todo,
        "commands_heading": COMMANDS_HEADING,
        "commands_appendix": appendix,
        "commands_shown": commands,
    }
