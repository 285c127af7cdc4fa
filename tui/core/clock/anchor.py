"""The wall and monotonic clocks read together once: every elapsed time on screen is measured from it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Anchor:
    """Wall time and monotonic time taken at one moment (the app's start, or a replay's origin)."""

    wall: datetime
    mono: float
