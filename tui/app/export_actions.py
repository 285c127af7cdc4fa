"""The app's export actions: preview, copy and save the postmortem (the palette's "export: ..." entries)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App

from tui.core.postmortem.export import export_session
from tui.core.postmortem.files import RefusedDestination, postmortem_path, write_export

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
            write_export(path, text, private=not redacted, source=self.recorder.path)
        except (OSError, RefusedDestination) as exc:  # refused: a session or a symlink is there
            self.notify(f"Could not write {path}: {getattr(exc, 'strerror', None) or exc}", severity="error", timeout=8)
            return
        self.notify(f"Postmortem written to {path}", timeout=6)

    def copy_postmortem(self, text: str) -> None:
        """OSC 52 through the terminal first (works over SSH); pyperclip as well, for terminals that
        ignore OSC 52. Only when neither could take it is it a failure."""
        used = []
        try:
            self.copy_to_clipboard(text)
            used.append("terminal (OSC 52)")
        except Exception:  # a driver that cannot write: try the system clipboard
            pass
        try:
            import pyperclip

            pyperclip.copy(text)
            used.append("system clipboard")
        except Exception:  # PyperclipException when there is no backend (headless, SSH)
            pass
        if not used:
            self.notify(
                "Could not copy the postmortem: no clipboard available. Save it instead (s).",
                severity="error",
                timeout=8,
            )
            return
        self.notify(f"Postmortem copied ({' and '.join(used)}).", timeout=4)
