"""What the stakeholder page shows of a session, as plain one-line texts: every text from the session
is cleaned (safe_text) and redacted exactly as exports are (postmortem.redact), so whatever renders
the page cannot leak a report-URL key or a JWT however it lays the texts out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tui.core.metrics import format_duration, incident_start, phases
from tui.core.page.status import STATUS_LABELS, latest_update, page_status
from tui.core.postmortem.redact import redact
from tui.core.postmortem.timeline_events import line_text, shown_events
from tui.core.safe_text import one_line
from tui.core.session.model import MILESTONE_KINDS, MILESTONE_LABELS, Session

# The newest lines the live page shows. A stakeholder reads what changed last; the postmortem has
# every line. Bounded, the page every open stream is sent on each change stays the same size
# however long the incident runs, and so does what the server holds for 50 viewers.
PAGE_LINES = 300


@dataclass(frozen=True)
class Milestone:
    label: str
    time: str
    after: str  # how long after the previous stamped milestone ("" for the first)


@dataclass(frozen=True)
class Line:
    time: str
    kind: str
    text: str


@dataclass(frozen=True)
class Update:
    status: str
    text: str
    time: str


@dataclass(frozen=True)
class PageView:
    title: str
    severity: str
    status: str  # one of STATUS_LABELS
    started: datetime
    started_text: str
    milestones: list[Milestone]
    latest: Update | None
    timeline: list[Line]  # newest first: a stakeholder reads what changed last
    updated: datetime
    updated_text: str
    resolved_at: datetime | None = None
    earlier: int = 0  # timeline lines older than the newest PAGE_LINES, not shown

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def clean(text: str) -> str:
    return redact(one_line(text)).strip()


def page_view(session: Session, updated: datetime) -> PageView:
    zone = session.zone_info

    def at(moment: datetime) -> str:
        local = moment.astimezone(zone.tz)
        name = zone.name if "/" not in zone.name else (local.tzname() or zone.name)
        return f"{local:%Y-%m-%d %H:%M} {one_line(name)}"

    marks = session.milestones()
    started = incident_start(marks) or session.created
    start_day = started.astimezone(zone.tz).date()

    def clock_time(moment: datetime) -> str:
        """A timeline line's time: the clock alone on the day the incident started."""
        local = moment.astimezone(zone.tz)
        return f"{local:%H:%M}" if local.date() == start_day else f"{local:%Y-%m-%d %H:%M}"

    after = {span.kind: format_duration(span.duration) for span in phases(marks)}
    stamped = [kind for kind in MILESTONE_KINDS if kind in marks]
    milestones = [Milestone(MILESTONE_LABELS[kind], at(marks[kind]), after.get(kind, "")) for kind in stamped]
    update = latest_update(session)
    latest = None
    if update is not None:
        latest = Update(STATUS_LABELS.get(update.status, "Update"), clean(update.text), at(update.time))
    events = [e for e in shown_events(session.events) if e.run is None or e.run.kept]
    newest = events[-PAGE_LINES:]
    timeline = [Line(clock_time(event.time), event.kind, clean(line_text(event))) for event in reversed(newest)]
    return PageView(
        title=clean(session.title) or "Incident",
        severity=clean(session.severity),
        status=page_status(session),
        started=started,
        started_text=at(started),
        milestones=milestones,
        latest=latest,
        timeline=timeline,
        updated=updated,
        updated_text=at(updated),
        resolved_at=marks.get("resolved"),
        earlier=len(events) - len(newest),
    )
