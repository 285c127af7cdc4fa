"""The replay player: timing from the monotonic clock, idle skipping, stepping, milestones."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tui.core.replay import Player, plan
from tui.core.session import journal
from tui.core.session import operations as ops
from tui.core.session.folder import start_session
from tui.core.session.recorder import Recorder


def _live_session(clock):
    """A session typed live: notes 1 minute apart, then a 20-minute lull, then resolved."""
    path = start_session("t", clock=clock, runbook="pizza-factory-chaos")
    recorder = Recorder(path, clock=clock)
    clock.advance(60)
    recorder.add_event("alert", kind="detected")
    clock.advance(60)
    recorder.add_event("looking", kind="acknowledged")
    clock.advance(30)
    recorder.toggle_check("c1")
    clock.advance(20 * 60)
    recorder.add_event(
        "10:24 noted late: impact began", kind="impact_started", time=clock.now() - timedelta(minutes=15)
    )
    clock.advance(60)
    recorder.add_event("done", kind="resolved")
    return path


def test_live_sessions_replay_when_things_were_recorded(clock):
    path = _live_session(clock)
    steps = plan(journal.load(path).ops)
    offsets = [(s.at - steps[0].at).total_seconds() for s in steps]
    assert offsets == [0, 60, 120, 150, 1350, 1410]  # the late note appears when it was typed


def test_playback_follows_the_monotonic_clock_times_speed(clock):
    player = Player(journal.load(_live_session(clock)).ops, speed=60, skip_idle=False)
    assert player.applied == 1 and player.session.events == []
    player.tick(0.0)
    assert not player.tick(0.5)  # 30 incident seconds: nothing yet
    assert player.tick(1.0)  # 60 s: detected appears
    assert [e.kind for e in player.session.events] == ["detected"]
    player.toggle()
    player.tick(100.0)  # paused: nothing moves
    assert player.position == 60
    player.toggle()
    player.tick(101.0)
    assert player.position == 120


def test_idle_stretches_are_shortened_and_marked(clock):
    player = Player(journal.load(_live_session(clock)).ops, speed=60, idle_limit=2.0)
    mono = 0.0
    player.tick(mono)
    while not player.finished and mono < 60:
        mono += 0.25
        player.tick(mono)
    assert player.finished and mono < 10  # 23.5 incident minutes in well under 10 s at 60x
    assert player.skipped and max(length for _, length in player.skipped) > 15 * 60
    assert player.session.status == "resolved"


def test_steps_home_end_and_milestone_jumps(clock):
    player = Player(journal.load(_live_session(clock)).ops, speed=1)
    player.step_forward()
    assert [e.kind for e in player.session.events] == ["detected"] and not player.playing
    player.step_forward()
    player.step_back()
    assert [e.kind for e in player.session.events] == ["detected"]
    player.end()
    assert player.finished and len(player.session.events) == 5
    player.home()
    assert player.session.events == []
    assert player.jump_to_milestone(5)
    assert player.session.status == "resolved"
    assert player.jump_to_milestone(2)
    assert player.session.status == "investigating"
    assert player.jump_to_milestone(4) is False  # never mitigated


def test_speed_ladder_is_bounded():
    from tui.core.replay import SPEEDS

    assert SPEEDS[0] == 1 and SPEEDS[-1] == 600


def test_sessions_written_after_the_fact_replay_on_event_times(clock):
    """An imported report was recorded in one go, long after: its events' own times drive it."""
    incident = clock.now() - timedelta(days=400)
    path = start_session("imported", clock=clock)
    for minutes, text in [(0, "factory down"), (2, "alert"), (19, "resolved")]:
        journal.append(
            path, ops.add_event_op(clock.now(), time=incident + timedelta(minutes=minutes), text=text, source="import")
        )
    journal.append(path, ops.set_field_op(clock.now(), "fields.root_cause", "chaos"))
    steps = plan(journal.load(path).ops)
    offsets = [(s.at - steps[0].at).total_seconds() for s in steps]
    assert offsets == [0, 0, 120, 1140, 1140]
    assert steps[-1].op["op"] == "field.set"


def test_empty_journal_has_nothing_to_replay():
    with pytest.raises(ValueError):
        Player([])


def test_replay_of_a_live_session_starts_when_the_session_was_opened(clock):
    """An impact start back-dated to before the session must not start the replay before it:
    the clock would count up from a negative time while nothing is on screen."""
    path = start_session("t", clock=clock)
    recorder = Recorder(path, clock=clock)
    clock.advance(30)
    recorder.add_event("factory down", kind="impact_started", time=clock.now() - timedelta(minutes=5))
    player = Player(journal.load(path).ops, speed=60)
    assert player.origin == recorder.session.created
    assert player.now >= player.session.created
