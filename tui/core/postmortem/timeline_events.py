"""What the exported timeline shows of the session's events, and how each line reads to a reviewer.

The session keeps everything; the export leaves out checklist bookkeeping that undid itself (a
tick and its untick within a minute), says what an untouched milestone stamp means ("Acknowledged
the page", not "Acknowledged"), and names who wrote each line when more than one person did.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from tui.core.safe_text import one_line
from tui.core.session.model import MILESTONE_LABELS, Event

MILESTONE_LINES: dict[str, str] = {
    "impact_started": "Impact started: users first affected",
    "detected": "Detected the incident",
    "acknowledged": "Acknowledged the page",
    "mitigated": "Mitigated: the impact on users stopped",
    "resolved": "Resolved the incident",
}
"""A milestone's line where its text is the stamp's default (MILESTONE_LABELS, what the app
offers and Enter keeps) or empty. A text the author typed stays as typed."""

CANCELS_WITHIN = timedelta(minutes=1)
_TICKED, _UNTICKED = "Checked: ", "Unchecked: "


def line_text(event: Event) -> str:
    """The event's text as its timeline line says it, on one line."""
    text = one_line(event.text).strip()
    if event.kind == "update" and event.status:  # a status update says the status it gave
        return f"Status update ({event.status.capitalize()}): {text}"
    if event.kind in MILESTONE_LINES and (not text or text == MILESTONE_LABELS[event.kind]):
        return MILESTONE_LINES[event.kind]
    if not text:
        # A kind from a hand-edited file may hold an escape sequence too: cleaned like a text,
        # since the whole-document pass would read an unterminated one to the document's end.
        return one_line(event.kind.capitalize())
    return text


def shown_events(events: list[Event]) -> list[Event]:
    """The events in time order without checklist pairs that cancel: a tick undone (or an untick
    redone) within a minute of it, for the same step. A tick that stood is kept, once."""
    standing: dict[str, list[Event]] = {}  # step text → its kept check events, latest last
    dropped: set[int] = set()
    for event in events:
        if event.kind != "check":
            continue
        step, ticked = _check_step(event.text)
        if step is None:
            continue
        kept = standing.setdefault(step, [])
        if kept and _check_step(kept[-1].text)[1] != ticked and event.time - kept[-1].time <= CANCELS_WITHIN:
            dropped.update((id(kept.pop()), id(event)))
        else:
            kept.append(event)
    return [event for event in events if id(event) not in dropped] if dropped else events


def _check_step(text: str) -> tuple[str | None, bool]:
    """(the step, ticked) of a check event's text as the fold writes it; (None, False) for other text."""
    if text.startswith(_TICKED):
        return text[len(_TICKED) :], True
    if text.startswith(_UNTICKED):
        return text[len(_UNTICKED) :], False
    return None, False


def responders(events: list[Event]) -> list[str]:
    """Everyone who wrote an event, in the order they first did."""
    seen: dict[str, None] = {}
    for event in events:
        author = one_line(event.author).strip()
        if author:
            seen.setdefault(author, None)
    return list(seen)


def typed_seconds(event: Event, moment: datetime) -> bool:
    """The seconds of this time were given by a person, so the line keeps them: an imported entry
    whose author wrote "12:00:24", or a time typed or edited as "18:47:30" (a whole second other than
    :00, apart from when it was recorded). A time stamped by the clock has its milliseconds."""
    if moment.second == 0:
        return False
    if event.source == "import":
        return True
    return moment.microsecond == 0 and event.recorded is not None and event.time != event.recorded
