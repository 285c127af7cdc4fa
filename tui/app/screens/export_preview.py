"""The postmortem preview: the export rendered as Markdown, to read before it is saved or copied."""

from __future__ import annotations

from rich.markdown import Markdown
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Select, Static

from tui.core.errors import ScribeError
from tui.core.postmortem import templates
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
    ExportPreview #export-template { width: 40; }
    """
    AUTO_FOCUS = "#export-scroll"  # arrows scroll the report; t reaches the template picker
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
        Binding(
            "t",
            "pick_template",
            "Template",
            id="export.template",
            tooltip="Choose the template the postmortem is written in",
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

    def __init__(self, session: Session, template: str = "", *, commands: str = "kept") -> None:
        super().__init__()
        self.session = session
        self.commands = commands  # which shell commands the timeline shows ([hook] export)
        self.template = template or templates.DEFAULT
        self.problem = ""
        try:
            self.text = self._postmortem(True)
        except ScribeError as exc:  # the configured template is broken: say so, write the default
            self.problem, self.template = str(exc), templates.DEFAULT
            self.text = self._postmortem(True)

    def _postmortem(self, redacted: bool) -> str:
        return export_session(self.session, redacted=redacted, template=self.template, commands=self.commands)

    def compose(self) -> ComposeResult:
        yield Static(self._caption(), id="export-caption", markup=False)
        names = [template.name for template in templates.available()]
        if self.template not in names:  # a path from config.toml
            names.append(self.template)
        yield Select([(name, name) for name in names], value=self.template, allow_blank=False, id="export-template")
        with VerticalScroll(id="export-scroll"):
            yield MarkdownView(self.text, id="export-markdown")
        yield Footer()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "export-template" or event.value == self.template:
            return
        previous, self.template = self.template, str(event.value)
        try:
            self.text = self._postmortem(self.redacted)
        except ScribeError as exc:
            self.problem, self.template = str(exc), previous
            picker: Select[str] = self.query_one("#export-template", Select)
            picker.value = previous
        else:
            self.problem = ""
            self.query_one("#export-markdown", MarkdownView).show(self.text)
        self.query_one("#export-caption", Static).update(self._caption())

    def action_pick_template(self) -> None:
        self.query_one("#export-template", Select).focus()

    def _caption(self) -> str:
        if self.problem:
            return f"Template not used: {self.problem}"
        secrets = "secrets redacted" if self.redacted else "NOT redacted: API keys and tokens shown"
        return f"Postmortem preview ({secrets}). s saves, c copies, r redaction, t template, Escape closes."

    def watch_redacted(self, redacted: bool) -> None:
        self.text = self._postmortem(redacted)
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
