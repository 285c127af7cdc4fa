"""Where Scribe keeps things: $SCRIBE_HOME (sessions, runbooks, config) and the files it ships with."""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

from tui.core.session.journal import ensure_private_dir

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def scribe_home() -> Path:
    """$SCRIBE_HOME, else the platform's user data folder (XDG on Linux, the usual places elsewhere)."""
    if os.environ.get("SCRIBE_HOME"):
        return Path(os.environ["SCRIBE_HOME"]).expanduser()
    if os.name == "nt":
        return Path(os.environ.get("APPDATA", Path.home())) / "scribe"
    if os.uname().sysname == "Darwin":
        return Path.home() / "Library" / "Application Support" / "scribe"
    data = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data) / "scribe"


def sessions_dir(create: bool = False) -> Path:
    folder = scribe_home() / "sessions"
    if create:
        ensure_private_dir(scribe_home())
        ensure_private_dir(folder)
    return folder


def config_path() -> Path:
    return scribe_home() / "config.toml"


def user_runbooks_dir() -> Path:
    return scribe_home() / "runbooks"


def shipped_dir(name: str) -> Path:
    """A folder that ships with Scribe (themes, sample_sessions): inside the installed package when
    installed from a wheel, beside it in a source checkout."""
    installed = PACKAGE_DIR / name
    return installed if installed.is_dir() else PACKAGE_DIR.parent / name


def slug(title: str) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return words[:48].rstrip("-") or "incident"


def free_path(folder: Path, stem: str, suffix: str = ".jsonl") -> Path:
    """`folder/stem.jsonl`, or `stem-2`, `stem-3`, ... when taken: Scribe never writes over a file."""
    path = folder / f"{stem}{suffix}"
    counter = 2
    while path.exists():
        path = folder / f"{stem}-{counter}{suffix}"
        counter += 1
    return path


def new_session_path(created: datetime, title: str) -> Path:
    """A fresh file name that sorts by start time and says what it was about."""
    return free_path(sessions_dir(create=True), f"{created.strftime('%Y-%m-%dT%H-%M-%SZ')}-{slug(title)}")
