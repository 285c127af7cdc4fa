"""Folding journal operations in order into the Session: each one checked as it is applied."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tui.core.clock.typed import EARLIEST, LATEST, RANGE_TEXT
from tui.core.clock.zones import parse_zone
from tui.core.errors import ScribeError
from tui.core.session.model import UPDATE_STATUSES, ActionItem, ChecklistItem, CommandRun, Event, Session
from tui.core.session.operations import (
    SETTABLE_FIELDS,
    TICKED_PREFIX,
    TOP_FIELDS,
    UNTICKED_PREFIX,
    new_id,
    parse_stamp,
    stamp,
)


class OperationError(ValueError):
    """An operation that cannot apply (unknown event, bad field): reported, and the fold goes on."""


# Where `_moment` reports a time it had to move into range, for the operation being applied.
_notices: ContextVar[list[str] | None] = ContextVar("fold_notices", default=None)


@dataclass
class Fold:
    """Applies operations to a session one at a time, collecting what could not be applied."""

    session: Session | None = None
    notices: list[str] = field(default_factory=list)  # worth a warning, not a refusal

    def apply(self, op: dict[str, Any]) -> None:
        if _notices.get() is not self.notices:  # outside `collecting`: for this operation alone
            token = _notices.set(self.notices)
            try:
                self.apply(op)
            finally:
                _notices.reset(token)
            return
        name = op.get("op")
        try:
            if name == "create":
                self._create(op)
                return
            if self.session is None:
                # A file whose first lines were lost still has a session worth reading.
                self.session = Session(id=new_id(), title="Untitled incident", created=parse_stamp(op["at"]))
                self.notices.append("no session header before this line; using defaults")
            handler = _HANDLERS.get(name)  # type: ignore[arg-type]
            if handler is None:
                raise OperationError(f"unknown operation {name!r}")
            handler(self.session, op)
        except OperationError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError, RecursionError) as exc:
            raise OperationError(f"malformed {name!r} operation ({_short(exc)})") from None

    @contextmanager
    def collecting(self) -> Iterator[None]:
        """Notices of the operations applied inside go to this fold: a reader applying thousands
        of them sets where they go once, not once per operation."""
        token = _notices.set(self.notices)
        try:
            yield
        finally:
            _notices.reset(token)

    def _create(self, op: dict[str, Any]) -> None:
        data = op["session"]
        checklist = [
            ChecklistItem(
                _text(item, "id"),
                _text(item, "text"),
                _flag(item, "checked"),
                _moment(item["checked_at"]) if item.get("checked_at") else None,
            )
            for item in data.get("checklist") or ()
        ]
        roles = data.get("roles") or {}
        if not isinstance(roles, dict) or not all(isinstance(value, str) for value in roles.values()):
            raise OperationError("malformed 'create' operation (roles are not names)")
        if self.session is not None:
            raise OperationError("a second session header; ignored")
        zone = _text(data, "zone", "UTC")
        try:
            parse_zone(zone)
        except ScribeError:
            self.notices.append(f"unknown time zone {zone[:60]!r} in the session header; shown in UTC")
            zone = "UTC"
        self.session = Session(
            id=_text(data, "id"),
            title=_text(data, "title"),
            created=_moment(data["created"]),
            zone=zone,
            severity=_text(data, "severity", ""),
            runbook=_text(data, "runbook", ""),
            roles=dict(roles),
            checklist=checklist,
        )


def _short(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]


# Reading a line's values: a session file may be edited by hand or damaged, so each value is checked
# for its type as the fold reads it. A wrong one makes the operation malformed (reported, skipped).


def _text(data: dict[str, Any], name: str, default: str | None = None) -> str:
    value = data.get(name, default)
    if not isinstance(value, str):
        raise TypeError(f"{name} is {'missing' if value is None else 'not text'}")
    return value


def _flag(data: dict[str, Any], name: str) -> bool:
    value = data.get(name, False)
    if not isinstance(value, bool):
        raise TypeError(f"{name} is not true or false")
    return value


def _moment(value: Any) -> datetime:
    if not isinstance(value, str):
        raise TypeError(f"{_short_repr(value)} is not a time")
    moment = parse_stamp(value)
    if moment is EARLIEST or moment is LATEST:
        notices = _notices.get()
        if notices is not None:
            notices.append(f"the time {value[:40]!r} is outside {RANGE_TEXT}; shown as {stamp(moment)}")
    return moment


def _short_repr(value: Any) -> str:
    return value[:40] if isinstance(value, str) else type(value).__name__


def _scalar(value: Any, name: str) -> str:
    """A field's value as text: hand-edited files may hold numbers; a list or an object is malformed."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise TypeError(f"{name} is not text")


