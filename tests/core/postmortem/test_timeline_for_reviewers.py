"""The exported timeline as a reviewer reads it: milestones in words, no checklist flip-flops,
who wrote what, and seconds the author typed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tui.core.postmortem.markdown import render_postmortem
from tui.core.session import operations as ops
from tui.core.session.fold import Fold

T0 = datetime(2025, 4, 8, 18, 40, 0, 512000, tzinfo=UTC)  # a clock's stamp has milliseconds
STEPS = ("Acknowledge the page", "Inspect the factory response")


def fold(*written: dict[str, Any]):
    folded = Fold()
    folded.apply(ops.create_op(T0, title="Pizza orders failing", zone="UTC", checklist=STEPS))
    for op in written:
        folded.apply(op)
    return folded.session


def stamped(seconds: float, kind: str, text: str, author: str = "kgreen") -> dict[str, Any]:
    """An event stamped by the clock at T0 + seconds, recorded then."""
    moment = T0 + timedelta(seconds=seconds)
    return ops.add_event_op(moment, time=moment, kind=kind, text=text, author=author)


def check(seconds: float, step: int, ticked: bool) -> dict[str, Any]:
    return ops.check_op(T0 + timedelta(seconds=seconds), f"c{step}", ticked)


def timeline(session) -> list[str]:
    body = render_postmortem(session).split("## Timeline\n\n", 1)[1].split("\n\n## ", 1)[0]
    return [line for line in body.splitlines() if line.startswith("- ")]


def test_an_untouched_milestone_says_what_it_is_and_a_typed_one_stays_as_typed():
    session = fold(
        stamped(0, "impact_started", "Impact started"),
        stamped(120, "detected", "Detected"),
        stamped(240, "acknowledged", "Acknowledged"),
        stamped(600, "mitigated", "Mitigated"),
        stamped(700, "resolved", "Alert resolved in Grafana"),
    )
    assert timeline(session) == [
        "- _18:40_ - Impact started: users first affected",
        "- _18:42_ - Detected the incident",
        "- _18:44_ - Acknowledged the page",
        "- _18:50_ - Mitigated: the impact on users stopped",
        "- _18:51_ - Alert resolved in Grafana",
    ]


def test_checklist_ticks_that_cancel_within_a_minute_are_left_out_and_a_tick_that_stood_is_kept_once():
    session = fold(
        check(10, 1, True),
        check(15, 1, False),
        check(20, 1, True),  # stood
        check(30, 2, True),
        check(45, 2, False),  # undone: neither is shown
        check(300, 1, False),  # a real untick, minutes later, is history
    )
    assert timeline(session) == [
        "- _18:40_ - Checked: Acknowledge the page",
        "- _18:45_ - Unchecked: Acknowledge the page",
    ]
    assert sum(event.kind == "check" for event in session.events) == 6  # the session keeps everything


def test_responders_are_named_in_response_and_on_each_line_when_several_wrote():
    session = fold(
        stamped(0, "detected", "Pizza Purchase Alert fired", author="kgreen"),
        stamped(60, "acknowledged", "Acknowledged", author="kgreen"),
        stamped(200, "note", "factory logs show chaos monkey", author="dhiguero"),
    )
    text = render_postmortem(session)
    assert "**Responders:** kgreen, dhiguero" in text.split("## Response\n\n", 1)[1].split("\n## ", 1)[0]
    assert timeline(session) == [
        "- _18:40_ - Pizza Purchase Alert fired (kgreen)",
        "- _18:41_ - Acknowledged the page (kgreen)",
        "- _18:43_ - factory logs show chaos monkey (dhiguero)",
    ]
    alone = fold(stamped(0, "note", "looking", author="kgreen"))
    assert timeline(alone) == ["- _18:40_ - looking"]
    assert "**Responders:** kgreen" in render_postmortem(alone)


def test_seconds_the_author_typed_are_kept_beside_lines_without_them():
    typed = datetime(2025, 4, 8, 18, 47, 30, tzinfo=UTC)  # "18:47:30 orders fail", typed at 18:52
    session = fold(
        ops.add_event_op(T0 + timedelta(minutes=12), time=typed, text="orders fail", author="kgreen"),
        ops.add_event_op(T0 + timedelta(minutes=12), time=typed.replace(second=0, minute=45), text="earlier"),
        stamped(13 * 60 + 11.5, "note", "report URL followed"),
    )
    assert timeline(session) == [
        "- _18:45_ - earlier",
        "- _18:47:30_ - orders fail",
        "- _18:53_ - report URL followed",
    ]
