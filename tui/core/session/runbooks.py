"""Runbooks: TOML checklists, bundled with Scribe or the user's own in $SCRIBE_HOME/runbooks/."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from tui.core import toml_files
from tui.core.errors import ScribeError
from tui.core.paths import PACKAGE_DIR, user_runbooks_dir

BUNDLED_DIR = PACKAGE_DIR / "runbooks"


@dataclass(frozen=True)
class Runbook:
    name: str
    title: str
    description: str
    items: tuple[str, ...]
    path: Path


def _folders() -> list[Path]:
    # The user's folder first: a user runbook of the same name replaces the bundled one.
    return [user_runbooks_dir(), BUNDLED_DIR]


def available() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in reversed(_folders()):
        if folder.is_dir():
            for path in sorted(folder.glob("*.toml")):
                found[path.stem] = path
    return dict(sorted(found.items()))


def read(path: Path) -> Runbook:
    try:
        data = toml_files.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ScribeError(f"runbook {path.name}: {exc}") from None
    items = data.get("items", [])
    if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
        raise ScribeError(f"runbook {path.name}: 'items' must be a list of non-empty strings")
    return Runbook(
        name=str(data.get("name", path.stem)),
        title=str(data.get("title", path.stem)),
        description=str(data.get("description", "")),
        items=tuple(i.strip() for i in items),
        path=path,
    )


def load(name: str) -> Runbook:
    """The runbook of that name; an unknown name is an error that lists the known ones."""
    known = available()
    if name not in known:
        names = ", ".join(known) or "none"
        raise ScribeError(f"unknown runbook {name!r} (known: {names})")
    return read(known[name])
