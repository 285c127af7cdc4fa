"""The session's filled fields that a section's prose leaves out, stated in a facts line under it.

Drafts state every field they know; the author's own Summary or Impact may not. Whatever the
prose does not mention (severity, title, impact figures, detection source) is written as
`**Severity:** SEV2 · **Users affected:** 3` (tui.core.postmortem.format), which the importer
reads back into the fields.
"""

from __future__ import annotations

import re

from tui.core.postmortem.format import FACTS, facts_line
from tui.core.safe_text import one_line
from tui.core.session.model import Session

# Titles Scribe makes up when none was given (a new session, an imported report without one):
# they say nothing a reviewer needs.
_MADE_UP_TITLE = re.compile(r"Incident \d{4}-\d\d-\d\d \d\d:\d\d UTC|Untitled incident|.* \(imported\)")


def field_value(session: Session, path: str) -> str:
    """A field's value by its dotted path ("impact.users_affected"), on one line."""
    target: object = session
    for name in path.split("."):
        target = getattr(target, name)
    return one_line(str(target)).strip()


def _stated(value: str, text: str) -> bool:
    """The value appears in the text as a whole word or figure, ignoring case: "18" is not in
    "18:53" nor "3" in "3.5", while "18." ending a sentence states 18."""
    figure = rf"(?<![\w:.]){re.escape(value)}(?!\w|[:.,]\d)"
    return re.search(figure, text, re.IGNORECASE) is not None


def missing_facts(key: str, session: Session, text: str) -> str:
    """The facts line for the section `key`, of the fields its text leaves out; "" when none."""
    left_out = []
    for path, _ in FACTS.get(key, ()):
        value = field_value(session, path)
        if not value or (path == "title" and _MADE_UP_TITLE.fullmatch(value)):
            continue
        if not _stated(value, text):
            left_out.append((path, value))
    return facts_line(left_out) if left_out else ""
