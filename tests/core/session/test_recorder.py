"""The recorder: disk first, then memory; a refused write is queued, never lost or reordered."""

from __future__ import annotations

import errno
import gc
import tracemalloc

from tui.core.session import journal
from tui.core.session import operations as ops
from tui.core.session.folder import start_session
from tui.core.session.recorder import Recorder


def test_every_change_is_on_disk_when_record_returns(clock):
    path = start_session("t", clock=clock, runbook="pizza-factory-chaos")
    recorder = Recorder(path, clock=clock, author="kg")
    event = recorder.add_event("factory returns 500", kind="detected")
    recorder.toggle_check("c1")
    recorder.set_field("severity", "SEV2")
    on_disk = journal.load(path).session
    assert on_disk.event(event.id).text == "factory returns 500"
    assert on_disk.checklist[0].checked and on_disk.severity == "SEV2"
    assert recorder.session.event(event.id).author == "kg"


def test_undo_delete_restores_the_last_deleted(clock):
    path = start_session("t", clock=clock)
    recorder = Recorder(path, clock=clock)
    a = recorder.add_event("a")
    b = recorder.add_event("b")
    recorder.delete_event(a.id)
    recorder.delete_event(b.id)
    assert recorder.undo_delete().id == b.id
    assert [e.text for e in journal.load(path).session.events] == ["b"]
    assert recorder.undo_delete().id == a.id
    assert recorder.undo_delete() is None


def test_poll_folds_other_writers_but_not_our_own_twice(clock):
    path = start_session("t", clock=clock)
    recorder = Recorder(path, clock=clock)
    other = Recorder(path, clock=clock)
    recorder.add_event("mine")
    other.add_event("from another terminal")
    new = recorder.poll()
    assert [op["event"]["text"] for op in new] == ["from another terminal"]
    assert [e.text for e in recorder.session.events] == ["mine", "from another terminal"]
    assert recorder.poll() == []


def test_refused_writes_are_queued_in_order_and_flushed_later(clock, monkeypatch):
    path = start_session("t", clock=clock)
    recorder = Recorder(path, clock=clock)
    real_append = journal.append
    disk_full = {"on": True}

    def flaky_append(p, op):
        if disk_full["on"]:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_append(p, op)

    monkeypatch.setattr(journal, "append", flaky_append)
    recorder.add_event("one")
    recorder.add_event("two")
    assert recorder.unsaved == 2 and recorder.last_error.errno == errno.ENOSPC
    assert [e.text for e in recorder.session.events] == ["one", "two"]  # still shown
    assert journal.load(path).session.events == []
    assert not recorder.flush()
    disk_full["on"] = False
    recorder.add_event("three")  # joins the end of the queue: order is kept
    assert recorder.unsaved == 0 and recorder.last_error is None
    assert [e.text for e in journal.load(path).session.events] == ["one", "two", "three"]
    assert recorder.poll() == []


def test_a_file_already_loaded_is_not_read_again_and_later_appends_are_polled(clock, monkeypatch):
    path = start_session("t", clock=clock)
    Recorder(path, clock=clock).add_event("before")
    loaded = journal.load(path)
    reads = []
    monkeypatch.setattr(journal, "load", lambda *args: reads.append(args) or loaded)
    recorder = Recorder(path, clock=clock, loaded=loaded)
    assert reads == [] and recorder.session is loaded.session
    monkeypatch.undo()
    Recorder(path, clock=clock).add_event("other")  # another terminal: read from where the load ended
    assert [op["event"]["text"] for op in recorder.poll()] == ["other"]


def test_ops_are_every_operation_in_order_without_being_held_decoded(clock):
    path = start_session("t", clock=clock)
    Recorder(path, clock=clock).add_event("saved")
    recorder = Recorder(path, clock=clock)
    recorder.add_event("mine")
    Recorder(path, clock=clock).add_event("other")
    recorder.poll()
    assert recorder.ops == journal.load(path).ops
    assert [op["op"] for op in recorder.ops] == ["create", "event.add", "event.add", "event.add"]


def _held_bytes(build):
    """What `build()` returns keeps allocated, by tracemalloc (its transient work is freed first)."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        held = build()
        gc.collect()
        return held, tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()


def test_an_open_session_holds_what_it_polled_no_heavier_than_a_fresh_load_of_the_same_file(clock):
    # A responder's app stays open for hours while the team writes: what it read since opening
    # must cost about what the same operations cost when opened from the file.
    path = start_session("t", clock=clock)

    def open_then_poll():
        recorder = Recorder(path, clock=clock)
        for n in range(300):
            text = f"note {n} from another responder about what happened"
            journal.append(path, ops.add_event_op(clock.now(), time=clock.now(), text=text, author="other"))
            recorder.poll()
        return recorder

    polled, polled_bytes = _held_bytes(open_then_poll)
    fresh, fresh_bytes = _held_bytes(lambda: Recorder(path, clock=clock))
    assert len(polled.session.events) == len(fresh.session.events) == 300
    assert polled_bytes < 1.3 * fresh_bytes, (polled_bytes, fresh_bytes)
