"""The session journal: durable appends, many writers, and loading whatever a crash left behind."""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.core.errors import NewerFormatError, NotASessionError, ScribeError
from tui.core.session import journal
from tui.core.session import operations as ops
from tui.core.session import reader as journal_reader
from tui.core.session.folder import start_session


def _session(clock, **kw) -> Path:
    return start_session("Pizza purchases failing", clock=clock, **kw)


def _note(path: Path, clock, text: str) -> dict:
    op = ops.add_event_op(clock.now(), time=clock.now(), text=text)
    journal.append(path, op)
    return op


def test_new_file_is_private_and_holds_a_header(clock, scribe_home):
    path = _session(clock)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    first = json.loads(path.read_text().splitlines()[0])
    assert first["op"] == "create" and first["v"] == 1 and first["at"].endswith("Z")


def test_appends_are_one_line_each_and_fold_in_order(clock):
    path = _session(clock)
    for n in range(3):
        clock.advance(1)
        _note(path, clock, f"note {n}")
    lines = path.read_text().splitlines()
    assert len(lines) == 4
    loaded = journal.load(path)
    assert [e.text for e in loaded.session.events] == ["note 0", "note 1", "note 2"]
    assert loaded.problems == []


def test_a_load_for_the_session_only_keeps_no_operations_and_folds_the_same(clock):
    path = _session(clock)
    _note(path, clock, "kept")
    with open(path, "ab") as handle:
        handle.write(
            b"not json\n"
            + json.dumps(ops.add_event_op(clock.now(), time=clock.now(), kind="note", text="no newline")).encode()
        )
    full, lean = journal.load(path), journal.load(path, keep_ops=False)
    assert lean.ops == [] and len(full.ops) == 3
    assert lean.session == full.session
    assert (lean.problems, lean.size, lean.lines) == (full.problems, full.size, full.lines)


def test_torn_last_line_is_skipped_with_a_warning_and_file_unchanged(clock):
    path = _session(clock)
    _note(path, clock, "kept")
    with open(path, "ab") as handle:
        handle.write(b'{"v":1,"id":"x","at":"2025-04-08T10:2')
    before = path.read_bytes()
    loaded = journal.load(path)
    assert [e.text for e in loaded.session.events] == ["kept"]
    assert [(p.line, p.level) for p in loaded.problems] == [(3, "warning")]
    assert "incomplete" in loaded.problems[0].message
    assert path.read_bytes() == before


def test_append_after_torn_line_starts_on_a_fresh_line(clock):
    path = _session(clock)
    with open(path, "ab") as handle:
        handle.write(b'{"v":1,"id":"torn"')
    _note(path, clock, "after the crash")
    loaded = journal.load(path)
    assert [e.text for e in loaded.session.events] == ["after the crash"]
    assert [(p.line, p.level) for p in loaded.problems] == [(2, "error")]


def test_garbage_line_in_the_middle_is_reported_and_both_sides_load(clock):
    path = _session(clock)
    _note(path, clock, "before")
    with open(path, "ab") as handle:
        handle.write(b"\x00\xffnot json at all\n")
    _note(path, clock, "after")
    loaded = journal.load(path)
    assert [e.text for e in loaded.session.events] == ["before", "after"]
    assert [(p.line, p.level) for p in loaded.problems] == [(3, "error")]


def test_operation_that_cannot_apply_is_reported_not_fatal(clock):
    path = _session(clock)
    journal.append(path, ops.edit_event_op(clock.now(), "nope", text="x"))
    _note(path, clock, "fine")
    loaded = journal.load(path)
    assert [e.text for e in loaded.session.events] == ["fine"]
    assert loaded.problems[0].line == 2 and "no live event" in loaded.problems[0].message


def test_newer_format_is_refused_with_a_clear_message(clock):
    path = _session(clock)
    op = ops.add_event_op(clock.now(), time=clock.now(), text="from the future")
    op["v"] = 2
    journal.append(path, op)
    with pytest.raises(NewerFormatError, match="newer than this Scribe"):
        journal.load(path)


@pytest.mark.parametrize("content", [b"", b"hello\n", b"\x89PNG\r\n\x1a\n\x00\x00", b'{"a": 1}\n'])
def test_files_that_are_not_sessions_are_refused(tmp_path, content):
    path = tmp_path / "x.jsonl"
    path.write_bytes(content)
    with pytest.raises(NotASessionError):
        journal.load(path)
    assert path.read_bytes() == content


def test_missing_file_and_folder_are_user_errors(tmp_path):
    with pytest.raises(ScribeError, match="no such file"):
        journal.load(tmp_path / "missing.jsonl")
    with pytest.raises(ScribeError, match="folder"):
        journal.load(tmp_path)


def test_create_refuses_to_overwrite(clock, tmp_path):
    path = tmp_path / "s.jsonl"
    journal.create(path, ops.create_op(clock.now(), title="a"))
    with pytest.raises(ScribeError, match="already exists"):
        journal.create(path, ops.create_op(clock.now(), title="b"))
    assert journal.load(path).session.title == "a"


def _writer(path: str, name: str, count: int) -> None:
    from tui.core.clock.source import SystemClock

    clock = SystemClock()
    for n in range(count):
        journal.append(path, ops.add_event_op(clock.now(), time=clock.now(), text=f"{name}-{n}"))


