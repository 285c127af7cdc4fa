"""ScribeApp: holds the open session's Recorder, hands the Session to the screen, records what it asks."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import App
from textual.binding import Binding

from tui.app import messages as msg
from tui.app.commands import ScribeCommands
from tui.app.dialogs import DIALOG_BINDINGS, DIALOG_SCREENS, DialogActions
from tui.app.export_actions import ExportActions
from tui.app.preferences import Preferences, class_binding_ids
from tui.app.screens.inspector import INSPECTOR_SCREENS, InspectorScreen
from tui.app.screens.main import MainScreen
from tui.app.screens.unsaved import UnsavedQuitScreen
from tui.app.screens.unsaved import describe as describe_unsaved
from tui.app.themes import theme_variable_defaults
from tui.app.widgets.entry_bar import EntryInput
from tui.core.clock.anchor import Anchor
from tui.core.clock.source import SYSTEM_CLOCK, Clock
from tui.core.clock.steady import SteadyClock
from tui.core.clock.typed import split_backfill, split_leading_time
from tui.core.config import Config, load_config
from tui.core.errors import ScribeError
from tui.core.factory import inspection
from tui.core.factory.follow import FollowResult
from tui.core.session import rescue
from tui.core.session.journal import Loaded
from tui.core.session.model import Event, Session
from tui.core.session.recorder import Recorder

POLL_SECONDS = 0.5  # other writers' notes show within a second
MAX_RESPONSE_FILE = 4 << 20  # a saved response or log excerpt; anything larger is not one


class ScribeApp(ExportActions, DialogActions, App[int]):
    """The full-screen scribe for one session file."""

    TITLE = "Scribe"
    COMMANDS = App.COMMANDS | {ScribeCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit; everything is already saved."),
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            id="quit.force",
            show=False,
            priority=True,
            tooltip="Quit from anywhere, even while typing; everything saved is kept.",
        ),
        *DIALOG_BINDINGS,
        Binding(
            "p",
            "inspector",
            "Inspect",
            id="inspector.open",
            tooltip="Paste the factory's error response: find its report URL, copy, open or follow it",
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
        super().__init__()
        # A broken config.toml raises ConfigError here, before any screen: one line, exit code 2.
        self.preferences = Preferences(self, config if config is not None else load_config())
        # Steady: a wall clock stepped back (NTP) must not stamp new notes before earlier ones.
        self.clock: Clock = SteadyClock(clock or SYSTEM_CLOCK)
        self.recorder = Recorder(Path(path), clock=self.clock, author=author, loaded=loaded)
        self.anchor = Anchor(self.clock.now(), self.clock.monotonic())

    @property
    def session(self) -> Session:
        return self.recorder.session

    def get_default_screen(self) -> MainScreen:
        return MainScreen(self.recorder.session, self.clock, self.anchor)

    async def on_event(self, event: events.Event) -> None:
        # A key for the entry bar is handled before the next key is routed: see EntryInput.
        if isinstance(event, events.Key) and not event.is_forwarded and isinstance(self.focused, EntryInput):
            await self.focused.type_now(event)
            return
        await super().on_event(event)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return theme_variable_defaults(self.current_theme)  # $event-* colours, for themes that do not set them

    def on_mount(self) -> None:
        self.preferences.install(
            extra_binding_ids=class_binding_ids(*DIALOG_SCREENS, *INSPECTOR_SCREENS, UnsavedQuitScreen)
        )
        self.set_interval(POLL_SECONDS, self.poll)
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

    # -- quitting: never silently with unsaved changes --------------------------------------------

    async def action_quit(self) -> None:
        if self.recorder.unsaved and not self.recorder.flush():
            self._show_save_state()
            if not isinstance(self.screen, UnsavedQuitScreen):
                recorder = self.recorder
                self.push_screen(
                    UnsavedQuitScreen(
                        recorder.unsaved,
                        recorder.last_error,
                        str(recorder.path),
                        str(rescue.suggest_path(recorder.path)),
                    )
                )
            return
        self.exit()

    @on(UnsavedQuitScreen.Retry)
    def retry_unsaved(self, message: UnsavedQuitScreen.Retry) -> None:
        saved = self.recorder.flush()
        self._show_save_state()
        if saved:
            self.exit()
        elif isinstance(self.screen, UnsavedQuitScreen):
            self.screen.show_state(self.recorder.unsaved, self.recorder.last_error, "Still not saved.")

    @on(UnsavedQuitScreen.WriteCopy)
    def write_unsaved_copy(self, message: UnsavedQuitScreen.WriteCopy) -> None:
        recorder = self.recorder
        try:
            copy = rescue.write_copy(message.path, recorder.path, recorder.pending, recorder.ops)
        except ScribeError as error:
            if isinstance(self.screen, UnsavedQuitScreen):
                self.screen.show_problem(str(error))
            return
        count = recorder.unsaved
        self.exit(
            0,
            message=Text(
                f"scribe: {count} unsaved change{'s' if count != 1 else ''} of "
                f"{recorder.path} written with the whole session to {copy}"
            ),
        )

    @on(UnsavedQuitScreen.QuitAnyway)
    def quit_unsaved(self, message: UnsavedQuitScreen.QuitAnyway) -> None:
        lost = describe_unsaved(self.recorder.unsaved, self.recorder.last_error)
        self.exit(1, return_code=1, message=Text(f"scribe: quit with {lost} (file {self.recorder.path})"))

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
                added = [self.recorder.add_event(body, time=time) for time, body in self._entries(draft, text)]
                selected = added[-1] if added else None
            else:
                selected = self._retext_milestone(draft, text)
        except ScribeError as error:  # the entry bar refuses these first; a last guard, never a crash
            self.notify(str(error), severity="error", timeout=10, markup=False)
            return
        self._changed()
        screen = self._main_screen()
        if selected is not None and screen is not None:
            screen.select_event(selected.id)

    def _entries(self, draft: msg.Draft, text: str) -> list[tuple[datetime, str]]:
        """A note's text as timed entries: several pasted timed lines, or one maybe back-dated line."""
        if not text:
            return []
        zone, now = self.session.zone_info, self.clock.now()
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if len(lines) > 1:
            backfill = split_backfill(text, zone, now)
            if backfill is not None:
                return [(time, body) for time, body in backfill if body]
        entries = []
        for line in lines:
            time, body = split_leading_time(line, zone, now)
            entries.append((time or draft.time, body))
        return entries

    def _retext_milestone(self, draft: msg.Draft, text: str) -> Event | None:
        """Enter on a stamped milestone: write the edited text (and a typed time) only if changed."""
        if draft.event_id is None:
            return None
        event = self.session.event(draft.event_id)
        if event is None:  # deleted meanwhile, perhaps from another terminal
            return None
        time, body = split_leading_time(text, self.session.zone_info, self.clock.now())
        body = body or draft.default
        new_text = body if body != event.text else None
        new_time = time if time is not None and time != event.time else None
        if new_text is not None or new_time is not None:
            self.recorder.edit_event(event.id, text=new_text, time=new_time)
        return event

    @on(msg.ToggleCheck)
    def toggle_check(self, message: msg.ToggleCheck) -> None:
        if self.session.checklist_item(message.item_id) is None:
            return
        self.recorder.toggle_check(message.item_id, time=message.time)
        self._changed()

    @on(msg.EditEvent)
    def edit_event(self, message: msg.EditEvent) -> None:
        if self.session.event(message.event_id) is None:
            return
        try:
            self.recorder.edit_event(message.event_id, text=message.text, time=message.time)
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


def read_response(path: Path) -> str:
    """A saved response for the inspector; what a user can get wrong comes back as one line."""
    try:
        if path.is_dir():
            raise ScribeError(f"{path}: is a folder, not a file")
        if path.stat().st_size > MAX_RESPONSE_FILE:
            raise ScribeError(f"{path}: too large for a response (over {MAX_RESPONSE_FILE >> 20} MB)")
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        raise ScribeError(f"{path}: no such file") from None
    except PermissionError:
        raise ScribeError(f"{path}: permission denied") from None
    except OSError as error:
        raise ScribeError(f"{path}: {error.strerror or error}") from None
    if not text.strip():
        raise ScribeError(f"{path}: empty, nothing to inspect")
    return text
