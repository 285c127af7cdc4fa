"""Filled fields the author's prose leaves out are stated in a facts line, and `scribe import` reads it back."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from tui import cli
from tui.core.importing.reader import parse_postmortem
from tui.core.postmortem.format import facts_line, read_facts_line
from tui.core.postmortem.markdown import render_postmortem
from tui.core.session import journal
from tui.core.session import operations as ops
from tui.core.session.fold import Fold

T0 = datetime(2025, 4, 8, 18, 40, tzinfo=UTC)
FILLED = {
    "severity": "SEV2",
    "impact.users_affected": "3",
    "impact.share_of_users": "100%",
    "impact.failed_requests": "18",
    "impact.support_tickets": "0",
    "fields.detection_source": "Grafana OnCall",
}
PROSE = {
    "fields.summary": "Orders failed at the factory.",
    "fields.detection": "An alert fired and paged the on-call engineer.",
    "fields.impact": "Nobody could buy a pizza at 18:53.",
}


def session(fields: dict[str, str], title: str = "Pizza orders failing"):
    fold = Fold()
    fold.apply(ops.create_op(T0, title=title, zone="UTC"))
    fold.apply(ops.add_event_op(T0, time=T0, kind="impact_started", text="orders fail"))
    fold.apply(ops.add_event_op(T0, time=T0 + timedelta(minutes=2), kind="detected", text="alert fired"))
    fold.apply(ops.add_event_op(T0, time=T0 + timedelta(minutes=10), kind="mitigated", text="orders succeed"))
    for path, value in fields.items():
        fold.apply(ops.set_field_op(T0, path, value))
    return fold.session


def section(text: str, heading: str) -> str:
    return text.split(f"## {heading}\n\n", 1)[1].split("\n\n## ", 1)[0]


def test_every_filled_field_is_in_the_markdown_when_the_author_wrote_the_prose():
    text = render_postmortem(session({**FILLED, **PROSE}))
    assert section(text, "Summary") == (
        "Orders failed at the factory.\n\n**Title:** Pizza orders failing · **Severity:** SEV2"
    )
    assert section(text, "Detection") == (
        "An alert fired and paged the on-call engineer.\n\n**Detection source:** Grafana OnCall"
    )
    # Neither "18" nor "3" is read as stated by the time 18:53.
    assert section(text, "Impact").startswith(
        "Nobody could buy a pizza at 18:53.\n\n"
        "**Users affected:** 3 · **Share of users:** 100% · **Failed requests:** 18 · **Support tickets:** 0\n\n"
        "```mermaid"
    )


def test_a_fact_the_prose_states_is_not_repeated_and_drafts_need_no_facts_line():
    stated = render_postmortem(session({**FILLED, "fields.summary": "A SEV2 incident: Pizza orders failing."}))
    assert section(stated, "Summary") == "A SEV2 incident: Pizza orders failing."
    drafted = render_postmortem(session(FILLED))
    assert "**" not in drafted.split("## Timeline")[0]


def test_a_title_scribe_made_up_is_not_a_fact():
    text = render_postmortem(session(PROSE, title="Incident 2025-04-08 18:40 UTC"))
    assert "**Title:**" not in text


def test_scribe_import_reads_the_facts_back_into_the_fields(tmp_path, capsys):
    original = session({**FILLED, **PROSE})
    report = tmp_path / "postmortem.md"
    report.write_text(render_postmortem(original, redacted=False), encoding="utf-8")
    assert cli.main(["import", str(report), "-o", str(tmp_path / "back.jsonl")]) == 0
    back = journal.load(tmp_path / "back.jsonl").session
    assert back.title == "Pizza orders failing" and back.severity == "SEV2"
    assert back.fields.detection_source == "Grafana OnCall"
    assert (back.impact.users_affected, back.impact.share_of_users) == ("3", "100%")
    assert (back.impact.failed_requests, back.impact.support_tickets) == ("18", "0")
    assert back.fields.summary == PROSE["fields.summary"] and back.fields.impact == PROSE["fields.impact"]
    capsys.readouterr()
    assert cli.main(["export", str(tmp_path / "back.jsonl"), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)["session"]
    assert document["severity"] == "SEV2" and document["impact"]["failed_requests"] == "18"
    # Exported again, the prose and facts lines read as before (imported milestones are notes, so
    # the phase diagram, drawn from milestones, is not compared).
    again = render_postmortem(back, redacted=False)
    first = report.read_text(encoding="utf-8")
    for heading in ("Summary", "Detection", "Impact"):
        assert section(again, heading).split("\n\n```mermaid")[0] == section(first, heading).split("\n\n```mermaid")[0]


def test_a_value_holding_the_separator_stays_whole():
    line = facts_line([("title", "Orders · checkout"), ("severity", "SEV1")])
    assert read_facts_line(line) == {"title": "Orders · checkout", "severity": "SEV1"}
    assert read_facts_line("**Severity:** ") is None
    assert read_facts_line("**Owner:** kg") is None
    assert read_facts_line("Severity: SEV2") is None


def test_a_facts_line_is_read_wherever_it_stands_and_other_bold_lines_stay_prose():
    parsed = parse_postmortem(
        "# Incident: 2025-04-08\n\n## Summary\n\nAll down.\n\n**Severity:** SEV1\n\n**Owner:** kg\n"
    )
    assert parsed.facts == {"severity": "SEV1"}
    assert parsed.sections["summary"] == "All down.\n\n**Owner:** kg"
