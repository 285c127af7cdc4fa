"""Runbook steps that other records complete: a milestone ticks its step, and the step its milestone.

Matched loosely, on the step's wording, so a team's own runbook still counts. One matching for
every record that completes a step (milestones here, an inspection and a follow in factory).
"""

from __future__ import annotations

import re
from datetime import datetime

from tui.core.session.model import MILESTONE_LABELS, ChecklistItem, Event, Session
from tui.core.session.recorder import Recorder

# The step's own verb opens it: "Acknowledge the page", "Mitigate: roll back", "Resolve the alert".
MILESTONE_STEPS: dict[str, re.Pattern[str]] = {
    "acknowledged": re.compile(r"^\W*acknowledge\b", re.IGNORECASE),
    "mitigated": re.compile(r"^\W*mitigate\b", re.IGNORECASE),
    "resolved": re.compile(r"^\W*resolve\b", re.IGNORECASE),
}


def matching_step(session: Session, pattern: re.Pattern[str]) -> ChecklistItem | None:
    """The first checklist step the pattern finds."""
    return next((item for item in session.checklist if pattern.search(item.text)), None)


def tick_matching(recorder: Recorder, pattern: re.Pattern[str], time: datetime | None = None) -> str | None:
    """Tick the first checklist step matching the pattern, at `time`; one already ticked stays as it is."""
    item = matching_step(recorder.session, pattern)
    if item is None or item.checked:
        return None
    recorder.toggle_check(item.id, time=time)
    return item.id


def milestone_of_step(text: str) -> str | None:
    """The milestone a step's wording completes, if any."""
    return next((kind for kind, pattern in MILESTONE_STEPS.items() if pattern.search(text)), None)


def stamp_milestone(recorder: Recorder, kind: str, time: datetime, text: str = "") -> Event:
    """Stamp a milestone and tick its runbook step at the same moment."""
    event = recorder.add_event(text or MILESTONE_LABELS[kind], kind=kind, time=time)
    pattern = MILESTONE_STEPS.get(kind)
    if pattern is not None:
        tick_matching(recorder, pattern, time)
    return event


def toggle_step(recorder: Recorder, item_id: str, time: datetime | None = None) -> Event | None:
    """Tick or untick a step; ticking a milestone's step stamps that milestone when it has none yet.

    Unticking takes nothing back: a stamped milestone is only changed by editing or deleting it.
    """
    checked = recorder.toggle_check(item_id, time=time)
    item = recorder.session.checklist_item(item_id)
    kind = milestone_of_step(item.text) if item is not None and checked else None
    if kind is None or recorder.session.milestone(kind) is not None:
        return None
    return recorder.add_event(MILESTONE_LABELS[kind], kind=kind, time=time or recorder.now())
