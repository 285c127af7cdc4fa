"""The main screen: header, running clock, milestones, timeline, checklist and the entry bar."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from tui.app import messages as msg
from tui.app.display import KIND_LABELS, printable
from tui.app.screens.unsaved import describe as describe_unsaved
from tui.app.widgets.checklist import Checklist
from tui.app.widgets.clock import IncidentClock
from tui.app.widgets.edit_event import EditEventDialog, EventChange
from tui.app.widgets.entry_bar import EntryBar
from tui.app.widgets.key_footer import KeyFooter
from tui.app.widgets.milestones import MilestoneStrip
from tui.app.widgets.timeline import Timeline
from tui.core.clock.source import Clock
from tui.core.clock.typed import out_of_range_in
from tui.core.errors import ScribeError
from tui.core.session.model import MILESTONE_LABELS, Session
from tui.core.session.recorder import check_size

if TYPE_CHECKING:
    from tui.core.clock.anchor import Anchor

MILESTONE_KEYS: dict[str, str] = {
    "impact_started": "i",
    "detected": "d",
    "acknowledged": "a",
    "mitigated": "m",
    "resolved": "r",
}


def _milestone_binding(kind: str, key: str) -> Binding:
    label = MILESTONE_LABELS[kind]
    return Binding(
        key,
        f"milestone('{kind}')",
        KIND_LABELS[kind].capitalize(),
        id=f"milestone.{kind}",
        show=kind != "impact_started",
        priority=True,
        tooltip=f"Stamp '{label}' now, then edit its text (Enter keeps it)",
    )


# Keys that act on the screen, not on text: off while a text field has focus, so they type.
SCREEN_ACTIONS = {"note", "milestone", "focus_checklist", "edit", "delete", "undo"}


# The detail line under the timeline shows this much of a long text; the export has all of it.
DETAIL_CHARS = 4000


def shown_part(text: str) -> str:
    if len(text) <= DETAIL_CHARS:
        return text
    return f"{text[:DETAIL_CHARS]}… ({len(text) - DETAIL_CHARS:,} more characters; the export has them all)"


class MainScreen(Screen):
    """Every key press becomes a request to the app; the screen never records anything itself."""

    DEFAULT_CSS = Path(__file__).with_suffix(".tcss").read_text()
    AUTO_FOCUS = "Timeline"
    # Textual repaints the whole screen when focus moves, and a note moves it twice (into the entry
    # line and back): with a full timeline that was most of a note's time to the screen. The
    # widgets whose look depends on focus (:focus rules) are restyled and redrawn by Textual anyway.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    # Priority bindings run as the app reads the key, before it hands the next key to whichever
    # widget has focus; with the focus moved at once, "n" typed straight into "quick note" puts
    # "quick note" in the entry bar instead of letting "q" quit.
    BINDINGS = [
        Binding("n", "note", "Note", id="note", priority=True, tooltip="Write a note timed at this key press"),
        Binding(
            "enter",
            "note_from_timeline",
            "Note",
            id="note.enter",
            show=False,
            priority=True,
            tooltip="Write a note timed at this key press (from the timeline)",
        ),
        *(_milestone_binding(kind, key) for kind, key in MILESTONE_KEYS.items()),
        Binding(
            "c",
            "focus_checklist",
            "Checklist",
            id="checklist.focus",
            priority=True,
            tooltip="Walk the runbook: arrows move, Space ticks, Escape returns",
        ),
        Binding(
            "escape",
            "leave_checklist",
            "Timeline",
            id="checklist.leave",
            priority=True,
            tooltip="From the checklist back to the timeline",
        ),
        Binding(
            "e",
            "edit",
            "Edit",
            id="event.edit",
            show=False,
            priority=True,
            tooltip="Edit the selected event's text and time",
        ),
        Binding(
            "x",
            "delete",
            "Delete",
            id="event.delete",
            show=False,
            priority=True,
            tooltip="Delete the selected event (u brings it back)",
        ),
        Binding(
            "u", "undo", "Undo", id="event.undo", show=False, priority=True, tooltip="Bring back the last deleted event"
        ),
    ]

    def __init__(self, session: Session, clock: Clock, anchor: Anchor) -> None:
        super().__init__()
        self.session = session
        self.clock = clock
        self.anchor = anchor
        self._title_shown = self._title()

    def compose(self) -> ComposeResult:
        yield Static(self._title_shown, id="masthead")
        yield IncidentClock(self.session, self.clock, self.anchor)
        yield MilestoneStrip(self.session)
        with Horizontal(id="body"):
            with Vertical(id="timeline-column"):
                yield Timeline(self.session)
                yield Static(id="detail")
            yield Checklist(self.session, self.clock)
        yield Static("", id="unsaved")
        yield EntryBar(refusal=self._entry_refusal)
        yield KeyFooter()

    def _entry_refusal(self, text: str) -> str | None:
        try:
            check_size(text)
        except ScribeError as error:
            return str(error)
        return out_of_range_in(text, self.session.zone_info, self.clock.now())

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
        title = self._title()
        if title != self._title_shown:  # a note leaves it as it was; an update would re-lay out the screen
            self._title_shown = title
            self.query_one("#masthead", Static).update(title)
        self.query_one(MilestoneStrip).session_changed()
        self.query_one(Timeline).session_changed()
        checklist = self.query_one(Checklist)
        checklist.display = bool(self.session.checklist)
        checklist.session_changed()
        self.query_one(IncidentClock).tick()

    @on(Timeline.Selected)
    def _show_detail(self, message: Timeline.Selected) -> None:
        """The selected event in full, under the timeline, when its line had to be cut short."""
        detail = self.query_one("#detail", Static)
        event = message.event
        if event is not None and message.cut:
            detail.update(Text(printable(shown_part(event.text))))
        detail.set_class(event is not None and message.cut, "shown")

    def select_event(self, event_id: str) -> None:
        self.query_one(Timeline).select_event(event_id)

    def show_unsaved(self, count: int, error: OSError | None) -> None:
        """A warning that stays until the disk takes the changes: never hide unsaved work."""
        line = self.query_one("#unsaved", Static)
        if count:
            line.update(Text(f"⚠ {describe_unsaved(count, error)} — retrying; q offers to write them elsewhere"))
        line.set_class(bool(count), "shown")

    # -- keys -------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # False hides a key from the footer where it means nothing; None shows it dimmed (typing).
        if action == "note_from_timeline":
            return isinstance(self.focused, Timeline)
        if action == "leave_checklist":
            return isinstance(self.focused, Checklist)
        if action in SCREEN_ACTIONS and isinstance(self.focused, (Input, TextArea)):
            return None
        return True

    def _open_entry(self, draft: msg.Draft) -> None:
        bar = self.query_one(EntryBar)
        return_to = bar.return_to if bar.is_open else self.focused
        if bar.is_open and not bar.save():  # focus had wandered off a half-written entry: keep it
            self.set_focus(bar.input)  # refused: it stays for the writer to fix, the new draft waits
            return
        bar.open(draft, self.session.zone_info.tz, return_to=return_to or self.query_one(Timeline))

    def action_note(self) -> None:
        bar = self.query_one(EntryBar)
        if bar.is_open:  # already writing (focus was clicked away): go back to it
            self.set_focus(bar.input)
            return
        self._open_entry(msg.Draft("note", self.clock.now()))

    def action_note_from_timeline(self) -> None:
        self.action_note()

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
            self.set_focus(checklist)  # now, not after the keys already typed
        else:
            self.notify("This session has no checklist (start one with --runbook NAME).", timeout=3)

    def action_leave_checklist(self) -> None:
        self.set_focus(self.query_one(Timeline))

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
