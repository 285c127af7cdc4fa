"""The key help screen: every key of the screen underneath, read from its live bindings and grouped."""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass, field

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.keys import format_key
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

# Spelled out rather than drawn as symbols: the help is read by someone under stress.
KEY_NAMES = {
    "enter": "Enter",
    "escape": "Escape",
    "space": "Space",
    "tab": "Tab",
    "delete": "Delete",
    "backspace": "Backspace",
    "home": "Home",
    "end": "End",
    "pageup": "PgUp",
    "pagedown": "PgDn",
}


@dataclass
class KeyGroup:
    """The keys one part of the screen answers to, in the order it declares them."""

    title: str
    # binding id (or action) -> (keys, description, id to remap it by; "" when it has none)
    rows: dict[str, tuple[list[str], str, str]] = field(default_factory=dict)


def key_name(key: str) -> str:
    *modifiers, name = key.split("+")
    shown = KEY_NAMES.get(name) or (name.upper() if re.fullmatch(r"f\d+", name) else format_key(name))
    if modifiers and len(shown) == 1:
        shown = shown.upper()  # Ctrl+Q, as keyboards and manuals print it
    return "+".join([*(modifier.capitalize() for modifier in modifiers), shown])


def group_title(node: DOMNode | type[DOMNode]) -> str:
    """A node's HELP_GROUP, else its class name in words ("ChecklistView" -> "Checklist view")."""
    title = getattr(node, "HELP_GROUP", "")
    if title:
        return title
    name = node.__name__ if isinstance(node, type) else type(node).__name__
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", name).split()
    return " ".join([words[0], *(word.lower() for word in words[1:])]) if words else "Other"


def live_keys(app: App, screen: Screen) -> list[KeyGroup]:
    """Every key the screen, its widgets and the app answer to, with the user's keymap applied.

    Textual only lists the bindings of the focused chain (`active_bindings`); the help must also show
    keys of widgets that are not focused (the checklist while the timeline has focus), so it reads
    each node's bindings and applies the keymap itself, as Textual does when a key is pressed.
    """
    keymap = getattr(app, "_keymap", {})
    groups: dict[str, KeyGroup] = {}
    nodes: list[DOMNode] = [screen, *screen.walk_children()]
    sources = [(node, node._bindings) for node in nodes]
    # Dialogs and screens that are not open now still have keys worth knowing before they are.
    open_types = {type(node) for node in app.screen_stack}
    sources += [(cls, cls._merge_bindings()) for cls in other_screens() if cls not in open_types]
    sources.append((app, app._bindings))
    for node, node_bindings in sources:
        bindings = node_bindings.copy()
        if keymap:
            bindings.apply_keymap(keymap)
        for key, binding in bindings:
            if not _worth_showing(binding, node is app):
                continue
            title = "Anywhere" if node is app else group_title(node)
            group = groups.setdefault(title, KeyGroup(title))
            row_id = binding.id or binding.action
            keys, description, remap_id = group.rows.get(
                row_id, ([], binding.tooltip or binding.description or binding.action, binding.id or "")
            )
            shown = key_name(key)
            if shown not in keys:
                keys.append(shown)
            group.rows[row_id] = (keys, description, remap_id)
    ordered = [group for title, group in groups.items() if title != "Anywhere"]
    return ordered + ([groups["Anywhere"]] if "Anywhere" in groups else [])


def other_screens() -> list[type[Screen]]:
    """Scribe's own screens and dialogs (every Screen subclass under tui.app), help aside.

    Every module of tui.app.screens and tui.app.widgets is imported first and the list is sorted,
    so the help is the same however much of the app happened to be imported before.
    """
    import tui.app.screens
    import tui.app.widgets

    for package in (tui.app.screens, tui.app.widgets):
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")
    found: set[type[Screen]] = set()
    pending: list[type[Screen]] = list(Screen.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("tui.app.") and cls is not HelpScreen:
            found.add(cls)
    return sorted(found, key=lambda cls: (group_title(cls), cls.__module__, cls.__qualname__))


def _worth_showing(binding: Binding, on_app: bool) -> bool:
    # Scribe's own bindings all have ids (so they can be remapped); Textual's widget internals
    # (cursor keys inside an Input, say) have none and would drown the list.
    if binding.system:
        return False
    return bool(binding.id) or (on_app and bool(binding.description))


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

    @classmethod
    def for_screen(cls, app: App, screen: Screen) -> HelpScreen:
        return cls(live_keys(app, screen))

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
