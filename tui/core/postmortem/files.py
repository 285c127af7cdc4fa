"""Where a postmortem written from the app goes, and writing it without leaving half a file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def postmortem_path(session_path: Path) -> Path:
    """Beside the session: `2025-04-08T10-26-30Z-pizza.jsonl` → `2025-04-08T10-26-30Z-pizza.md`."""
    return Path(session_path).with_suffix(".md")


def write_export(path: Path, text: str, *, private: bool = False) -> Path:
    """Write the whole text or nothing: a temporary file beside the target, then a rename.

    `private` (an unredacted report holds API keys) makes the file 0600 like a session file.
    """
    path = Path(path)
    fd, scratch = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(scratch, 0o600 if private else 0o644)
        os.replace(scratch, path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise
    return path
