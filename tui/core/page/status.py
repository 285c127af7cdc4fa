"""The incident's status as stakeholders read it: investigating, identified, monitoring, resolved."""

from __future__ import annotations

from tui.core.session.model import Event, Session

STATUS_LABELS = {
    "investigating": "Investigating",
    "identified": "Identified",
    "monitoring": "Monitoring",
    "resolved": "Resolved",
}
# Milestones that settle the status on their own; the others leave it to the status updates.
MILESTONE_STATUS = {"mitigated": "monitoring", "resolved": "resolved"}


def latest_update(session: Session) -> Event | None:
    """The newest status update by its time (the one stakeholders should read first)."""
    return next((event for event in reversed(session.events) if event.kind == "update"), None)


def page_status(session: Session) -> str:
    """A resolved milestone resolves it; otherwise the latest of the status updates and the mitigated
    milestone (monitoring) says it, and an incident nobody has said anything about is investigating."""
    if session.milestone("resolved") is not None:
        return "resolved"
    for event in reversed(session.events):
        if event.kind == "update" and event.status:
            return event.status
        if event.kind in MILESTONE_STATUS:
            return MILESTONE_STATUS[event.kind]
    return "investigating"
