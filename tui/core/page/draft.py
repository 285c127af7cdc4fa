"""A first draft of a status update, from what the session already knows, for a person to edit."""

from __future__ import annotations

from datetime import datetime, timedelta

from tui.core.page.status import page_status
from tui.core.safe_text import one_line
from tui.core.session.model import Session

SAYS = {
    "investigating": "We are investigating the cause.",
    "identified": "We have found the cause and are working on a fix.",
    "monitoring": "A fix is in place and we are watching that it holds.",
    "resolved": "The incident is resolved.",
}


def clock_text(session: Session, moment: datetime) -> str:
    zone = session.zone_info
    local = moment.astimezone(zone.tz)
    name = zone.name if "/" not in zone.name else (local.tzname() or zone.name)
    return f"{local:%H:%M} {one_line(name)}"


def draft_update(session: Session, now: datetime, status: str | None = None, minutes: int = 30) -> str:
    """ "Since 10:24 GMT pizza purchases failing for all 3 current users. We have found the cause and
    are working on a fix. Next update by 10:55 GMT." Only what the session says: title, impact figure."""
    status = status or page_status(session)
    title = one_line(session.title).strip().rstrip(".") or "the incident"
    what = title[0].lower() + title[1:] if title[:2] != title[:2].upper() else title
    users = one_line(session.impact.users_affected).strip()
    since = f"Since {clock_text(session, session.start)} {what}" + (f" for {users}" if users else "") + "."
    if status == "resolved":
        return f"{since} {SAYS[status]}"
    return f"{since} {SAYS[status]} Next update by {clock_text(session, now + timedelta(minutes=minutes))}."