def test_concurrent_writers_from_several_processes_lose_nothing(clock):
    path = _session(clock)
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(str(path), f"w{w}", 25)) for w in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    loaded = journal.load(path)
    assert loaded.problems == []
    texts = {e.text for e in loaded.session.events}
    assert texts == {f"w{w}-{n}" for w in range(4) for n in range(25)}
    for line in path.read_bytes().splitlines():
        json.loads(line)  # no interleaved halves


def test_kill_9_of_a_writer_loses_nothing_it_had_returned_from(clock, tmp_path):
    path = _session(clock)
    acked = tmp_path / "acked.txt"
    script = (
        "import sys\n"
        "from tui.core.session import journal, operations as ops\n"
        "from tui.core.clock.source import SystemClock\n"
        "c = SystemClock()\n"
        "with open(sys.argv[2], 'w', buffering=1) as ack:\n"
        "    n = 0\n"
        "    while True:\n"
        "        journal.append(sys.argv[1], ops.add_event_op(c.now(), time=c.now(), text=f'n{n}'))\n"
        "        ack.write(f'n{n}\\n'); n += 1\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(path), str(acked)])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and (not acked.exists() or acked.read_text().count("\n") < 30):
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    returned = [line for line in acked.read_text().splitlines() if line]
    assert len(returned) >= 30
    loaded = journal.load(path)
    saved = {e.text for e in loaded.session.events}
    assert set(returned) <= saved
    assert all(p.level == "warning" for p in loaded.problems)  # at most a torn last line


def test_reader_only_takes_complete_lines(clock):
    path = _session(clock)
    reader = journal.JournalReader(path)
    assert [op["op"] for op in reader.read()] == ["create"]
    with open(path, "ab") as handle:
        handle.write(b'{"v":1,"id":"half"')
    assert reader.read() == []
    with open(path, "ab") as handle:
        handle.write(
            b',"at":"2025-04-08T10:30:00.000Z","op":"event.add","event":{"id":"e1",'
            b'"time":"2025-04-08T10:30:00.000Z","text":"late"}}\n'
        )
    assert [op["id"] for op in reader.read()] == ["half"]
    assert reader.fold.session.events[0].text == "late"


def test_a_large_file_reads_exactly_as_a_small_one(clock, tmp_path, monkeypatch):
    """Past FAST_DECODE_BYTES lines are decoded by pydantic-core; whatever it refuses or reads
    differently, the standard library decides, so problems and session are the same at any size."""
    path = _session(clock)
    for text in ("plain", 'quote " and backslash \\', "emoji 🍕 and \u2028 separator"):
        _note(path, clock, text)
    with open(path, "ab") as handle:
        handle.write(
            b'{"v":1,"id":"x1","at":"2025-04-08T10:24:00Z","op":"event.add","event":'
            b'{"id":"e1","time":"2025-04-08T10:24:00Z","text":"lone \\ud800 surrogate"}}\n'
        )
        handle.write(b"not json at all\n")
        handle.write(b"\xff\xfe binary\n")
        handle.write(b"null\n")
        handle.write(b'{"v":1,"id":"x2","at":NaN,"op":"event.add","event":{}}\n')
        handle.write(b"\n")
        handle.write(
            json.dumps(
                {
                    "v": 1,
                    "id": "x3",
                    "at": "2025-04-08T10:25:00Z",
                    "op": "event.add",
                    "event": {"id": "e2", "time": "2025-04-08T10:25:00Z", "text": "last"},
                }
            ).encode()
            + b"\n"
        )
    small = journal.load(path)
    monkeypatch.setattr(journal_reader, "FAST_DECODE_BYTES", 0)
    large = journal.load(path)
    assert large.session == small.session and large.ops == small.ops
    assert [str(problem) for problem in large.problems] == [str(problem) for problem in small.problems]
    assert [event.text for event in large.session.events][-2:] == ["lone \ud800 surrogate", "last"]


@pytest.mark.parametrize("fast", [False, True], ids=["json", "pydantic-core"])
def test_loaded_events_share_their_kind_author_and_source(clock, monkeypatch, fast):
    """Thousands of events by a few people keep one string per author, kind and source, whichever
    decoder read the file (one shares keys only)."""
    path = _session(clock)
    for text in ("one", "two"):
        _note(path, clock, text)
    monkeypatch.setattr(journal_reader, "FAST_DECODE_BYTES", 0 if fast else 1 << 30)
    first, second = journal.load(path).session.events
    assert first.kind is second.kind and first.source is second.source and first.author is second.author


def test_a_load_leaves_what_it_made_out_of_the_young_generation(clock):
    """The first collection after a load does not scan everything the load made as new objects."""
    path = _session(clock)
    _note(path, clock, "one")
    gc.collect()
    loaded = journal.load(path)
    young = gc.get_objects(generation=0)
    assert not any(item is loaded.session or item is loaded.session.events[0] for item in young)
    assert gc.get_freeze_count() == 0  # nothing left frozen
    kept = [object()]  # frozen on purpose (as the app freezes its session): a load leaves it so
    gc.freeze()
    try:
        journal.load(path)
        assert not any(item is kept for item in gc.get_objects())
    finally:
        gc.unfreeze()
