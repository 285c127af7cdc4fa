"""One entry point for every export format, so the CLI and the app write exactly the same thing."""

from __future__ import annotations

from tui.core.clock.zones import parse_zone
from tui.core.errors import ScribeError
from tui.core.postmortem.json_document import to_json
from tui.core.session.model import Session

FORMATS = ("markdown", "json")


def export_session(
    session: Session,
    *,
    fmt: str = "markdown",
    redacted: bool = True,
    zone: str | None = None,
    commands: str = "kept",
    template: str | None = None,
) -> str:
    """`template`: the Markdown's template, a name or a path (tui.core.postmortem.templates)."""
    if fmt == "json":
        return to_json(session, redacted=redacted)
    if fmt == "markdown":
        from tui.core.postmortem.markdown import render_postmortem

        return render_postmortem(
            session, redacted=redacted, zone=parse_zone(zone) if zone else None, commands=commands, template=template
        )
    raise ScribeError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
