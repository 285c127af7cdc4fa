"""The incident's start, its impact window and its phases: computed once, read by the durations,
the drafted prose, the Mermaid diagram, the phase chart and `scribe stats`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from testdata import SAMPLES

from tui.core import stats
from tui.core.clock.zones import parse_zone
from tui.core.metrics import compute, impact_bounds, impact_window, incident_end, incident_start, phases
from tui.core.postmortem.phases import mermaid_gantt

T = datetime(2025, 4, 8, 10, 24, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T + timedelta(minutes=minutes)


def test_the_incident_starts_at_impact_else_at_detection_and_ends_at_resolution_else_mitigation():
    assert incident_start({"impact_started": at(0), "detected": at(2)}) == at(0)
    assert incident_start({"detected": at(2), "mitigated": at(9)}) == at(2)
    assert incident_start({"acknowledged": at(3)}) is None
    assert incident_end({"mitigated": at(9), "resolved": at(12)}) == at(12)
    assert incident_end({"mitigated": at(9)}) == at(9)


def test_the_impact_ends_at_mitigation_else_resolution_and_never_runs_backwards():
    window = impact_window({"impact_started": at(0), "mitigated": at(9), "resolved": at(12)})
    assert window is not None and (window.start, window.end, window.duration) == (at(0), at(9), timedelta(minutes=9))
    window = impact_window({"impact_started": at(0), "resolved": at(12)})
    assert window is not None and window.end == at(12)
    out_of_order = {"impact_started": at(10), "mitigated": at(5)}
    assert impact_window(out_of_order) is None
    assert impact_bounds(out_of_order) == (at(10), at(5))  # the prose still names both stamps
    assert compute(out_of_order).impact_duration == timedelta(minutes=-5)
    assert compute(out_of_order).in_order().impact_duration is None


def test_phases_merge_a_missing_milestone_and_skip_a_backwards_stretch():
    found = phases({"detected": at(2), "mitigated": at(9), "resolved": at(12)})
    assert [(p.label, p.kind, p.start, p.end) for p in found] == [
        ("Mitigation", "mitigated", at(2), at(9)),
        ("Resolution", "resolved", at(9), at(12)),
    ]
    backwards = phases({"detected": at(2), "acknowledged": at(1), "resolved": at(12)})
    assert [(p.label, p.start, p.end) for p in backwards] == [("Resolution", at(1), at(12))]


def test_the_diagram_draws_the_same_impact_window():
    marks = {"impact_started": at(0), "detected": at(2), "mitigated": at(9), "resolved": at(12)}
    diagram = mermaid_gantt(marks, parse_zone("UTC"))
    assert diagram is not None
    assert "Users affected :crit, impact, 2025-04-08 10:24:00, 2025-04-08 10:33:00" in diagram
    assert "Mitigation :p2, 2025-04-08 10:26:00, 2025-04-08 10:33:00" in diagram


def test_the_impact_column_of_stats_holds_the_impact_window():
    table = stats.collect([SAMPLES])
    assert stats.COLUMNS[0] == ("impact_duration", "IMPACT")
    # 2025-04-09: impact 2m 36s, resolved two minutes after mitigation.
    row = table.rows[3]
    assert row.values["impact_duration"] == timedelta(minutes=2, seconds=36)
    assert row.values["time_to_resolve"] == timedelta(minutes=4, seconds=36)
    header, *lines = stats.render(table).splitlines()
    line = next(line for line in lines if line.startswith(row.date))
    impact_ends = header.index("IMPACT") + len("IMPACT")  # the figures are right-aligned under it
    assert line[:impact_ends].endswith("  2m 36s")
