"""The key help dialog: every key of the screen underneath, grouped by where it works (see key_catalogue)."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


@dataclass
class KeyGroup:
    """The keys one part of the screen answers to, in the order it declares them."""

    title: str
    # binding id (or action) -> (keys, description, id to remap it by; "" when it has none)
    rows: dict[str, tuple[list[str], str, str]] = field(default_factory=dict)


class HelpScreen(ModalScreen[None]):
    """`?` or F1: the keys, grouped by where they work, with the id to remap each in config.toml."""

    HELP_GROUP = "Help"
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 95%; max-width: 116; max-height: 95%; height: auto; padding: 0 1;
        border: thick $primary; background: $surface;
    }
    HelpScreen .group { margin-bottom: 1; }
    """
    BINDINGS = [
        Binding("escape,question_mark,f1,q", "close", "Close help", id="help.close", tooltip="Back to where you were"),
    ]

    def __init__(self, groups: list[KeyGroup]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(
                Text.from_markup(
                    "[b]Keys[/b]  Escape closes. Remap any key by its id in config.toml, e.g. "
                    '[b]\\[keys] note = "n,ctrl+n"[/b]'
                ),
                classes="group",
            )
            for group in self.groups:
                yield Static(self._table(group), classes="group")

    def _table(self, group: KeyGroup) -> Table:
        table = Table(
            title=group.title,
            title_justify="left",
            title_style="bold",
            show_header=False,
            box=None,
            padding=(0, 2, 0, 1),
            expand=True,
        )
        table.add_column("keys", style="bold", width=14, no_wrap=True)
        table.add_column("what", ratio=1)
        table.add_column("id", style="dim", width=25, no_wrap=True)
        for keys, description, remap_id in group.rows.values():
            table.add_row(" / ".join(keys), description, remap_id)
        return table

    def action_close(self) -> None:
        self.dismiss(None)
