"""The status-update composer: a drafted text, a status and the minutes to the next update."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, TextArea

from tui.core.page.status import STATUS_LABELS
from tui.core.session.model import UPDATE_STATUSES


@dataclass(frozen=True)
class StatusUpdate:
    status: str
    text: str
    minutes: int


class StatusUpdateDialog(ModalScreen[StatusUpdate | None]):
    """Edit the draft, pick the status (the draft follows it until edited), save with Ctrl+S."""

    HELP_GROUP = "Status update"
    DEFAULT_CSS = """
    StatusUpdateDialog { align: center middle; }
    StatusUpdateDialog > Vertical {
        width: 84; height: auto; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    StatusUpdateDialog RadioSet { layout: horizontal; width: 100%; }
    StatusUpdateDialog TextArea { height: 7; }
    StatusUpdateDialog Horizontal { height: auto; margin-top: 1; }
    StatusUpdateDialog Input { width: 10; }
    StatusUpdateDialog #update-problem { color: $error; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="update.save", priority=True, tooltip="Record and copy the update"),
        Binding("escape", "cancel", "Cancel", id="update.cancel", priority=True, tooltip="Close without recording"),
    ]

    def __init__(self, status: str, minutes: int, draft: Callable[[str, int], str]) -> None:
        super().__init__()
        self._status, self._minutes, self._draft = status, minutes, draft
        self._drafted = draft(status, minutes)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Status update for stakeholders (Ctrl+S records it and copies it for chat)")
            with RadioSet(id="update-status"):
                for status in UPDATE_STATUSES:
                    yield RadioButton(STATUS_LABELS[status], value=status == self._status, name=status)
            yield TextArea(self._drafted, id="update-text", soft_wrap=True)
            with Horizontal():
                yield Label("Next update in (minutes) ")
                yield Input(str(self._minutes), id="update-minutes", restrict=r"[0-9]*", max_length=4)
                yield Button("Save", id="update-save", variant="primary")
            yield Label("", id="update-problem")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def _chosen(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return (pressed.name if pressed is not None else None) or self._status

    def _minutes_given(self) -> int | None:
        text = self.query_one("#update-minutes", Input).value
        return int(text) if text.isdigit() and 1 <= int(text) <= 1440 else None

    @on(RadioSet.Changed)
    @on(Input.Changed, "#update-minutes")
    def _redraft(self) -> None:
        """The draft follows the status and the minutes until someone edits it."""
        area = self.query_one(TextArea)
        minutes = self._minutes_given()
        if area.text == self._drafted and minutes is not None:
            self._drafted = self._draft(self._chosen(), minutes)
            area.text = self._drafted

    @on(Button.Pressed, "#update-save")
    def action_save(self) -> None:
        text, minutes = self.query_one(TextArea).text.strip(), self._minutes_given()
        problem = self.query_one("#update-problem", Label)
        if not text:
            problem.update("The update is empty.")
        elif minutes is None:
            problem.update("Next update in: a whole number of minutes, 1 to 1440.")
        else:
            self.dismiss(StatusUpdate(self._chosen(), text, minutes))

    def action_cancel(self) -> None:
        self.dismiss(None)
