"""Spool lines into the journal: one `command` event per line, idempotent by where the line starts.

Every place Scribe touches a session calls `ingest` (the open app at each poll, `scribe note`,
`scribe export`): whichever comes first records a command, and the others find it there. An
event's id is derived from the session, the spool and the line's offset, so a line read twice
(two ingesters at once, a crash between the journal write and the progress file) is recognised
and not recorded again; the ingesters also take turns on a lock in the spool folder.
"""

from __future__ import annotations

import fcntl
import fnmatch
import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from tui.core.clock.typed import EARLIEST
from tui.core.config import HookConfig
from tui.core.postmortem.redact import redact
from tui.core.session.journal import FILE_MODE
from tui.core.session.operations import FORMAT_VERSION, parse_stamp, stamp
from tui.core.session.recorder import Recorder
from tui.core.shell.spool import Run, SpoolLineError, parse_line, read_lines, spool_dir, spools

MAX_COMMAND_BYTES = 8 * 1024
CUT_MARK = " […cut: over 8 KB]"
PROGRESS_FILE = "progress.json"
LOCK_FILE = ".lock"
_MAX_PROGRESS_BYTES = 64 * 1024


@dataclass
class Ingested:
    """What one look at the spools did: commands recorded, and lines skipped as unreadable (each
    reported once: the progress file moves past them)."""

    added: int = 0
    problems: list[str] = field(default_factory=list)
    busy: bool = False  # another ingester held the lock; nothing was read


def command_text(command: str) -> str:
    """The command as stored: cut at 8 KB with a mark, then redacted like a note."""
    data = command.encode("utf-8", errors="surrogatepass")
    if len(data) > MAX_COMMAND_BYTES:
        command = data[:MAX_COMMAND_BYTES].decode("utf-8", errors="ignore") + CUT_MARK
    return redact(command)


def skipped(command: str, hook: HookConfig) -> bool:
    """A command never recorded: typed with a leading space, blank, or matching a `[hook] ignore` pattern."""
    if not command.strip() or command[:1] in (" ", "\t"):
        return True
    return any(fnmatch.fnmatchcase(command, pattern) for pattern in hook.ignore)


def event_ids(session_id: str, spool_name: str, offset: int) -> tuple[str, str]:
    """(event id, operation id) of the command at `offset` of a spool: the same on every reading."""
    digest = hashlib.sha256(f"{session_id}\0{spool_name}\0{offset}".encode()).hexdigest()
    return digest[:12], digest[12:24]


def command_op(
    recorder: Recorder, spool_name: str, offset: int, run: Run, floor: datetime | None = None
) -> dict[str, Any]:
    now = recorder.now()
    event_id, op_id = event_ids(recorder.session.id, spool_name, offset)
    # fish has no clock builtin: its command is timed back from when it is read, never before the
    # one above it in the spool (`floor`), so that commands read together keep their order.
    start = run.start or max(now - timedelta(milliseconds=run.duration_ms), floor or EARLIEST)
    event = {
        "id": event_id,
        "time": stamp(start),
        "kind": "command",
        "text": command_text(run.command),
        "author": recorder.author,
        "source": "shell",
        "run": {"status": run.status, "ms": run.duration_ms, "cwd": redact(run.cwd)},
    }
    return {"v": FORMAT_VERSION, "id": op_id, "at": stamp(now), "op": "event.add", "event": event}


def ingest(recorder: Recorder, hook: HookConfig, *, wait: bool = True) -> Ingested:
    """Record what the session's spools gained since the last look. `wait=False` (the app's poll)
    gives up at once when another ingester holds the lock, and tries again at the next poll."""
    found = spools(recorder.path)
    if not found:
        return Ingested()
    folder = spool_dir(recorder.path)
    result = Ingested()
    try:
        lock = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, FILE_MODE)
    except OSError as exc:
        result.problems.append(f"{folder}: cannot lock ({exc.strerror or exc}); commands not read")
        return result
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            result.busy = True
            return result
        recorder.poll()  # what another ingester recorded while this one waited
        progress = _read_progress(folder)
        session = recorder.session
        known = {event.id for event in session.deleted}
        new_ops: list[dict[str, Any]] = []
        for path in found:
            offset = progress.get(path.name, 0)
            floor: datetime | None = None
            for line in read_lines(path, offset):
                offset = line.end
                try:
                    run = parse_line(line.raw)
                except SpoolLineError as exc:
                    result.problems.append(f"{path.name}: byte {line.offset}: {exc}; skipped")
                    continue
                if skipped(run.command, hook):
                    continue
                event_id, _ = event_ids(session.id, path.name, line.offset)
                if session.event(event_id) is None and event_id not in known:
                    op = command_op(recorder, path.name, line.offset, run, floor)
                    floor = parse_stamp(op["event"]["time"])
                    new_ops.append(op)
            progress[path.name] = offset
        if new_ops:
            recorder.record_many(new_ops)
            result.added = len(new_ops)
        if not recorder.unsaved:  # the spool is read past only once the journal holds what it gave
            _write_progress(folder, progress)
        return result
    finally:
        os.close(lock)


def _read_progress(folder: Path) -> dict[str, int]:
    try:
        with open(folder / PROGRESS_FILE, "rb") as handle:
            data = json.loads(handle.read(_MAX_PROGRESS_BYTES))
    except (OSError, ValueError):
        return {}  # lost or damaged: every line is read again, and recognised by its id
    if not isinstance(data, dict):
        return {}
    return {name: value for name, value in data.items() if isinstance(value, int) and value >= 0}


def _write_progress(folder: Path, progress: dict[str, int]) -> None:
    partial = folder / f".{PROGRESS_FILE}.tmp"
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, FILE_MODE)
        with os.fdopen(fd, "w") as handle:
            json.dump(progress, handle)
        os.replace(partial, folder / PROGRESS_FILE)
    except OSError:
        pass  # next time the lines are read again, and recognised by their ids
