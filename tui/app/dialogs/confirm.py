"""A small yes/no question: y or Enter agrees, n or Escape declines; nothing happens until answered."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.app.display import printable


class YesNoDialog(ModalScreen[bool]):
    """What every yes/no dialog does: its yes button has the focus, and the answer is True only for
    that button or the `answer(True)` binding. Subclasses draw the question and name the keys."""

    def on_mount(self) -> None:
        self.query_one("#confirm-yes", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, agreed: bool) -> None:
        self.dismiss(agreed)


class ConfirmDialog(YesNoDialog):
    """Asks one question in plain words; the answer is True only for an explicit yes."""

    HELP_GROUP = "Confirm"
    DEFAULT_CSS = """
    ConfirmDialog { align: center middle; }
    ConfirmDialog #confirm-box {
        width: 72; max-width: 95%; height: auto; padding: 1 2;
        border: thick $warning; background: $surface;
    }
    ConfirmDialog #confirm-question { text-style: bold; margin-bottom: 1; }
    ConfirmDialog #confirm-detail { margin-bottom: 1; }
    ConfirmDialog #confirm-buttons { height: auto; align-horizontal: right; }
    ConfirmDialog Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes", tooltip="Agree"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no", tooltip="Go back; nothing is changed"),
    ]

    def __init__(self, question: str, detail: str, yes: str, no: str) -> None:
        super().__init__()
        self.question, self.detail, self.yes, self.no = question, detail, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(Content(printable(self.question)), id="confirm-question")
            yield Static(Content(printable(self.detail)), id="confirm-detail")
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self.yes} (y)", id="confirm-yes", variant="warning")
                yield Button(f"{self.no} (n)", id="confirm-no")
