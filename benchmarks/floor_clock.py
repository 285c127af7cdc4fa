"""The one-second clock both floor apps show (bare_floor.py, minimal_app.py): one definition, so
the two differ only in how a note is entered. It imports only Static, so neither floor pays for a
widget it does not use."""

from __future__ import annotations

import time

from textual.widgets import Static


class Clock(Static):
    """Elapsed time since start, from the monotonic clock, redrawn once a second."""

    def on_mount(self) -> None:
        self._started = time.monotonic()
        self._tick()
        self.set_interval(1.0, self._tick)

    def _tick(self) -> None:
        elapsed = int(time.monotonic() - self._started)
        self.update(f"{elapsed // 3600:02d}:{elapsed % 3600 // 60:02d}:{elapsed % 60:02d}")
