"""What the live app and the replay app share: themes, the keymap, the key help and Ctrl+Q."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode

from tui.app.preferences import Preferences, class_binding_ids
from tui.app.themes import theme_variable_defaults
from tui.core.config import Config


def force_quit_binding(tooltip: str) -> Binding:
    """Ctrl+Q quits from anywhere, even while typing (priority: before any widget sees the key)."""
    return Binding("ctrl+q", "quit", "Quit", id="quit.force", show=False, priority=True, tooltip=tooltip)


# Each app lists its bindings itself, these among them: the order they are declared in is the order
# of the footer and of the help, and bindings inherited from a base class would come first.
HELP_BINDING = Binding("question_mark,f1", "help", "Keys", id="view.help", tooltip="Every key, and the id to remap it")


class ScribeBaseApp(App[int]):
    """An app with Scribe's themes (the $event-* colours included), config.toml's keys and the help.

    `install_preferences` is called first thing in the subclass's on_mount: themes are registered
    and the keymap applied before anything is shown or notified.
    """

    # Textual draws placeholders in $text-disabled (about 2.6:1 on a light panel): a hint that must
    # be read under stress gets text contrast (4.5:1, checked for every shipped theme).
    CSS = """
    Input > .input--placeholder, Input > .input--suggestion { color: $foreground 70%; }
    """

    def __init__(self, config: Config) -> None:
        super().__init__()
        self.preferences = Preferences(self, config)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return theme_variable_defaults(self.current_theme)  # $event-* colours, for themes that do not set them

    def remappable_screens(self) -> tuple[type[DOMNode], ...]:
        """Screens and dialogs not on screen at start whose keys config.toml may still remap.

        Asked only when config.toml has keys: a subclass imports them here, not at start-up.
        """
        return ()

    def install_preferences(self) -> None:
        self.preferences.install(extra_binding_ids=lambda: class_binding_ids(*self.remappable_screens()))

    def action_help(self) -> None:
        # Imported when first pressed: the help reads every screen's keys, and start-up is measured.
        from tui.app.dialogs.help import HelpScreen
        from tui.app.key_catalogue import live_keys

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(live_keys(self, self.screen)))
