"""The main screen: header, running clock, milestones, timeline, checklist and the entry bar."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from tui.app import messages as msg
from tui.app import textual_private
from tui.app.dialogs.confirm import ConfirmDialog
from tui.app.dialogs.unsaved import describe as describe_unsaved
from tui.app.display import KIND_LABELS, hms, printable
from tui.app.entries import planned_entries
from tui.app.widgets.checklist import Checklist
from tui.app.widgets.entry_bar import LINE_MARK, EntryBar
from tui.app.widgets.key_footer import KeyFooter
from tui.app.widgets.session_view import SessionView
from tui.app.widgets.timeline import Timeline
from tui.core.clock.anchor import Anchor
from tui.core.clock.source import Clock
from tui.core.clock.typed import out_of_range_in
from tui.core.errors import ScribeError
from tui.core.session.model import MILESTONE_LABELS, Event, Session
from tui.core.session.recorder import check_size

if TYPE_CHECKING:
    from tui.app.dialogs.edit_event import EventChange

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
SCREEN_ACTIONS = {"note", "milestone", "focus_checklist", "edit", "delete", "undo", "toggle_commands", "keep_command"}


class MainScreen(Screen):
    """Every key press becomes a request to the app; the screen never records anything itself."""

    DEFAULT_CSS = Path(__file__).with_suffix(".tcss").read_text()
    AUTO_FOCUS = "Timeline"
    # Focus moves twice per note (into the entry line and back): see focus_without_repaint.
    focused: Reactive[Widget | None] = textual_private.focus_without_repaint()
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
        Binding(
            "h",
            "toggle_commands",
            "Shell",
            id="commands.toggle",
            show=False,
            priority=True,
            tooltip="Hide or show the commands of attached shells on the timeline",
        ),
        Binding(
            "K",
            "keep_command",
            "Keep",
            id="command.keep",
            show=False,
            priority=True,
            tooltip="Keep the selected shell command on the exported timeline (again: take it off)",
        ),
    ]

    def __init__(self, session: Session, clock: Clock, clock_anchor: Anchor) -> None:
        super().__init__()
        self.session = session
        self.clock = clock
        self.clock_anchor = clock_anchor
        self._sharing = ""  # the sharing state, on a shared session
        self._update_due: tuple[str, bool] | None = None  # the next status update's countdown, once one was sent
        self._title_shown = self._title()

    def compose(self) -> ComposeResult:
        yield Static(self._title_shown, id="masthead")
        yield SessionView(self.session, self.clock, self.clock_anchor, detail=True)
        yield Static("", id="unsaved")
        yield EntryBar(refusal=self._entry_refusal, preview=self._entry_preview)
        yield KeyFooter()

    @property
    def view(self) -> SessionView:
        return self.query_one(SessionView)

    def _entry_refusal(self, text: str) -> str | None:
        try:
            check_size(text)
        except ScribeError as error:
            return str(error)
        return out_of_range_in(text, self.session.zone_info, self.clock.now())

    def _entry_preview(self, draft: msg.Draft, text: str) -> list[tuple[datetime, str]]:
        return planned_entries(draft, text, self.session.zone_info, self.clock.now())

    def _title(self) -> Text:
        session = self.session
        title = Text.assemble((printable(session.title) or "Untitled incident", "bold"))
        if session.severity:
            title.append("  ")
            title.append(f" {session.severity} ", style="reverse bold")
        if self._sharing:
            title.append(f"  {self._sharing}", style="dim")
        if self._update_due:
            text, due = self._update_due
            warning = self.app.theme_variables.get("warning", "yellow")
            title.append(f"  {text}", style=f"bold {warning}" if due else "dim")
        return title

    def show_update_due(self, text: str, due: bool) -> None:
        """The countdown to the next status update beside the title; warning-coloured once it is due."""
        if (text, due) != self._update_due:
            self._update_due = (text, due)
            self._title_shown = self._title()
            self.query_one("#masthead", Static).update(self._title_shown)

    # -- attributes down --------------------------------------------------------------------------

    def session_changed(self) -> None:
        """The session changed (a key here, or another writer): redraw what depends on it."""
        title = self._title()
        if title != self._title_shown:  # a note leaves it as it was; an update would re-lay out the screen
            self._title_shown = title
            self.query_one("#masthead", Static).update(title)
        self.view.session_changed()

    def select_event(self, event_id: str) -> None:
        self.view.select_event(event_id)

    def show_sharing(self, text: str) -> None:
        """The sharing state beside the title: caught up, people, offline with changes not yet shared."""
        if text != self._sharing:
            self._sharing = text
            self._title_shown = self._title()
            self.query_one("#masthead", Static).update(self._title_shown)

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
        if action in SCREEN_ACTIONS and textual_private.takes_typing(self.focused):
            return None
        return True

    def _open_entry(self, draft: msg.Draft) -> None:
        bar = self.query_one(EntryBar)
        return_to = bar.return_to if bar.is_open else self.focused
        if bar.is_open and not bar.save():  # focus had wandered off a half-written entry: keep it
            self.set_focus(bar.input)  # refused: it stays for the writer to fix, the new draft waits
            return
        bar.open(draft, self.session.zone_info.tz, return_to=return_to or self.view.timeline)

    def entry_saved(self) -> None:
        """The saved entry is recorded: the bar closes once it is drawn (EntryBar.close_after_save)."""
        self.call_after_refresh(self.query_one(EntryBar).finish_closing)

    def reopen_entry(self, draft: msg.Draft, text: str) -> None:
        """Put a text back in the entry bar, as it was before Enter (a declined confirmation)."""
        self._open_entry(draft)
        bar = self.query_one(EntryBar)
        bar.input.value = LINE_MARK.join(line.strip() for line in text.splitlines() if line.strip())
        bar.input.cursor_position = len(bar.input.value)

    def action_note(self) -> None:
        bar = self.query_one(EntryBar)
        if bar.is_open:  # already writing (focus was clicked away): go back to it
            self.set_focus(bar.input)
            return
        if bar.resume(self.session.zone_info.tz, return_to=self.focused or self.view.timeline):
            return  # the note put aside with Escape, as it was
        self._open_entry(msg.Draft("note", self.clock.now()))

    def unsent_draft(self) -> str:
        """Typed text not yet recorded (an open entry, or a note put aside); "" when there is none."""
        return self.query_one(EntryBar).unsent_text()

    def bring_back_draft(self) -> None:
        """Show the unsent text again: focus the open entry, or reopen the note put aside."""
        bar = self.query_one(EntryBar)
        if bar.is_open:
            self.set_focus(bar.input)
        else:
            bar.resume(self.session.zone_info.tz, return_to=self.focused or self.view.timeline)

    def action_note_from_timeline(self) -> None:
        """Enter on the timeline: the screen's own Enter and the timeline's (see Timeline) both run this."""
        self.action_note()

    def action_milestone(self, kind: str) -> None:
        """Stamp first (the record is the key press), then offer the text for editing."""
        stamped = self.session.milestone(kind)
        if stamped is not None:
            self._ask_to_move(stamped, self.clock.now())
            return
        draft = msg.Draft(kind, self.clock.now(), default=MILESTONE_LABELS[kind])
        self.post_message(msg.StampMilestone(draft))
        self._open_entry(draft)

    def _ask_to_move(self, stamped: Event, pressed_at: datetime) -> None:
        """A milestone key pressed again: move the one milestone to this press, only on a yes.

        Moving rather than stamping a second: the incident has one detection, one mitigation, and
        a second stamp would sit on the timeline while the phases go on counting from the first.
        """
        tz = self.session.zone_info.tz
        event_id, label = stamped.id, MILESTONE_LABELS[stamped.kind]

        def answered(agreed: bool | None) -> None:
            if agreed:
                self.post_message(msg.EditEvent(event_id, None, pressed_at))

        self.app.push_screen(
            ConfirmDialog(
                f"{label} is already stamped, at {hms(stamped.time, tz)}. Move it to {hms(pressed_at, tz)}?",
                "A session has one of each milestone. Moving keeps its text; No leaves it where it is.",
                "Move it",
                "Keep it",
            ),
            answered,
        )

    def action_focus_checklist(self) -> None:
        checklist = self.view.checklist
        if checklist.display:
            checklist.go_to_first_open()  # the next step to do, not wherever the cursor was left
            self.set_focus(checklist)  # now, not after the keys already typed
        else:
            self.notify("This session has no checklist (start one with --runbook NAME).", timeout=3)

    def action_leave_checklist(self) -> None:
        self.set_focus(self.view.timeline)

    def action_edit(self) -> None:
        event = self.view.timeline.selected_event
        if event is None:
            return
        event_id = event.id
        from tui.app.dialogs.edit_event import EditEventDialog  # opened by e: not at start-up

        def done(change: EventChange | None) -> None:
            if change is not None:
                self.post_message(msg.EditEvent(event_id, change.text, change.time))

        self.app.push_screen(
            EditEventDialog(event, self.session.zone_info, self.clock.now(), self.session.created), done
        )

    def action_delete(self) -> None:
        event = self.view.timeline.selected_event
        if event is not None:
            self.post_message(msg.DeleteEvent(event.id))

    def action_undo(self) -> None:
        self.post_message(msg.UndoDelete())

    def action_toggle_commands(self) -> None:
        timeline = self.view.timeline
        timeline.show_commands(not timeline.commands_shown)
        shown = timeline.commands_shown
        self.notify("Shell commands shown." if shown else "Shell commands hidden (h shows them).", timeout=3)

    def action_keep_command(self) -> None:
        event = self.view.timeline.selected_event
        if event is None or event.run is None:
            self.notify("Select a shell command to keep it on the exported timeline.", timeout=3)
            return
        self.post_message(msg.KeepCommand(event.id, not event.run.kept))
