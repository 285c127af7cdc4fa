"""Theme files: checked colour by colour; a broken one is named in a notification and the app runs on."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.color import Color
from textual.widgets import Static

from tui.app.preferences import Preferences
from tui.app.themes import (
    DEFAULT_THEME,
    EVENT_COLOUR_DEFAULTS,
    ThemeFileError,
    event_variable,
    load_theme_file,
    load_themes,
    theme_variable_defaults,
)
from tui.core.config import Config, load_config
from tui.core.paths import shipped_dir
from tui.core.session.model import EVENT_KINDS


class ThemedApp(App[None]):
    """The smallest app that installs preferences the way Scribe's app does."""

    def __init__(self, config: Config) -> None:
        super().__init__()
        self.preferences = Preferences(self, config)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return theme_variable_defaults(self.current_theme)

    def compose(self) -> ComposeResult:
        yield Static("timeline")

    def on_mount(self) -> None:
        self.preferences.install()


def test_shipped_themes_load_with_every_event_colour() -> None:
    themes, problems = load_themes([shipped_dir("themes")])
    assert problems == []
    names = {theme.name for theme in themes}
    assert {"scribe-dark", "scribe-light", "scribe-high-contrast"} <= names
    for theme in themes:
        assert {event_variable(kind) for kind in EVENT_KINDS} <= set(theme.variables)
    light = next(theme for theme in themes if theme.name == "scribe-light")
    assert light.dark is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[colors]\nprimary = "#12345"\n', "colors.primary: '#12345' is not a colour"),
        ('[colors]\nprimary = "blu"\n', "colors.primary: 'blu' is not a colour"),
        ('[colors]\nbackground = "#000000"\n', "colors.primary: missing"),
        ('[colors]\nprimary = "red"\nprimery = "red"\n', "colors.primery: unknown key"),
        ('[colors]\nprimary = "red"\n[events]\ndetected = "nope"\n', "events.detected: 'nope' is not a colour"),
        ('[colors]\nprimary = "red"\n[events]\nparty = "red"\n', "events.party: unknown key"),
        ('[colors\nprimary = "red"\n', "not valid TOML"),
        ('name = "my theme"\n[colors]\nprimary = "red"\n', "name 'my theme' may only hold"),
        ("colors = 5\n", "colors: not a table"),
        ('dark = "yes"\n[colors]\nprimary = "red"\n', "dark: not true or false"),
        ('colour = "red"\n[colors]\nprimary = 7\nsecondary = "x"\n', "colour: unknown key (and 2 more)"),
    ],
)
def test_a_broken_theme_file_is_one_line_naming_it(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ThemeFileError) as caught:
        load_theme_file(path)
    assert str(caught.value).startswith("mine.toml: ")
    assert expected in str(caught.value) and "\n" not in str(caught.value)


def test_name_defaults_to_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "night-shift.toml"
    path.write_text('[colors]\nprimary = "rgb(10, 20, 30)"\n[events]\nnote = "white"\n', encoding="utf-8")
    theme = load_theme_file(path)
    assert theme.name == "night-shift" and theme.primary == "rgb(10, 20, 30)"
    assert theme.variables[event_variable("note")] == "white"


async def test_broken_theme_gets_one_notification_and_the_default_runs(scribe_home: Path) -> None:
    folder = scribe_home / "themes"
    folder.mkdir(parents=True)
    (folder / "broken-one.toml").write_text('[colors]\nprimary = "not-a-colour"\n', encoding="utf-8")
    (folder / "broken-two.toml").write_text("[colors\n", encoding="utf-8")
    (folder / "fine.toml").write_text('[colors]\nprimary = "#336699"\n', encoding="utf-8")
    (scribe_home / "config.toml").write_text('theme = "broken-one"\n', encoding="utf-8")
    app = ThemedApp(load_config())
    async with app.run_test() as pilot:
        await pilot.pause()
        [message] = [note.message for note in app._notifications]  # one, naming both files
        assert "broken-one.toml: colors.primary" in message and "broken-two.toml: not valid TOML" in message
        assert f"asks for theme 'broken-one', which is not available; using {DEFAULT_THEME}" in message
        assert app.theme == DEFAULT_THEME
        assert "fine" in app.available_themes
        assert all(note.markup is False for note in app._notifications)  # file names shown as they are
    assert load_config().theme == "broken-one"  # still asked for, once the file is fixed


async def test_a_user_theme_replaces_a_shipped_one_of_the_same_name(scribe_home: Path) -> None:
    folder = scribe_home / "themes"
    folder.mkdir(parents=True)
    (folder / "scribe-dark.toml").write_text('name = "scribe-dark"\n[colors]\nprimary = "#ABCDEF"\n', encoding="utf-8")
    app = ThemedApp(Config())
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.current_theme.primary == "#ABCDEF"
        # No [events] table: "detected" takes the theme's own warning colour.
        warning = app.current_theme.to_color_system().generate()["warning"]
        assert app.theme_variables[event_variable("detected")] == warning


def test_fixed_event_colours_without_a_theme() -> None:
    assert theme_variable_defaults()[event_variable("impact_started")] == EVENT_COLOUR_DEFAULTS["impact_started"]


async def test_theme_choice_is_remembered_in_config(scribe_home: Path) -> None:
    app = ThemedApp(Config())
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == DEFAULT_THEME
        assert not (scribe_home / "config.toml").exists()  # starting up writes nothing
        app.theme = "scribe-light"
        await pilot.pause()
    assert load_config().theme == "scribe-light"
    again = ThemedApp(load_config())
    async with again.run_test() as pilot:
        await pilot.pause()
        assert again.theme == "scribe-light"
        assert again.theme_variables[event_variable("resolved")] == "#1A7F37"


def contrast(one: str, other: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""

    def luminance(colour: str) -> float:
        parsed = Color.parse(colour)
        channels = [value / 255 for value in (parsed.r, parsed.g, parsed.b)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted([luminance(one), luminance(other)], reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("name", ["scribe-dark", "scribe-light", "scribe-high-contrast"])
def test_shipped_themes_keep_text_and_event_colours_readable(name: str) -> None:
    theme = load_theme_file(shipped_dir("themes") / f"{name}.toml")
    least = 7.0 if name == "scribe-high-contrast" else 4.5  # WCAG AAA / AA for normal text
    for ground in (theme.background, theme.surface):
        assert contrast(theme.foreground, ground) >= least
        for variable, colour in theme.variables.items():
            assert contrast(colour, ground) >= least, (variable, colour, ground)
