"""The severity picker: a small dialog that answers with SEV1..SEV5, or None when cancelled."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.app.display import printable
from tui.core.session.model import SEVERITIES

# What each level usually means; shown beside the level so nobody has to look it up mid-incident.
MEANINGS: dict[str, str] = {
    "SEV1": "critical: the product is down or data is at risk",
    "SEV2": "major: a core feature fails for many users",
    "SEV3": "minor: degraded, with a workaround",
    "SEV4": "low: cosmetic or a few users",
    "SEV5": "none yet: being watched",
}


class SeverityScreen(ModalScreen[str | None]):
    """Pick a severity with the arrows and Enter, or straight away with 1 to 5."""

    HELP_GROUP = "Severity"
    DEFAULT_CSS = """
    SeverityScreen { align: center middle; }
    SeverityScreen > Vertical {
        width: 64; height: auto; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    SeverityScreen Label { width: 100%; margin-bottom: 1; }
    SeverityScreen OptionList { height: auto; border: none; }
    """
    # All priority: each key is handled, in order, as it is read, so the answer is given before
    # the keys typed right after it are routed, and those reach the screen underneath.
    BINDINGS = [
        Binding("up", "move(-1)", "Up", id="severity.up", show=False, priority=True),
        Binding("down", "move(1)", "Down", id="severity.down", show=False, priority=True),
        Binding("enter", "choose", "Set", id="severity.choose", priority=True, tooltip="Set the highlighted severity"),
        Binding("escape", "cancel", "Cancel", id="severity.cancel", priority=True, tooltip="Close without changing"),
        *(
            Binding(
                level[-1],
                f"pick('{level}')",
                level,
                show=False,
                id=f"severity.{level.lower()}",
                priority=True,
                tooltip=f"Set {level}",
            )
            for level in SEVERITIES
        ),
    ]

    def __init__(self, current: str = "") -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            now = self.current or "not set"
            # Assembled, not markup: the current value comes from the file and is shown as it is.
            yield Label(
                Text.assemble(("Severity", "bold"), f" now: {printable(now)}  ·  1-5 or Enter picks, Escape keeps")
            )
            yield OptionList(*(Option(f"{level}  {MEANINGS[level]}", id=level) for level in SEVERITIES))

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = SEVERITIES.index(self.current) if self.current in SEVERITIES else 0
        self.focus_options()

    def focus_options(self) -> None:
        """Focus the list now (not on the next turn), so an arrow typed ahead moves in it."""
        if self.focused is None:
            self.set_focus(self.query_one(OptionList))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # a click; Enter is the binding above
        self._answer(event.option.id)

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        current = options.highlighted if options.highlighted is not None else 0
        options.highlighted = max(0, min(len(SEVERITIES) - 1, current + step))

    def action_choose(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self._answer(options.get_option_at_index(options.highlighted).id)

    def action_pick(self, level: str) -> None:
        self._answer(level)

    def action_cancel(self) -> None:
        self._answer(None)

    def _answer(self, level: str | None) -> None:
        if self.is_current:  # once: a second key must not close the screen underneath
            self.dismiss(level)
