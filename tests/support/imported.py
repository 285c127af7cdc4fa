"""A parsed postmortem as `scribe import` leaves it: its operations written to a session file and
read back by the journal, as the app opens it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from tempfile import TemporaryDirectory

from tui.core.importing.reader import ParsedPostmortem
from tui.core.importing.to_session import session_operations
from tui.core.session import journal
from tui.core.session.model import Session


def imported_session(parsed: ParsedPostmortem, *, now: datetime, title: str = "Imported postmortem") -> Session:
    """The session the import writes for `parsed`, loaded from its file."""
    operations = session_operations(parsed, now=now, title=title)
    with TemporaryDirectory() as folder:
        path = Path(folder) / "imported.jsonl"
        journal.create(path, operations[0])
        journal.append_many(path, operations[1:])
        return journal.load(path).session
