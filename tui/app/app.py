"""ScribeApp: holds the open session's Recorder, hands the Session to the screen, records what it asks."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import App
from textual.binding import Binding
from textual.widgets import Input, TextArea

from tui.app import messages as msg
from tui.app.base import HELP_BINDING, ScribeBaseApp, force_quit_binding
from tui.app.commands import ScribeCommands
from tui.app.dialogs.confirm import ConfirmDialog
from tui.app.dialogs.fields_form import FieldChanges, FieldsForm, record_changes
from tui.app.dialogs.follow_confirm import FollowConfirm
from tui.app.dialogs.help import HelpScreen
from tui.app.dialogs.severity import SeverityScreen
from tui.app.dialogs.status_update import StatusUpdateDialog
from tui.app.dialogs.unsaved import UnsavedQuitScreen
from tui.app.display import printable
from tui.app.entries import note_entries, retext_milestone, surprising_entries
from tui.app.export_actions import ExportActions
from tui.app.quitting import QuitGuard
from tui.app.response_file import read_response
from tui.app.screens.inspector import InspectorScreen
from tui.app.screens.main import MainScreen
from tui.app.status_updates import PageCommands, StatusUpdates
from tui.app.widgets.entry_bar import EntryInput
from tui.core.clock.anchor import Anchor
from tui.core.clock.source import SYSTEM_CLOCK, Clock
from tui.core.clock.steady import SteadyClock
from tui.core.config import Config, load_config
from tui.core.errors import ScribeError
from tui.core.factory import inspection
from tui.core.factory.follow import FollowResult
from tui.core.session import journal
from tui.core.session.journal import Loaded
from tui.core.session.model import SEVERITIES, Session
from tui.core.session.operations import keep_command_op
from tui.core.session.recorder import Recorder
from tui.core.shell.spool import spools
from tui.sync.cursors import sidecar_path

if TYPE_CHECKING:
    from tui.app.screens.export_preview import ExportPreview

POLL_SECONDS = 0.5  # other writers' notes show within a second
# The keys that open a dialog, and the dialogs that count as open (one at a time).
KEYED_DIALOGS = ("severity", "fields", "update_compose")
DIALOG_SCREENS = (HelpScreen, SeverityScreen, FieldsForm, StatusUpdateDialog)


class ScribeApp(ScribeBaseApp):
    """The full-screen scribe for one session file."""

    TITLE = "Scribe"
    COMMANDS = App.COMMANDS | {ScribeCommands, PageCommands}
    REMAPPABLE_SCREENS = (*DIALOG_SCREENS, InspectorScreen, FollowConfirm, UnsavedQuitScreen)
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
        self.status_updates = StatusUpdates(self, self.recorder, config, self._show_update_due)

    @property
    def session(self) -> Session:
        return self.recorder.session

    def get_default_screen(self) -> MainScreen:
        return MainScreen(self.recorder.session, self.clock, self.clock_anchor)

    async def on_event(self, event: events.Event) -> None:
        # A key for the entry bar is handled before the next key is routed: see EntryInput.
        if isinstance(event, events.Key) and not event.is_forwarded and isinstance(self.focused, EntryInput):
            await self.focused.type_now(event)
            return
        await super().on_event(event)

    def on_mount(self) -> None:
        self.install_preferences()
        self.set_interval(POLL_SECONDS, self.poll)
        self.set_interval(1, self.status_updates.tick)
        self._start_sharing()
        self._report_problems()

    def _report_problems(self) -> None:
        """Lines of the file that could not be read are named on open; the file itself is left as it is."""
        problems = self.recorder.problems
        if not problems:
            return
        lines = ", ".join(str(problem.line) for problem in problems[:12]) + (", ..." if len(problems) > 12 else "")
        details = "\n".join(str(problem) for problem in problems[:5])
        self.notify(
            f"Skipped what could not be read, line {lines}; the file is left unchanged.\n{details}",
            title=f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in the session file",
            severity="warning",
            timeout=20,
            markup=False,
        )

    # -- keeping in step with the file -----------------------------------------------------------

    def poll(self) -> None:
        """Fold in what `scribe note` and other writers appended; retry anything left unsaved."""
        if self.recorder.unsaved:
            self.recorder.flush()
            self._show_save_state()
            if not self.recorder.unsaved and isinstance(self.screen, UnsavedQuitScreen):
                self.exit()  # quit was asked for and the disk has now taken everything
        if self.recorder.poll():
            self._changed()
        self._ingest_commands()

    def _ingest_commands(self) -> None:
        """What attached shells spooled (tui.core.shell): a folder listing when none ever was. Reads
        at most a megabyte of spool per poll, so a long backlog is caught up over a few polls."""
        if not spools(self.recorder.path):
            return
        from tui.core.shell.ingest import ingest  # redaction and hashing: loaded once a shell attaches

        result = ingest(self.recorder, self.hook, wait=False)
        for problem in result.problems:  # each bad line once: the spool's progress moves past it
            self.notify(f"Shell commands: {problem}", severity="warning", timeout=8, markup=False)
        if result.added:
            self._changed()

    def _start_sharing(self) -> None:
        """On a shared session, exchange it with the hub in a worker of its own."""
        if not sidecar_path(self.recorder.path).exists():
            return  # not shared: the network client (and what it imports) stays out of start-up
        from tui.app.sharing import Sharing

        sharing = Sharing.for_file(self.recorder.path, self.recorder.session, self._show_sharing, self._sharing_warning)
        if sharing is not None:
            self.run_worker(sharing.run(), group="sharing", exit_on_error=False)

    def _show_sharing(self, text: str) -> None:
        screen = self._main_screen()
        if screen is not None:
            screen.show_sharing(text)

    def _sharing_warning(self, text: str) -> None:
        self.notify(printable(text), title="Sharing", severity="warning", markup=False)

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

    @on(UnsavedQuitScreen.Retry)
    def retry_unsaved(self, message: UnsavedQuitScreen.Retry) -> None:
        self.quit_guard.retry()

    @on(UnsavedQuitScreen.WriteCopy)
    def write_unsaved_copy(self, message: UnsavedQuitScreen.WriteCopy) -> None:
        self.quit_guard.write_copy(message.path)

    @on(UnsavedQuitScreen.QuitAnyway)
    def quit_unsaved(self, message: UnsavedQuitScreen.QuitAnyway) -> None:
        self.quit_guard.quit_anyway()

    # -- requests from the screen and its widgets -------------------------------------------------

    @on(msg.StampMilestone)
    def stamp_milestone(self, message: msg.StampMilestone) -> None:
        draft = message.draft
        event = self.recorder.add_event(draft.default, kind=draft.kind, time=draft.time)
        draft.event_id = event.id if event else None
        self._changed()
        screen = self._main_screen()
        if event is not None and screen is not None:
            screen.select_event(event.id)

    @on(msg.SaveEntry)
    def save_entry(self, message: msg.SaveEntry) -> None:
        draft, text = message.draft, message.text.strip()
        try:
            if draft.is_note:
                entries = note_entries(draft, text, self.recorder, self.clock)
                why = surprising_entries(entries, self.recorder, self.clock)
                if why is not None:
                    self._confirm_entries(draft, text, entries, why)
                    return
                self._record_note(entries)
                return
            selected = retext_milestone(draft, text, self.recorder, self.clock)
        except ScribeError as error:  # the entry bar refuses these first; a last guard, never a crash
            self.notify(str(error), severity="error", timeout=10, markup=False)
            return
        self._changed()
        screen = self._main_screen()
        if selected is not None and screen is not None:
            screen.select_event(selected.id)

    def _confirm_entries(self, draft: msg.Draft, text: str, entries: list, why: str) -> None:
        """A back-date onto another day or long before the session: record it only when agreed;
        declined, the text goes back into the entry bar, not lost."""

        def answered(agreed: bool | None) -> None:
            screen = self._main_screen()
            if agreed:
                self._record_note(entries)
            elif screen is not None:
                screen.reopen_entry(draft, text)

        question = "Record this note there?" if len(entries) == 1 else f"Record these {len(entries)} notes there?"
        self.push_screen(ConfirmDialog(question, why, "Record it there", "Back to the note"), answered)

    def _record_note(self, entries: list) -> None:
        try:
            added = [self.recorder.add_event(body, time=time) for time, body in entries]
        except ScribeError as error:
            self.notify(str(error), severity="error", timeout=10, markup=False)
            return
        selected = added[-1] if added else None
        self._changed()
        screen = self._main_screen()
        if selected is not None and screen is not None:
            screen.select_event(selected.id)

    @on(msg.ToggleCheck)
    def toggle_check(self, message: msg.ToggleCheck) -> None:
        if self.session.checklist_item(message.item_id) is None:
            return
        self.recorder.toggle_check(message.item_id, time=message.at)
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
            return None if isinstance(screen.focused, (Input, TextArea)) else True
        return super().check_action(action, parameters)

    def _dialog_open(self) -> bool:
        # One dialog at a time: a second key press must not stack another on top.
        return isinstance(self.screen, DIALOG_SCREENS)

    async def action_severity(self) -> None:
        """The `s` key (gated by check_action); the palette calls open_severity directly."""
        await self.action_open_severity()

    async def action_open_severity(self) -> None:
        if not self._dialog_open():
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
            form = FieldsForm(self.session)
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
        if isinstance(self.screen, MainScreen):  # not over a dialog, and never twice
            self.push_screen(InspectorScreen(record_late=self._record_late_follow))

    @on(InspectorScreen.LoadFile)
    def load_response(self, message: InspectorScreen.LoadFile) -> None:
        try:
            text = read_response(Path(message.path).expanduser())
        except ScribeError as error:
            message.inspector.show_problem(str(error))
        else:
            message.inspector.load_text(text, source=message.path)

    @on(InspectorScreen.Inspected)
    def record_inspection(self, message: InspectorScreen.Inspected) -> None:
        inspection.record_inspection(self.recorder, message.findings, source="inspector")
        self._changed()

    @on(InspectorScreen.Followed)
    def record_follow(self, message: InspectorScreen.Followed) -> None:
        if message.claim():
            event = inspection.record_follow(self.recorder, message.result, source="inspector")
            message.handled.set()
            self._changed()
            if not isinstance(self.screen, InspectorScreen):  # closed while the GET was out: say how it went
                self.notify(event.text, timeout=8)
        if message.inspector is not None:
            message.inspector.show_followed(message.result)

    @on(InspectorScreen.FollowRefused)
    def follow_refused(self, message: InspectorScreen.FollowRefused) -> None:
        message.inspector.follow_refused(message.text)

    def _record_late_follow(self, result: FollowResult) -> None:
        """A follow's answer that came after the app quit: appended as another writer would
        (`scribe note`), from the follow's thread, the app's own writer being done."""
        try:
            late = Recorder(self.recorder.path, clock=self.clock, author=self.recorder.author)
            inspection.record_follow(late, result, source="inspector")
        except (ScribeError, OSError):
            pass  # the file is gone or unwritable: nothing left to tell, the screen is closed

    @on(InspectorScreen.OpenedInBrowser)
    def record_opened(self, message: InspectorScreen.OpenedInBrowser) -> None:
        self.recorder.add_event("Opened report URL in the browser", source="inspector")
        self._changed()
