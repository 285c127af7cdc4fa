"""The app's export actions: preview, copy and save the postmortem (the palette's "export: ..." entries).

The postmortem writer (its redaction patterns and formats) is imported on the first export, not
at start-up: it would add a few milliseconds to every first paint.
"""

from __future__ import annotations

from typing import Any

from textual.app import App

from tui.core.clipboard import copy_with_terminal
from tui.core.config import load_config
from tui.core.errors import ScribeError
from tui.core.session.recorder import Recorder


class ExportActions:
    """The app's helper for the postmortem. The preview screen only asks; files and the clipboard are
    handled here, and what happened is said through the app's notifications."""

    def __init__(self, app: App[Any], recorder: Recorder) -> None:
        self.app = app
        self.recorder = recorder

    def postmortem(self) -> str:
        """The postmortem of the session as it is now, redacted (what `scribe export` writes)."""
        from tui.core.postmortem.export import export_session

        commands = self.commands()
        try:
            return export_session(self.recorder.session, commands=commands, template=self.template() or None)
        except ScribeError as exc:  # the configured template is broken: the default, and say why
            self.app.notify(f"Template not used: {exc}", severity="warning", timeout=8, markup=False)
            return export_session(self.recorder.session, commands=commands)

    def commands(self) -> str:
        """Which shell commands the timeline shows: `[hook] export`, as `scribe export` reads it."""
        hook = getattr(self.app, "hook", None)
        return hook.export if hook else "kept"

    def template(self) -> str:
        """config.toml's `[export] template`, read when exporting (a broken file was refused at start)."""
        try:
            return load_config().export.template
        except ScribeError:
            return ""

    def preview(self) -> None:
        # Imported when first asked for: its Markdown widget (markdown_it) would add a tenth of a
        # second to every start-up.
        from tui.app.screens.export_preview import ExportPreview

        if not isinstance(self.app.screen, ExportPreview):
            self.app.push_screen(ExportPreview(self.recorder.session, self.template(), commands=self.commands()))

    def save_postmortem(self, text: str, *, redacted: bool) -> None:
        from tui.core.postmortem.files import RefusedDestination, postmortem_path, write_export

        path = postmortem_path(self.recorder.path)
        try:
            write_export(path, text, private=not redacted, source=self.recorder.path)
        except (OSError, RefusedDestination) as exc:  # refused: a session or a symlink is there
            self.app.notify(
                f"Could not write {path}: {getattr(exc, 'strerror', None) or exc}", severity="error", timeout=8
            )
            return
        self.app.notify(f"Postmortem written to {path}", timeout=6)

    def copy_postmortem(self, text: str) -> None:
        try:
            copied = copy_with_terminal(text, terminal=self.app.copy_to_clipboard)
        except ScribeError:
            self.app.notify(
                "Could not copy the postmortem: no clipboard available. Save it instead (s).",
                severity="error",
                timeout=8,
            )
            return
        self.app.notify(f"Postmortem {copied.describe()}.", timeout=4, markup=False)
