"""The incident's phases (impact, detection, acknowledgement, mitigation, resolution) as a Mermaid gantt.

GitHub, GitLab and most Markdown viewers draw a ```mermaid block as a picture; elsewhere it stays a
readable list of phases with their start and end.
"""

from __future__ import annotations

from datetime import datetime

from tui.core.clock.zones import Zone
from tui.core.session.model import MILESTONE_KINDS, MILESTONE_LABELS

# The phase that ends at each milestone, named as the template's sections name them.
PHASE_ENDING_AT = {
    "detected": "Detection",
    "acknowledged": "Acknowledgement",
    "mitigated": "Mitigation",
    "resolved": "Resolution",
}
_STAMP = "%Y-%m-%d %H:%M:%S"


def phases(marks: dict[str, datetime]) -> list[tuple[str, datetime, datetime]]:
    """(name, start, end) for each stretch between two stamped milestones, in milestone order.

    A missing milestone merges its phase into the next one (no acknowledgement: detection runs
    straight into mitigation). A stretch that ends before it starts (milestones stamped out of
    order) is left out rather than drawn backwards.
    """
    known = [kind for kind in MILESTONE_KINDS if kind in marks]
    found = []
    for before, after in zip(known, known[1:], strict=False):
        if marks[after] >= marks[before]:
            found.append((PHASE_ENDING_AT[after], marks[before], marks[after]))
    return found


def mermaid_gantt(marks: dict[str, datetime], zone: Zone) -> str | None:
    """The diagram for the milestones (any zone-aware datetimes), in `zone`; None when none are stamped."""
    if not marks:
        return None
    local = {kind: moment.astimezone(zone.tz) for kind, moment in marks.items()}
    lines = [
        "```mermaid",
        "gantt",
        f"    title Incident phases ({_safe(zone.name)})",
        "    dateFormat YYYY-MM-DD HH:mm:ss",
        "    axisFormat %H:%M",
    ]
    impact_start = local.get("impact_started")
    impact_end = local.get("mitigated") or local.get("resolved")
    if impact_start and impact_end and impact_end >= impact_start:
        lines += [
            "    section Impact",
            f"    Users affected :crit, impact, {impact_start.strftime(_STAMP)}, {impact_end.strftime(_STAMP)}",
        ]
    stretches = phases(local)
    if stretches:
        lines.append("    section Response")
        for n, (name, start, end) in enumerate(stretches, 1):
            lines.append(f"    {name} :p{n}, {start.strftime(_STAMP)}, {end.strftime(_STAMP)}")
    lines.append("    section Milestones")
    for n, kind in enumerate(kind for kind in MILESTONE_KINDS if kind in local):
        lines.append(f"    {MILESTONE_LABELS[kind]} :milestone, m{n + 1}, {local[kind].strftime(_STAMP)}, 0m")
    lines.append("```")
    return "\n".join(lines)


def _safe(text: str) -> str:
    """Mermaid reads ':' and '#' as syntax; a zone name never needs them."""
    return text.replace(":", "").replace("#", "").replace("\n", " ")
