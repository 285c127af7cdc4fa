"""What Enter in the entry bar does: a note's entries or a milestone's new text recorded, and a
back-date onto another day (or long before the session) confirmed first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app.dialogs.confirm import ConfirmDialog
from tui.app.entries import note_entries, retext_milestone, surprising_entries
from tui.app.messages import Draft
from tui.core.errors import ScribeError

if TYPE_CHECKING:
    from tui.app.app import ScribeApp


class EntrySaver:
    """The app's side of a saved entry: asks the Recorder, then tells the screen what to select."""

    def __init__(self, app: ScribeApp) -> None:
        self.app = app

    def save(self, draft: Draft, text: str) -> None:
        app = self.app
        try:
            if draft.is_note:
                entries = note_entries(draft, text, app.recorder, app.clock)
                why = surprising_entries(entries, app.recorder, app.clock)
                if why is not None:
                    self._confirm(draft, text, entries, why)
                    return
                self._record_note(entries)
                return
            selected = retext_milestone(draft, text, app.recorder, app.clock)
        except ScribeError as error:  # the entry bar refuses these first; a last guard, never a crash
            app.notify(str(error), severity="error", timeout=10, markup=False)
            return
        app._changed()
        screen = app._main_screen()
        if selected is not None and screen is not None:
            screen.select_event(selected.id)

    def _confirm(self, draft: Draft, text: str, entries: list, why: str) -> None:
        """A back-date onto another day or long before the session: record it only when agreed;
        declined, the text goes back into the entry bar, not lost."""

        def answered(agreed: bool | None) -> None:
            screen = self.app._main_screen()
            if agreed:
                self._record_note(entries)
            elif screen is not None:
                screen.reopen_entry(draft, text)

        question = "Record this note there?" if len(entries) == 1 else f"Record these {len(entries)} notes there?"
        self.app.push_screen(ConfirmDialog(question, why, "Record it there", "Back to the note"), answered)

    def _record_note(self, entries: list) -> None:
        app = self.app
        try:
            added = [app.recorder.add_event(body, time=time) for time, body in entries]
        except ScribeError as error:
            app.notify(str(error), severity="error", timeout=10, markup=False)
            return
        selected = added[-1] if added else None
        app._changed()
        screen = app._main_screen()
        if selected is not None and screen is not None:
            screen.select_event(selected.id)
