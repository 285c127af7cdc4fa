"""Replicas of one session: whatever order and however often they receive each other's operations,
every replica holding the same operations folds to the same session."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.clock.source import FakeClock
from tui.core.postmortem.export import export_session
from tui.core.session import journal
from tui.core.session import operations as ops
from tui.core.session.folder import start_session
from tui.core.session.recorder import Recorder
from tui.core.session.replica import merge

START = datetime(2025, 4, 8, 10, 24, tzinfo=UTC)


def _state(session):
    return (
        [(e.id, e.time, e.kind, e.text, e.author, e.edited) for e in session.events],
        [(e.id, e.text) for e in session.deleted],
        session.title,
        session.severity,
        session.fields.root_cause,
        [(item.id, item.checked) for item in session.checklist],
        export_session(session, redacted=False),
    )


def _lines(path):
    """Every operation in the file, those the fold refused included: a replica shares them all."""
    return [json.loads(line) for line in path.read_text().splitlines()]


def _replicas(tmp_path, count):
    origin = start_session("shared", clock=FakeClock(START), path=tmp_path / "r0.jsonl", runbook="")
    header = journal.load(origin).ops
    paths = [origin]
    for n in range(1, count):
        path = tmp_path / f"r{n}.jsonl"
        journal.create(path, header[0])
        paths.append(path)
    clocks = [FakeClock(START) for _ in range(count)]
    recorders = [
        Recorder(path, clock=clock, author=f"p{n}", node=f"node{n}")
        for n, (path, clock) in enumerate(zip(paths, clocks, strict=True))
    ]
    return paths, clocks, recorders


def _act(rng, recorder, clock):
    # Clocks drift apart, and sometimes step back: the stamps must still order causally.
    clock.jump_wall(rng.choice([0, 0, 0.001, 1, 30, -5]))
    session = recorder.session
    choice = rng.randrange(7)
    if choice <= 1 or not session.events:
        recorder.add_event(f"note {rng.randrange(1000)}", time=clock.now())
    elif choice == 2:
        recorder.edit_event(rng.choice(session.events).id, text=f"edit {rng.randrange(1000)}")
    elif choice == 3:
        recorder.delete_event(rng.choice(session.events).id)
    elif choice == 4 and session.deleted:
        recorder.undo_delete()
    elif choice == 5:
        recorder.set_field(rng.choice(["title", "severity", "fields.root_cause"]), f"v{rng.randrange(9)}")
    else:
        # An edit of an event another replica may have deleted meanwhile.
        target = rng.choice(session.events + session.deleted)
        recorder.record(ops.edit_event_op(clock.now(), target.id, text=f"late {rng.randrange(1000)}"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32), count=st.integers(2, 4), steps=st.integers(1, 40))
def test_replicas_holding_the_same_operations_fold_to_the_same_session(tmp_path_factory, seed, count, steps):
    rng = random.Random(seed)
    paths, clocks, recorders = _replicas(tmp_path_factory.mktemp("replicas"), count)
    for _ in range(steps):
        n = rng.randrange(count)
        if rng.random() < 0.25:  # a partial exchange: some of another replica's operations arrive
            other = rng.randrange(count)
            theirs = _lines(paths[other])
            merge(paths[n], rng.sample(theirs, rng.randrange(len(theirs) + 1)))
            recorders[n].poll()
        else:
            _act(rng, recorders[n], clocks[n])
    everything = [op for path in paths for op in _lines(path)]
    for n, path in enumerate(paths):
        delivery = everything + rng.sample(everything, len(everything) // 3)  # duplicates too
        rng.shuffle(delivery)
        for start in range(0, len(delivery), 5):
            merge(path, delivery[start : start + 5])
        recorders[n].poll()
    states = [_state(journal.load(path).session) for path in paths]
    assert all(state == states[0] for state in states)
    # The open replicas, updated as they went, show what their files fold to.
    assert all(_state(recorder.session) == states[0] for recorder in recorders)
    # Every operation once in every file, however often it arrived.
    for path in paths:
        ids = [op["id"] for op in _lines(path)]
        assert sorted(ids) == sorted({op["id"] for op in everything})


def test_edits_of_a_deleted_event_are_kept_under_the_tombstone(tmp_path):
    paths, clocks, (a, b) = _replicas(tmp_path, 2)
    event = a.add_event("first words")
    merge(paths[1], journal.load(paths[0]).ops)
    b.poll()
    clocks[0].advance(1)
    clocks[1].advance(2)
    a.delete_event(event.id)
    b.edit_event(event.id, text="second thoughts")  # later, on a replica that had not seen the delete
    for source, target, recorder in ((0, 1, b), (1, 0, a)):
        merge(paths[target], journal.load(paths[source]).ops)
        recorder.poll()
    assert a.session.event(event.id) is None and b.session.event(event.id) is None
    restored = a.undo_delete()
    assert restored is not None and restored.text == "second thoughts"


def test_the_later_stamp_wins_a_field_written_on_two_replicas(tmp_path):
    paths, clocks, (a, b) = _replicas(tmp_path, 2)
    clocks[1].advance(5)
    b.set_field("severity", "SEV1")  # later by the wall clock
    a.set_field("severity", "SEV3")  # written last, but stamped earlier
    for source, target, recorder in ((0, 1, b), (1, 0, a)):
        merge(paths[target], journal.load(paths[source]).ops)
        recorder.poll()
    assert a.session.severity == b.session.severity == "SEV1"


def test_a_stamp_moves_past_every_operation_received(tmp_path):
    paths, clocks, (a, b) = _replicas(tmp_path, 2)
    clocks[0].advance(3600)  # A's clock is an hour ahead
    early = a.add_event("from the fast clock")
    merge(paths[1], journal.load(paths[0]).ops)
    b.poll()
    b.edit_event(early.id, text="edited after seeing it")
    stamps = {op["id"]: op["hlc"] for op in journal.load(paths[1]).ops}
    assert max(stamps.values()) == journal.load(paths[1]).ops[-1]["hlc"]
    merge(paths[0], journal.load(paths[1]).ops)
    a.poll()
    assert a.session.event(early.id).text == "edited after seeing it"


def test_an_operation_merged_twice_is_written_once(tmp_path):
    paths, _, (a, _b) = _replicas(tmp_path, 2)
    a.add_event("once")
    theirs = journal.load(paths[0]).ops
    assert merge(paths[1], theirs) == 1
    assert merge(paths[1], theirs + theirs) == 0
    assert len(journal.load(paths[1]).ops) == 2


def test_a_copy_that_slips_into_the_file_is_folded_once(tmp_path):
    paths, _, (a, _b) = _replicas(tmp_path, 2)
    a.add_event("once")
    op = journal.load(paths[0]).ops[-1]
    journal.append(paths[0], op)  # two merges at once, each missing the other's copy
    loaded = journal.load(paths[0])
    assert [e.text for e in loaded.session.events] == ["once"] and not loaded.problems


def test_a_file_out_of_order_folds_sorted_and_reports_problems_by_line(tmp_path):
    paths, clocks, (a, _b) = _replicas(tmp_path, 2)
    event = a.add_event("x")
    clocks[0].advance(1)
    a.edit_event(event.id, text="y")
    lines = paths[0].read_bytes().splitlines(keepends=True)
    paths[1].write_bytes(lines[0] + lines[2] + b"not json\n" + lines[1])  # the edit before its event
    loaded = journal.load(paths[1])
    assert [e.text for e in loaded.session.events] == ["y"]
    assert [(p.line, p.message) for p in loaded.problems] == [(3, "not valid JSON; skipped")]
    assert [op["op"] for op in loaded.ops] == ["create", "event.edit", "event.add"]  # file order


def test_a_malformed_stamp_is_that_lines_problem(tmp_path):
    paths, _, (a, _b) = _replicas(tmp_path, 2)
    a.add_event("fine")
    bad = journal.load(paths[0]).ops[-1] | {"id": "other", "hlc": "tomorrow"}
    journal.append(paths[0], bad)
    loaded = journal.load(paths[0])
    assert [e.text for e in loaded.session.events] == ["fine"]
    assert [(p.line, p.message) for p in loaded.problems] == [(3, "malformed clock stamp or operation id; skipped")]


def test_an_unstamped_line_keeps_its_place_after_the_lines_above_it(tmp_path):
    """A line an older Scribe appended (no stamp) folds where it sits in the file."""
    paths, clocks, (a, _b) = _replicas(tmp_path, 2)
    event = a.add_event("stamped")
    journal.append(paths[0], ops.edit_event_op(clocks[0].now(), event.id, text="unstamped edit"))
    assert journal.load(paths[0]).session.event(event.id).text == "unstamped edit"
    a.poll()
    assert a.session.event(event.id).text == "unstamped edit"
    a.edit_event(event.id, text="stamped again")  # stamped after everything in the file
    assert journal.load(paths[0]).session.event(event.id).text == "stamped again"
