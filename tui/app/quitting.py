"""Quitting never silently drops changes the disk refused: retry, write a copy, or quit after a warning."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import App

from tui.app.dialogs.confirm import ConfirmDialog
from tui.app.dialogs.unsaved import UnsavedQuitScreen
from tui.app.dialogs.unsaved import describe as describe_unsaved
from tui.app.screens.main import MainScreen
from tui.core.errors import ScribeError
from tui.core.session import rescue
from tui.core.session.recorder import Recorder


class DraftQuitDialog(ConfirmDialog):
    """Quitting with typed text not yet recorded: drop it only on an explicit yes."""

    def __init__(self, text: str) -> None:
        shown = text if len(text) <= 200 else text[:199] + "…"
        super().__init__(
            "Quit and drop the text not yet recorded?",
            f"Typed but not saved: {shown}",
            "Quit, drop it",
            "Back to the text",
        )


class QuitGuard:
    """The app's answers to quitting and to the unsaved-changes dialog; the dialog itself only asks."""

    def __init__(self, app: App[int], recorder: Recorder, show_save_state: Callable[[], None]) -> None:
        self.app = app
        self.recorder = recorder
        self.show_save_state = show_save_state

    def quit(self) -> None:
        """Quit when everything is on disk and nothing typed is unsent; otherwise ask first."""
        if isinstance(self.app.screen, DraftQuitDialog):
            return  # already asking: answered with y or n, not with another quit key
        screen = self._main_screen()
        text = screen.unsent_draft() if screen is not None else ""
        if screen is not None and text and not isinstance(self.app.screen, UnsavedQuitScreen):

            def answered(agreed: bool | None) -> None:
                if agreed:
                    self._quit_saved()
                else:
                    screen.bring_back_draft()

            self.app.push_screen(DraftQuitDialog(text), answered)
            return
        self._quit_saved()

    def _main_screen(self) -> MainScreen | None:
        return next((screen for screen in self.app.screen_stack if isinstance(screen, MainScreen)), None)

    def _quit_saved(self) -> None:
        recorder = self.recorder
        if recorder.unsaved and not recorder.flush():
            self.show_save_state()
            if not isinstance(self.app.screen, UnsavedQuitScreen):
                self.app.push_screen(
                    UnsavedQuitScreen(
                        recorder.unsaved,
                        recorder.last_error,
                        str(recorder.path),
                        str(rescue.suggest_path(recorder.path)),
                    )
                )
            return
        self.app.exit()

    def retry(self) -> None:
        saved = self.recorder.flush()
        self.show_save_state()
        screen = self.app.screen
        if saved:
            self.app.exit()
        elif isinstance(screen, UnsavedQuitScreen):
            screen.show_state(self.recorder.unsaved, self.recorder.last_error, "Still not saved.")

    def write_copy(self, path: str) -> None:
        recorder = self.recorder
        try:
            copy = rescue.write_copy(path, recorder.path, recorder.pending, recorder.ops)
        except ScribeError as error:
            screen = self.app.screen
            if isinstance(screen, UnsavedQuitScreen):
                screen.show_problem(str(error))
            return
        count = recorder.unsaved
        self.app.exit(
            0,
            message=Text(
                f"scribe: {count} unsaved change{'s' if count != 1 else ''} of "
                f"{recorder.path} written with the whole session to {copy}"
            ),
        )

    def quit_anyway(self) -> None:
        lost = describe_unsaved(self.recorder.unsaved, self.recorder.last_error)
        self.app.exit(1, return_code=1, message=Text(f"scribe: quit with {lost} (file {self.recorder.path})"))
