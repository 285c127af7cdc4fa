"""Journal operations: how each one is written (the fold that reads them back is in fold.py)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from tui.core.clock.typed import EARLIEST, LATEST
from tui.core.session.model import IMPACT_FIELDS, PROSE_FIELDS, UPDATE_STATUSES, ChecklistItem

FORMAT_VERSION = 1
# Fields that `field.set` may change, by dotted path. Anything else in a file is reported, not applied.
TOP_FIELDS = ("title", "severity", "zone")
# A check event's text: which way the step went, then the step.
TICKED_PREFIX, UNTICKED_PREFIX = "Checked: ", "Unchecked: "
SETTABLE_FIELDS: tuple[str, ...] = (
    *TOP_FIELDS,
    *(f"impact.{name}" for name in IMPACT_FIELDS),
    *(f"fields.{name}" for name in PROSE_FIELDS),
)


def new_id() -> str:
    """Unique across writers without coordination: 48 random bits are plenty per session.

    The same bytes as `secrets.token_hex(6)`, without importing hashlib and hmac at start-up."""
    return os.urandom(6).hex()


def stamp(moment: datetime) -> str:
    """UTC ISO 8601 with milliseconds and a Z, the one time format of the journal."""
    # isoformat cuts to milliseconds as utc_ms does, in a third of strftime's time (twice per event).
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="milliseconds") + "Z"


def parse_stamp(text: str) -> datetime:
    """A journal time; one written by hand without a zone is read as UTC, like every stamp Scribe writes.

    A time outside the supported range reads as its nearest bound, so no view overflows on it.
    """
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    if EARLIEST <= moment <= LATEST:
        return moment
    return EARLIEST if moment < EARLIEST else LATEST


def make_op(op: str, at: datetime, **payload: Any) -> dict[str, Any]:
    return {"v": FORMAT_VERSION, "id": new_id(), "at": stamp(at), "op": op, **payload}


def create_op(
    at: datetime,
    *,
    title: str,
    zone: str = "UTC",
    severity: str = "",
    runbook: str = "",
    checklist: Iterable[str] = (),
    session_id: str | None = None,
    created: datetime | None = None,
) -> dict[str, Any]:
    session = {
        "id": session_id or new_id(),
        "title": title,
        "created": stamp(created or at),
        "zone": zone,
        "severity": severity,
        "runbook": runbook,
        "checklist": [{"id": f"c{n}", "text": text} for n, text in enumerate(checklist, 1)],
    }
    return make_op("create", at, session=session)


def add_event_op(
    at: datetime, *, time: datetime, kind: str = "note", text: str = "", author: str = "", source: str = "keyboard"
) -> dict[str, Any]:
    event = {"id": new_id(), "time": stamp(time), "kind": kind, "text": text, "author": author, "source": source}
    return make_op("event.add", at, event=event)


def add_update_op(
    at: datetime, *, text: str, status: str, author: str = "", source: str = "keyboard"
) -> dict[str, Any]:
    """A status update for stakeholders: an `update` event that also says the incident's status."""
    if status not in UPDATE_STATUSES:
        raise ValueError(f"not a status: {status}")
    op = add_event_op(at, time=at, kind="update", text=text, author=author, source=source)
    op["event"]["status"] = status
    return op


def publish_op(at: datetime, digest: str) -> dict[str, Any]:
    """A new link to the stakeholder page: only the sha256 of its token is written."""
    return make_op("page.publish", at, digest=digest)


def unpublish_op(at: datetime) -> dict[str, Any]:
    """Every link to the stakeholder page revoked."""
    return make_op("page.unpublish", at)


def keep_command_op(at: datetime, event_id: str, kept: bool) -> dict[str, Any]:
    """Mark a shell command for the exported timeline (or take the mark back)."""
    return make_op("command.keep", at, event_id=event_id, kept=kept)


def edit_event_op(
    at: datetime, event_id: str, *, text: str | None = None, time: datetime | None = None, stamping: bool = False
) -> dict[str, Any]:
    """A change to an event. `stamping`: the text (or time) typed as a milestone is stamped, part of
    making it rather than a later correction, so the event is not shown as edited."""
    payload: dict[str, Any] = {"event_id": event_id}
    if stamping:
        payload["stamping"] = True
    if text is not None:
        payload["text"] = text
    if time is not None:
        payload["time"] = stamp(time)
    return make_op("event.edit", at, **payload)


def delete_event_op(at: datetime, event_id: str) -> dict[str, Any]:
    return make_op("event.delete", at, event_id=event_id)


def restore_event_op(at: datetime, event_id: str) -> dict[str, Any]:
    return make_op("event.restore", at, event_id=event_id)


def check_op(at: datetime, item_id: str, checked: bool, *, time: datetime | None = None) -> dict[str, Any]:
    return make_op("check.set", at, item_id=item_id, checked=checked, time=stamp(time or at))


def set_field_op(at: datetime, field_path: str, value: str) -> dict[str, Any]:
    if field_path not in SETTABLE_FIELDS:
        raise ValueError(f"not a settable field: {field_path}")
    return make_op("field.set", at, field=field_path, value=value)


def set_runbook_op(
    at: datetime, runbook: str, steps: Iterable[str], current: Iterable[ChecklistItem]
) -> dict[str, Any]:
    """A runbook for a session that had none, or another one: its steps become the checklist. A step
    the checklist already has keeps its id (and tick); a new one gets an id never used before."""
    kept = {item.text: item.id for item in current}
    checklist = [{"id": kept.get(text) or new_id(), "text": text} for text in steps]
    return make_op("runbook.set", at, runbook=runbook, checklist=checklist)


def add_action_op(at: datetime, text: str, owner: str = "") -> dict[str, Any]:
    return make_op("action.add", at, item={"id": new_id(), "text": text, "owner": owner})


def edit_action_op(at: datetime, item_id: str, **changes: Any) -> dict[str, Any]:
    return make_op("action.edit", at, item_id=item_id, **changes)


def delete_action_op(at: datetime, item_id: str) -> dict[str, Any]:
    return make_op("action.delete", at, item_id=item_id)
