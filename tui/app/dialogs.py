"""The app's dialogs (key help, severity, postmortem fields): opened by key or palette, answers recorded."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input, TextArea

from tui.app.screens.fields_form import FieldChanges, FieldsForm, record_changes
from tui.app.screens.help import HelpScreen
from tui.app.screens.main import MainScreen
from tui.app.screens.severity import SeverityScreen
from tui.core.errors import ScribeError
from tui.core.session.model import SEVERITIES

if TYPE_CHECKING:
    from tui.core.session.recorder import Recorder

# `s` and `f` are priority bindings, like the main screen's letters: handled as the key is read,
# with the dialog open and focused before the next key is routed, so "f" then "3 users" typed at
# once fills the form instead of stamping "acknowledged" with the "a". `check_action` keeps them
# letters wherever something is being typed.
DIALOG_BINDINGS = [
    Binding("question_mark,f1", "help", "Keys", id="view.help", tooltip="Every key, and the id to remap it"),
    Binding(
        "s", "severity", "Severity", id="severity.set", priority=True, tooltip="Pick the severity (SEV1 is the worst)"
    ),
    Binding(
        "f",
        "fields",
        "Fields",
        id="fields.edit",
        priority=True,
        tooltip="Impact figures, root cause, resolution, prevention, action items",
    ),
]
KEYED_DIALOGS = ("severity", "fields")
# Screens that are not on screen at start but whose keys config.toml may remap.
DIALOG_SCREENS = (HelpScreen, SeverityScreen, FieldsForm)


class DialogActions:
    """Mixed into ScribeApp: each dialog answers with a value, and only a change is recorded."""

    recorder: Recorder
    if TYPE_CHECKING:  # provided by App
        screen: Screen  # type: ignore[type-arg]
        push_screen = App.push_screen
        notify = App.notify

    def _dialog_recorded(self) -> None:
        """Redraw what depends on the session (the app's own hook when it has one)."""
        changed = getattr(self, "_changed", None)
        if changed is not None:
            changed()

    def _dialog_open(self) -> bool:
        # One dialog at a time: a second key press must not stack another on top.
        return isinstance(self.screen, DIALOG_SCREENS)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in KEYED_DIALOGS:
            # From the main screen only; while one of its fields has the keyboard the key is a
            # letter, and the footer shows it dimmed (None), as the main screen's own keys.
            screen = self.screen
            if not isinstance(screen, MainScreen):
                return False
            return None if isinstance(screen.focused, (Input, TextArea)) else True
        return super().check_action(action, parameters)  # type: ignore[misc]

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen.for_screen(self, self.screen))  # type: ignore[arg-type]

    async def action_severity(self) -> None:
        """The `s` key (gated by check_action); the palette calls open_severity directly."""
        await self.action_open_severity()

    async def action_open_severity(self) -> None:
        if not self._dialog_open():
            dialog = SeverityScreen(self.recorder.session.severity)
            await self.push_screen(dialog, self.action_set_severity)
            dialog.focus_options()

    def action_set_severity(self, level: str | None) -> None:
        if level in SEVERITIES and level != self.recorder.session.severity:
            self.recorder.set_field("severity", level)
            self._dialog_recorded()

    async def action_fields(self) -> None:
        """The `f` key (gated by check_action); the palette calls open_fields directly."""
        await self.action_open_fields()

    async def action_open_fields(self) -> None:
        if not self._dialog_open():
            form = FieldsForm(self.recorder.session)
            await self.push_screen(form, self._fields_saved)
            form.focus_first()

    def _fields_saved(self, changes: FieldChanges | None) -> None:
        if not changes:
            return
        try:
            count = record_changes(self.recorder, changes)
        except ScribeError as error:  # too large: nothing was written
            self.notify(str(error), severity="error", timeout=10, markup=False)
            return
        self._dialog_recorded()
        self.notify(f"Postmortem fields: {count} change{'s' if count != 1 else ''} recorded.", timeout=3)
