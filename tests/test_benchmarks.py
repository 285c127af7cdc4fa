"""The benchmark suite's parts work: the pty harness sees text and sends keys, data sets load, rows judge."""

from __future__ import annotations

import sys

import pytest

pytest.importorskip("pyte")

from benchmarks import datasets
from benchmarks.interactive import Sample
from benchmarks.report import Row, Target, table
from benchmarks.terminal import ScreenTimeout, Terminal, contains, cpu_seconds, peak_memory_mb
from tui.core.session import journal

# Prints its terminal size, then echoes each line it reads in capitals, until it reads "quit".
ECHO = """
import os, sys
size = os.get_terminal_size(0)
print(f"ready {size.columns}x{size.lines}", flush=True)
for line in sys.stdin:
    if line.strip() == "quit":
        break
    print("got " + line.strip().upper(), flush=True)
"""


def test_the_terminal_has_the_benchmark_size_and_shows_what_the_program_prints():
    terminal = Terminal([sys.executable, "-c", ECHO], columns=120, lines=40)
    try:
        arrived = terminal.wait_for(contains("ready 120x40"), timeout=20)
        assert arrived >= terminal.spawned_at
        elapsed = terminal.press_and_wait("hello\r", contains("got HELLO"), timeout=20)
        assert elapsed >= 0
        assert cpu_seconds(terminal.pid) >= 0
        assert peak_memory_mb(terminal.pid) > 0
    finally:
        terminal.close(quit_keys=b"quit\r")
    assert not any("got QUIT" in line for line in terminal.display())


def test_waiting_for_text_that_never_comes_says_what_the_screen_showed():
    terminal = Terminal([sys.executable, "-c", "print('only this', flush=True)"])
    try:
        with pytest.raises(ScreenTimeout, match="only this"):
            terminal.wait_for(contains("something else"), timeout=20)
    finally:
        terminal.close(quit_keys=None)


def test_generated_sessions_load_with_every_event_and_no_problems(tmp_path):
    path = datasets.session_file(tmp_path, 50, extra_ops=20)
    loaded = journal.load(path)
    assert loaded.problems == []
    assert len(loaded.ops) == 71
    deletes = sum(op["op"] == "event.delete" for op in loaded.ops)
    checks = sum(op["op"] == "check.set" for op in loaded.ops)
    assert len(loaded.session.events) == 50 - deletes + checks
    plain = journal.load(datasets.session_file(tmp_path, 30, name="plain.jsonl")).session
    assert datasets.last_event_text(30) in plain.events[-1].text


def test_the_postmortem_is_the_asked_size_in_the_seeds_shape():
    text = datasets.postmortem_markdown(50_000)
    assert 49_000 <= len(text.encode()) <= 51_000
    assert text.startswith("# Incident: ")
    assert "## Timeline" in text and "- _09:30_ - (#1) " in text and "## Action items" in text


def test_rows_judge_ratios_and_limits_and_the_table_says_why_a_figure_is_missing():
    slow = Row("paint", "s", 0.9, 0.5, Target(1.3, True))
    fast = Row("load", "s", 0.4, None, Target(1.0, False))
    absent = Row("export", "s", None, None, Target(0.2, False), missing="not built")
    assert (slow.verdict, fast.verdict, absent.verdict) == ("MISSED", "ok", "n/a")
    assert slow.ratio == pytest.approx(1.8)
    printed = table([slow, fast, absent])
    assert "1.80x" in printed and "export: not built" in printed


def test_p95_is_a_value_that_was_measured():
    sample = Sample([float(value) for value in range(1, 21)])
    assert sample.median == 10.5
    assert sample.p95 == 19.0
