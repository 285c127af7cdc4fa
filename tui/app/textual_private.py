"""Every name Textual keeps private that Scribe relies on, in one place, each with the reason.

Textual may rename or change any of these in a minor release. Each has a test in
tests/app/test_textual_private.py that fails when an upgrade breaks what is relied on here, so
moving the Textual pin in pyproject.toml starts with running those tests. Nothing else in tui/app
touches a private Textual name.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.binding import BindingsMap, Keymap
from textual.dom import DOMNode
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Input

if TYPE_CHECKING:
    from textual.widgets import TextArea

# Where Textual defines TextArea. Importing it loads the document and syntax machinery (about a
# tenth of Scribe's start-up over a bare app), and nothing on the first screen uses it.
TEXT_AREA_MODULE = "textual.widgets._text_area"


async def run_key_bindings(app: App[Any], key: str, *, priority: bool = False) -> bool:
    """Run the bindings for a key as Textual does when it reads one; True when one handled it.

    Uses `App._check_bindings`. The entry bar handles its keys in the app's own turn (see
    EntryInput.type_now): a key typed right behind Enter must find the bar already closed. That
    means running Ctrl+Q and the other priority keys first (priority=True: from the app down),
    and the input's own keys and Escape after it (priority=False: from the focused widget up),
    exactly as Textual's key dispatch would have.
    """
    return await app._check_bindings(key, priority=priority)


async def type_into_input(widget: Input, event: events.Key) -> None:
    """Insert a printable key into an Input the way the Input itself does.

    Uses `Input._on_key`, the handler Textual would have run from the input's message queue;
    called directly, the character is in the value before the next key is routed.
    """
    await Input._on_key(widget, event)


async def paste_into_text_area(area: TextArea, event: events.Paste) -> None:
    """Insert a paste into a TextArea as its own handler does (it respects read-only).

    Uses `TextArea._on_paste`. The inspector's paste box runs it itself, once, and only then says
    that a paste arrived, so the text it announces is already in the box.
    """
    from textual.widgets import TextArea

    await TextArea._on_paste(area, event)


def takes_typing(widget: object) -> bool:
    """Whether a focused widget takes typed text: an Input, or a TextArea.

    Uses the name of TextArea's private module: until a dialog imports it no TextArea can exist,
    so the check does not import it (and start-up does not pay for it).
    """
    if isinstance(widget, Input):
        return True
    text_area_module = sys.modules.get(TEXT_AREA_MODULE)
    return text_area_module is not None and isinstance(widget, text_area_module.TextArea)


def declared_bindings(cls: type[DOMNode]) -> BindingsMap:
    """The bindings a class declares with its bases' (as an instance would have), without one.

    Uses `DOMNode._merge_bindings`. Dialogs and screens that are not open still have keys: the
    help lists them and config.toml may remap them before they were ever shown.
    """
    return cls._merge_bindings()


def node_bindings(node: DOMNode) -> BindingsMap:
    """The bindings of one node, whether or not it is in the focus chain.

    Uses `DOMNode._bindings`. Textual's public `active_bindings` is only the focused chain; the
    help must also show the keys of widgets without focus (the checklist while the timeline has it).
    """
    return node._bindings


def keymap(app: App[Any]) -> Keymap:
    """The keymap the app applies (set from config.toml's [keys]), key names normalised.

    Uses `App._keymap`. The help applies it itself to each node's bindings, as Textual does when a
    key is pressed, so it shows the keys as remapped. An app with no keymap gives an empty one.
    """
    return getattr(app, "_keymap", {})


def focus_without_repaint() -> Reactive[Widget | None]:
    """A replacement for `Screen.focused` that does not repaint the screen when focus moves.

    Overrides the class attribute `Screen.focused` (a Reactive with repaint=True). Textual repaints
    the whole screen when focus moves, and a note moves it twice (into the entry line and back): with
    a full timeline that was most of a note's time to the screen. Widgets whose look depends on focus
    (:focus rules) are restyled and redrawn by Textual anyway.
    """
    return Reactive(None, repaint=False)


def virtual_size_without_layout() -> Reactive[Size]:
    """A replacement for `Widget.virtual_size` that repaints rather than laying the screen out.

    Overrides the class attribute `Widget.virtual_size` (a Reactive with layout=True). Input sets
    its virtual size to its text's width on every change, so each typed character, and Enter
    clearing the text, laid the whole screen out. For a widget whose own size never depends on its
    content (the entry line: one row, the width left by the prompt) a repaint is all it needs.
    """
    return Reactive(Size(0, 0), layout=False)
