"""Grafana OnCall (IRM) outgoing webhooks: one event of an alert group's life per delivery
(created, acknowledged, resolved, an escalation step, ...), with who did it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tui.core.alerts.notice import (
    Notice,
    PayloadError,
    document_of,
    links_of,
    moment_of,
    object_of,
    table_of,
    text_of,
)

# event.type -> (words for the timeline, the milestone it stamps, whether it may open a session)
EVENT_TYPES: dict[str, tuple[str, str, bool]] = {
    "alert group created": ("alert group created", "alert", True),
    "escalation": ("escalation step", "alert", True),
    "acknowledge": ("acknowledged", "acknowledged", False),
    "resolve": ("resolved", "resolved", False),
    "silence": ("silenced", "alert", False),
    "unsilence": ("unsilenced", "alert", False),
    "unacknowledge": ("unacknowledged", "alert", False),
    "unresolve": ("unresolved", "alert", False),
    "status change": ("status changed", "alert", False),
}
# Where each step's time is kept on the alert group when `event.time` is missing.
GROUP_TIMES = {"alert group created": "created_at", "acknowledge": "acknowledged_at", "resolve": "resolved_at"}


def parse_oncall(payload: Any, now: datetime) -> list[Notice]:
    """The one notice of a delivery; PayloadError when it is not an OnCall outgoing webhook."""
    document = document_of(payload)
    try:
        event = object_of(document, "event")
        group = object_of(document, "alert_group")
        kind = text_of(event, "type").lower()
        if kind not in EVENT_TYPES:
            raise PayloadError(f"unknown OnCall event type {kind[:40]!r}")
        group_id = text_of(document, "alert_group_id")[:64] or text_of(group, "id")[:64]
        if not group_id:
            raise PayloadError("no alert_group_id")
        words, milestone, opens = EVENT_TYPES[kind]
        time = moment_of(event.get("time"), "event.time", required=False)
        if time is None and kind in GROUP_TIMES:
            time = moment_of(group.get(GROUP_TIMES[kind]), f"alert_group.{GROUP_TIMES[kind]}", required=False)
        alert = object_of(document, "alert_payload") if isinstance(document.get("alert_payload"), dict) else {}
        labels = table_of(alert, "labels") if alert else {}
        title = text_of(group, "title") or labels.get("alertname", "") or f"alert group {group_id}"
        who = _user(document, kind)
        links = links_of(("oncall", text_of(object_of(group, "permalinks"), "web")))
    except PayloadError as exc:
        raise PayloadError(f"OnCall payload: {exc}") from None
    summary = ""
    if kind == "escalation":
        summary = _notified(document)
    annotations = table_of(alert, "annotations") if alert else {}
    summary = summary or annotations.get("summary", "")
    return [
        Notice(
            key=f"oncall:{group_id}",
            status=words,
            time=time or now,
            name=title,
            summary=summary,
            links=links,
            labels=labels,
            kind=milestone,
            who=who,
            source="oncall",
            opens=opens,
            detects=kind == "alert group created",
            # An escalation step carries no time of its own: the people it notified tell one
            # delivery of it from another, and a retry of it from a new step.
            timed=time is not None,
        )
    ]


def _user(document: dict[str, Any], kind: str) -> str:
    """The responder: the event's user, else whoever the group says acknowledged or resolved it."""
    for name in ("user", f"alert_group_{'acknowledged' if kind == 'acknowledge' else 'resolved'}_by"):
        person = document.get(name)
        if isinstance(person, dict):
            found = text_of(person, "username")[:200] or text_of(person, "email")[:200]
            if found:
                return found
    return ""


def _notified(document: dict[str, Any]) -> str:
    users = document.get("notified_users")
    if not isinstance(users, list):
        return ""
    names = sorted({text_of(user, "username")[:200] for user in users if isinstance(user, dict)} - {""})
    return f"notified {', '.join(names[:20])}" if names else ""
