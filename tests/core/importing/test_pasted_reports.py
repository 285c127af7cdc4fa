"""Reports pasted from a word processor (tests/data/pasted): emphasised or bare section names,
`•`/`▪`/`–`/`o` bullets with tabs, a time on one line and its text on the next, `8:00am`,
`10:09 a.m.`, `Dec 4 – 14:50`, `12/4 14:25`, tab-separated rows. Each file's timeline is checked
against the one written by hand beside it (NAME.expected: `YYYY-MM-DD HH:MM text` per entry)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.importing.reader import parse_postmortem

PASTED = sorted((Path(__file__).parents[2] / "data" / "pasted").glob("*.txt"))


@pytest.mark.parametrize("source", PASTED, ids=lambda path: path.stem)
def test_every_entry_of_a_pasted_report_at_its_time_with_its_text(source):
    parsed = parse_postmortem(source.read_text(encoding="utf-8"))
    read = [f"{entry.time:%Y-%m-%d %H:%M} {entry.text}" for entry in parsed.entries]
    assert read == source.with_suffix(".expected").read_text(encoding="utf-8").splitlines()


def test_emphasised_section_names_and_pasted_bullets_are_read_as_such():
    parsed = parse_postmortem((PASTED[0].parent / "word-processor-emphasis-bullets.txt").read_text(encoding="utf-8"))
    assert parsed.sections["summary"] == "Orders failed." and parsed.sections["impact"] == "All users."
    tabbed = parse_postmortem((PASTED[0].parent / "tab-separated-dated-times.txt").read_text(encoding="utf-8"))
    assert [(item.text, item.owner) for item in tabbed.action_items] == [("Add a canary stage", "Dana")]
