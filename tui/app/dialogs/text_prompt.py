"""One line of text asked for (a new title): Enter answers, Escape goes back with nothing changed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.app.display import printable


class TextPrompt(ModalScreen[str | None]):
    """Answers the stripped text on Enter (None for Escape, or for an empty line)."""

    HELP_GROUP = "Text"
    DEFAULT_CSS = """
    TextPrompt { align: center middle; }
    TextPrompt #prompt-box {
        width: 72; max-width: 95%; height: auto; padding: 1 2;
        border: thick $accent; background: $surface;
    }
    TextPrompt #prompt-question { text-style: bold; margin-bottom: 1; }
    TextPrompt #prompt-hint { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel", tooltip="Go back; nothing is changed")]

    def __init__(self, question: str, value: str = "") -> None:
        super().__init__()
        self.question, self.value = question, value

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Static(Content(printable(self.question)), id="prompt-question")
            yield Input(self.value, id="prompt-input")
            yield Static("Enter saves, Escape goes back", id="prompt-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
