"""The runbook checklist: items with [ ]/[x]; Space ticks, and each tick is a timeline event."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from tui.app.display import printable
from tui.app.messages import ToggleCheck
from tui.core.clock.source import Clock
from tui.core.session.model import Session


class ChecklistItem(Static):
    """One runbook step; long steps wrap."""

    shown = ""  # the line it shows, so an unchanged step is not updated


class Checklist(VerticalScroll, can_focus=True):
    """A runbook has a handful of steps, so each is its own small widget, in a scrolling column.

    Letters are left alone so the milestone keys keep working while the checklist has focus. The
    `session` attribute may be replaced (replay hands down a new one); `session_changed` re-reads it.
    """

    DEFAULT_CSS = (Path(__file__).with_suffix(".tcss")).read_text()
    # Priority: handled as the app reads the key (only while the checklist has focus), so a tick
    # typed ahead of a milestone key is recorded before it. Escape back is the screen's key.
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False, priority=True, id="checklist.up", tooltip="Previous step"),
        Binding("down", "move(1)", "Down", show=False, priority=True, id="checklist.down", tooltip="Next step"),
        Binding(
            "space",
            "tick",
            "Tick",
            priority=True,
            id="checklist.toggle",
            tooltip="Tick or untick the selected step; the tick goes on the timeline",
        ),
    ]

    cursor: reactive[int] = reactive(0)

    def __init__(self, session: Session, clock: Clock, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.clock = clock
        self.border_title = "Checklist"

    def on_mount(self) -> None:
        self.session_changed()

    def session_changed(self) -> None:
        items = self.session.checklist
        shown = list(self.query(ChecklistItem))
        if len(shown) != len(items):
            self.remove_children(ChecklistItem)
            shown = [ChecklistItem() for _ in items]
            self.mount_all(shown)
        for widget, item in zip(shown, items, strict=False):
            line = f"[{'x' if item.checked else ' '}] {printable(item.text)}"
            if widget.shown != line:  # an unchanged step is left alone: an update re-lays out the screen
                widget.shown = line
                widget.update(Text(line))
            widget.set_class(item.checked, "-done")
        done = sum(item.checked for item in items)
        subtitle = f"{done}/{len(items)}"
        if self.border_subtitle != subtitle:
            self.border_subtitle = subtitle
        self.cursor = min(self.cursor, max(0, len(items) - 1))
        self._show_cursor()

    def go_to_first_open(self) -> None:
        """Put the cursor on the first step not yet ticked (where it was, when all are ticked)."""
        first_open = next((index for index, item in enumerate(self.session.checklist) if not item.checked), None)
        if first_open is not None:
            self.cursor = first_open

    def watch_cursor(self) -> None:
        self._show_cursor()

    def _show_cursor(self) -> None:
        for index, widget in enumerate(self.query(ChecklistItem)):
            widget.set_class(index == self.cursor, "-cursor")
            if index == self.cursor and self.has_focus:
                self.scroll_to_widget(widget, animate=False, immediate=True)

    def on_focus(self) -> None:
        self._show_cursor()

    def action_move(self, step: int) -> None:
        if self.session.checklist:
            self.cursor = max(0, min(self.cursor + step, len(self.session.checklist) - 1))

    def action_tick(self) -> None:
        if 0 <= self.cursor < len(self.session.checklist):
            item = self.session.checklist[self.cursor]
            # Straight to the screen, the way the milestone keys go, so requests keep key order.
            self.screen.post_message(ToggleCheck(item.id, self.clock.now()))
