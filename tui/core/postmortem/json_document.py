"""A session as one JSON document, for scripts: what `scribe export --format json` writes."""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from tui.core.metrics import session_metrics
from tui.core.postmortem.redact import redact_all
from tui.core.safe_text import INVISIBLE
from tui.core.session.model import Session

FORMAT = "scribe-session"


@cache
def _session_adapter() -> Any:
    """pydantic writes the document (times as ISO 8601, nested records as objects). Imported here, on
    the first export, rather than at start-up, where importing it costs more than the rest of Scribe."""
    from pydantic import TypeAdapter

    return TypeAdapter(Session)


# Values Scribe writes itself (ids, times, kinds): no secret is typed there, and skipping them
# keeps a 10,000-event export within its time budget.
_STRUCTURE = frozenset({"id", "time", "recorded", "created", "checked_at", "kind", "source", "format"})


def session_document(session: Session, *, redacted: bool = True) -> dict[str, Any]:
    data = _session_adapter().dump_python(session, mode="json", exclude={"deleted"})
    data["status"] = session.status
    data["milestones"] = {kind: moment.isoformat() for kind, moment in session.milestones().items()}
    data["metrics"] = {
        name: (delta.total_seconds() if delta is not None else None) for name, delta in session_metrics(session).items()
    }
    document = {"format": FORMAT, "version": 1, "session": data}
    return redact_all(document, keep=_STRUCTURE) if redacted else document


# json escapes C0 controls itself; DEL, the C1 controls (0x9b starts a CSI sequence on some
# terminals), bidi overrides, joiners, line separators and the other invisible characters would
# pass through raw (and a lone surrogate could not be written at all). Inside a JSON string a
# \uXXXX escape reads back the same.
_RAW_CONTROLS = re.compile(f"[{INVISIBLE}\u200d\u2028\u2029\ufe0e\ufe0f]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if code > 0xFFFF:  # a surrogate pair, as JSON spells characters beyond the BMP
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def to_json(session: Session, *, redacted: bool = True) -> str:
    text = json.dumps(session_document(session, redacted=redacted), indent=2, ensure_ascii=False) + "\n"
    return _RAW_CONTROLS.sub(_escaped, text)
