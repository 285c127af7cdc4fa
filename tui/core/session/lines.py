"""One line of a session file (or one operation from a peer) decoded and checked before it is folded."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import Any

from tui.core.clock.hlc import parse_stamp
from tui.core.session.operations import FORMAT_VERSION

_decode_json = json.JSONDecoder().decode
# No operation Scribe writes nests deeper than 4; a line nested past this is damage, not data.
MAX_NESTING = 32
_TOO_DEEP = object()  # what decode_line returns for a line too deeply nested to decode


def check_op(op: Any, raw: bytes) -> str | None:
    """Why a decoded line is not an operation to fold (worded for the user), or None when it is one.

    The one gate for a file's lines and a peer's operations alike."""
    if type(op) is dict:
        # Fewer brackets than the limit cannot nest past it: only such a line is walked. Most
        # lines hold no list, and find (memchr) says so faster than count.
        brackets = raw.count(b"{") + (raw.count(b"[") if raw.find(b"[") != -1 else 0)
        if brackets > MAX_NESTING and _too_deep(op):
            return f"nested more than {MAX_NESTING} levels deep; skipped"
        if "op" not in op or "v" not in op:
            return "not a Scribe operation; skipped"
        if type(op["v"]) is not int:  # null, "1", 1.5, true: a damaged line, not a newer format
            return "format version is not a whole number; skipped"
        return None
    if op is _TOO_DEEP:
        return f"nested more than {MAX_NESTING} levels deep; skipped"
    return f"{'not valid JSON' if op is None else 'not a Scribe operation'}; skipped"


def decode_op(raw: bytes) -> tuple[dict[str, Any] | None, str | None]:
    """One line (of a file or from a peer) decoded and checked: (operation, None) or (None, why not)."""
    op = decode_line(raw)
    message = check_op(op, raw)
    if message is not None:
        return None, message
    if op["v"] > FORMAT_VERSION:
        return None, f"format version {op['v']!r} is newer than this Scribe reads; skipped"
    if ("hlc" in op and parse_stamp(op["hlc"]) is None) or type(op.get("id")) is not str:
        return None, "malformed clock stamp or operation id; skipped"
    return op, None


def decode_line(raw: bytes) -> Any:
    """One line's JSON value, None when it is not JSON (binary garbage included), or _TOO_DEEP."""
    try:
        return _decode_json(raw.decode("utf-8"))  # str, not bytes: json skips sniffing the encoding
    except ValueError:  # also UnicodeDecodeError
        return None
    except RecursionError:
        return _TOO_DEEP


def _too_deep(value: Any) -> bool:
    """Whether a decoded value nests past MAX_NESTING."""
    level: list[tuple[Any, int]] = [(value, 1)]
    while level:
        item, depth = level.pop()
        if depth > MAX_NESTING:
            return True
        children = item.values() if type(item) is dict else item if type(item) is list else ()
        level.extend((child, depth + 1) for child in children if type(child) in (dict, list))
    return False


@cache
def fast_decoder() -> Callable[[bytes], Any]:
    from pydantic_core import from_json

    def decode(raw: bytes) -> Any:
        try:
            # Keys are shared, not made again for every line; caching values too (mostly unique
            # ids, times and texts) costs more than it saves. The fold shares the repeated values.
            return from_json(raw, cache_strings="keys")
        except ValueError:
            # Whatever it refuses, the standard library decides: a line reads the same at any file size.
            return decode_line(raw)

    return decode
