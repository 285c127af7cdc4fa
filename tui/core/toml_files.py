"""TOML as Scribe's own files hold it (config.toml, themes, runbooks): parsed with tomllib, nested
no deeper than any of them needs, so a hostile file is one error and never a crash."""

from __future__ import annotations

import tomllib
from typing import Any

# config.toml's deepest value is [keys] (2 levels); themes and runbooks hold 3 at most.
MAX_NESTING = 16
# Far larger than any of these files; a bigger one is not a settings file.
MAX_BYTES = 1 << 20


def loads(text: str) -> dict[str, Any]:
    """tomllib.loads, raising TOMLDecodeError also for text over MAX_BYTES or nested past MAX_NESTING."""
    if len(text) > MAX_BYTES:
        raise tomllib.TOMLDecodeError(f"over {MAX_BYTES >> 20} MB, too large for a settings file")
    try:
        document = tomllib.loads(text)
    except RecursionError:  # tomllib recurses once per level of nested arrays or inline tables
        raise tomllib.TOMLDecodeError(f"nested more than {MAX_NESTING} levels deep") from None
    if _depth_over(document, MAX_NESTING):
        raise tomllib.TOMLDecodeError(f"nested more than {MAX_NESTING} levels deep")
    return document


def _depth_over(value: Any, limit: int) -> bool:
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if depth > limit:
            return True
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        pending.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False
