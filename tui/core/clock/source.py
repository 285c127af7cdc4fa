"""The one source of time: UTC wall time for stamps, the monotonic clock for elapsed time."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """What Scribe asks of time. Injected everywhere so tests never sleep."""

    def now(self) -> datetime:
        """The wall time, timezone-aware UTC, to the millisecond."""

    def monotonic(self) -> float:
        """Seconds on a clock that never goes back (NTP, suspend), for elapsed time."""


def utc_ms(moment: datetime) -> datetime:
    """Truncate to milliseconds in UTC: what the journal stores and reads back equal."""
    moment = moment.astimezone(UTC)
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        return utc_ms(datetime.now(UTC))

    def monotonic(self) -> float:
        return time.monotonic()


class FakeClock:
    """A clock that moves only when told, for tests and replays of a fixed moment."""

    def __init__(self, start: datetime | None = None) -> None:
        self._wall = utc_ms(start or datetime(2025, 4, 8, 10, 24, tzinfo=UTC))
        self._mono = 1000.0

    def now(self) -> datetime:
        return self._wall

    def monotonic(self) -> float:
        return self._mono

    def advance(self, seconds: float) -> None:
        """Both clocks move forward together, as in real life."""
        self._wall = utc_ms(self._wall + timedelta(seconds=seconds))
        self._mono += seconds

    def jump_wall(self, seconds: float) -> None:
        """Only the wall clock moves (an NTP step or a resume from suspend)."""
        self._wall = utc_ms(self._wall + timedelta(seconds=seconds))


SYSTEM_CLOCK = SystemClock()
