"""One replica of a session: its node id (kept in $SCRIBE_HOME so it lasts) and merging in the
operations other replicas wrote, each once."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

from tui.core.clock.hlc import NODE
from tui.core.paths import scribe_home
from tui.core.session.journal import FILE_MODE, append_many, ensure_private_dir
from tui.core.session.lines import decode_op


def node_id() -> str:
    """The id in $SCRIBE_HOME/node-id, made on first use; a fresh one per process when the folder
    cannot hold it (stamps stay unique: the operation's id breaks ties)."""
    return _node_in(scribe_home())


@cache
def _node_in(home: Path) -> str:
    path = home / "node-id"
    try:
        text = path.read_text(encoding="ascii").strip()
        if NODE.fullmatch(text):
            return text
    except (OSError, UnicodeDecodeError):
        pass
    node = os.urandom(6).hex()
    try:
        ensure_private_dir(home)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(node + "\n")
    except FileExistsError:
        return _node_in.__wrapped__(home)  # another process made it first: use theirs
    except OSError:
        pass
    return node


def op_ids(path: str | os.PathLike[str]) -> tuple[set[str], int]:
    """The ids of every operation in a session file and the bytes read: what a merge must not repeat."""
    ids: set[str] = set()
    with open(path, "rb") as handle:
        data = handle.read()
    end = data.rfind(b"\n") + 1
    for raw in data[:end].split(b"\n"):
        op, _ = decode_op(raw) if raw.strip() else (None, None)
        if op is not None:
            ids.add(op["id"])
    return ids, end


def merge(path: str | os.PathLike[str], ops: list[dict[str, Any]], known: set[str] | None = None) -> int:
    """Append the operations whose ids the file does not hold yet (in one write), and count them.

    `known`: the file's ids as the caller keeps them (updated here); read from the file when None.
    A copy that slips in anyway (two processes merging at once) is passed over by every reader."""
    if known is None:
        known = op_ids(path)[0]
    new: list[dict[str, Any]] = []
    for op in ops:
        if op["id"] not in known:
            known.add(op["id"])
            new.append(op)
    append_many(path, new)
    return len(new)
