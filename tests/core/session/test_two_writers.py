"""Two writers on one session, changing the same thing at once: both end up showing what the file
folds to, whoever wrote first."""

from __future__ import annotations

from tui.core.session import journal
from tui.core.session.folder import start_session
from tui.core.session.recorder import Recorder


def _state(session):
    return (
        [(event.id, event.text, event.time) for event in session.events],
        session.severity,
        session.fields.root_cause,
        [event.id for event in session.deleted],
    )


def test_both_show_the_files_fold_after_editing_one_event_at_once(clock):
    path = start_session("t", clock=clock)
    a = Recorder(path, clock=clock)
    event = a.add_event("factory down")
    b = Recorder(path, clock=clock)
    # Each applies its own edit at once; A's reaches the file first, B's after it.
    a.edit_event(event.id, text="from A")
    b.edit_event(event.id, text="from B")
    a.set_field("severity", "SEV1")
    b.set_field("severity", "SEV2")
    a.set_field("fields.root_cause", "A's cause")
    b.set_field("fields.root_cause", "B's cause")
    a.poll()
    b.poll()
    on_file = journal.load(path).session
    assert on_file.event(event.id).text == "from B" and on_file.severity == "SEV2"
    assert _state(a.session) == _state(on_file)
    assert _state(b.session) == _state(on_file)


def test_a_refold_keeps_the_session_object_and_later_changes(clock):
    path = start_session("t", clock=clock)
    a = Recorder(path, clock=clock)
    event = a.add_event("x")
    b = Recorder(path, clock=clock)
    held = b.session
    a.edit_event(event.id, text="A")
    b.edit_event(event.id, text="B")
    b.poll()
    assert b.session is held and held.event(event.id).text == "B"
    later = b.add_event("after")
    a.poll()
    assert a.session.event(later.id) is not None and b.poll() == []
    assert _state(b.session) == _state(journal.load(path).session) == _state(a.session)
    assert [op["id"] for op in b.ops] == [op["id"] for op in journal.load(path).ops]


def test_deleting_and_editing_at_once(clock):
    path = start_session("t", clock=clock)
    a = Recorder(path, clock=clock)
    event = a.add_event("x")
    b = Recorder(path, clock=clock)
    a.delete_event(event.id)
    b.edit_event(event.id, text="edited meanwhile")  # on the file: refused, the event is gone
    a.poll()
    b.poll()
    on_file = journal.load(path).session
    assert _state(a.session) == _state(on_file) == _state(b.session)
