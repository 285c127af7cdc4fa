"""What a session is: plain slotted classes for the session, its events, checklist, fields and action items.

They are standard-library dataclasses rather than pydantic models: a session file is checked line by
line as it is folded (`operations.py`), and pydantic's import and per-instance bookkeeping cost
Scribe its start-up budget and about 1 KB per event. pydantic still writes the JSON document.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from tui.core.clock.zones import Zone, parse_zone

MILESTONE_KINDS: tuple[str, ...] = ("impact_started", "detected", "acknowledged", "mitigated", "resolved")
MILESTONE_LABELS: dict[str, str] = {
    "impact_started": "Impact started",
    "detected": "Detected",
    "acknowledged": "Acknowledged",
    "mitigated": "Mitigated",
    "resolved": "Resolved",
}
# Besides milestones: free notes, checklist ticks, what the response inspector found and did,
# the commands an attached shell ran (tui.core.shell), what alerting systems sent (`scribe serve`),
# and the status updates sent to stakeholders (`scribe update`, the app's composer).
EVENT_KINDS: tuple[str, ...] = ("note", *MILESTONE_KINDS, "check", "inspect", "follow", "command", "alert", "update")
# What a status update may tell stakeholders, in the order an incident usually goes through them.
UPDATE_STATUSES: tuple[str, ...] = ("investigating", "identified", "monitoring", "resolved")
EVENT_SOURCES: tuple[str, ...] = ("keyboard", "cli", "import", "inspector", "checklist", "shell", "webhook")
SEVERITIES: tuple[str, ...] = ("SEV1", "SEV2", "SEV3", "SEV4", "SEV5")
Phase = Literal["investigating", "mitigated", "resolved"]

IMPACT_FIELDS: dict[str, str] = {
    "users_affected": "Users affected",
    "share_of_users": "Share of users",
    "failed_requests": "Failed requests",
    "support_tickets": "Support tickets",
}
PROSE_FIELDS: dict[str, str] = {
    "summary": "Summary",
    "detection": "Detection",
    "detection_source": "Detection source",
    "impact": "Impact",
    "response": "Response",
    "root_cause": "Root cause",
    "resolution": "Resolution",
    "prevention": "Prevention",
}


@dataclass(slots=True)
class CommandRun:
    """How a shell command went, as the shell saw it; `kept` puts it on the exported timeline."""

    status: int
    duration_ms: int
    cwd: str = ""
    kept: bool = False


@dataclass(slots=True)
class Event:
    """Something that happened: its own time (editable) apart from when it was recorded (never)."""

    id: str
    time: datetime
    kind: str = "note"
    text: str = ""
    author: str = ""
    source: str = "keyboard"
    recorded: datetime | None = None
    seq: int = 0  # entry order: breaks ties between events at the same time
    edited: bool = False
    run: CommandRun | None = None  # set on `command` events only
    status: str = ""  # set on `update` events only: one of UPDATE_STATUSES

    @property
    def sort_key(self) -> tuple[datetime, int]:
        return (self.time, self.seq)

    @property
    def is_milestone(self) -> bool:
        return self.kind in MILESTONE_KINDS


@dataclass(slots=True)
class ChecklistItem:
    """One step of the runbook; ticking it is also a timeline event."""

    id: str
    text: str
    checked: bool = False
    checked_at: datetime | None = None


@dataclass(slots=True)
class ActionItem:
    """A follow-up the postmortem commits to, with the person who owns it."""

    id: str
    text: str
    owner: str = ""
    done: bool = False


@dataclass(slots=True)
class Impact:
    """Figures the author supplies; kept as written ("all 3 current users") and never invented."""

    users_affected: str = ""
    share_of_users: str = ""
    failed_requests: str = ""
    support_tickets: str = ""


@dataclass(slots=True)
class PostmortemFields:
    """The prose sections of the postmortem, as the author wrote them (empty means: draft it)."""

    summary: str = ""
    detection: str = ""
    detection_source: str = ""
    impact: str = ""
    response: str = ""
    root_cause: str = ""
    resolution: str = ""
    prevention: str = ""


@dataclass
class Session:
    """The fold of a journal's operations: everything Scribe knows about one incident."""

    id: str
    title: str
    created: datetime
    zone: str = "UTC"
    severity: str = ""
    runbook: str = ""
    roles: dict[str, str] = field(default_factory=dict)
    impact: Impact = field(default_factory=Impact)
    fields: PostmortemFields = field(default_factory=PostmortemFields)
    action_items: list[ActionItem] = field(default_factory=list)
    checklist: list[ChecklistItem] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)  # live events, in time order
    deleted: list[Event] = field(default_factory=list)  # tombstoned, in order of deletion
    # sha256 hex digests of the stakeholder page's links (`scribe publish`); the tokens are never kept.
    page_links: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Derived state, kept beside the fields (plain attributes, not fields: not part of the record).
        self._index: dict[str, Event] = {event.id: event for event in self.events}
        self._seq = max((event.seq for event in (*self.events, *self.deleted)), default=0)
        self._milestones: dict[str, Event] | None = None  # None: recompute
        # Counts every change to `events` other than appending a newest event (a removal, a retime,
        # an insertion before the end): a view whose count still matches can extend its rows.
        self._reorders = 0

    # -- reading ---------------------------------------------------------------------------------

    @property
    def zone_info(self) -> Zone:
        return parse_zone(self.zone)

    def event(self, event_id: str) -> Event | None:
        return self._index.get(event_id)

    def _first_of_each_milestone(self) -> dict[str, Event]:
        found = self._milestones
        if found is None:  # cached until the timeline changes: the clock asks several times a second
            found = {}
            for event in self.events:
                if event.kind in MILESTONE_KINDS and event.kind not in found:
                    found[event.kind] = event
            self._milestones = found
        return found

    def milestone(self, kind: str) -> Event | None:
        """The earliest live event of a milestone kind: a second stamp never moves a milestone later."""
        return self._first_of_each_milestone().get(kind)

    def milestones(self) -> dict[str, datetime]:
        """Each stamped milestone's time, in the order of MILESTONE_KINDS."""
        found = self._first_of_each_milestone()
        return {kind: found[kind].time for kind in MILESTONE_KINDS if kind in found}

    @property
    def status(self) -> Phase:
        marks = self.milestones()
        if "resolved" in marks:
            return "resolved"
        if "mitigated" in marks:
            return "mitigated"
        return "investigating"

    @property
    def start(self) -> datetime:
        """When the incident began: impact start if known, else the session's creation."""
        impact = self.milestone("impact_started")
        return impact.time if impact else self.created

    def checklist_item(self, item_id: str) -> ChecklistItem | None:
        return next((item for item in self.checklist if item.id == item_id), None)

    def action_item(self, item_id: str) -> ActionItem | None:
        return next((item for item in self.action_items if item.id == item_id), None)

    # -- changing (only the fold in operations.py calls these) -----------------------------------

    @property
    def reorders(self) -> int:
        """Changes to the event order other than appending; unchanged means only new events came last."""
        return self._reorders

    def next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def insert_event(self, event: Event) -> None:
        """Place an event in time order, after any event of the same time (its seq is its entry order)."""
        self._index[event.id] = event
        events = self.events
        last = events[-1] if events else None
        # (time, seq) order, compared field by field: this runs once per event of a loading session.
        if last is None or last.time < event.time or (last.time == event.time and last.seq <= event.seq):
            events.append(event)  # the common case: the newest event goes last
            found = self._milestones
            # The newest event is a milestone's first only when none of its kind came before: a
            # note leaves the cache good, so the app does not scan every event on each note.
            if found is not None and event.kind in MILESTONE_KINDS and event.kind not in found:
                found[event.kind] = event
        else:
            insort(events, event, key=_sort_key)
            self._milestones = None
            self._reorders += 1

    def remove_event(self, event_id: str) -> Event | None:
        event = self._index.pop(event_id, None)
        if event is not None:
            del self.events[self._position(event)]
            self._milestones = None
            self._reorders += 1
        return event

    def retime_event(self, event: Event, time: datetime) -> None:
        del self.events[self._position(event)]
        event.time = time
        insort(self.events, event, key=_sort_key)
        self._milestones = None
        self._reorders += 1

    def _position(self, event: Event) -> int:
        # (time, seq) is unique per event, so bisect finds it without comparing whole models.
        return bisect_left(self.events, event.sort_key, key=_sort_key)


def _sort_key(event: Event) -> tuple[datetime, int]:
    return (event.time, event.seq)