def _event_add(session: Session, op: dict[str, Any]) -> None:
    # The fold's hottest path (a session is mostly added events): the checks are written out inline.
    data, at = op["event"], op["at"]
    get = data.get
    event_id, kind, text = get("id"), get("kind", "note"), get("text", "")
    author, source = get("author", ""), get("source", "keyboard")
    if not (
        type(event_id) is str
        and type(kind) is str
        and type(text) is str
        and type(author) is str
        and type(source) is str
    ):
        raise TypeError("id, kind, text, author and source must be text")
    if session.event(event_id) is not None:
        raise OperationError(f"event {event_id} added twice")
    recorded = _moment(at)
    time = data["time"]
    # Most events are stamped as they are recorded: one parsed time serves both.
    time = recorded if time == at else _moment(time)
    # Kinds, authors and sources repeat across thousands of events: one string each is kept.
    event = Event(event_id, time, _shared(kind), text, _shared(author), _shared(source), recorded, session.next_seq())
    if kind == "command":
        event.run = _command_run(get("run"))
    elif kind == "update":
        event.status = _update_status(get("status"))
    session.insert_event(event)


_shared = sys.intern


def _update_status(value: Any) -> str:
    """An update's status; one written without (`scribe note --kind update`) is an update all the same."""
    if value is None:
        return ""
    if value not in UPDATE_STATUSES:
        raise TypeError(f"an update's status is one of {', '.join(UPDATE_STATUSES)}")
    return str(value)


def _page_publish(session: Session, op: dict[str, Any]) -> None:
    digest = _text(op, "digest")
    if len(digest) != 64 or digest.strip("0123456789abcdef"):
        raise TypeError("digest is not a sha256 in hex")
    if digest not in session.page_links:
        session.page_links.append(digest)


def _page_unpublish(session: Session, op: dict[str, Any]) -> None:
    session.page_links.clear()


def _command_run(data: Any) -> CommandRun:
    if type(data) is not dict:
        raise TypeError("a command without its run")
    status, duration, cwd = data.get("status"), data.get("ms", 0), data.get("cwd", "")
    if type(status) is not int or type(duration) is not int or type(cwd) is not str:
        raise TypeError("run status and ms must be whole numbers, cwd text")
    return CommandRun(status, duration, cwd, _flag(data, "kept"))


def _command_keep(session: Session, op: dict[str, Any]) -> None:
    event = _live_event(session, op)
    if event.run is None:
        raise OperationError(f"event {event.id} is not a shell command")
    event.run.kept = _flag(op, "kept")


def _live_event(session: Session, op: dict[str, Any]) -> Event:
    event = session.event(op["event_id"])
    if event is None:
        raise OperationError(f"no live event {op['event_id']}")
    return event


def _event_edit(session: Session, op: dict[str, Any]) -> None:
    event = session.event(op["event_id"])
    if event is None:
        # Edited on one replica while deleted on another: the edit stays under the tombstone, and
        # undoing the delete brings the event back as last edited.
        buried = _tombstoned(session, op["event_id"])
        if buried is None:
            raise OperationError(f"no live event {op['event_id']}")
        if "text" in op:
            buried.text = _scalar(op["text"], "text")
        if "time" in op:
            buried.time = _moment(op["time"])
        buried.edited = True
        return
    if "text" in op:
        event.text = _scalar(op["text"], "text")
    event.edited = event.edited or not _flag(op, "stamping")
    if "time" in op:
        session.retime_event(event, _moment(op["time"]))


