"""Colour themes from TOML files: each file is checked colour by colour, then becomes a Textual Theme."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError, create_model
from textual.color import Color, ColorParseError
from textual.theme import Theme

from tui.core.model import EVENT_KINDS
from tui.core.paths import scribe_home, shipped_dir

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
}


def event_variable(kind: str) -> str:
    """The CSS variable holding the timeline colour of an event kind: `$event-detected`."""
    return f"event-{kind.replace('_', '-')}"


def _colour(value: str) -> str:
    try:
        Color.parse(value)
    except ColorParseError:
        raise ValueError(f"{value!r} is not a colour") from None
    return value


Colour = Annotated[str, AfterValidator(_colour)]


class ThemeColours(BaseModel):
    """Textual's theme colours; `primary` is the one Textual cannot derive."""

    model_config = ConfigDict(extra="forbid")

    primary: Colour
    secondary: Colour | None = None
    accent: Colour | None = None
    warning: Colour | None = None
    error: Colour | None = None
    success: Colour | None = None
    foreground: Colour | None = None
    background: Colour | None = None
    surface: Colour | None = None
    panel: Colour | None = None
    boost: Colour | None = None


# Built from EVENT_KINDS, so a kind added to the model is never missing from theme files.
EventColours = create_model(
    "EventColours",
    __config__=ConfigDict(extra="forbid"),
    __doc__="The timeline's colour for each kind of event; a kind left out keeps its default.",
    **{kind: (Colour | None, None) for kind in EVENT_KINDS},  # type: ignore[call-overload]
)


class ThemeFile(BaseModel):
    """One `themes/*.toml` file as written."""

    model_config = ConfigDict(extra="forbid")

    name: str = ""
    dark: bool = True
    colors: ThemeColours
    events: EventColours = EventColours()  # type: ignore[valid-type]

    def to_theme(self, fallback_name: str) -> Theme:
        events = {event_variable(kind): colour
                  for kind, colour in self.events.model_dump().items() if colour}  # type: ignore[attr-defined]
        # Only checked colours reach Textual: an unchecked CSS value would fail the whole stylesheet.
        return Theme(name=self.name or fallback_name, dark=self.dark, variables=events,
                     **self.colors.model_dump())


class ThemeFileError(ValueError):
    """A theme file that cannot be used; the message is one line and names the file."""


def theme_folders() -> list[Path]:
    """Shipped themes first, so a user's file of the same name replaces the shipped one."""
    return [shipped_dir("themes"), scribe_home() / "themes"]


def load_theme_file(path: Path) -> Theme:
    """Read and check one theme file; raises ThemeFileError naming the file and the first problem."""
    try:
        document: Any = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ThemeFileError(f"{path.name}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ThemeFileError(f"{path.name}: not valid TOML: {exc}") from None
    try:
        theme = ThemeFile.model_validate(document).to_theme(path.stem)
    except ValidationError as exc:
        raise ThemeFileError(f"{path.name}: {_first_problem(exc)}") from None
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


def event_colours(variables: dict[str, str]) -> dict[str, str]:
    """The colour per event kind from an app's `theme_variables`, defaults filling the gaps."""
    return {kind: variables.get(event_variable(kind), EVENT_COLOUR_DEFAULTS.get(kind, "#9AA4B2"))
            for kind in EVENT_KINDS}


def theme_variable_defaults(theme: Theme | None = None) -> dict[str, str]:
    """For `App.get_theme_variable_defaults`: CSS may use `$event-detected` under any theme.

    Pass the app's `current_theme` so a theme without an [events] table gets colours derived
    from its own semantic ones; without a theme, fixed colours that read on dark and light.
    """
    if theme is None:
        return {event_variable(kind): colour for kind, colour in EVENT_COLOUR_DEFAULTS.items()}
    generated = theme.to_color_system().generate()
    return {event_variable(kind): generated[name] for kind, name in EVENT_SEMANTIC_COLOURS.items()}


def _first_problem(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"]) or "file"
    if error["type"] == "extra_forbidden":
        return f"{where}: unknown key"
    if error["type"] == "missing":
        return f"{where}: missing"
    message = error["msg"].removeprefix("Value error, ")
    more = f" (and {len(exc.errors()) - 1} more)" if len(exc.errors()) > 1 else ""
    return f"{where}: {message}{more}"
