"""The apps under test: how to start the floor and Scribe, and how to tell what their screens show."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from benchmarks import bare_floor, minimal_app
from benchmarks.interactive import NoteFlow
from benchmarks.terminal import Predicate, contains

NEW_TITLE = "Pizza factory answering 500"


@dataclass
class Case:
    """One way to start an app, with what its first complete screen shows."""

    name: str
    argv: list[str]
    painted: Predicate
    flow: NoteFlow


def floor(lines: int = 0) -> Case:
    argv = [sys.executable, "-m", "benchmarks.minimal_app", "--lines", str(lines)]
    markers = [minimal_app.TITLE, "Quit", "00:00:0"] + ([f"line {lines} of the floor"] if lines else [])
    return Case(
        f"floor, {lines:,} lines", argv, contains(*markers), NoteFlow("n", contains(minimal_app.NOTE_PLACEHOLDER))
    )


def bare(lines: int = 0) -> Case:
    """The bare floor: typed text unseen, Enter appends it to the Log (see benchmarks/bare_floor.py)."""
    argv = [sys.executable, "-m", "benchmarks.bare_floor", "--lines", str(lines)]
    markers = [bare_floor.TITLE, "Quit", "00:00:0"] + ([f"line {lines} of the bare floor"] if lines else [])
    return Case(f"bare floor, {lines:,} lines", argv, contains(*markers), NoteFlow("", echo=False))


def scribe_available() -> str:
    """Empty when the full-screen app is in this build, else why it is not."""
    try:
        from tui.app import run_app  # noqa: F401
    except ImportError:
        return "the full-screen app (tui.app.run_app) is not in this build yet"
    return ""


def _scribe_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "tui", *args]


# Scribe's entry bar greets a note with a placeholder that starts with these words.
SCRIBE_NOTE = NoteFlow("n", contains("Type a note"))


def scribe_new() -> Case:
    return Case("scribe new", _scribe_argv("new", NEW_TITLE), contains(NEW_TITLE), SCRIBE_NOTE)


def scribe_open(path: Path, title: str, last_text: str) -> Case:
    """`scribe open` on a generated session: painted once the title and the newest event show."""
    return Case(f"scribe open {path.name}", _scribe_argv("open", str(path)), contains(title, last_text), SCRIBE_NOTE)
