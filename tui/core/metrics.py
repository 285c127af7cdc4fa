"""Durations derived from milestones: the numbers a retro and `scribe stats` compare across incidents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from tui.core.session.model import MILESTONE_KINDS, Session

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
    - time to mitigate / resolve: incident start → mitigated / resolved (incident_start)
    - impact duration: the impact window (impact_bounds)
    """

    time_to_detect: timedelta | None = None
    time_to_acknowledge: timedelta | None = None
    time_to_mitigate: timedelta | None = None
    time_to_resolve: timedelta | None = None
    impact_duration: timedelta | None = None

    def items(self) -> list[tuple[str, timedelta | None]]:
        return [(name, getattr(self, name)) for name in METRIC_LABELS]

    def in_order(self) -> Metrics:
        """The durations a text may state: a negative one (a milestone stamped before the one it
        follows) is dropped, as the timeline already shows what was stamped."""
        kept = {name: None if delta is not None and delta < timedelta(0) else delta for name, delta in self.items()}
        return Metrics(**kept)


# The phase that ends at each milestone, named as the template's sections name them.
PHASE_ENDING_AT = {
    "detected": "Detection",
    "acknowledged": "Acknowledgement",
    "mitigated": "Mitigation",
    "resolved": "Resolution",
}


@dataclass(frozen=True)
class Span:
    """A stretch of the incident between two stamped moments, start never after end."""

    label: str
    kind: str  # the milestone that ends it ("impact_started" for the impact window)
    start: datetime
    end: datetime

    @property
    def duration(self) -> timedelta:
        return self.end - self.start


def incident_start(marks: dict[str, datetime]) -> datetime | None:
    """When the incident began as far as the milestones say: impact start, else detection."""
    return marks.get("impact_started") or marks.get("detected")


def incident_end(marks: dict[str, datetime]) -> datetime | None:
    """When the incident ended: resolution, else mitigation (not yet resolved)."""
    return marks.get("resolved") or marks.get("mitigated")


def impact_bounds(marks: dict[str, datetime]) -> tuple[datetime | None, datetime | None]:
    """When users were first affected, and when that stopped: mitigation, or resolution when there
    was no separate mitigation. Either may be missing; stamped out of order, the end comes first."""
    return marks.get("impact_started"), marks.get("mitigated") or marks.get("resolved")


def impact_window(marks: dict[str, datetime]) -> Span | None:
    """The impact as a span; None unless both ends are stamped and in order."""
    start, end = impact_bounds(marks)
    if start is None or end is None or end < start:
        return None
    return Span("Impact", "impact_started", start, end)


def phases(marks: dict[str, datetime]) -> list[Span]:
    """One span for each stretch between two stamped milestones, in milestone order.

    A missing milestone merges its phase into the next one (no acknowledgement: detection runs
    straight into mitigation). A stretch that ends before it starts (milestones stamped out of
    order) is left out rather than drawn backwards.
    """
    known = [kind for kind in MILESTONE_KINDS if kind in marks]
    return [
        Span(PHASE_ENDING_AT[after], after, marks[before], marks[after])
        for before, after in zip(known, known[1:], strict=False)
        if marks[after] >= marks[before]
    ]


def _between(start: datetime | None, end: datetime | None) -> timedelta | None:
    if start is None or end is None:
        return None
    return end - start


def compute(milestones: dict[str, datetime]) -> Metrics:
    detected = milestones.get("detected")
    start = incident_start(milestones)
    impact_start, impact_end = impact_bounds(milestones)
    return Metrics(
        time_to_detect=_between(impact_start, detected),
        time_to_acknowledge=_between(detected, milestones.get("acknowledged")),
        time_to_mitigate=_between(start, milestones.get("mitigated")),
        time_to_resolve=_between(start, milestones.get("resolved")),
        impact_duration=_between(impact_start, impact_end),
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
