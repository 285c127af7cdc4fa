"""Reading a saved factory response for the inspector: the app reads files, the screen never does."""

from __future__ import annotations

from pathlib import Path

from tui.core.errors import ScribeError

MAX_RESPONSE_FILE = 4 << 20  # a saved response or log excerpt; anything larger is not one


def read_response(path: Path) -> str:
    """A saved response for the inspector; what a user can get wrong comes back as one line."""
    try:
        if path.is_dir():
            raise ScribeError(f"{path}: is a folder, not a file")
        if path.stat().st_size > MAX_RESPONSE_FILE:
            raise ScribeError(f"{path}: too large for a response (over {MAX_RESPONSE_FILE >> 20} MB)")
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        raise ScribeError(f"{path}: no such file") from None
    except PermissionError:
        raise ScribeError(f"{path}: permission denied") from None
    except OSError as error:
        raise ScribeError(f"{path}: {error.strerror or error}") from None
    if not text.strip():
        raise ScribeError(f"{path}: empty, nothing to inspect")
    return text
