"""What Enter in the entry bar records: a note's text as timed entries, or a stamped milestone's new text."""

from __future__ import annotations

from datetime import datetime

from tui.app.backdating import surprising_time
from tui.app.messages import Draft
from tui.core.clock.source import Clock
from tui.core.clock.typed import split_backfill, split_leading_time
from tui.core.clock.zones import Zone
from tui.core.session.model import Event
from tui.core.session.recorder import Recorder


def note_entries(draft: Draft, text: str, recorder: Recorder, clock: Clock) -> list[tuple[datetime, str]]:
    """A note's text as timed entries: several pasted timed lines, or one maybe back-dated line."""
    return planned_entries(draft, text, recorder.session.zone_info, clock.now())


def planned_entries(draft: Draft, text: str, zone: Zone, now: datetime) -> list[tuple[datetime, str]]:
    """The events Enter would record from this text, with their times: what the entry bar previews.

    A milestone's text is one entry, at a time it opens with or at its stamp. Raises OutOfRangeTime
    for a leading time Scribe cannot keep."""
    if not text:
        return []
    if not draft.is_note:
        time, body = split_leading_time(text.strip(), zone, now)
        return [(time or draft.time, body)]
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > 1:
        backfill = split_backfill(text, zone, now)
        if backfill is not None:
            return [(time, body) for time, body in backfill if body]
    entries = []
    for line in lines:
        time, body = split_leading_time(line, zone, now)
        entries.append((time or draft.time, body))
    return entries


def surprising_entries(entries: list[tuple[datetime, str]], recorder: Recorder, clock: Clock) -> str | None:
    """Why these entries' times should be confirmed before they are recorded; None when they need not."""
    session, now = recorder.session, clock.now()
    zone = session.zone_info
    for time, _ in entries:
        why = surprising_time(time, now, session.created, zone.tz, zone.name)
        if why is not None:
            return why if len(entries) == 1 else f"{why} ({len(entries)} entries)"
    return None


def retext_milestone(draft: Draft, text: str, recorder: Recorder, clock: Clock) -> Event | None:
    """Enter on a stamped milestone: write the edited text (and a typed time) only if changed."""
    if draft.event_id is None:
        return None
    session = recorder.session
    event = session.event(draft.event_id)
    if event is None:  # deleted meanwhile, perhaps from another terminal
        return None
    time, body = split_leading_time(text, session.zone_info, clock.now())
    body = body or draft.default
    new_text = body if body != event.text else None
    new_time = time if time is not None and time != event.time else None
    if new_text is not None or new_time is not None:
        recorder.edit_event(event.id, text=new_text, time=new_time, stamping=True)
    return event
