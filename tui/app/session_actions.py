"""Palette actions on the session itself: a new title, a runbook for a session started without one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app.dialogs.text_prompt import TextPrompt
from tui.app.screens.main import MainScreen
from tui.core.errors import ScribeError
from tui.core.session import runbooks
from tui.core.session.operations import set_runbook_op

if TYPE_CHECKING:
    from tui.app.app import ScribeApp


def _redraw(app: ScribeApp) -> None:
    for screen in app.screen_stack:
        if isinstance(screen, MainScreen):
            screen.session_changed()


def rename(app: ScribeApp) -> None:
    """Ask for the new title (the current one ready to edit); only a change is recorded."""

    def answered(title: str | None) -> None:
        if title is None or title == app.session.title:
            return
        try:
            app.recorder.set_field("title", title)
        except ScribeError as error:  # too large
            app.notify(str(error), severity="error", timeout=8, markup=False)
            return
        _redraw(app)

    app.push_screen(TextPrompt("A new title for this session", app.session.title), answered)


def set_runbook(app: ScribeApp, name: str) -> None:
    """Make a runbook's steps the checklist; steps already there keep their ticks."""
    try:
        runbook = runbooks.load(name)
    except ScribeError as error:
        app.notify(str(error), severity="error", timeout=8, markup=False)
        return
    recorder = app.recorder
    recorder.record(set_runbook_op(recorder.now(), runbook.name, runbook.items, recorder.session.checklist))
    _redraw(app)
    app.notify(f"Runbook {runbook.name}: {len(runbook.items)} steps in the checklist (c walks them).", timeout=4)
