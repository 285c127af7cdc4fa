"""A wall clock that never goes back: stamps taken one after another stay in the order they were taken."""

from __future__ import annotations

from datetime import datetime, timedelta

from tui.core.clock.source import Clock, utc_ms


class SteadyClock:
    """Wraps a Clock. A backward step of the wall clock (an NTP correction, a VM restored from a
    snapshot) would stamp the next note before the ones already written and reorder the timeline;
    here time instead runs on from the last reading at the monotonic clock's pace until the wall
    clock catches up. A forward step (a resume from suspend, when real time did pass) is taken as is.
    """

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._last: datetime | None = None
        self._last_mono = 0.0

    def now(self) -> datetime:
        wall, mono = self.clock.now(), self.clock.monotonic()
        if self._last is not None:
            steady = utc_ms(self._last + timedelta(seconds=max(0.0, mono - self._last_mono)))
            wall = max(wall, steady)
        self._last, self._last_mono = wall, mono
        return wall

    def monotonic(self) -> float:
        return self.clock.monotonic()
