"""ScribeApp: holds the open session's Recorder, hands the Session to the screen, records what it asks."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode

from tui.app import messages as msg
from tui.app import textual_private
from tui.app.base import HELP_BINDING, ScribeBaseApp, force_quit_binding
from tui.app.commands import ScribeCommands
from tui.app.entry_saving import EntrySaver
from tui.app.export_actions import ExportActions
from tui.app.inspector_actions import InspectorActions
from tui.app.live_file import LiveFile
from tui.app.quitting import QuitGuard
from tui.app.screens.main import MainScreen
from tui.app.status_updates import PageCommands, StatusUpdates
from tui.app.widgets.entry_bar import EntryInput
from tui.core.clock.anchor import Anchor
from tui.core.clock.source import SYSTEM_CLOCK, Clock
from tui.core.clock.steady import SteadyClock
from tui.core.config import Config, load_config
from tui.core.errors import ScribeError
from tui.core.session import journal, steps
from tui.core.session.journal import Loaded
from tui.core.session.model import SEVERITIES, Session
from tui.core.session.operations import keep_command_op
from tui.core.session.recorder import Recorder

if TYPE_CHECKING:
    from tui.app.dialogs.fields_form import FieldChanges
    from tui.app.dialogs.unsaved import UnsavedQuitScreen
    from tui.app.screens.export_preview import ExportPreview
    from tui.app.screens.follow_flow import Followed, FollowRefused
    from tui.app.screens.inspector import InspectorScreen

POLL_SECONDS = 0.5  # other writers' notes show within a second (at once where FileWatch works)
# The keys that open a dialog (one at a time).
KEYED_DIALOGS = ("severity", "fields", "update_compose")


def dialog_screens() -> tuple[type[DOMNode], ...]:
    """The dialogs that count as open: while one is, a key for another opens nothing.

    Dialogs and the inspector are imported when first needed, not at start-up: their modules (and
    TextArea's, which some of them use) were about a quarter of what Scribe imported beyond a bare
    Textual app. Their messages are handled by name below, like ExportPreview's, for that reason.
    """
    from tui.app.dialogs.fields_form import FieldsForm
    from tui.app.dialogs.help import HelpScreen
    from tui.app.dialogs.severity import SeverityScreen
    from tui.app.dialogs.status_update import StatusUpdateDialog

    return (HelpScreen, SeverityScreen, FieldsForm, StatusUpdateDialog)


def remappable_screens() -> tuple[type[DOMNode], ...]:
    """Screens not on screen at start whose keys config.toml may remap (imported only to check them)."""
    from tui.app.dialogs.follow_confirm import FollowConfirm
    from tui.app.dialogs.unsaved import UnsavedQuitScreen
    from tui.app.screens.inspector import InspectorScreen

    return (*dialog_screens(), InspectorScreen, FollowConfirm, UnsavedQuitScreen)


class ScribeApp(ScribeBaseApp):
    """The full-screen scribe for one session file."""

    TITLE = "Scribe"
    COMMANDS = App.COMMANDS | {ScribeCommands, PageCommands}
    # `s` and `f` are priority bindings, like the main screen's letters: handled as the key is read,
    # with the dialog open and focused before the next key is routed, so "f" then "3 users" typed at
    # once fills the form instead of stamping "acknowledged" with the "a". `check_action` keeps them
    # letters wherever something is being typed.
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit; everything is already saved."),
        force_quit_binding("Quit from anywhere, even while typing; everything saved is kept."),
        HELP_BINDING,
        Binding(
            "s",
            "severity",
            "Severity",
            id="severity.set",
            priority=True,
            tooltip="Pick the severity (SEV1 is the worst)",
        ),
        Binding(
            "f",
            "fields",
            "Fields",
            id="fields.edit",
            priority=True,
            tooltip="Impact figures, root cause, resolution, prevention, action items",
        ),
        Binding(
            "p",
            "inspector",
            "Inspect",
            id="inspector.open",
            tooltip="Paste the factory's error response: find its report URL, copy, open or follow it",
        ),
        Binding(
            "U",
            "update_compose",
            "Update",
            id="update.compose",
            tooltip="Compose a status update for stakeholders: recorded, copied, and a countdown to the next",
        ),
    ]

    def __init__(
        self,
        path: str | os.PathLike[str],
        clock: Clock | None = None,
        author: str = "",
        config: Config | None = None,
        loaded: Loaded | None = None,
    ) -> None:
        # A broken config.toml raises ConfigError here, before any screen: one line, exit code 2.
        config = config if config is not None else load_config()
        super().__init__(config)
        self.hook = config.hook
        # Steady: a wall clock stepped back (NTP) must not stamp new notes before earlier ones.
        self.clock: Clock = SteadyClock(clock or SYSTEM_CLOCK)
        self.recorder = Recorder(Path(path), clock=self.clock, author=author, loaded=loaded)
        self.clock_anchor = Anchor(self.clock.now(), self.clock.monotonic())
        self.exports = ExportActions(self, self.recorder)
        self.quit_guard = QuitGuard(self, self.recorder, self._show_save_state)
        self.live_file = LiveFile(self)
        self.inspector_actions = InspectorActions(self)
        self.entry_saver = EntrySaver(self)
        self.status_updates = StatusUpdates(self, self.recorder, config, self._show_update_due)

    def remappable_screens(self) -> tuple[type[DOMNode], ...]:
        return remappable_screens()

    @property
    def session(self) -> Session:
        return self.recorder.session

    def get_default_screen(self) -> MainScreen:
        return MainScreen(self.recorder.session, self.clock, self.clock_anchor)

    async def on_event(self, event: events.Event) -> None:
        # A key for the entry bar is handled before the next key is routed: see EntryInput.
        if isinstance(event, events.Key) and not event.is_forwarded and isinstance(self.focused, EntryInput):
            self.focused.close_if_saved()  # Enter saved it and the note's frame is not drawn yet
            if isinstance(self.focused, EntryInput):
                await self.focused.type_now(event)
                return
        await super().on_event(event)

    def on_mount(self) -> None:
        self.install_preferences()
        self.set_interval(POLL_SECONDS, self.poll)
        self.set_interval(1, self.status_updates.tick)
        # After the first paint: the watch is only an accelerator of the poll (ctypes, inotify).
        self.call_after_refresh(self.live_file.start_watching)
        self.live_file.start_sharing()
        self.live_file.report_problems()

    def on_unmount(self) -> None:
        self.live_file.stop_watching()

    # -- keeping in step with the file (see LiveFile) --------------------------------------------

    def poll(self) -> None:
        self.live_file.poll()

    def action_update_compose(self) -> None:
        """The `U` key (gated by check_action); the palette calls update_open directly."""
        self.action_update_open()

    def action_update_open(self) -> None:
        if not self._dialog_open():
            self.status_updates.compose()

    def action_page_link(self) -> None:
        self.status_updates.copy_link()
        self._changed()

    def _show_update_due(self, text: str, due: bool) -> None:
        screen = self._main_screen()
        if screen is not None:
            screen.show_update_due(text, due)

    def _changed(self) -> None:
        self.live_file.changed()  # first: a shared session's push starts while the screen is updated
        screen = self._main_screen()
        if screen is not None:
            screen.session_changed()
        self._show_save_state()

    def _show_save_state(self) -> None:
        screen = self._main_screen()
        if screen is not None:
            screen.show_unsaved(self.recorder.unsaved, self.recorder.last_error)

    def _main_screen(self) -> MainScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        return None

    # -- quitting: never silently with unsaved changes (see QuitGuard) -----------------------------

    async def action_quit(self) -> None:
        self.quit_guard.quit()

    # By name rather than @on, as every dialog's and the inspector's (see dialog_screens).
    def on_unsaved_quit_screen_retry(self, message: UnsavedQuitScreen.Retry) -> None:
        self.quit_guard.retry()

    def on_unsaved_quit_screen_write_copy(self, message: UnsavedQuitScreen.WriteCopy) -> None:
        self.quit_guard.write_copy(message.path)

    def on_unsaved_quit_screen_quit_anyway(self, message: UnsavedQuitScreen.QuitAnyway) -> None:
        self.quit_guard.quit_anyway()

    # -- requests from the screen and its widgets -------------------------------------------------

    @on(msg.StampMilestone)
    def stamp_milestone(self, message: msg.StampMilestone) -> None:
        draft = message.draft
        event = steps.stamp_milestone(self.recorder, draft.kind, draft.time, draft.default)
        draft.event_id = event.id if event else None
        self._changed()
        screen = self._main_screen()
        if event is not None and screen is not None:
            screen.select_event(event.id)

    @on(msg.SaveEntry)
    def save_entry(self, message: msg.SaveEntry) -> None:
        try:
            self.entry_saver.save(message.draft, message.text.strip())
        finally:
            screen = self._main_screen()
            if screen is not None:
                screen.entry_saved()

    @on(msg.ToggleCheck)
    def toggle_check(self, message: msg.ToggleCheck) -> None:
        if self.session.checklist_item(message.item_id) is None:
            return
        steps.toggle_step(self.recorder, message.item_id, time=message.at)
        self._changed()

    @on(msg.EditEvent)
    def edit_event(self, message: msg.EditEvent) -> None:
        if self.session.event(message.event_id) is None:
            return
        try:
            self.recorder.edit_event(message.event_id, text=message.text, time=message.new_time)
        except ScribeError as error:  # too large
            self.notify(str(error), severity="error", timeout=10, markup=False)
            return
        self._changed()

    @on(msg.DeleteEvent)
    def delete_event(self, message: msg.DeleteEvent) -> None:
        if self.session.event(message.event_id) is None:
            return
        self.recorder.delete_event(message.event_id)
        self._changed()
        self.notify("Event deleted; press u to bring it back.", timeout=4)

    @on(msg.KeepCommand)
    def keep_command(self, message: msg.KeepCommand) -> None:
        if self.session.event(message.event_id) is None:
            return
        self.recorder.record(keep_command_op(self.recorder.now(), message.event_id, message.kept))
        self._changed()
        kept = "kept on the exported timeline" if message.kept else "taken off the exported timeline"
        self.notify(f"Command {kept}.", timeout=3)

    @on(msg.UndoDelete)
    def undo_delete(self, message: msg.UndoDelete) -> None:
        event = self.recorder.undo_delete()
        if event is None:
            self.notify("Nothing to undo.", severity="warning", timeout=3)
            return
        self._changed()
        screen = self._main_screen()
        if screen is not None:
            screen.select_event(event.id)

    @on(msg.SetField)
    def set_field(self, message: msg.SetField) -> None:
        self.recorder.set_field(message.path, message.value)
        self._changed()

    @on(msg.AddActionItem)
    def add_action_item(self, message: msg.AddActionItem) -> None:
        self.recorder.add_action(message.text, message.owner)
        self._changed()

    # -- dialogs: each answers with a value, and only a change is recorded -------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in KEYED_DIALOGS:
            # From the main screen only; while one of its fields has the keyboard the key is a
            # letter, and the footer shows it dimmed (None), as the main screen's own keys.
            screen = self.screen
            if not isinstance(screen, MainScreen):
                return False
            return None if textual_private.takes_typing(screen.focused) else True
        return super().check_action(action, parameters)

    def _dialog_open(self) -> bool:
        # One dialog at a time: a second key press must not stack another on top.
        return isinstance(self.screen, dialog_screens())

    async def action_severity(self) -> None:
        """The `s` key (gated by check_action); the palette calls open_severity directly."""
        await self.action_open_severity()

    async def action_open_severity(self) -> None:
        if not self._dialog_open():
            from tui.app.dialogs.severity import SeverityScreen

            dialog = SeverityScreen(self.session.severity)
            await self.push_screen(dialog, self.action_set_severity)
            dialog.focus_options()

    def action_set_severity(self, level: str | None) -> None:
        if level in SEVERITIES and level != self.session.severity:
            self.recorder.set_field("severity", level)
            self._changed()

    async def action_fields(self) -> None:
        """The `f` key (gated by check_action); the palette calls open_fields directly."""
        await self.action_open_fields()

    async def action_open_fields(self) -> None:
        if not self._dialog_open():
            from tui.app.dialogs.fields_form import FieldsForm

            form = FieldsForm(self.session)
            await self.push_screen(form, self._fields_saved)
            form.focus_first()

    def _fields_saved(self, changes: FieldChanges | None) -> None:
        if not changes:
            return
        from tui.app.dialogs.fields_form import record_changes

        try:
            count = record_changes(self.recorder, changes)
        except ScribeError as error:  # too large: nothing was written
            self.notify(str(error), severity="error", timeout=10, markup=False)
            return
        self._changed()
        self.notify(f"Postmortem fields: {count} change{'s' if count != 1 else ''} recorded.", timeout=3)

    # -- the postmortem: preview, copy, save (the palette's "export: ..." entries) ---------------

    def action_export_preview(self) -> None:
        self.exports.preview()

    def action_export_copy(self) -> None:
        self.exports.copy_postmortem(self.exports.postmortem())

    def action_export_save(self) -> None:
        self.exports.save_postmortem(self.exports.postmortem(), redacted=True)

    # By name rather than @on: ExportPreview is imported only when first opened (see ExportActions).
    def on_export_preview_save(self, message: ExportPreview.Save) -> None:
        self.exports.save_postmortem(message.text, redacted=message.redacted)

    def on_export_preview_copy(self, message: ExportPreview.Copy) -> None:
        self.exports.copy_postmortem(message.text)

    # -- a replay of this session, over the live screen --------------------------------------------

    def action_replay_session(self) -> None:
        """The palette's "replay: this session": the file as saved so far, over the live screen.

        Read with `journal.load` like any replay, never through the Recorder, so the replay holds
        no lock and the live capture underneath carries on (Escape returns to it).
        """
        # Imported when chosen: the replay screen is not needed to start, and start-up is measured.
        from tui.app.screens.replay import ReplayScreen
        from tui.core.replay import redacted

        if any(isinstance(screen, ReplayScreen) for screen in self.screen_stack):
            return  # one replay at a time; the one open is where the palette was opened from
        try:
            loaded = journal.load(self.recorder.path)
        except (ScribeError, OSError) as exc:
            self.notify(f"cannot replay: {exc}", severity="error", timeout=6)
            return
        self.push_screen(ReplayScreen(redacted(loaded.ops), self.clock, name_shown=self.recorder.path.name))

    # -- the response inspector -----------------------------------------------------------------

    def action_inspector(self) -> None:
        self.inspector_actions.open()

    def on_inspector_screen_load_file(self, message: InspectorScreen.LoadFile) -> None:
        self.inspector_actions.load_response(message)

    def on_inspector_screen_inspected(self, message: InspectorScreen.Inspected) -> None:
        self.inspector_actions.record_inspection(message)

    def on_inspector_screen_followed(self, message: Followed) -> None:
        self.inspector_actions.record_follow(message)

    def on_inspector_screen_follow_refused(self, message: FollowRefused) -> None:
        message.inspector.follow_refused(message.text)

    def on_inspector_screen_opened_in_browser(self, message: InspectorScreen.OpenedInBrowser) -> None:
        self.inspector_actions.record_opened()
