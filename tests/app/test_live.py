"""Other writers, resuming a session, the running clock, and a disk that refuses writes."""

from __future__ import annotations

import sys
from datetime import timedelta

import pytest
from textual.widgets import Digits, Static
from waiting import wait_until

from tui.app.widgets.clock import IncidentClock
from tui.app.widgets.timeline import Timeline
from tui.core.clock.source import FakeClock
from tui.core.session import journal
from tui.core.session import operations as ops


async def test_a_note_from_another_terminal_shows_up(keys, make_app, session_path, fake_clock):
    app = make_app()
    async with app.run_test() as pilot:
        op = ops.add_event_op(fake_clock.now(), time=fake_clock.now(), text="from scribe note", source="cli")
        journal.append(session_path, op)  # what `scribe note` does
        timeline = app.screen.query_one(Timeline)
        assert await wait_until(pilot, lambda: any(getattr(r, "text", "") == "from scribe note" for r in timeline.rows))
        assert timeline.selected_event.text == "from scribe note"  # followed to the newest
        await keys(pilot, "n", *"mine", "enter")
    texts = [e.text for e in journal.load(session_path).session.events]
    assert texts == ["from scribe note", "mine"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the file watch is Linux's inotify")
async def test_another_writers_note_shows_without_waiting_for_the_poll(make_app, session_path, fake_clock, monkeypatch):
    monkeypatch.setattr("tui.app.app.POLL_SECONDS", 3600)  # the poll never comes round in this test
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        op = ops.add_event_op(fake_clock.now(), time=fake_clock.now(), text="seen at once", source="cli")
        journal.append(session_path, op)
        assert await wait_until(pilot, lambda: any(e.text == "seen at once" for e in app.session.events))


async def test_resume_restores_everything_and_the_clock_counts_from_the_real_start(
    keys, make_app, session_path, fake_clock
):
    first = make_app()
    async with first.run_test() as pilot:
        await keys(pilot, "d", "enter", "n", *"factory 500", "enter", "c", "space", "escape")
    later = FakeClock(fake_clock.now() + timedelta(hours=1, minutes=2, seconds=3))
    again = make_app(clock=later)
    async with again.run_test() as pilot:
        screen = again.screen
        texts = [getattr(row, "text", None) for row in screen.query_one(Timeline).rows]
        assert texts[0] == "Detected" and "factory 500" in texts
        assert screen.session.checklist[0].checked
        assert screen.query_one("#elapsed", Digits).value == "01:02:03"
        later.advance(5)
        screen.query_one(IncidentClock).tick()
        assert screen.query_one("#elapsed", Digits).value == "01:02:08"


async def test_elapsed_reads_the_monotonic_clock_not_wall_jumps(make_app, fake_clock):
    app = make_app()
    async with app.run_test():
        clock_widget = app.screen.query_one(IncidentClock)
        fake_clock.advance(90)
        fake_clock.jump_wall(3600)  # an NTP step: the incident did not get an hour older
        clock_widget.tick()
        assert app.screen.query_one("#elapsed", Digits).value == "00:01:30"


async def test_elapsed_counts_from_impact_start_and_stops_at_resolved(keys, make_app, session_path, fake_clock):
    app = make_app()
    async with app.run_test() as pilot:
        await keys(pilot, "i", *"-10m", " ", *"orders failing", "enter")
        app.screen.query_one(IncidentClock).tick()
        assert app.screen.query_one("#elapsed", Digits).value == "00:10:00"
        fake_clock.advance(50)
        await keys(pilot, "r", "enter")
        fake_clock.advance(600)
        app.screen.query_one(IncidentClock).tick()
        assert app.screen.query_one("#elapsed", Digits).value == "00:10:50"
        assert "RESOLVED" in str(app.screen.query_one("#phase", Static).render())


async def test_unsaved_changes_show_a_warning_until_the_disk_takes_them(keys, make_app, session_path, monkeypatch):
    real_append = journal.append

    def full_disk(path, op):
        raise OSError(28, "No space left on device")

    app = make_app()
    async with app.run_test() as pilot:
        monkeypatch.setattr(journal, "append", full_disk)
        await keys(pilot, "n", *"kept in memory", "enter")
        warning = app.screen.query_one("#unsaved", Static)
        assert warning.display
        assert "1 change not saved" in str(warning.render())
        assert "No space left" in str(warning.render())
        assert "kept in memory" in [getattr(r, "text", "") for r in app.screen.query_one(Timeline).rows]
        monkeypatch.setattr(journal, "append", real_append)
        assert await wait_until(pilot, lambda: not warning.display)
    assert [e.text for e in journal.load(session_path).session.events] == ["kept in memory"]
