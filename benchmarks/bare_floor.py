"""The bare floor: the least Textual app a user's eye compares Scribe with.

Header, Footer, a Log and a one-second clock, nothing else: no entry widget and no focus moves.
Printable keys go into a buffer that is not drawn; Enter appends the buffer to the Log as one line.
So "Enter until the line is on screen" is one key, one Log line and one frame, the least any
Textual app can do for a note. Run as `python -m benchmarks.bare_floor [--lines N]`; N lines are in
the Log before the first paint, so a note at N lines can be compared with Scribe's at N events.
"""

from __future__ import annotations

import argparse

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Log

from benchmarks.floor_clock import Clock

TITLE = "Bare floor"


class BareFloorApp(App[None]):
    """Typed characters are kept unseen; Enter appends them to the Log as one line."""

    TITLE = TITLE
    CSS = """
    Clock { height: 1; width: 100%; content-align: right middle; }
    Log { height: 1fr; }
    """
    BINDINGS = [Binding("ctrl+q", "quit", "Quit")]

    def __init__(self, lines: int) -> None:
        super().__init__()
        self._initial = [f"line {number} of the bare floor" for number in range(1, lines + 1)]
        self._typed: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Clock()
        yield Log()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Log).write_lines(self._initial)

    def on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            self.query_one(Log).write_line("".join(self._typed))
            self._typed.clear()
        elif event.is_printable and event.character:
            self._typed.append(event.character)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=0, help="lines in the Log at start")
    BareFloorApp(parser.parse_args().lines).run()


if __name__ == "__main__":
    main()
