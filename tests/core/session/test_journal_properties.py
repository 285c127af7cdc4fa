"""Property tests: whatever prefix of a journal survives a crash, every complete operation loads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.session import journal
from tui.core.session import operations as ops

T0 = datetime(2025, 4, 8, 10, 24, tzinfo=UTC)
texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


def _journal_bytes(notes: list[tuple[int, str]]) -> tuple[bytes, list[str]]:
    lines = [ops.create_op(T0, title="t", checklist=["step"])]
    for minutes, text in notes:
        lines.append(ops.add_event_op(T0, time=T0 + timedelta(minutes=minutes), text=text))
    lines.append(ops.check_op(T0, "c1", True))
    return b"".join(journal.encode_line(op) for op in lines), [op["id"] for op in lines]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(notes=st.lists(st.tuples(st.integers(-60, 60), texts), max_size=8), cut=st.floats(0, 1))
def test_any_prefix_loads_every_complete_operation(tmp_path, notes, cut):
    data, ids = _journal_bytes(notes)
    first_line_end = data.index(b"\n") + 1
    size = first_line_end + int((len(data) - first_line_end) * cut)
    path = tmp_path / "prefix.jsonl"
    path.write_bytes(data[:size])
    loaded = journal.load(path)
    complete = data[:size].count(b"\n")
    tail = data[:size].rsplit(b"\n", 1)[-1]
    whole_tail = bool(tail) and data[size : size + 1] == b"\n"  # only the newline was lost
    assert [op["id"] for op in loaded.ops] == ids[: complete + whole_tail]
    assert all(p.level == "warning" for p in loaded.problems)
    assert len(loaded.problems) == (0 if size == 0 or data[size - 1 : size] == b"\n" else 1)
    assert path.read_bytes() == data[:size]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(junk=st.binary(min_size=1, max_size=60).filter(lambda b: b"\n" not in b), where=st.integers(1, 4))
def test_garbage_anywhere_after_the_header_keeps_both_sides(tmp_path, junk, where):
    data, ids = _journal_bytes([(1, "a"), (2, "b"), (3, "c")])
    lines = data.splitlines(keepends=True)
    lines.insert(where, junk + b"\n")
    path = tmp_path / "garbage.jsonl"
    path.write_bytes(b"".join(lines))
    loaded = journal.load(path)
    assert {op["id"] for op in loaded.ops} >= set(ids) - {None}
