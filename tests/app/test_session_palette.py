"""A session started bare can be renamed and given a runbook afterwards, from the palette."""

from __future__ import annotations

from test_app_wiring import run_from_palette

from tui.app.widgets.checklist import Checklist
from tui.core.clock.source import FakeClock
from tui.core.session import journal
from tui.core.session.folder import start_session
from tui.core.session.runbooks import load


async def test_rename_and_runbook_from_the_palette(make_app, fake_clock):
    bare = start_session("", zone="GMT", clock=FakeClock(fake_clock.now()))
    app = make_app(bare)
    async with app.run_test(size=(120, 40)) as pilot:
        assert not app.screen.query_one(Checklist).display  # no runbook: no checklist
        await run_from_palette(pilot, "session: rename", "session: rename")
        await pilot.press(*"Pizza purchases failing", "enter")
        await pilot.pause()
        assert "Pizza purchases failing" in str(app.screen.query_one("#masthead").render())
        await run_from_palette(pilot, "session: runbook pizza", "session: runbook pizza-factory-chaos")
        checklist = app.screen.query_one(Checklist)
        assert checklist.display and checklist.border_subtitle == f"0/{len(load('pizza-factory-chaos').items)}"
        await pilot.press("c", "space")  # the new steps tick like any others
        await pilot.pause()
    session = journal.load(bare).session
    assert session.title == "Pizza purchases failing" and session.runbook == "pizza-factory-chaos"
    assert [item.text for item in session.checklist] == list(load("pizza-factory-chaos").items)
    assert session.checklist[0].checked


async def test_escape_in_rename_changes_nothing(make_app, session_path):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await run_from_palette(pilot, "session: rename", "session: rename")
        await pilot.press("ctrl+u", *"Other", "escape")
        await pilot.pause()
    assert journal.load(session_path).session.title == "Pizza purchases failing"
    assert "field.set" not in [op["op"] for op in journal.load(session_path).ops]
