"""The runbook checklist: items with [ ]/[x]; Space ticks, and each tick is a timeline event."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tui.app.display import printable
from tui.app.messages import ToggleCheck
from tui.core.clock import Clock
from tui.core.model import Session


class Checklist(Widget, can_focus=True):
    """A short list (a runbook has a handful of steps), so it renders whole rather than lazily.

    Letters are left alone so the milestone keys keep working while the checklist has focus.
    """

    DEFAULT_CSS = (Path(__file__).with_suffix(".tcss")).read_text()
    COMPONENT_CLASSES = {"checklist--cursor", "checklist--done"}
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False, id="checklist.up", tooltip="Previous step"),
        Binding("down", "move(1)", "Down", show=False, id="checklist.down", tooltip="Next step"),
        Binding("space", "toggle", "Tick", id="checklist.toggle",
                tooltip="Tick or untick the selected step; the tick goes on the timeline"),
        Binding("escape", "leave", "Timeline", id="checklist.leave",
                tooltip="Back to the timeline"),
    ]

    cursor: reactive[int] = reactive(0)

    class Leave(Message):
        """Escape: the screen moves focus back to the timeline."""

    def __init__(self, session: Session, clock: Clock, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.clock = clock
        self.border_title = "Checklist"

    def on_mount(self) -> None:
        self.session_changed()

    def session_changed(self) -> None:
        done = sum(item.checked for item in self.session.checklist)
        self.border_subtitle = f"{done}/{len(self.session.checklist)}"
        self.cursor = min(self.cursor, max(0, len(self.session.checklist) - 1))
        self.refresh(layout=True)

    def render(self) -> Text:
        lines = []
        cursor_style = self.get_component_rich_style("checklist--cursor")
        done_style = self.get_component_rich_style("checklist--done")
        for index, item in enumerate(self.session.checklist):
            line = Text(f"[{'x' if item.checked else ' '}] {printable(item.text)}",
                        style=done_style if item.checked else "")
            if index == self.cursor and self.has_focus:
                line.stylize(cursor_style)
            lines.append(line)
        return Text("\n").join(lines)

    def action_move(self, step: int) -> None:
        if self.session.checklist:
            self.cursor = max(0, min(self.cursor + step, len(self.session.checklist) - 1))

    def action_toggle(self) -> None:
        if 0 <= self.cursor < len(self.session.checklist):
            item = self.session.checklist[self.cursor]
            self.post_message(ToggleCheck(item.id, self.clock.now()))

    def action_leave(self) -> None:
        self.post_message(self.Leave())
