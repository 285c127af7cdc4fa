"""What a session is: pydantic models for the session, its events, checklist, fields and action items."""

from __future__ import annotations

from bisect import bisect_left, insort
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from tui.core.zones import Zone, parse_zone

MILESTONE_KINDS: tuple[str, ...] = ("impact_started", "detected", "acknowledged", "mitigated", "resolved")
MILESTONE_LABELS: dict[str, str] = {
    "impact_started": "Impact started",
    "detected": "Detected",
    "acknowledged": "Acknowledged",
    "mitigated": "Mitigated",
    "resolved": "Resolved",
}
# Besides milestones: free notes, checklist ticks, what the response inspector found and did.
EVENT_KINDS: tuple[str, ...] = ("note", *MILESTONE_KINDS, "check", "inspect", "follow")
EVENT_SOURCES: tuple[str, ...] = ("keyboard", "cli", "import", "inspector", "checklist")
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


class Event(BaseModel):
    """Something that happened: its own time (editable) apart from when it was recorded (never)."""

    model_config = ConfigDict(extra="ignore")

    id: str
    time: datetime
    kind: str = "note"
    text: str = ""
    author: str = ""
    source: str = "keyboard"
    recorded: datetime | None = None
    seq: int = 0  # entry order: breaks ties between events at the same time
    edited: bool = False

    @property
    def sort_key(self) -> tuple[datetime, int]:
        return (self.time, self.seq)

    @property
    def is_milestone(self) -> bool:
        return self.kind in MILESTONE_KINDS


class ChecklistItem(BaseModel):
    """One step of the runbook; ticking it is also a timeline event."""

    id: str
    text: str
    checked: bool = False
    checked_at: datetime | None = None


class ActionItem(BaseModel):
    """A follow-up the postmortem commits to, with the person who owns it."""

    id: str
    text: str
    owner: str = ""
    done: bool = False


class Impact(BaseModel):
    """Figures the author supplies; kept as written ("all 3 current users") and never invented."""

    users_affected: str = ""
    share_of_users: str = ""
    failed_requests: str = ""
    support_tickets: str = ""


class PostmortemFields(BaseModel):
    """The prose sections of the postmortem, as the author wrote them (empty means: draft it)."""

    summary: str = ""
    detection: str = ""
    detection_source: str = ""
    impact: str = ""
    response: str = ""
    root_cause: str = ""
    resolution: str = ""
    prevention: str = ""


class Session(BaseModel):
    """The fold of a journal's operations: everything Scribe knows about one incident."""

    model_config = ConfigDict(validate_assignment=False)

    id: str
    title: str
    created: datetime
    zone: str = "UTC"
    severity: str = ""
    runbook: str = ""
    roles: dict[str, str] = Field(default_factory=dict)
    impact: Impact = Field(default_factory=Impact)
    fields: PostmortemFields = Field(default_factory=PostmortemFields)
    action_items: list[ActionItem] = Field(default_factory=list)
    checklist: list[ChecklistItem] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)  # live events, in time order
    deleted: list[Event] = Field(default_factory=list)  # tombstoned, in order of deletion
    _index: dict[str, Event] = PrivateAttr(default_factory=dict)
    _seq: int = PrivateAttr(default=0)

    # -- reading ---------------------------------------------------------------------------------

    @property
    def zone_info(self) -> Zone:
        return parse_zone(self.zone)

    def event(self, event_id: str) -> Event | None:
        return self._index.get(event_id)

    def milestone(self, kind: str) -> Event | None:
        """The earliest live event of a milestone kind: a second stamp never moves a milestone later."""
        for event in self.events:
            if event.kind == kind:
                return event
        return None

    def milestones(self) -> dict[str, datetime]:
        found: dict[str, datetime] = {}
        for event in self.events:
            if event.kind in MILESTONE_KINDS and event.kind not in found:
                found[event.kind] = event.time
        return found

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

    def insert_event(self, event: Event, *, keep_seq: bool = False) -> None:
        """Place an event in time order; a restored event keeps its original entry order."""
        if not keep_seq:
            self._seq += 1
            event.seq = self._seq
        self._index[event.id] = event
        if not self.events or self.events[-1].sort_key <= event.sort_key:
            self.events.append(event)  # the common case: the newest event goes last
        else:
            insort(self.events, event, key=_sort_key)

    def remove_event(self, event_id: str) -> Event | None:
        event = self._index.pop(event_id, None)
        if event is not None:
            del self.events[self._position(event)]
        return event

    def retime_event(self, event: Event, time: datetime) -> None:
        del self.events[self._position(event)]
        event.time = time
        insort(self.events, event, key=_sort_key)

    def _position(self, event: Event) -> int:
        # (time, seq) is unique per event, so bisect finds it without comparing whole models.
        return bisect_left(self.events, event.sort_key, key=_sort_key)


def _sort_key(event: Event) -> tuple[datetime, int]:
    return (event.time, event.seq)
