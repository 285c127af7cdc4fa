"""The app's export actions: preview, copy and save the postmortem (the palette's "export: ..." entries)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App

from tui.core.clipboard import copy_with_terminal
from tui.core.errors import ScribeError
from tui.core.postmortem.export import export_session
from tui.core.postmortem.files import postmortem_path, write_export

if TYPE_CHECKING:
    from tui.app.screens.export_preview import ExportPreview
    from tui.core.session.recorder import Recorder


class ExportActions:
    """Mixed into ScribeApp. The preview screen only asks; files and the clipboard are handled here."""

    recorder: Recorder
    if TYPE_CHECKING:  # provided by App
        push_screen = App.push_screen
        notify = App.notify
        copy_to_clipboard = App.copy_to_clipboard
        screen = App.screen

    def action_export_preview(self) -> None:
        # Imported when first asked for: its Markdown widget (markdown_it) would add a tenth of a
        # second to every start-up.
        from tui.app.screens.export_preview import ExportPreview

        if not isinstance(self.screen, ExportPreview):
            self.push_screen(ExportPreview(self.recorder.session))

    def action_export_copy(self) -> None:
        self.copy_postmortem(export_session(self.recorder.session))

    def action_export_save(self) -> None:
        self.save_postmortem(export_session(self.recorder.session), redacted=True)

    def on_export_preview_save(self, message: ExportPreview.Save) -> None:
        self.save_postmortem(message.text, redacted=message.redacted)

    def on_export_preview_copy(self, message: ExportPreview.Copy) -> None:
        self.copy_postmortem(message.text)

    def save_postmortem(self, text: str, *, redacted: bool) -> None:
        path = postmortem_path(self.recorder.path)
        try:
            write_export(path, text, private=not redacted)
        except OSError as exc:
            self.notify(f"Could not write {path}: {exc.strerror or exc}", severity="error", timeout=8)
            return
        self.notify(f"Postmortem written to {path}", timeout=6)

    def copy_postmortem(self, text: str) -> None:
        try:
            copied = copy_with_terminal(text, terminal=self.copy_to_clipboard)
        except ScribeError:
            self.notify(
                "Could not copy the postmortem: no clipboard available. Save it instead (s).",
                severity="error",
                timeout=8,
            )
            return
        self.notify(f"Postmortem {copied.describe()}.", timeout=4, markup=False)
