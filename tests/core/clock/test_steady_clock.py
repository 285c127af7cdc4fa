"""The steady clock: a wall clock stepping back never stamps a new note before the ones already taken."""

from __future__ import annotations

from datetime import timedelta

from tui.core.clock.source import FakeClock
from tui.core.clock.steady import SteadyClock


def test_follows_the_wall_clock_while_it_behaves(clock):
    steady = SteadyClock(clock)
    first = steady.now()
    clock.advance(1.5)
    assert steady.now() - first == timedelta(seconds=1.5)


def test_a_backward_step_runs_on_from_the_last_reading(clock):
    steady = SteadyClock(clock)
    before = steady.now()
    clock.jump_wall(-3600)  # NTP steps the clock back an hour
    assert steady.now() == before
    clock.advance(2)
    assert steady.now() == before + timedelta(seconds=2)
    clock.jump_wall(3700)  # corrected forward past the steady time: follow the wall clock again
    assert steady.now() == clock.now()


def test_a_forward_step_is_real_time_passing(clock):
    steady = SteadyClock(clock)
    before = steady.now()
    clock.jump_wall(600)  # resumed from suspend
    assert steady.now() == before + timedelta(minutes=10)


def test_never_earlier_than_any_earlier_reading():
    clock = FakeClock()
    steady = SteadyClock(clock)
    readings = []
    for step, jump in [(1, -30), (0.5, 20), (2, -90), (0, 0), (1, 120), (0.25, -500)]:
        clock.advance(step)
        clock.jump_wall(jump)
        readings.append(steady.now())
    assert readings == sorted(readings)
    assert steady.monotonic() == clock.monotonic()
