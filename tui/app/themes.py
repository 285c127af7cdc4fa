"""Colour themes from TOML files: each file is checked colour by colour, then becomes a Textual Theme."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from textual.color import Color, ColorParseError
from textual.theme import Theme

from tui.core import toml_files
from tui.core.paths import scribe_home, shipped_dir
from tui.core.session.model import EVENT_KINDS

DEFAULT_THEME = "scribe-dark"
# Used only when the default theme's own file is unreadable: Textual always has this one.
FALLBACK_THEME = "textual-dark"

# Theme variables that carry the timeline's colour per event kind ("event-detected", ...). A theme
# without them (Textual's own) takes them from its semantic colours, so a warning-coloured
# "detected" follows whatever that theme calls a warning.
EVENT_SEMANTIC_COLOURS: dict[str, str] = {
    "note": "text",
    "impact_started": "error",
    "detected": "warning",
    "acknowledged": "secondary",
    "mitigated": "primary",
    "resolved": "success",
    "check": "success",
    "inspect": "accent",
    "follow": "accent",
    "command": "secondary",
    "alert": "error",
    "update": "accent",
}
# For code that needs a colour without a theme at hand; these read on dark and light alike.
EVENT_COLOUR_DEFAULTS: dict[str, str] = {
    "note": "#9AA4B2",
    "impact_started": "#D9534F",
    "detected": "#E8912D",
    "acknowledged": "#C9A227",
    "mitigated": "#3D8FD1",
    "resolved": "#3FA35B",
    "check": "#9A6FB0",
    "inspect": "#2AA1B3",
    "follow": "#5E9C8F",
    "command": "#B48EAD",
    "alert": "#D9534F",
    "update": "#2F9E8F",
}


def event_variable(kind: str) -> str:
    """The CSS variable holding the timeline colour of an event kind: `$event-detected`."""
    return f"event-{kind.replace('_', '-')}"


# Textual's theme colours; `primary` is the one Textual cannot derive.
THEME_COLOURS: tuple[str, ...] = (
    "primary",
    "secondary",
    "accent",
    "warning",
    "error",
    "success",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)
THEME_KEYS: tuple[str, ...] = ("name", "dark", "colors", "events")


def _check_colours(table: Any, where: str, known: tuple[str, ...], problems: list[str]) -> dict[str, str]:
    """The table's colours, each one parsed by Textual; every unknown key or bad colour is a problem."""
    if not isinstance(table, dict):
        problems.append(f"{where}: not a table")
        return {}
    colours: dict[str, str] = {}
    for key, value in table.items():
        if key not in known:
            problems.append(f"{where}.{key}: unknown key")
            continue
        try:
            if not isinstance(value, str):
                raise ColorParseError("not text")
            Color.parse(value)
        except ColorParseError:
            problems.append(f"{where}.{key}: {value!r} is not a colour")
            continue
        colours[key] = value
    return colours


def check_theme_document(document: dict[str, Any]) -> Theme:
    """A theme file's TOML document as a Textual Theme, checked key by key and colour by colour
    (an unchecked CSS value would fail the whole stylesheet). Raises ValueError with the first problem.

    Checked by hand rather than by a pydantic model: themes load before the first paint, and
    importing pydantic there cost about a third of Scribe's start-up over Textual's own.
    """
    problems = [f"{key}: unknown key" for key in document if key not in THEME_KEYS]
    name, dark = document.get("name", ""), document.get("dark", True)
    if not isinstance(name, str):
        problems.append("name: not text")
    if not isinstance(dark, bool):
        problems.append("dark: not true or false")
    table = document.get("colors", {})
    colours = _check_colours(table, "colors", THEME_COLOURS, problems)
    if isinstance(table, dict) and "primary" not in table:
        problems.append("colors.primary: missing")
    events = _check_colours(document.get("events", {}), "events", EVENT_KINDS, problems)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ValueError(problems[0] + more)
    return Theme(
        name=name,
        dark=dark,
        variables={event_variable(kind): colour for kind, colour in events.items()},
        primary=colours["primary"],
        secondary=colours.get("secondary"),
        accent=colours.get("accent"),
        warning=colours.get("warning"),
        error=colours.get("error"),
        success=colours.get("success"),
        foreground=colours.get("foreground"),
        background=colours.get("background"),
        surface=colours.get("surface"),
        panel=colours.get("panel"),
        boost=colours.get("boost"),
    )


class ThemeFileError(ValueError):
    """A theme file that cannot be used; the message is one line and names the file."""


def theme_folders() -> list[Path]:
    """Shipped themes first, so a user's file of the same name replaces the shipped one."""
    return [shipped_dir("themes"), scribe_home() / "themes"]


def load_theme_file(path: Path) -> Theme:
    """Read and check one theme file; raises ThemeFileError naming the file and the first problem."""
    try:
        document: Any = toml_files.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ThemeFileError(f"{path.name}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ThemeFileError(f"{path.name}: not valid TOML: {exc}") from None
    try:
        theme = check_theme_document(document)
    except ValueError as exc:
        raise ThemeFileError(f"{path.name}: {exc}") from None
    theme.name = theme.name or path.stem
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", theme.name):
        # Textual turns the name into a CSS class (-theme-NAME); a space or dot would break it.
        raise ThemeFileError(f"{path.name}: name {theme.name!r} may only hold letters, digits, - and _")
    return theme


def load_themes(folders: list[Path] | None = None) -> tuple[list[Theme], list[str]]:
    """Every theme file in the folders, and one line per file that could not be used."""
    themes: list[Theme] = []
    problems: list[str] = []
    for folder in theme_folders() if folders is None else folders:
        for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
            try:
                themes.append(load_theme_file(path))
            except ThemeFileError as exc:
                problems.append(str(exc))
    return themes, problems


def theme_variable_defaults(theme: Theme | None = None) -> dict[str, str]:
    """For `App.get_theme_variable_defaults`: CSS may use `$event-detected` under any theme.

    Pass the app's `current_theme` so a theme without an [events] table gets colours derived
    from its own semantic ones; without a theme, fixed colours that read on dark and light.
    """
    if theme is None:
        return {event_variable(kind): colour for kind, colour in EVENT_COLOUR_DEFAULTS.items()}
    generated = theme.to_color_system().generate()
    return {event_variable(kind): generated[name] for kind, name in EVENT_SEMANTIC_COLOURS.items()}
