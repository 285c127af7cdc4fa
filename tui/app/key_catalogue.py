"""Every key the app answers to, read from the live bindings, for the help dialog and the keymap check."""

from __future__ import annotations

import importlib
import pkgutil
import re

from textual.app import App
from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode
from textual.keys import format_key
from textual.screen import Screen

from tui.app import textual_private
from tui.app.dialogs.help import HelpScreen, KeyGroup

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
    keymap = textual_private.keymap(app)
    groups: dict[str, KeyGroup] = {}
    nodes: list[DOMNode] = [screen, *screen.walk_children()]
    sources: list[tuple[DOMNode | type[DOMNode], BindingsMap]] = [
        (node, textual_private.node_bindings(node)) for node in nodes
    ]
    # Dialogs and screens that are not open now still have keys worth knowing before they are.
    open_types = {type(node) for node in app.screen_stack}
    sources += [(cls, textual_private.declared_bindings(cls)) for cls in other_screens() if cls not in open_types]
    sources.append((app, textual_private.node_bindings(app)))
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

    Every module of tui.app.screens, tui.app.dialogs and tui.app.widgets is imported first and the
    list is sorted, so the help is the same however much of the app happened to be imported before.
    """
    import tui.app.dialogs
    import tui.app.screens
    import tui.app.widgets

    for package in (tui.app.screens, tui.app.dialogs, tui.app.widgets):
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
