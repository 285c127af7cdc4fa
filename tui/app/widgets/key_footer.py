"""The footer's line of keys, drawn as one line of text rather than a widget per key.

Textual's Footer rebuilds a widget for every key whenever focus moves, and writing a note moves
focus twice (into the entry bar and back). With the main screen's dozen keys that came to most of
the CPU a note costs. This footer reads the same active bindings and redraws one line, only when
what it shows has changed. Keys stay clickable, and hovering one shows its tooltip.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

DIM = Style(dim=True)
PALETTE_RULE = "▏"


@dataclass(frozen=True)
class FooterKey:
    """One key as the footer shows it: what to press, what it does, and whether it works here."""

    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str


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

        def add(key: FooterKey) -> None:
            start = line.cell_len
            dim = Style() if key.enabled else DIM
            line.append(f" {key.display} ", key_style + dim)
            line.append(f"{key.description} ", description_style + dim)
            spans.append((start, line.cell_len, key))

        for key in self.keys:
            add(key)
        width = self.size.width
        if self.palette is not None:
            palette_start = max(0, width - len(f" {self.palette.display} {self.palette.description} ") - 1)
            line.truncate(palette_start, pad=True)
            spans = [(start, min(end, palette_start), key) for start, end, key in spans if start < palette_start]
            line.append(PALETTE_RULE, DIM)
            add(self.palette)
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
