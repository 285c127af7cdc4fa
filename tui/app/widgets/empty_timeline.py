"""What an empty live timeline says: the keys that start the record, as the keymap has them."""

from __future__ import annotations

from rich.text import Text
from textual.screen import Screen

# (binding id, what it starts), in the order a first-time scribe needs them.
STARTERS = (
    ("note", "write a note (start it with 10:24 or -5m to back-date it)"),
    ("milestone.impact_started", "impact started"),
    ("milestone.detected", "detected"),
    ("milestone.acknowledged", "acknowledged the page"),
    ("checklist.focus", "walk the runbook's checklist"),
    ("inspector.open", "inspect the factory's error response"),
    ("view.help", "every key"),
)


def starter_lines(screen: Screen) -> list[Text]:
    """The hint's lines; none on a screen that cannot write notes (a replay)."""
    keys: dict[str, str] = {}
    for _node, binding, _enabled, _tooltip in screen.active_bindings.values():
        if binding.id and binding.id not in keys:
            keys[binding.id] = screen.app.get_key_display(binding)
    if "note" not in keys:
        return []
    lines = [Text("Nothing recorded yet. To start:", style="bold")]
    for binding_id, what in STARTERS:
        if binding_id in keys:
            lines.append(Text.assemble("  ", (f"{keys[binding_id]:>3}", "bold"), f"  {what}"))
    return lines
