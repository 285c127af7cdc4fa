"""Durations derived from milestones: the numbers a retro and `scribe stats` compare across incidents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from tui.core.session.model import Session

METRIC_LABELS: dict[str, str] = {
    "time_to_detect": "Time to detect",
    "time_to_acknowledge": "Time to acknowledge",
    "time_to_mitigate": "Time to mitigate",
    "time_to_resolve": "Time to resolve",
    "impact_duration": "Impact duration",
}


@dataclass(frozen=True)
class Metrics:
    """Each duration is None until both of its ends are known; none is ever guessed.

    - time to detect: impact started → detected
    - time to acknowledge: detected → acknowledged (how long the page waited for a person)
    - time to mitigate / resolve: incident start → mitigated / resolved, where the incident starts at
      impact start if known, else at detection
    - impact duration: impact started → mitigated (or resolved, when there was no separate mitigation)
    """

    time_to_detect: timedelta | None = None
    time_to_acknowledge: timedelta | None = None
    time_to_mitigate: timedelta | None = None
    time_to_resolve: timedelta | None = None
    impact_duration: timedelta | None = None

    def items(self) -> list[tuple[str, timedelta | None]]:
        return [(name, getattr(self, name)) for name in METRIC_LABELS]


def _between(start: datetime | None, end: datetime | None) -> timedelta | None:
    if start is None or end is None:
        return None
    return end - start


def compute(milestones: dict[str, datetime]) -> Metrics:
    impact = milestones.get("impact_started")
    detected = milestones.get("detected")
    start = impact or detected
    return Metrics(
        time_to_detect=_between(impact, detected),
        time_to_acknowledge=_between(detected, milestones.get("acknowledged")),
        time_to_mitigate=_between(start, milestones.get("mitigated")),
        time_to_resolve=_between(start, milestones.get("resolved")),
        impact_duration=_between(impact, milestones.get("mitigated") or milestones.get("resolved")),
    )


def session_metrics(session: Session) -> Metrics:
    return compute(session.milestones())


def format_duration(delta: timedelta | None, missing: str = "—") -> str:
    """Short and exact: "45s", "19m", "1h 05m", "2d 3h"; negative when milestones are out of order."""
    if delta is None:
        return missing
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{sign}{days}d {hours}h"
    if hours:
        return f"{sign}{hours}h {minutes:02d}m"
    if minutes:
        return f"{sign}{minutes}m" + (f" {secs:02d}s" if secs else "")
    return f"{sign}{secs}s"
