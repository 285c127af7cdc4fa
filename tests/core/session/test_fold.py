"""Folding operations into a session: every operation kind, and the order of events."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tui.core.session import operations as ops
from tui.core.session.fold import Fold, OperationError


def _fold(clock, *more):
    fold = Fold()
    fold.apply(ops.create_op(clock.now(), title="t", zone="GMT", checklist=["Inspect the factory response"]))
    for op in more:
        fold.apply(op)
    return fold.session


def test_events_sort_by_time_then_entry_order(clock):
    t = clock.now()
    a = ops.add_event_op(t, time=t + timedelta(minutes=2), text="second")
    b = ops.add_event_op(t, time=t, text="first")
    c = ops.add_event_op(t, time=t + timedelta(minutes=2), text="third (same time, entered later)")
    session = _fold(clock, a, b, c)
    assert [e.text for e in session.events] == ["first", "second", "third (same time, entered later)"]


def test_edit_changes_text_and_time_and_keeps_order(clock):
    t = clock.now()
    a = ops.add_event_op(t, time=t, text="a")
    b = ops.add_event_op(t, time=t + timedelta(minutes=1), text="b")
    edit = ops.edit_event_op(t, a["event"]["id"], text="a, corrected", time=t + timedelta(minutes=5))
    session = _fold(clock, a, b, edit)
    assert [e.text for e in session.events] == ["b", "a, corrected"]
    assert session.events[1].edited


def test_delete_is_a_tombstone_and_restore_brings_it_back_in_place(clock):
    t = clock.now()
    a = ops.add_event_op(t, time=t, text="a")
    b = ops.add_event_op(t, time=t, text="b")
    session = _fold(clock, a, b, ops.delete_event_op(t, a["event"]["id"]))
    assert [e.text for e in session.events] == ["b"]
    assert [e.text for e in session.deleted] == ["a"]
    Fold(session=session).apply(ops.restore_event_op(t, a["event"]["id"]))
    assert [e.text for e in session.events] == ["a", "b"]
    assert session.deleted == []


def test_milestones_status_and_start(clock):
    t = clock.now()
    session = _fold(clock)
    assert session.status == "investigating" and session.start == session.created
    fold = Fold(session=session)
    fold.apply(ops.add_event_op(t, time=t - timedelta(minutes=2), kind="impact_started", text="x"))
    fold.apply(ops.add_event_op(t, time=t + timedelta(minutes=19), kind="mitigated", text="m"))
    assert session.status == "mitigated"
    assert session.start == t - timedelta(minutes=2)
    fold.apply(ops.add_event_op(t, time=t + timedelta(minutes=21), kind="resolved", text="r"))
    assert session.status == "resolved"
    assert set(session.milestones()) == {"impact_started", "mitigated", "resolved"}


def test_checklist_tick_is_an_event(clock):
    session = _fold(clock, ops.check_op(clock.now(), "c1", True))
    assert session.checklist[0].checked
    assert session.events[-1].kind == "check"
    assert "Inspect the factory response" in session.events[-1].text
    Fold(session=session).apply(ops.check_op(clock.now(), "c1", False))
    assert not session.checklist[0].checked and len(session.events) == 2


def test_fields_and_action_items(clock):
    t = clock.now()
    add = ops.add_action_op(t, "Automate the call to the report URL", "Kristian")
    item_id = add["item"]["id"]
    session = _fold(
        clock,
        ops.set_field_op(t, "severity", "SEV2"),
        ops.set_field_op(t, "impact.users_affected", "all 3 current users"),
        ops.set_field_op(t, "fields.root_cause", "A chaos monkey."),
        add,
        ops.edit_action_op(t, item_id, done=True),
    )
    assert session.severity == "SEV2"
    assert session.impact.users_affected == "all 3 current users"
    assert session.fields.root_cause == "A chaos monkey."
    assert session.action_items[0].owner == "Kristian" and session.action_items[0].done
    Fold(session=session).apply(ops.delete_action_op(t, item_id))
    assert session.action_items == []


def test_unknown_field_and_operation_are_refused(clock):
    with pytest.raises(ValueError):
        ops.set_field_op(clock.now(), "id", "x")
    fold = Fold(session=_fold(clock))
    with pytest.raises(OperationError, match="unknown operation"):
        fold.apply(ops.make_op("teleport", clock.now()))
    with pytest.raises(OperationError, match="malformed"):
        fold.apply(ops.make_op("event.add", clock.now(), event={"id": "x", "time": "not a time"}))


def test_stamp_round_trips_milliseconds(clock):
    clock.advance(0.1234)
    text = ops.stamp(clock.now())
    assert text == "2025-04-08T10:24:00.123Z"
    assert ops.parse_stamp(text) == clock.now()


@pytest.mark.parametrize(
    "event",
    [
        {"time": "2025-04-08T10:24:00Z"},  # no id
        {"id": 7, "time": "2025-04-08T10:24:00Z"},
        {"id": "x", "time": 1744107840},
        {"id": "x", "time": "2025-04-08T10:24:00Z", "text": ["a", "list"]},
        {"id": "x", "time": "2025-04-08T10:24:00Z", "kind": None},
        "not an object",
    ],
)
def test_a_value_of_the_wrong_type_makes_the_operation_malformed(clock, event):
    fold = Fold(session=_fold(clock))
    with pytest.raises(OperationError, match="malformed 'event.add'"):
        fold.apply(ops.make_op("event.add", clock.now(), event=event))
    assert fold.session.events == []


@pytest.mark.parametrize(
    "session",
    [
        {"id": "s", "created": "2025-04-08T10:24:00Z"},  # no title
        {"id": "s", "title": "t", "created": "2025-04-08T10:24:00Z", "checklist": [{"id": "c1"}]},
        {"id": "s", "title": "t", "created": "2025-04-08T10:24:00Z", "roles": {"commander": 3}},
        {"id": "s", "title": "t", "created": "2025-04-08T10:24:00Z", "severity": 2},
    ],
)
def test_a_malformed_session_header_is_refused(clock, session):
    with pytest.raises(OperationError, match="malformed 'create'"):
        Fold().apply(ops.make_op("create", clock.now(), session=session))


def test_a_hand_written_time_without_a_zone_is_read_as_utc(clock):
    session = _fold(
        clock,
        ops.make_op("event.add", clock.now(), event={"id": "x", "time": "2025-04-08T10:24:00", "text": "by hand"}),
    )
    assert session.events[0].time == ops.parse_stamp("2025-04-08T10:24:00Z")
    action = ops.make_op("action.add", clock.now(), item={"id": "a", "text": "t", "done": "yes"})
    with pytest.raises(OperationError, match="malformed 'action.add'"):
        Fold(session=session).apply(action)


def test_text_typed_while_stamping_is_not_an_edit_but_a_later_change_is(clock):
    t = clock.now()
    stamp = ops.add_event_op(t, time=t, kind="detected", text="Detected")
    event_id = stamp["event"]["id"]
    session = _fold(clock, stamp, ops.edit_event_op(t, event_id, text="Grafana alert", stamping=True))
    assert (session.events[0].text, session.events[0].edited) == ("Grafana alert", False)
    Fold(session=session).apply(ops.edit_event_op(t, event_id, text="Grafana alert fired"))
    assert session.events[0].edited
    Fold(session=session).apply(ops.edit_event_op(t, event_id, text="again", stamping=True))
    assert session.events[0].edited  # once edited, always shown as edited


def test_a_runbook_set_later_becomes_the_checklist_and_steps_kept_keep_their_ticks(clock):
    t = clock.now()
    session = _fold(clock, ops.check_op(t, "c1", True))  # "Inspect the factory response", ticked
    op = ops.set_runbook_op(t, "pizza", ["Acknowledge the page", "Inspect the factory response"], session.checklist)
    Fold(session=session).apply(op)
    assert session.runbook == "pizza"
    assert [(item.text, item.checked) for item in session.checklist] == [
        ("Acknowledge the page", False),
        ("Inspect the factory response", True),
    ]
    assert session.checklist[1].id == "c1" and session.checklist[0].id not in ("c1", "c2")
    Fold(session=session).apply(ops.check_op(t, session.checklist[0].id, True))
    assert session.checklist[0].checked


def test_a_malformed_runbook_set_is_refused(clock):
    bad = ops.make_op("runbook.set", clock.now(), runbook="x", checklist=[{"id": 3, "text": "step"}])
    with pytest.raises(OperationError):
        _fold(clock, bad)


class _CountedList(list):
    """The session's event list, counting the scans a milestone lookup makes."""

    scans = 0

    def __iter__(self):
        type(self).scans += 1
        return super().__iter__()


