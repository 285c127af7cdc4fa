"""The checklist, editing, deleting and undoing events, quitting, and remappable keys."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.widgets import Input, Static

from tui.app.dialogs.edit_event import EditEventDialog
from tui.app.screens.main import MainScreen
from tui.app.widgets.checklist import Checklist
from tui.app.widgets.entry_bar import EntryBar
from tui.app.widgets.timeline import Timeline
from tui.core.session import journal


def saved(path):
    return journal.load(path).session


async def test_checklist_space_ticks_the_item_under_the_cursor_and_escape_returns(
    keys, make_app, session_path, fake_clock
):
    app = make_app()
    async with app.run_test() as pilot:
        await keys(pilot, "c")
        assert app.focused is app.screen.query_one(Checklist)
        await keys(pilot, "down", "space")
        await keys(pilot, "escape")
        assert app.focused is app.screen.query_one(Timeline)
    session = saved(session_path)
    assert [item.checked for item in session.checklist[:3]] == [False, True, False]
    ticks = [e for e in session.events if e.kind == "check"]
    assert len(ticks) == 1 and session.checklist[1].text in ticks[0].text
    assert ticks[0].time == fake_clock.now()


async def test_space_twice_unticks(keys, make_app, session_path):
    app = make_app()
    async with app.run_test() as pilot:
        await keys(pilot, "c", "space", "space", "escape")
    session = saved(session_path)
    assert session.checklist[0].checked is False
    assert [op["op"] for op in journal.load(session_path).ops].count("check.set") == 2


async def test_checklist_cursor_stops_at_the_ends(keys, make_app, session_path):
    app = make_app()
    async with app.run_test() as pilot:
        await keys(pilot, "c", "up", "up")
        assert app.screen.query_one(Checklist).cursor == 0
        count = len(saved(session_path).checklist)
        await keys(pilot, *["down"] * (count + 3), "space")
    assert saved(session_path).checklist[-1].checked


async def test_no_checklist_without_a_runbook(keys, make_app, home, fake_clock):
    from tui.core.session.folder import start_session

    path = start_session("No runbook", clock=fake_clock)
    app = make_app(path)
    async with app.run_test() as pilot:
        assert not app.screen.query_one(Checklist).display
        await keys(pilot, "c")
        assert app.focused is app.screen.query_one(Timeline)


async def add_notes(keys, pilot, *texts: str) -> None:
    for text in texts:
        await keys(pilot, "n", *text, "enter")


async def test_edit_changes_text_and_time_and_the_journal_keeps_the_old_version(keys, make_app, session_path):
    app = make_app()
    async with app.run_test() as pilot:
        await add_notes(keys, pilot, "first", "secnod")
        await keys(pilot, "e")
        dialog = app.screen
        assert isinstance(dialog, EditEventDialog)
        dialog.query_one("#edit-text", Input).value = "second, spelled right"
        dialog.query_one("#edit-time", Input).value = "10:15"
        await keys(pilot, "enter")
        assert isinstance(app.screen, MainScreen)
    loaded = journal.load(session_path)
    edited = [e for e in loaded.session.events if e.text.startswith("second")][0]
    assert edited.time == datetime(2025, 4, 8, 10, 15, tzinfo=UTC)
    assert edited.edited
    assert [e.text for e in loaded.session.events] == ["second, spelled right", "first"]
    added = [op for op in loaded.ops if op["op"] == "event.add"]
    assert [op["event"]["text"] for op in added] == ["first", "secnod"]  # history kept


async def test_edit_with_an_unreadable_time_says_so_and_changes_nothing(keys, make_app, session_path):
    app = make_app()
    async with app.run_test() as pilot:
        await add_notes(keys, pilot, "a note")
        await keys(pilot, "e")
        app.screen.query_one("#edit-time", Input).value = "half past ten"
        await keys(pilot, "enter")
        assert isinstance(app.screen, EditEventDialog)
        assert "cannot read the time" in str(app.screen.query_one("#edit-error", Static).render())
        await keys(pilot, "escape")
        assert isinstance(app.screen, MainScreen)
    assert "event.edit" not in [op["op"] for op in journal.load(session_path).ops]


async def test_edit_unchanged_writes_nothing(keys, make_app, session_path):
    app = make_app()
    async with app.run_test() as pilot:
        await add_notes(keys, pilot, "a note")
        await keys(pilot, "e", "enter")
    assert "event.edit" not in [op["op"] for op in journal.load(session_path).ops]


async def test_up_selects_an_older_event_for_edit(keys, make_app, session_path):
    app = make_app()
    async with app.run_test() as pilot:
        await add_notes(keys, pilot, "one", "two", "three")
        await keys(pilot, "up", "up", "e")
        assert app.screen.query_one("#edit-text", Input).value == "one"
        await keys(pilot, "escape")


async def test_x_deletes_the_selected_event_and_u_brings_it_back(keys, make_app, session_path):
    app = make_app()
    async with app.run_test() as pilot:
        await add_notes(keys, pilot, "keep", "mistake")
        await keys(pilot, "x")
        assert [e.text for e in saved(session_path).events] == ["keep"]
        assert [e.text for e in saved(session_path).deleted] == ["mistake"]
        await keys(pilot, "u")
        assert app.screen.query_one(Timeline).selected_event.text == "mistake"
    assert [e.text for e in saved(session_path).events] == ["keep", "mistake"]


async def test_delete_with_nothing_on_the_timeline_does_nothing(keys, make_app, session_path):
    app = make_app()
    async with app.run_test() as pilot:
        await keys(pilot, "x", "e", "u")
        assert isinstance(app.screen, MainScreen)
    assert [op["op"] for op in journal.load(session_path).ops] == ["create"]


async def test_q_quits(keys, make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await keys(pilot, "q")
    assert app.return_code == 0 and not app.is_running


async def test_ctrl_q_quits_even_while_typing(keys, make_app, session_path):
    app = make_app()
    async with app.run_test() as pilot:
        await keys(pilot, "n", *"unfinished", "ctrl+q")
        await keys(pilot, "y")  # the unsent text is dropped only on a yes (see test_draft_kept)
    assert not app.is_running


async def test_q_while_typing_is_a_letter(keys, make_app, session_path):
    app = make_app()
    async with app.run_test() as pilot:
        await keys(pilot, "n", *"queue", "enter")
        assert app.is_running
    assert [e.text for e in saved(session_path).events] == ["queue"]


def all_bindings():
    for cls in (MainScreen, Timeline, Checklist, EntryBar, EditEventDialog):
        yield from cls.BINDINGS
    from tui.app.app import ScribeApp

    yield from ScribeApp.BINDINGS


def test_every_binding_has_an_id_and_a_tooltip():
    bindings = list(all_bindings())
    assert all(b.id for b in bindings), [b.key for b in bindings if not b.id]
    missing = [b.id for b in bindings if not b.tooltip]
    assert not missing
    ids = [b.id for b in bindings]
    assert len(ids) == len(set(ids))
    for expected in (
        "note",
        "milestone.detected",
        "milestone.acknowledged",
        "milestone.mitigated",
        "milestone.resolved",
        "milestone.impact_started",
        "checklist.focus",
        "event.edit",
        "event.delete",
        "event.undo",
        "quit",
    ):
        assert expected in ids


async def test_keymap_remaps_by_binding_id(keys, make_app, session_path):
    app = make_app()
    async with app.run_test() as pilot:
        app.set_keymap({"note": "w", "milestone.detected": "D"})
        await keys(pilot, "w", *"remapped", "enter")
        await keys(pilot, "D", "enter")
        await keys(pilot, "n")  # no longer bound
        assert not app.screen.query_one(EntryBar).is_open
    session = saved(session_path)
    assert [e.text for e in session.events] == ["remapped", "Detected"]