def _event_delete(session: Session, op: dict[str, Any]) -> None:
    event = _live_event(session, op)
    session.remove_event(event.id)
    session.deleted.append(event)


def _tombstoned(session: Session, event_id: Any) -> Event | None:
    for event in reversed(session.deleted):
        if event.id == event_id:
            return event
    return None


def _event_restore(session: Session, op: dict[str, Any]) -> None:
    for position in range(len(session.deleted) - 1, -1, -1):
        if session.deleted[position].id == op["event_id"]:
            session.insert_event(session.deleted.pop(position))  # keeps its entry order
            return
    raise OperationError(f"no deleted event {op['event_id']}")


def _check_set(session: Session, op: dict[str, Any]) -> None:
    item = session.checklist_item(op["item_id"])
    if item is None:
        raise OperationError(f"no checklist item {op['item_id']}")
    time = _moment(op.get("time") or op["at"])
    item.checked = bool(op["checked"])
    item.checked_at = time if item.checked else None
    text = f"{TICKED_PREFIX}{item.text}" if item.checked else f"{UNTICKED_PREFIX}{item.text}"
    session.insert_event(
        Event(
            _text(op, "id"), time, "check", text, source="checklist", recorded=_moment(op["at"]), seq=session.next_seq()
        )
    )


def _field_set(session: Session, op: dict[str, Any]) -> None:
    path, value = op["field"], _scalar(op["value"], "value")
    if path not in SETTABLE_FIELDS:
        raise OperationError(f"unknown field {_short_repr(path)!r}")
    if path == "zone":
        try:
            parse_zone(value)
        except ScribeError:
            raise OperationError(f"unknown time zone {value[:60]!r}") from None
    if path in TOP_FIELDS:
        setattr(session, path, value)
    else:
        group, name = path.split(".", 1)
        setattr(getattr(session, group), name, value)


def _action_add(session: Session, op: dict[str, Any]) -> None:
    item = op["item"]
    session.action_items.append(
        ActionItem(_text(item, "id"), _text(item, "text"), _text(item, "owner", ""), _flag(item, "done"))
    )


def _action_edit(session: Session, op: dict[str, Any]) -> None:
    item = session.action_item(op["item_id"])
    if item is None:
        raise OperationError(f"no action item {op['item_id']}")
    for name in ("text", "owner", "done"):
        if name in op:
            setattr(item, name, bool(op[name]) if name == "done" else _scalar(op[name], name))


def _action_delete(session: Session, op: dict[str, Any]) -> None:
    item = session.action_item(op["item_id"])
    if item is None:
        raise OperationError(f"no action item {op['item_id']}")
    session.action_items.remove(item)


def _runbook_set(session: Session, op: dict[str, Any]) -> None:
    old = {item.id: item for item in session.checklist}
    steps = [(_text(item, "id"), _text(item, "text")) for item in op["checklist"]]
    session.runbook = _text(op, "runbook")
    session.checklist[:] = [
        old[item_id] if item_id in old and old[item_id].text == text else ChecklistItem(item_id, text)
        for item_id, text in steps
    ]


_HANDLERS = {
    "event.add": _event_add,
    "event.edit": _event_edit,
    "event.delete": _event_delete,
    "event.restore": _event_restore,
    "check.set": _check_set,
    "runbook.set": _runbook_set,
    "field.set": _field_set,
    "action.add": _action_add,
    "action.edit": _action_edit,
    "action.delete": _action_delete,
    "command.keep": _command_keep,
    "page.publish": _page_publish,
    "page.unpublish": _page_unpublish,
}
