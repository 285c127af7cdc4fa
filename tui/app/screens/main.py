"""The main screen: header, running clock, milestones, timeline, checklist and the entry bar."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Static

from tui.app import messages as msg
from tui.app.display import printable
from tui.app.widgets.checklist import Checklist
from tui.app.widgets.clock import IncidentClock
from tui.app.widgets.edit_event import EditEventDialog, EventChange
from tui.app.widgets.entry_bar import EntryBar
from tui.app.widgets.milestones import MilestoneStrip
from tui.app.widgets.timeline import Timeline
from tui.core.clock import Clock
from tui.core.model import MILESTONE_LABELS, Session

if TYPE_CHECKING:
    from tui.app.app import Anchor

MILESTONE_KEYS: dict[str, str] = {
    "impact_started": "i",
    "detected": "d",
    "acknowledged": "a",
    "mitigated": "m",
    "resolved": "r",
}


def _milestone_binding(kind: str, key: str) -> Binding:
    label = MILESTONE_LABELS[kind]
    return Binding(key, f"milestone('{kind}')", label.split()[0], id=f"milestone.{kind}",
                   show=kind != "impact_started",
                   tooltip=f"Stamp '{label}' now, then edit its text (Enter keeps it)")


class MainScreen(Screen):
    """Every key press becomes a request to the app; the screen never records anything itself."""

    DEFAULT_CSS = Path(__file__).with_suffix(".tcss").read_text()
    AUTO_FOCUS = "Timeline"
    BINDINGS = [
        Binding("n", "note", "Note", id="note", tooltip="Write a note timed at this key press"),
        *(_milestone_binding(kind, key) for kind, key in MILESTONE_KEYS.items()),
        Binding("c", "focus_checklist", "Checklist", id="checklist.focus",
                tooltip="Walk the runbook: arrows move, Space ticks, Escape returns"),
        Binding("e", "edit", "Edit", id="event.edit", show=False,
                tooltip="Edit the selected event's text and time"),
        Binding("x", "delete", "Delete", id="event.delete", show=False,
                tooltip="Delete the selected event (u brings it back)"),
        Binding("u", "undo", "Undo", id="event.undo", show=False,
                tooltip="Bring back the last deleted event"),
    ]

    def __init__(self, session: Session, clock: Clock, anchor: Anchor) -> None:
        super().__init__()
        self.session = session
        self.clock = clock
        self.anchor = anchor
        self._return_focus: Widget | None = None

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="masthead")
        yield IncidentClock(self.session, self.clock, self.anchor)
        yield MilestoneStrip(self.session)
        with Horizontal(id="body"):
            yield Timeline(self.session)
            yield Checklist(self.session, self.clock)
        yield Static("", id="unsaved")
        yield EntryBar()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Checklist).display = bool(self.session.checklist)

    def _title(self) -> Text:
        session = self.session
        title = Text.assemble((printable(session.title) or "Untitled incident", "bold"))
        if session.severity:
            title.append("  ")
            title.append(f" {session.severity} ", style="reverse bold")
        return title

    # -- attributes down --------------------------------------------------------------------------

    def session_changed(self) -> None:
        """The session changed (a key here, or another writer): redraw what depends on it."""
        self.query_one("#masthead", Static).update(self._title())
        self.query_one(MilestoneStrip).session_changed()
        self.query_one(Timeline).session_changed()
        checklist = self.query_one(Checklist)
        checklist.display = bool(self.session.checklist)
        checklist.session_changed()
        self.query_one(IncidentClock).tick()

    def select_event(self, event_id: str) -> None:
        self.query_one(Timeline).select_event(event_id)

    def show_unsaved(self, count: int, error: OSError | None) -> None:
        """A warning that stays until the disk takes the changes: never hide unsaved work."""
        line = self.query_one("#unsaved", Static)
        if count:
            noun = "change" if count == 1 else "changes"
            line.update(f"⚠ {count} {noun} not saved: {error or 'unknown error'} (retrying)")
        line.set_class(bool(count), "shown")

    # -- keys -------------------------------------------------------------------------------------

    def _open_entry(self, draft: msg.Draft) -> None:
        bar = self.query_one(EntryBar)
        if not bar.is_open:
            self._return_focus = self.focused
        bar.open(draft, self.session.zone_info.tz)

    def action_note(self) -> None:
        self._open_entry(msg.Draft("note", self.clock.now()))

    @on(Timeline.OpenNote)
    def _note_from_timeline(self) -> None:
        self.action_note()

    def action_milestone(self, kind: str) -> None:
        """Stamp first (the record is the key press), then offer the text for editing."""
        draft = msg.Draft(kind, self.clock.now(), default=MILESTONE_LABELS[kind])
        self.post_message(msg.StampMilestone(draft))
        self._open_entry(draft)

    def action_focus_checklist(self) -> None:
        checklist = self.query_one(Checklist)
        if checklist.display:
            checklist.focus()
        else:
            self.notify("This session has no checklist (start one with --runbook NAME).", timeout=3)

    @on(Checklist.Leave)
    def _leave_checklist(self) -> None:
        self.query_one(Timeline).focus()

    @on(EntryBar.Closed)
    def _entry_closed(self) -> None:
        target = self._return_focus
        self._return_focus = None
        if target is None or not target.is_attached or target in self.query_one(EntryBar).query("*"):
            target = self.query_one(Timeline)
        target.focus()

    def action_edit(self) -> None:
        event = self.query_one(Timeline).selected_event
        if event is None:
            return
        event_id = event.id

        def done(change: EventChange | None) -> None:
            if change is not None:
                self.post_message(msg.EditEvent(event_id, change.text, change.time))

        self.app.push_screen(EditEventDialog(event, self.session.zone_info, self.clock.now()), done)

    def action_delete(self) -> None:
        event = self.query_one(Timeline).selected_event
        if event is not None:
            self.post_message(msg.DeleteEvent(event.id))

    def action_undo(self) -> None:
        self.post_message(msg.UndoDelete())
