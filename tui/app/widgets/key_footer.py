"""The footer's line of keys, drawn as one line of text rather than a widget per key.

Textual's Footer rebuilds a widget for every key whenever focus moves, and writing a note moves
focus twice (into the entry bar and back). With the main screen's dozen keys that came to most of
the CPU a note costs. This footer reads the same active bindings and redraws one line, only when
what it shows has changed. Keys stay clickable, and hovering one shows its tooltip.

A line too narrow for every key shows the most needed ones whole (FOOTER_PRIORITY), then the help
key as "more"; a label is never cut.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

DIM = Style(dim=True)
PALETTE_RULE = "▏"
HELP_ID = "view.help"
MORE = "more"
# Under stress the capture keys matter most; keys not named here follow, in binding order, and the
# help key (which lists every key) always ends the line.
FOOTER_PRIORITY = (
    "note",
    "milestone.detected",
    "milestone.acknowledged",
    "milestone.mitigated",
    "milestone.resolved",
    "checklist.focus",
    "inspector.open",
    "severity.set",
    "fields.edit",
    "quit",
)


@dataclass(frozen=True)
class FooterKey:
    """One key as the footer shows it: what to press, what it does, and whether it works here."""

    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str
    binding_id: str = ""

    def width(self, description: str | None = None) -> int:
        """Cells it takes on the line: " key description "."""
        return cell_len(f" {self.display} {self.description if description is None else description} ")


def fit_keys(keys: tuple[FooterKey, ...], width: int) -> tuple[list[tuple[FooterKey, str]], bool]:
    """The keys (with the description to show) that fit whole in `width` cells, most needed first,
    the help key last; True when some were left out (the help key then says "more")."""
    rank = {binding_id: index for index, binding_id in enumerate(FOOTER_PRIORITY)}
    help_key = next((key for key in keys if key.binding_id == HELP_ID), None)
    others = sorted(
        (key for key in keys if key is not help_key),
        key=lambda key: rank.get(key.binding_id, len(FOOTER_PRIORITY)),  # sorted() is stable: binding order next
    )
    tail = [(help_key, help_key.description)] if help_key is not None else []
    if sum(key.width() for key in others) + sum(key.width(text) for key, text in tail) <= width:
        return [(key, key.description) for key in others] + tail, False
    room = width - (help_key.width(MORE) if help_key is not None else 0)
    shown: list[tuple[FooterKey, str]] = []
    for key in others:
        if key.width() > room:
            break  # a prefix of the priority order, so each key keeps its place at every width
        shown.append((key, key.description))
        room -= key.width()
    if help_key is not None and help_key.width(MORE) <= width:
        shown.append((help_key, MORE))
    return shown, True


class KeyFooter(Widget, can_focus=False):
    """The keys that work on this screen, left to right in binding order; the palette key at the right."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-footer--key", "key-footer--description"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.keys: tuple[FooterKey, ...] = ()
        self.palette: FooterKey | None = None
        self._spans: list[tuple[int, int, FooterKey]] = []  # where each key was drawn, for the mouse

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        keys, palette = self._read_keys(screen)
        if (keys, palette) != (self.keys, self.palette):
            self.keys, self.palette = keys, palette
            self.refresh()

    def _read_keys(self, screen: Screen) -> tuple[tuple[FooterKey, ...], FooterKey | None]:
        """Shown bindings, one per action (the first key bound to it), as Textual's Footer picks them."""
        app = self.app
        keys: dict[str, FooterKey] = {}
        palette: FooterKey | None = None
        for _node, binding, enabled, tooltip in screen.active_bindings.values():
            shown = FooterKey(
                binding.key,
                app.get_key_display(binding),
                binding.description,
                enabled,
                tooltip or binding.tooltip or binding.description,
                binding.id or "",
            )
            if binding.key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = shown
            elif binding.show and binding.action not in keys:
                keys[binding.action] = shown
        return tuple(keys.values()), palette

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-footer--key")
        description_style = self.get_component_rich_style("key-footer--description")
        line = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, FooterKey]] = []

        def add(key: FooterKey, description: str) -> None:
            start = line.cell_len
            dim = Style() if key.enabled else DIM
            line.append(f" {key.display} ", key_style + dim)
            line.append(f"{description} ", description_style + dim)
            spans.append((start, line.cell_len, key))

        width = self.size.width
        palette = self.palette
        room = width - (palette.width() + cell_len(PALETTE_RULE) if palette is not None else 0)
        for key, description in fit_keys(self.keys, room)[0]:
            add(key, description)
        if palette is not None:
            line.pad_right(max(0, room - line.cell_len))
            line.append(PALETTE_RULE, DIM)
            add(palette, palette.description)
        self._spans = spans
        return line

    def _key_at(self, x: int) -> FooterKey | None:
        return next((key for start, end, key in self._spans if start <= x < end), None)

    def on_click(self, event: events.Click) -> None:
        key = self._key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self._key_at(event.x)
        self.tooltip = key.tooltip if key is not None else None