def test_a_note_appended_keeps_the_milestones_known_without_a_rescan(clock):
    t = clock.now()
    session = _fold(clock)
    fold = Fold(session=session)
    fold.apply(ops.add_event_op(t, time=t, kind="detected", text="d"))
    session.events = _CountedList(session.events)
    assert set(session.milestones()) == {"detected"}
    scans = _CountedList.scans
    for minute in range(1, 6):
        fold.apply(ops.add_event_op(t, time=t + timedelta(minutes=minute), text=f"note {minute}"))
        assert set(session.milestones()) == {"detected"}
    assert _CountedList.scans == scans  # a note cannot change which event is each milestone's first
    fold.apply(ops.add_event_op(t, time=t + timedelta(minutes=9), kind="mitigated", text="m"))
    fold.apply(ops.add_event_op(t, time=t + timedelta(minutes=10), kind="detected", text="again"))
    assert session.milestones() == {"detected": t, "mitigated": t + timedelta(minutes=9)}
    # An event placed before the end can be a milestone's new first: that one is looked up again.
    fold.apply(ops.add_event_op(t, time=t - timedelta(minutes=1), kind="detected", text="earlier"))
    assert session.milestone("detected").text == "earlier"


def test_notices_go_to_the_fold_that_applied_the_operation(clock):
    """A fold collecting its notices for a whole read does not catch another fold's."""
    reading, other = Fold(), Fold()
    far = ops.add_event_op(clock.now(), time=clock.now(), text="far")
    far["event"]["time"] = "9999-01-01T00:00:00.000Z"
    other.apply(ops.create_op(clock.now(), title="t"))
    reading.apply(ops.create_op(clock.now(), title="t"))
    with reading.collecting():
        other.apply(far)
        reading.apply(dict(far, event=dict(far["event"], id="second")))
    assert len(other.notices) == 1 and "outside" in other.notices[0]
    assert len(reading.notices) == 1 and "outside" in reading.notices[0]
