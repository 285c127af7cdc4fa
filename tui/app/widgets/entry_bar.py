"""The entry bar: one line at the bottom where notes and milestone texts are typed."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label

from tui.app.display import KIND_LABELS, hms
from tui.app.messages import Draft, SaveEntry

NOTE_PLACEHOLDER = "Type a note (start with 10:24 or -5m to back-date); Enter saves, Escape cancels"
# Pasted line breaks are kept in the one-line input as this mark, so the paste stays visible and
# editable; Enter turns each marked line into its own event.
LINE_MARK = " ⏎ "


class EntryInput(Input):
    """An Input that keeps the lines of a multi-line paste instead of dropping all but the first."""

    def _on_paste(self, event: events.Paste) -> None:
        # Textual runs every class's _on_paste; prevent_default keeps Input's from cutting the paste.
        lines = [line.strip() for line in event.text.splitlines() if line.strip()]
        if len(lines) > 1:
            event.stop()
            event.prevent_default()
            text = LINE_MARK.join(lines)
            if self.selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *self.selection)


class EntryBar(Horizontal):
    """Hidden until a note or milestone opens it with a Draft; Enter saves, Escape closes."""

    DEFAULT_CSS = (Path(__file__).with_suffix(".tcss")).read_text()
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="entry.cancel",
                tooltip="Close the entry bar; a note is dropped, a stamped milestone keeps its default text"),
    ]

    class Closed(Message):
        """The bar closed (saved or cancelled): the screen puts focus back where it was."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.draft: Draft | None = None
        self.zone_tz = None

    def compose(self) -> ComposeResult:
        yield Label(id="entry-prompt")
        yield EntryInput(placeholder=NOTE_PLACEHOLDER, id="entry-input")

    @property
    def input(self) -> EntryInput:
        return self.query_one(EntryInput)

    @property
    def is_open(self) -> bool:
        return self.has_class("open")

    def open(self, draft: Draft, tz) -> None:
        """Show the bar for a draft; its default text is ready to accept with Enter."""
        self.draft = draft
        label = "note" if draft.is_note else KIND_LABELS.get(draft.kind, draft.kind)
        self.query_one("#entry-prompt", Label).update(
            Text.assemble((hms(draft.time, tz), "bold"), f" {label} ›"))
        self.input.value = draft.default
        self.add_class("open")
        self.input.focus()
        if draft.default:
            self.input.select_all()  # typing replaces the default; End or an arrow keeps it

    def close(self) -> None:
        self.draft = None
        self.input.value = ""
        self.remove_class("open")
        self.post_message(self.Closed())

    @on(Input.Submitted, "#entry-input")
    def submit(self, event: Input.Submitted) -> None:
        event.stop()
        draft = self.draft
        if draft is not None:
            text = "\n".join(part.strip() for part in event.value.split(LINE_MARK.strip()))
            self.post_message(SaveEntry(draft, text))
        self.close()

    def action_cancel(self) -> None:
        self.close()
