"""A half-typed note survives Escape and a quit key: put aside, brought back with n, dropped only on a yes."""

from __future__ import annotations

from datetime import timedelta

from tui.app.quitting import DraftQuitDialog
from tui.app.screens.main import MainScreen
from tui.app.widgets.entry_bar import EntryBar, EntryInput
from tui.core.session import journal


def saved_texts(path):
    return [e.text for e in journal.load(path).session.events]


async def test_escape_puts_a_note_aside_and_n_brings_it_back_at_its_own_time(keys, make_app, session_path, fake_clock):
    app = make_app()
    async with app.run_test() as pilot:
        pressed_at = fake_clock.now()
        await keys(pilot, "n", *"half a thought", "escape")
        bar = app.screen.query_one(EntryBar)
        assert not bar.is_open
        assert "half a thought" in bar.input.placeholder and "n brings it back" in bar.input.placeholder
        assert saved_texts(session_path) == []  # put aside, not recorded
        fake_clock.advance(60)
        await keys(pilot, "d", "enter")  # a milestone meanwhile leaves the note aside
        await keys(pilot, "n")
        assert bar.is_open and app.screen.query_one(EntryInput).value == "half a thought"
        await keys(pilot, *" finished", "enter")
    events = journal.load(session_path).session.events
    note = next(e for e in events if e.kind == "note")
    assert (note.text, note.time) == ("half a thought finished", pressed_at)
    assert pressed_at + timedelta(seconds=60) == next(e for e in events if e.kind == "detected").time


async def test_quitting_with_a_note_put_aside_asks_and_no_brings_it_back(keys, make_app, session_path):
    app = make_app()
    async with app.run_test() as pilot:
        await keys(pilot, "n", *"half a thought", "escape", "q")
        assert isinstance(app.screen, DraftQuitDialog) and app.is_running
        await keys(pilot, "n")  # no: back to the text, in the entry bar
        assert isinstance(app.screen, MainScreen) and app.is_running
        assert app.screen.query_one(EntryBar).is_open
        assert app.screen.query_one(EntryInput).value == "half a thought"
        await keys(pilot, "enter")
    assert saved_texts(session_path) == ["half a thought"]


async def test_ctrl_q_while_typing_asks_and_yes_quits(keys, make_app, session_path):
    app = make_app()
    async with app.run_test() as pilot:
        await keys(pilot, "n", *"unfinished", "ctrl+q")
        assert isinstance(app.screen, DraftQuitDialog) and app.is_running
        await keys(pilot, "ctrl+q")  # a second quit key does not stack a second question
        assert len([s for s in app.screen_stack if isinstance(s, DraftQuitDialog)]) == 1
        await keys(pilot, "y")
    assert not app.is_running and app.return_code == 0
    assert saved_texts(session_path) == []


async def test_quitting_without_unsent_text_does_not_ask(keys, make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await keys(pilot, "m", "ctrl+q")  # the stamp is recorded; its untouched default is not unsent text
    assert not app.is_running
