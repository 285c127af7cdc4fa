"""The edit dialog: change a timeline event's text and time; the journal keeps the old version."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from tui.app.backdating import surprising_time
from tui.app.dialogs.confirm import ConfirmDialog
from tui.app.display import KIND_LABELS, printable
from tui.core.clock.typed import parse_when
from tui.core.clock.zones import Zone
from tui.core.errors import ScribeError
from tui.core.session.model import Event


@dataclass(frozen=True)
class EventChange:
    """What the dialog changed; None for a part left as it was."""

    text: str | None
    time: datetime | None


def time_field(moment: datetime, zone: Zone) -> str:
    """The event's time as parse_when reads it back exactly: date and time in the session's zone."""
    local = moment.astimezone(zone.tz)
    shown = local.strftime("%Y-%m-%d %H:%M:%S")
    if local.microsecond:
        shown += f".{local.microsecond // 1000:03d}"
    return shown


class EditEventDialog(ModalScreen[EventChange | None]):
    """Enter saves from either field, Escape cancels; a time parse_when cannot read is shown, not saved."""

    DEFAULT_CSS = (Path(__file__).with_suffix(".tcss")).read_text()
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="edit.cancel", tooltip="Close without changing the event"),
    ]

    def __init__(self, event: Event, zone: Zone, now: datetime, started: datetime | None = None) -> None:
        super().__init__()
        self.event = event
        self.zone = zone
        self.now = now
        self.started = started  # the session's start: a time long before it is asked about
        self._time_text = time_field(event.time, zone)

    def compose(self) -> ComposeResult:
        with Vertical(id="edit-box") as box:
            box.border_title = f"Edit {KIND_LABELS.get(self.event.kind, self.event.kind)}"
            yield Label("Text")
            # Control characters are shown spelled out; the text is only rewritten if it changes.
            yield Input(printable(self.event.text), id="edit-text")
            yield Label(f"Time ({self.zone.name}): 10:24, 10:24:30, -5m or a date and time")
            yield Input(self._time_text, id="edit-time")
            yield Static("", id="edit-error")
            with Horizontal(id="edit-buttons"):
                yield Button("Save", variant="primary", id="edit-save")
                yield Button("Cancel", id="edit-cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#edit-save")
    def save(self) -> None:
        text = self.query_one("#edit-text", Input).value.strip()
        time_text = self.query_one("#edit-time", Input).value.strip()
        time: datetime | None = None
        if time_text != self._time_text:
            try:
                time = parse_when(time_text, self.zone, self.now)
            except ScribeError as exc:
                self.query_one("#edit-error", Static).update(str(exc))
                self.query_one("#edit-time", Input).focus()
                return
        if not text:
            self.query_one("#edit-error", Static).update("The text cannot be empty; delete the event with x instead.")
            return
        new_text = text if text != printable(self.event.text) else None
        if time is not None and time == self.event.time:
            time = None
        change = EventChange(new_text, time) if new_text is not None or time is not None else None
        why = None
        if time is not None and self.started is not None:
            why = surprising_time(time, self.event.time, self.started, self.zone.tz, self.zone.name)
        if why is None:
            self.dismiss(change)
            return

        def answered(agreed: bool | None) -> None:
            if agreed:
                self.dismiss(change)
            else:
                self.query_one("#edit-time", Input).focus()

        self.app.push_screen(ConfirmDialog("Move the event there?", why, "Move it", "Back to the edit"), answered)

    @on(Button.Pressed, "#edit-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
