"""Status updates and the page link in the app: the composer (U), copying the update for chat,
the countdown to the next update in the masthead, and `page: copy the stakeholder link`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from tui.app.commands import NamespacedProvider, PaletteCommand
from tui.core.clipboard import copy_with_terminal
from tui.core.config import Config
from tui.core.errors import ScribeError
from tui.core.page.draft import clock_text, draft_update
from tui.core.page.status import page_status
from tui.core.session import operations as ops
from tui.core.session.recorder import Recorder, check_size

if TYPE_CHECKING:
    from textual.app import App

    from tui.app.dialogs.status_update import StatusUpdate


def countdown(due: datetime, now: datetime) -> tuple[str, bool]:
    """The masthead's words for the next update, and whether it is due (shown in warning colour)."""
    left = int((due - now).total_seconds())
    if left <= 0:
        return f"update due since {(-left) // 60}m", True
    return f"next update in {left // 60}:{left % 60:02d}", False


class StatusUpdates:
    def __init__(self, app: App, recorder: Recorder, config: Config, show: Callable[[str, bool], None]) -> None:
        self.app, self.recorder, self.config, self.show = app, recorder, config, show
        self.due: datetime | None = None

    def compose(self) -> None:
        from tui.app.dialogs.status_update import StatusUpdateDialog  # opened by U: not at start-up

        session = self.recorder.session

        def draft(status: str, minutes: int) -> str:
            return draft_update(session, self.recorder.now(), status, minutes)

        dialog = StatusUpdateDialog(page_status(session), self.config.serve.update_minutes, draft)
        self.app.push_screen(dialog, self.saved)

    def saved(self, update: StatusUpdate | None) -> None:
        if update is None:
            return
        try:
            check_size(update.text, "a status update")
        except ScribeError as error:
            self.app.notify(str(error), severity="error", timeout=10, markup=False)
            return
        now = self.recorder.now()
        author = self.recorder.author
        self.recorder.record(ops.add_update_op(now, text=update.text, status=update.status, author=author))
        self.due = now + timedelta(minutes=update.minutes)
        self.tick()
        copied = self._copy(update.text)
        session = self.recorder.session
        self.app.notify(
            f"Status update recorded{copied}. Next one by {clock_text(session, self.due)}.", timeout=5, markup=False
        )

    def _copy(self, text: str) -> str:
        try:
            return f" and {copy_with_terminal(text, terminal=self.app.copy_to_clipboard).describe()}"
        except ScribeError:
            return " (no clipboard: copy it from the timeline)"

    def tick(self) -> None:
        if self.due is not None:
            self.show(*countdown(self.due, self.recorder.now()))

    def copy_link(self) -> None:
        """The token exists only when made: each use publishes a new link, and says so."""
        from tui.core.page.links import check_public_url  # hashlib and secrets: not at start-up
        from tui.core.page.publishing import publish

        try:
            url = publish(self.recorder, check_public_url(self.config.serve.public_url))
        except ScribeError as error:
            self.app.notify(str(error), severity="error", timeout=10, markup=False)
            return
        copied = self._copy(url)
        self.app.notify(
            f"A new link to the stakeholder page{copied}; `scribe serve` shows it. "
            "Earlier links still work until `scribe unpublish`.",
            timeout=8,
            markup=False,
        )


class PageCommands(NamespacedProvider):
    """The palette's "update: ..." and "page: ..." entries."""

    def commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand("update: compose a status update", "Draft, record and copy an update", "app.update_open")
        yield PaletteCommand(
            "page: copy the stakeholder link", "Publish a new link to the live page and copy it", "app.page_link"
        )
