"""Reports pasted from a word processor (tests/data/pasted): emphasised or bare section names,
`•`/`▪`/`–`/`o` bullets with tabs, a time on one line and its text on the next, `8:00am`,
`10:09 a.m.`, `Dec 4 – 14:50`, `12/4 14:25`, tab-separated rows, and public reports in those shapes
(tests/data/SOURCES.md names each). Each file's timeline is checked against the one written by hand
beside it (NAME.expected: `YYYY-MM-DD HH:MM text` per entry); a report that gives no date at all
is dated by the fallback, FALLBACK here."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tui.core.importing.reader import parse_postmortem

FALLBACK = date(2000, 1, 1)
PASTED = sorted((Path(__file__).parents[2] / "data" / "pasted").glob("*.txt"))


@pytest.mark.parametrize("source", PASTED, ids=lambda path: path.stem)
def test_every_entry_of_a_pasted_report_at_its_time_with_its_text(source):
    parsed = parse_postmortem(source.read_text(encoding="utf-8"), fallback_date=FALLBACK)
    read = [f"{entry.time:%Y-%m-%d %H:%M} {entry.text}" for entry in parsed.entries]
    assert read == source.with_suffix(".expected").read_text(encoding="utf-8").splitlines()


def test_emphasised_section_names_and_pasted_bullets_are_read_as_such():
    parsed = parse_postmortem((PASTED[0].parent / "word-processor-emphasis-bullets.txt").read_text(encoding="utf-8"))
    assert parsed.sections["summary"] == "Orders failed." and parsed.sections["impact"] == "All users."
    tabbed = parse_postmortem((PASTED[0].parent / "tab-separated-dated-times.txt").read_text(encoding="utf-8"))
    assert [(item.text, item.owner) for item in tabbed.action_items] == [("Add a canary stage", "Dana")]


def test_a_pasted_tab_table_header_is_a_header_not_a_note():
    text = "Timeline\nTime\tEvent\n21:59:04\tFile uploaded\n\nSee the logs\n"
    parsed = parse_postmortem(text, fallback_date=FALLBACK)
    assert [entry.text for entry in parsed.entries] == ["File uploaded"]
    assert [(note.line, note.text) for note in parsed.notes] == [(5, "See the logs")]


def test_nothing_is_dropped_a_line_without_a_time_stays_a_note_with_its_line():
    parsed = parse_postmortem((PASTED[0].parent / "premium-house-lights-docs-export.txt").read_text(encoding="utf-8"))
    assert parsed.date == date(2022, 2, 19)  # from the timeline's dated sub-heading
    assert (13, "Initial Reconnaissance Phase (21:56 \\- 21:58)") in [(n.line, n.text) for n in parsed.notes]
    assert any(n.text.startswith("* Unknown date: Attackers analyze") for n in parsed.notes)


def test_a_markdown_hard_break_ends_the_entry_and_a_date_may_join_its_time_with_a_slash():
    text = "# Outage\n\n## Timeline\n\n*2023-01-04 05:16*: Saw it.\\\n*2023-01-04/11:34*: Told.\\\n"
    parsed = parse_postmortem(text)
    assert [f"{e.time:%Y-%m-%d %H:%M} {e.text}" for e in parsed.entries] == [
        "2023-01-04 05:16 Saw it.",
        "2023-01-04 11:34 Told.",
    ]
