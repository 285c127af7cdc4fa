"""Back-dates onto another day, or long before the session began, are recorded only once confirmed."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.widgets import Input

from tui.app.dialogs.confirm import ConfirmDialog
from tui.app.dialogs.edit_event import EditEventDialog
from tui.app.screens.main import MainScreen
from tui.app.widgets.entry_bar import EntryBar
from tui.core.session import journal


def notes(path) -> list[tuple[str, datetime]]:
    return [(event.text, event.time) for event in journal.load(path).session.events if event.kind == "note"]


async def test_a_back_date_onto_yesterday_asks_and_a_no_keeps_the_text(keys, make_app, session_path, fake_clock):
    fake_clock.advance(8 * 3600 + 28 * 60)  # 18:52 GMT on the session's day
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await keys(pilot, "n", *"23:50 last good order", "enter")
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "Mon 07 Apr 23:50 (GMT): yesterday" in dialog.detail
        assert notes(session_path) == []  # nothing recorded while asking
        await keys(pilot, "n")
        assert isinstance(app.screen, MainScreen)
        bar = app.screen.query_one(EntryBar)
        assert bar.is_open and bar.input.value == "23:50 last good order"
        await keys(pilot, "enter", "y")
        assert isinstance(app.screen, MainScreen)
    assert notes(session_path) == [("last good order", datetime(2025, 4, 7, 23, 50, tzinfo=UTC))]


async def test_an_ordinary_back_date_is_recorded_without_a_question(keys, make_app, session_path, fake_clock):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await keys(pilot, "n", *"10:15 impact began before the page", "enter")  # 9 min before the start
        assert isinstance(app.screen, MainScreen)
    assert notes(session_path) == [("impact began before the page", datetime(2025, 4, 8, 10, 15, tzinfo=UTC))]


async def test_editing_a_time_to_hours_before_the_session_asks_first(keys, make_app, session_path, fake_clock):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await keys(pilot, "n", *"a note", "enter")
        await keys(pilot, "e")
        assert isinstance(app.screen, EditEventDialog)
        app.screen.query_one("#edit-time", Input).value = "07:00"
        await keys(pilot, "enter")
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "3 h 24 min before this session began" in dialog.detail
        await keys(pilot, "n")
        assert isinstance(app.screen, EditEventDialog)  # back to the edit, nothing changed
        assert notes(session_path) == [("a note", datetime(2025, 4, 8, 10, 24, tzinfo=UTC))]
        await keys(pilot, "enter")
        assert isinstance(app.screen, ConfirmDialog)
        await keys(pilot, "y")
        assert isinstance(app.screen, MainScreen)
    assert notes(session_path) == [("a note", datetime(2025, 4, 8, 7, 0, tzinfo=UTC))]
