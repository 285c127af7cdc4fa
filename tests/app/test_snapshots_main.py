"""Pictures of the main screen (fixed clock, fixed theme) at 120x40 and 80x24."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tui.app.widgets.entry_bar import EntryInput
from tui.core.clock.source import FakeClock
from tui.core.session.recorder import Recorder

SNAPSHOT_THEME = "textual-dark"  # the built-in theme, so a change to Scribe's own themes leaves this alone


@pytest.fixture
def small_session(session_path, fake_clock):
    """Twenty minutes of a chaos incident, recorded on a fake clock; the app opens five minutes later."""
    clock = FakeClock(fake_clock.now())
    recorder = Recorder(session_path, clock=clock, author="tester")
    recorder.add_event(
        "Orders start failing with HTTP 500", kind="impact_started", time=clock.now() - timedelta(minutes=3)
    )
    recorder.add_event("Grafana alert: pizza purchases failing", kind="detected")
    clock.advance(60)
    recorder.add_event("Acknowledged", kind="acknowledged")
    recorder.toggle_check(recorder.session.checklist[0].id)
    clock.advance(240)
    recorder.add_event("factory returns 500 chaos monkey; body has a reportUrl")
    recorder.add_event("log line pasted: \x1b[31mERROR\x1b[0m factory 500")
    clock.advance(600)
    recorder.add_event("Followed the report URL; factory answers 200", kind="mitigated")
    fake_clock.advance(20 * 60)
    return session_path


async def _steady(pilot) -> None:
    await pilot.pause()  # the main screen is composed
    pilot.app.theme = SNAPSHOT_THEME
    pilot.app.screen.query_one(EntryInput).cursor_blink = False


def test_snapshot_main_screen(snap_compare, make_app, small_session):
    async def run_before(pilot) -> None:
        await _steady(pilot)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=run_before)


def test_snapshot_main_screen_small_terminal(snap_compare, make_app, small_session):
    async def run_before(pilot) -> None:
        await _steady(pilot)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_milestone_entry_and_checklist_focus(snap_compare, make_app, small_session):
    async def run_before(pilot) -> None:
        await _steady(pilot)
        await pilot.press("c", "down", "r")  # resolved, stamped from the checklist; its text offered
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=run_before)
