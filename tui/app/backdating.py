"""When a typed time deserves a second look: it lands on another day, or before the session began.

`23:50` typed at 18:52 means yesterday's 23:50 (times point back); that is right after midnight
and wrong in the evening, and only the person typing knows which. So the app asks, naming the day.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

# Impact often starts minutes before anyone opens Scribe: back-dating that far is ordinary.
BEFORE_START_GRACE = timedelta(hours=1)


def span(delta: timedelta) -> str:
    """A duration as a person says it: "19 h 2 min", "40 min", "3 days"."""
    minutes = int(delta.total_seconds() // 60)
    if minutes >= 48 * 60:
        return f"{minutes // (24 * 60)} days"
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"{hours} h {minutes} min"
    return f"{hours} h" if hours else f"{minutes} min"


def surprising_time(time: datetime, usual: datetime, started: datetime, tz: tzinfo, zone_name: str) -> str | None:
    """Why `time` should be confirmed, in one sentence; None when it is an ordinary back-date.

    `usual` is the moment whose day is expected: now for a new note, the event's own time for an edit.
    """
    local, today = time.astimezone(tz), usual.astimezone(tz).date()
    shown = f"{local:%a %d %b %H:%M} ({zone_name})"
    reasons = []
    if local.date() != today:
        days = (today - local.date()).days
        reasons.append(
            ("yesterday" if days == 1 else "the day after" if days == -1 else f"{abs(days)} days away")
            + (" (times typed point back)" if days == 1 else "")
        )
    if time < started - BEFORE_START_GRACE:
        reasons.append(f"{span(started - time)} before this session began")
    if not reasons:
        return None
    return f"That time is {shown}: {', '.join(reasons)}."
