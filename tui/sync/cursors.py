"""The sidecar beside a shared session (`NAME.jsonl.sync`): which hub, and how far this replica has
pushed its file and read the hub's stream, so a restart resumes exactly where it stopped."""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from tui.core.errors import ScribeError
from tui.core.session.journal import FILE_MODE

ENTRY_ID = re.compile(r"\d{1,20}-\d{1,20}")
SESSION_ID = re.compile(r"[0-9A-Za-z_-]{1,64}")
MAX_SIDECAR_BYTES = 64 * 1024


@dataclass
class Cursors:
    hub: str  # the hub's URL without its password
    session: str
    epoch: str = ""  # the hub's epoch when last seen; another one means the hub lost its data
    pushed: int = 0  # bytes of the session file pushed to the hub
    read: str = "0-0"  # the last hub entry read


def sidecar_path(session_path: Path) -> Path:
    return session_path.with_name(session_path.name + ".sync")


def load_cursors(session_path: Path) -> Cursors | None:
    """The session's cursors; None when it is not shared. A damaged sidecar is one error."""
    path = sidecar_path(session_path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_SIDECAR_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ScribeError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        raw: Any = json.loads(data.decode("utf-8")) if len(data) <= MAX_SIDECAR_BYTES else None
        cursors = Cursors(
            hub=_text(raw, "hub"),
            session=_text(raw, "session"),
            epoch=_text(raw, "epoch"),
            pushed=raw["pushed"],
            read=_text(raw, "read"),
        )
    except (ValueError, TypeError, KeyError):
        raise ScribeError(f"{path}: damaged sharing cursors; remove it and run `scribe share` again") from None
    if (
        type(cursors.pushed) is not int
        or cursors.pushed < 0
        or not ENTRY_ID.fullmatch(cursors.read)
        or not SESSION_ID.fullmatch(cursors.session)
    ):
        raise ScribeError(f"{path}: damaged sharing cursors; remove it and run `scribe share` again")
    return cursors


def save_cursors(session_path: Path, cursors: Cursors) -> None:
    """Written whole in one rename (0600), so a crash leaves the old cursors or the new."""
    path = sidecar_path(session_path)
    fd, partial = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            os.fchmod(handle.fileno(), FILE_MODE)
            json.dump(asdict(cursors), handle)
            handle.write("\n")
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def _text(raw: object, name: str) -> str:
    value = raw[name] if isinstance(raw, dict) else None
    if not isinstance(value, str) or len(value) > 512:
        raise TypeError(name)
    return value
