"""An entry Scribe cannot keep (a time outside the range, text over the 1 MB an event holds) is
refused in the bar, with the reason, and stays there to be fixed: never a crash, never lost."""

from __future__ import annotations

from textual import events

from tui.app.widgets.entry_bar import EntryBar, EntryInput
from tui.core.session import journal


def saved_texts(path) -> list[str]:
    return [e.text for e in journal.load(path).session.events]


async def test_a_note_timed_out_of_range_stays_in_the_entry(keys, make_app, session_path):
    app = make_app()
    async with app.run_test() as pilot:
        await keys(pilot, "n", *"-99999999h oops", "enter")
        bar = app.screen.query_one(EntryBar)
        assert bar.is_open and bar.input.value == "-99999999h oops"
        assert any("outside the times Scribe keeps" in str(n.message) for n in app._notifications)
        bar.input.value = "-5m oops"  # fixed, it saves
        await keys(pilot, "enter")
        assert not bar.is_open
    assert "oops" in saved_texts(session_path)
    assert "-99999999h oops" not in saved_texts(session_path)


async def test_a_note_over_a_megabyte_is_refused_and_kept(keys, make_app, session_path):
    app = make_app()
    huge = "x" * ((1 << 20) + 1)
    async with app.run_test() as pilot:
        await keys(pilot, "n")
        app.screen.query_one(EntryInput).post_message(events.Paste(huge))
        await pilot.pause()
        await keys(pilot, "enter")
        bar = app.screen.query_one(EntryBar)
        assert bar.is_open and len(bar.input.value) == len(huge)
        assert any("over the 1 MB" in str(n.message) for n in app._notifications)
    assert saved_texts(session_path) == []
