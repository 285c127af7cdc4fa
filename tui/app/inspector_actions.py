"""The app's side of the response inspector: reading a response file, recording inspections and follows.

The inspector and the factory's modules are imported when the inspector is first opened (or its
answer first recorded), not at start-up, where they would add milliseconds to every first paint.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tui.app.response_file import read_response
from tui.app.screens.main import MainScreen
from tui.core.errors import ScribeError
from tui.core.session.recorder import Recorder

if TYPE_CHECKING:
    from tui.app.app import ScribeApp
    from tui.app.screens.follow_flow import Followed
    from tui.app.screens.inspector import InspectorScreen
    from tui.core.factory.follow import FollowResult


class InspectorActions:
    """The app's helper for the inspector. The screen only asks, by message; files and the session
    are handled here."""

    def __init__(self, app: ScribeApp) -> None:
        self.app = app
        self.recorder = app.recorder

    def open(self) -> None:
        from tui.app.screens.inspector import InspectorScreen

        if isinstance(self.app.screen, MainScreen):  # not over a dialog, and never twice
            self.app.push_screen(InspectorScreen(record_late=self._record_late_follow))

    def load_response(self, message: InspectorScreen.LoadFile) -> None:
        try:
            text = read_response(Path(message.path).expanduser())
        except ScribeError as error:
            message.inspector.show_problem(str(error))
        else:
            message.inspector.load_text(text, source=message.path)

    def record_inspection(self, message: InspectorScreen.Inspected) -> None:
        from tui.core.factory import inspection

        inspection.record_inspection(self.recorder, message.findings, source="inspector")
        self.app._changed()

    def record_follow(self, message: Followed) -> None:
        from tui.app.screens.inspector import InspectorScreen
        from tui.core.factory import inspection

        if message.claim():
            event = inspection.record_follow(self.recorder, message.result, source="inspector")
            message.handled.set()
            self.app._changed()
            if not isinstance(self.app.screen, InspectorScreen):  # closed while the GET was out: say how it went
                self.app.notify(event.text, timeout=8)
        if message.inspector is not None:
            message.inspector.show_followed(message.result)

    def _record_late_follow(self, result: FollowResult) -> None:
        """A follow's answer that came after the app quit: appended as another writer would
        (`scribe note`), from the follow's thread, the app's own writer being done."""
        from tui.core.factory import inspection

        try:
            late = Recorder(self.recorder.path, clock=self.app.clock, author=self.recorder.author)
            inspection.record_follow(late, result, source="inspector")
        except (ScribeError, OSError):
            pass  # the file is gone or unwritable: nothing left to tell, the screen is closed

    def record_opened(self) -> None:
        self.recorder.add_event("Opened report URL in the browser", source="inspector")
        self.app._changed()
