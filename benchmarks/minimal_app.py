"""The floor: the least a Textual app like Scribe can be (Header, Footer, a Log, a clock, note entry).

Run as `python -m benchmarks.minimal_app [--lines N]`; N lines are in the Log before the first
paint, so a note at N lines can be compared with Scribe's note at N events.
"""

from __future__ import annotations

import argparse

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Input, Log

from benchmarks.floor_clock import Clock

TITLE = "Floor"
NOTE_PLACEHOLDER = "Type a note"


class MinimalApp(App[None]):
    """`n` opens an Input; Enter appends its value to the Log and hides the Input again."""

    TITLE = TITLE
    CSS = """
    Clock { height: 1; width: 100%; content-align: right middle; }
    Log { height: 1fr; }
    Input { display: none; dock: bottom; }
    Input.open { display: block; }
    """
    BINDINGS = [Binding("n", "note", "Note"), Binding("ctrl+q", "quit", "Quit")]

    def __init__(self, lines: int) -> None:
        super().__init__()
        self._initial = [f"line {number} of the floor" for number in range(1, lines + 1)]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Clock()
        yield Log()
        yield Input(placeholder=NOTE_PLACEHOLDER)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Log).write_lines(self._initial)

    def action_note(self) -> None:
        note = self.query_one(Input)
        note.add_class("open")
        note.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        log = self.query_one(Log)
        event.input.value = ""
        event.input.remove_class("open")
        log.write_line(event.value)
        log.focus()
        # Hiding the Input makes the Log taller only at the next layout: follow the end after it.
        self.call_after_refresh(log.scroll_end, animate=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=0, help="lines in the Log at start")
    MinimalApp(parser.parse_args().lines).run()


if __name__ == "__main__":
    main()
