"""The Markdown postmortem: sections, timeline lines, drafts and prompts, redaction, safety, diagram."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from imported import imported_session

from tui import cli
from tui.core.clock.zones import parse_zone
from tui.core.importing.reader import parse_postmortem
from tui.core.postmortem.format import SECTIONS
from tui.core.postmortem.markdown import render_postmortem
from tui.core.session import journal
from tui.core.session import operations as ops
from tui.core.session.fold import Fold

T0 = datetime(2025, 4, 8, 10, 24, tzinfo=UTC)
HEADINGS = [
    "Summary",
    "Detection",
    "Impact",
    "Timeline",
    "Response",
    "Root cause",
    "Resolution",
    "Prevention",
    "Action items",
]
URL = "https://pizza-factory.cs329.click/api/support/0123456789abcdef0123/report/fix42code"
JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def build(
    *events: tuple[float, str, str],
    zone: str = "GMT",
    title: str = "Pizza purchases failing",
    fields: dict[str, str] | None = None,
    actions: tuple[tuple[str, str], ...] = (),
    author: str = "Kristian Green",
):
    """A session folded in memory from operations: events are (minutes after 10:24, kind, text)."""
    written: list[dict[str, Any]] = [ops.create_op(T0, title=title, zone=zone)]
    for minutes, kind, text in events:
        written.append(ops.add_event_op(at(minutes), time=at(minutes), kind=kind, text=text, author=author))
    for path, value in (fields or {}).items():
        written.append(ops.set_field_op(at(60), path, value))
    for text, owner in actions:
        written.append(ops.add_action_op(at(61), text, owner))
    fold = Fold()
    for op in written:
        fold.apply(op)
    return fold.session


def full():
    return build(
        (0, "impact_started", "factory connection lost"),
        (2, "detected", "Pizza Purchase Alert fired"),
        (4, "acknowledged", "Kristian Green acknowledged"),
        (19, "inspect", f"Inspected factory response: 500 chaos monkey; report URL {URL}"),
        (19.2, "follow", "Followed report URL: 200 Problem resolved"),
        (20, "mitigated", "orders succeed again"),
        (21, "resolved", "alert resolved"),
        actions=(("Automate the call to the report URL", "Kristian Green"), ("Alert on 2+ failures a minute", "")),
    )


def section(text: str, heading: str) -> str:
    match = re.search(rf"^## {heading}\n\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    assert match, f"no section {heading}"
    return match.group(1).strip()


def timeline_lines(text: str) -> list[str]:
    return [line for line in section(text, "Timeline").splitlines() if line.startswith("- ")]


def test_title_and_the_nine_sections_in_order():
    text = render_postmortem(full())
    assert text.splitlines()[0] == "# Incident: 2025-04-08 10-24-00"
    assert re.findall(r"^## (.+)$", text, re.MULTILINE) == HEADINGS
    assert [heading for _, heading in SECTIONS] == HEADINGS


def test_timeline_lines_in_time_order_after_the_zone():
    session = build((20, "note", "later"), (5, "note", "earlier"), (10, "note", "between"))
    text = render_postmortem(session)
    assert section(text, "Timeline").startswith("All times are GMT.")
    assert timeline_lines(text) == ["- _10:29_ - earlier", "- _10:34_ - between", "- _10:44_ - later"]
    assert all(re.fullmatch(r"- _\d\d:\d\d(:\d\d)?_ - .+", line) for line in timeline_lines(render_postmortem(full())))


def test_seconds_only_where_two_events_share_a_minute():
    session = build((2 + 5 / 60, "note", "first"), (2 + 40 / 60, "note", "second"), (6 + 12 / 60, "note", "alone"))
    assert timeline_lines(render_postmortem(session)) == [
        "- _10:26:05_ - first",
        "- _10:26:40_ - second",
        "- _10:30_ - alone",
    ]


def test_times_typed_without_seconds_never_gain_them():
    session = build((2, "note", "a"), (2, "note", "b"), (3, "note", "c"))
    assert timeline_lines(render_postmortem(session)) == ["- _10:26_ - a", "- _10:26_ - b", "- _10:27_ - c"]


def test_the_date_is_shown_where_the_day_changes():
    session = build((0, "note", "start"), (13 * 60 + 40, "note", "after midnight"), (13 * 60 + 50, "note", "next"))
    assert timeline_lines(render_postmortem(session)) == [
        "- _2025-04-08 10:24_ - start",
        "- _2025-04-09 00:04_ - after midnight",
        "- _00:14_ - next",
    ]


def test_a_timeline_that_starts_the_day_before_dates_its_first_line():
    # Back-dated to 23:50 the evening before a session started at 18:52: the first line is dated,
    # and so is the first line of the session's own day.
    session = build((-10 * 60 - 34, "note", "first errors"), (8 * 60 + 28, "note", "paged"), (8 * 60 + 30, "note", "x"))
    assert timeline_lines(render_postmortem(session)) == [
        "- _2025-04-07 23:50_ - first errors",
        "- _2025-04-08 18:52_ - paged",
        "- _18:54_ - x",
    ]
    reread = parse_postmortem(render_postmortem(session))
    assert [entry.time for entry in reread.entries] == [event.time for event in session.events]


def test_a_timeline_within_one_day_has_no_dates():
    assert all("2025" not in line for line in timeline_lines(render_postmortem(full())))


def test_another_zone_moves_every_time_and_says_so():
    text = render_postmortem(full(), zone=parse_zone("MST"))
    assert text.startswith("# Incident: 2025-04-08 03-24-00")
    assert "All times are MST." in text
    assert timeline_lines(text)[0] == "- _03:24_ - factory connection lost"


def test_drafts_follow_the_template_from_milestones():
    text = render_postmortem(full())
    assert "Between 10:24 and 10:45 GMT on April 8, 2025" in section(text, "Summary")
    assert section(text, "Impact").startswith("For 20 minutes between 10:24 and 10:44 GMT on April 8, 2025")
    assert section(text, "Detection").startswith(
        "This incident was detected when Pizza Purchase Alert fired at 10:26 GMT, 2 minutes after the impact began."
    )
    assert section(text, "Response").startswith(
        "After receiving a page at 10:26 GMT, Kristian Green came online at 10:28 GMT."
    )
    assert "followed the report URL once" in section(text, "Response")
    assert "following the report URL from the factory response at 10:43:12 GMT" in section(text, "Resolution")
    assert section(text, "Action items").splitlines() == [
        "1. Automate the call to the report URL (Kristian Green)",
        "2. Alert on 2+ failures a minute",
    ]


def test_unknown_figures_are_prompts_never_numbers():
    text = render_postmortem(full())
    impact = section(text, "Impact")
    assert "TODO: number of users affected" in impact
    assert "TODO: share of users affected" in impact
    assert "TODO: severity" in section(text, "Summary")
    assert not re.search(r"\b\d+\s+(?:users|customers|support tickets)", text)
    assert "TODO: the root cause" in section(text, "Root cause")


def test_known_figures_replace_their_prompts():
    session = build(
        (0, "impact_started", "down"),
        (19, "mitigated", "up"),
        fields={"impact.users_affected": "3", "impact.support_tickets": "0", "severity": "SEV2"},
    )
    text = render_postmortem(session)
    assert "This incident affected 3 users" in section(text, "Impact")
    assert "TODO: number of users affected" not in text
    assert "This SEV2 incident" in section(text, "Summary")


def test_a_session_with_no_milestones_asks_for_them():
    text = render_postmortem(build((0, "note", "something odd")))
    assert "```mermaid" not in text
    assert "TODO: stamp the milestones" in section(text, "Impact")
    assert "TODO: when and how the incident was detected" in section(text, "Detection")
    empty = render_postmortem(build())
    assert "TODO: the timeline is empty" in section(empty, "Timeline")
    assert "TODO: corrective actions" in section(empty, "Action items")


def test_fields_the_author_wrote_are_written_verbatim():
    prose = "A chaos monkey was injected,\nresulting in *all* purchases failing.\n\n- one\n- two"
    session = build(
        (0, "impact_started", "down"), fields={"fields.root_cause": prose, "fields.summary": "Short summary."}
    )
    text = render_postmortem(session)
    assert section(text, "Root cause") == prose
    # The author's summary does not name the title: the facts line under it does.
    assert section(text, "Summary") == "Short summary.\n\n**Title:** Pizza purchases failing"


def test_redacted_by_default_and_kept_with_no_redact(capsys, tmp_path):
    session = build(
        (0, "note", f"found {URL} and Authorization: Bearer {JWT}"),
        fields={"fields.resolution": f"followed {URL}?apiKey=abc123&fixCode=xyz"},
    )
    text = render_postmortem(session)
    assert "0123456789abcdef0123" not in text and "fix42code" not in text
    assert JWT not in text and "abc123" not in text
    assert "/api/support/[REDACTED]/report/[REDACTED]" in text
    raw = render_postmortem(session, redacted=False)
    assert URL in raw and JWT in raw
    headers = render_postmortem(build((0, "note", "pasted headers: x-api-key: k3y99 apiKey=abc77")))
    assert "k3y99" not in headers and "abc77" not in headers

    path = tmp_path / "s.jsonl"
    journal.create(path, ops.create_op(T0, title="t", zone="UTC"))
    journal.append(path, ops.add_event_op(T0, time=T0, text=f"report URL {URL}"))
    assert cli.main(["export", str(path)]) == 0
    assert "fix42code" not in capsys.readouterr().out
    assert cli.main(["export", str(path), "--no-redact"]) == 0
    assert URL in capsys.readouterr().out


def test_no_escape_bytes_reach_the_export():
    nasty = "\x1b[31mred\x1b[0m \x1b]52;c;aGk=\x07 bell\x07 \x9b2J nul\x00 \u202eevil"
    session = build(
        (0, "note", nasty + "\nsecond line"),
        title="t\x1b]0;pwned\x07itle",
        fields={"fields.root_cause": "cause \x1b[2J here"},
        actions=(("act\x1b[1m", "o\x07"),),
    )
    text = render_postmortem(session)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]", text)
    assert "red" in text and "\u2407" in text  # the bell shown as ␇
    assert "- _10:24_ - red  bell␇  nul␀ <RLO>evil second line" in text  # sequences removed whole


def test_mermaid_block_of_the_phases():
    text = render_postmortem(full())
    block = re.search(r"```mermaid\n(.*?)```", text, re.DOTALL)
    assert block is not None
    body = block.group(1)
    assert body.startswith("gantt\n")
    for name in ("Detection", "Acknowledgement", "Mitigation", "Resolution", "Users affected"):
        assert name in body
    assert "Mitigation :p3, 2025-04-08 10:28:00, 2025-04-08 10:44:00" in body


def test_export_reads_back_through_the_importer():
    """What we write, the importer reads: every entry (time and text), every section, no stray notes."""
    session = full()
    text = render_postmortem(session, redacted=False)
    parsed = parse_postmortem(text)
    assert parsed.notes == [] and parsed.zone is not None and parsed.zone.name == "GMT"
    assert [(e.time, e.text) for e in parsed.entries] == [(e.time, e.text) for e in session.events]
    again = render_postmortem(imported_session(parsed, now=T0), redacted=False)
    assert timeline_lines(again) == timeline_lines(text)
    for heading in HEADINGS:
        # Whole-line prompts stand for empty fields and the diagram is redrawn from milestones, so
        # the importer drops both; every other line of every section comes back.
        kept = [
            line
            for line in section(text, heading).split("```mermaid")[0].splitlines()
            if line.strip() and not line.startswith("[TODO:")
        ]
        assert all(line in section(again, heading) for line in kept), heading
    assert render_postmortem(imported_session(parse_postmortem(again), now=T0), redacted=False) == again


def test_milestones_out_of_order_state_no_negative_duration():
    session = build((10, "impact_started", "down"), (2, "detected", "alert"), (5, "mitigated", "up"))
    text = render_postmortem(session)
    assert "TODO: the milestones are out of order" in section(text, "Impact")
    assert "The impact lasted" not in text and "after the impact began" not in text
    assert "Between" not in section(text, "Summary")


def test_a_long_timeline_keeps_every_line():
    session = build(*((n / 6, "note", f"line {n}") for n in range(2_000)))
    lines = timeline_lines(render_postmortem(session))
    assert len(lines) == 2_000 and lines[-1] == "- _15:57:10_ - line 1999"


def test_control_bytes_in_the_kind_of_an_event_without_text_are_made_safe():
    """An event with no text is shown by its kind: the one timeline text that is not one_line's."""
    text = render_postmortem(build((0, "odd\x07kind", ""), (1, "note", "after")))
    assert "- _10:24_ - Odd\u2407kind" in timeline_lines(text)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)


def test_an_unterminated_escape_in_the_kind_of_an_event_without_text_leaves_the_rest_of_the_report():
    text = render_postmortem(build((0, "odd\x1b]0;title", ""), (1, "note", "after")))
    assert "\x1b" not in text
    assert "- _10:25_ - after" in timeline_lines(text)
    assert "## Response" in text and "## Action items" in text
