"""The postmortem preview: the export rendered as Markdown, to read before it is saved or copied."""

from __future__ import annotations

from rich.markdown import Markdown
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.core.postmortem.export import export_session
from tui.core.session.model import Session


class MarkdownView(Static):
    """The postmortem drawn as one widget. Textual's Markdown widget mounts a widget for every
    block, and a postmortem's hundred-odd blocks took over a second to style and lay out."""

    def __init__(self, source: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.show(source)

    def show(self, source: str) -> None:
        self.source = source
        self.update(Markdown(source, hyperlinks=False))


class ExportPreview(Screen[None]):
    """Shows exactly what `scribe export` would write; saving and copying are the app's to do."""

    HELP_GROUP = "Postmortem preview"
    DEFAULT_CSS = """
    ExportPreview #export-caption { height: 1; padding: 0 1; background: $panel; color: $text-muted; }
    ExportPreview VerticalScroll { padding: 0 1; }
    """
    BINDINGS = [
        Binding("s", "save", "Save", id="export.save", tooltip="Write the postmortem beside the session file"),
        Binding("c", "copy", "Copy", id="export.copy", tooltip="Put the postmortem on the clipboard"),
        Binding(
            "r",
            "toggle_redaction",
            "Redaction",
            id="export.redaction",
            tooltip="Show the report with or without API keys and tokens (redacted by default)",
        ),
        Binding("escape,q", "close", "Close", id="export.close", tooltip="Back to the timeline"),
    ]

    redacted: reactive[bool] = reactive(True, init=False)

    class Save(Message):
        """Write this text to the postmortem file."""

        def __init__(self, text: str, redacted: bool) -> None:
            super().__init__()
            self.text = text
            self.redacted = redacted

    class Copy(Message):
        """Put this text on the clipboard."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.text = export_session(session, redacted=True)

    def compose(self) -> ComposeResult:
        yield Static(self._caption(), id="export-caption")
        with VerticalScroll():
            yield MarkdownView(self.text, id="export-markdown")
        yield Footer()

    def _caption(self) -> str:
        secrets = "secrets redacted" if self.redacted else "NOT redacted: API keys and tokens shown"
        return f"Postmortem preview ({secrets}). s saves, c copies, r toggles redaction, Escape closes."

    def watch_redacted(self, redacted: bool) -> None:
        self.text = export_session(self.session, redacted=redacted)
        if self.is_mounted:
            self.query_one("#export-caption", Static).update(self._caption())
            self.query_one("#export-markdown", MarkdownView).show(self.text)

    def action_toggle_redaction(self) -> None:
        self.redacted = not self.redacted

    def action_save(self) -> None:
        self.post_message(self.Save(self.text, self.redacted))

    def action_copy(self) -> None:
        self.post_message(self.Copy(self.text))

    def action_close(self) -> None:
        self.dismiss(None)
