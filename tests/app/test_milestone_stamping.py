"""Stamping milestones from the keyboard: typed text is not "(edited)", a second press asks to move
the one milestone, and `a` ticks the runbook's acknowledge step (a tick there stamps it too)."""

from __future__ import annotations

from datetime import timedelta

from tui.app.dialogs.confirm import ConfirmDialog
from tui.app.widgets.timeline import Timeline
from tui.core.session import journal

ACK_STEP = "Acknowledge the page in Grafana OnCall"


def saved(path):
    return journal.load(path).session


async def test_text_typed_while_stamping_shows_no_edited_mark(keys, make_app, session_path):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await keys(pilot, "d", *"Grafana alert: purchases failing", "enter")
        timeline = app.screen.query_one(Timeline)
        row = timeline.render_line(0).text + "".join(timeline.render_line(y).text for y in range(1, 6))
        assert "Grafana alert: purchases failing" in row and "(edited)" not in row
    assert saved(session_path).milestone("detected").edited is False


async def test_a_second_d_asks_and_yes_moves_the_one_detected(keys, make_app, session_path, fake_clock):
    app = make_app()
    async with app.run_test() as pilot:
        await keys(pilot, "d", "enter")
        first = fake_clock.now()
        fake_clock.advance(120)
        await keys(pilot, "d")
        assert isinstance(app.screen, ConfirmDialog)
        await keys(pilot, "n")  # keep it where it is
        assert [e.time for e in saved(session_path).events if e.kind == "detected"] == [first]
        await keys(pilot, "d")
        assert isinstance(app.screen, ConfirmDialog)
        await keys(pilot, "y")
    detected = [e for e in saved(session_path).events if e.kind == "detected"]
    assert [(e.text, e.time) for e in detected] == [("Detected", first + timedelta(seconds=120))]


async def test_a_ticks_the_acknowledge_step_and_ticking_it_stamps_acknowledged(keys, make_app, session_path):
    app = make_app()
    async with app.run_test() as pilot:
        await keys(pilot, "a", "enter")
    session = saved(session_path)
    step = next(item for item in session.checklist if item.text == ACK_STEP)
    assert step.checked and step.checked_at == session.milestone("acknowledged").time

    # The other way round, on a fresh session: Space on the step stamps the milestone.
    from tui.core.clock.source import FakeClock
    from tui.core.session.folder import start_session

    other = start_session("t", runbook="pizza-factory-chaos", zone="GMT", clock=FakeClock(session.created))
    app = make_app(other)
    async with app.run_test() as pilot:
        await keys(pilot, "c", "space")  # the first step
    assert set(saved(other).milestones()) == {"acknowledged"}
