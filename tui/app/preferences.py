"""Puts config.toml and the theme files into effect in a running app, and remembers the theme picked."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App
from textual.dom import DOMNode
from textual.theme import Theme

from tui.app import textual_private
from tui.app.themes import DEFAULT_THEME, FALLBACK_THEME, load_themes
from tui.core.config import Config, ConfigError, update_config


class Preferences:
    """The app's settings at run time: installed once on mount, then it follows theme changes.

    A broken config.toml never gets this far: it stops `scribe` with a one-line error before the
    screen opens (see tui.core.config). Problems found here (a broken theme file, a theme or key id
    that does not exist) cost a notification each, and the app runs on.
    """

    def __init__(self, app: App, config: Config) -> None:
        self.app = app
        self.config = config
        self.remembered = config.theme

    def install(self, *, extra_binding_ids: Callable[[], set[str]] = set) -> None:
        """Register the themes, switch to the configured one, apply the keymap, then listen.

        `extra_binding_ids` gives the ids of keys not on screen yet; it is called only when
        config.toml remaps keys, so their screens need not be imported otherwise.
        """
        self._install_themes()
        self._install_keymap(extra_binding_ids)
        self.app.theme_changed_signal.subscribe(self.app, self._theme_changed)

    def _install_themes(self) -> None:
        themes, problems = load_themes()
        for theme in themes:
            self.app.register_theme(theme)
        default = DEFAULT_THEME if DEFAULT_THEME in self.app.available_themes else FALLBACK_THEME
        wanted = self.config.theme or default
        if wanted not in self.app.available_themes:
            # Said in the same notification as the broken files (often the reason), not another one.
            problems.append(f"config.toml asks for theme {wanted!r}, which is not available; using {default}")
            wanted = default
        if problems:
            self.app.notify("\n".join(problems), title="Themes", severity="warning", timeout=10, markup=False)
        # What is on screen now counts as remembered: switching to it at start writes nothing, and
        # a theme that failed to load stays asked for in config.toml until the user picks another.
        self.remembered = wanted
        self.app.theme = wanted

    def _install_keymap(self, extra_binding_ids: Callable[[], set[str]]) -> None:
        if not self.config.keys:
            return
        self.app.set_keymap(self.config.keys)
        known = binding_ids(self.app) | extra_binding_ids()
        unknown = sorted(set(self.config.keys) - known)
        if unknown:
            self.app.notify(
                f"config.toml [keys]: no key has the id {', '.join(unknown)} (press ? to see every id)",
                title="Keys",
                severity="warning",
                timeout=10,
                markup=False,
            )

    def _theme_changed(self, theme: Theme) -> None:
        """Remember a new choice in config.toml; say so when that cannot be done."""
        if theme.name == self.remembered:
            return
        try:
            update_config({"theme": theme.name})
        except (ConfigError, OSError) as exc:
            self.app.notify(f"theme not remembered: {exc}", title="Theme", severity="error", timeout=10, markup=False)
            return
        self.remembered = theme.name


def class_binding_ids(*classes: type[DOMNode]) -> set[str]:
    """Ids declared by classes that may not be on screen at start (dialogs, forms)."""
    return {binding.id for cls in classes for _key, binding in textual_private.declared_bindings(cls) if binding.id}


def binding_ids(app: App) -> set[str]:
    """Ids of every binding the app knows of now: its own, each screen's and their widgets'."""
    nodes: list[DOMNode] = [app]
    for screen in app.screen_stack:
        nodes.extend([screen, *screen.walk_children()])
    return {binding.id for node in nodes for _key, binding in textual_private.node_bindings(node) if binding.id}
