"""The incident's phases (impact, detection, acknowledgement, mitigation, resolution) as a Mermaid gantt.

GitHub, GitLab and most Markdown viewers draw a ```mermaid block as a picture; elsewhere it stays a
readable list of phases with their start and end.
"""

from __future__ import annotations

from datetime import datetime

from tui.core.clock.zones import Zone
from tui.core.metrics import impact_window, phases
from tui.core.postmortem.format import PHASES_TITLE
from tui.core.session.model import MILESTONE_KINDS, MILESTONE_LABELS

_STAMP = "%Y-%m-%d %H:%M:%S"


def mermaid_gantt(marks: dict[str, datetime], zone: Zone) -> str | None:
    """The diagram for the milestones (any zone-aware datetimes), in `zone`; None when none are stamped."""
    if not marks:
        return None
    local = {kind: moment.astimezone(zone.tz) for kind, moment in marks.items()}
    lines = [
        "```mermaid",
        "gantt",
        f"    title {PHASES_TITLE} ({_safe(zone.name)})",
        "    dateFormat YYYY-MM-DD HH:mm:ss",
        "    axisFormat %H:%M",
    ]
    impact = impact_window(local)
    if impact is not None:
        lines += [
            "    section Impact",
            f"    Users affected :crit, impact, {impact.start.strftime(_STAMP)}, {impact.end.strftime(_STAMP)}",
        ]
    stretches = phases(local)
    if stretches:
        lines.append("    section Response")
        for n, phase in enumerate(stretches, 1):
            lines.append(f"    {phase.label} :p{n}, {phase.start.strftime(_STAMP)}, {phase.end.strftime(_STAMP)}")
    lines.append("    section Milestones")
    for n, kind in enumerate(kind for kind in MILESTONE_KINDS if kind in local):
        lines.append(f"    {MILESTONE_LABELS[kind]} :milestone, m{n + 1}, {local[kind].strftime(_STAMP)}, 0m")
    lines.append("```")
    return "\n".join(lines)


def _safe(text: str) -> str:
    """Mermaid reads ':' and '#' as syntax; a zone name never needs them."""
    return text.replace(":", "").replace("#", "").replace("\n", " ")
