"""The postmortem format is one definition: each form the writer puts on the page, the reader takes
for what it is."""

from __future__ import annotations

from datetime import date, datetime

from tui.core.clock.zones import UTC
from tui.core.importing.declared_zones import read_declaration
from tui.core.importing.sections import is_prompt, section_key, split_sections, without_phase_diagram
from tui.core.importing.timeline import read_head
from tui.core.postmortem import format
from tui.core.postmortem.phases import mermaid_gantt


def test_every_heading_the_writer_uses_is_the_section_the_reader_files_it_under():
    lines = [format.title_line(datetime(2025, 4, 8, 10, 24))]
    for _, heading in format.SECTIONS:
        lines += [format.section_heading(heading), "text"]
    title, _, blocks = split_sections(lines)
    assert title == (1, "Incident: 2025-04-08 10-24-00")
    assert [block.key for block in blocks] == list(format.SECTION_KEYS)
    assert all(section_key(heading) == key for key, heading in format.SECTIONS)


def test_a_prompt_line_reads_as_a_prompt():
    assert is_prompt(format.todo("who responded, and when they came online"))
    assert not is_prompt(f"{format.todo('severity')} and more words")


def test_the_timeline_lines_read_back_as_written():
    for stamp, clock in ((format.CLOCK[10 * 60 + 24], (10, 24, 0)), ("23:59" + format.SECONDS[7], (23, 59, 7))):
        line = format.timeline_line(stamp, "Alert fired")
        assert format.EXPORTED_LINE.match(line)
        head = read_head(line)
        assert head is not None and (head.hour, head.minute, head.second, head.text) == (*clock, "Alert fired")
    dated = format.timeline_line(format.dated_stamp("2025-04-09", format.CLOCK[12]), "Next day")
    head = read_head(dated)
    assert head is not None and (head.hour, head.minute, head.text) == (0, 12, "Next day")
    assert head.day is not None and head.day.resolve(None) == date(2025, 4, 9)


def test_the_zone_line_declares_the_zone():
    declaration = read_declaration(format.zone_line("MST"), 2025)
    assert declaration is not None and declaration.zone is not None and declaration.zone.name == "MST"


def test_the_phase_diagram_is_recognised_and_dropped():
    marks = {
        "detected": datetime(2025, 4, 8, 10, 24, tzinfo=UTC.tz),
        "resolved": datetime(2025, 4, 8, 11, tzinfo=UTC.tz),
    }
    diagram = mermaid_gantt(marks, UTC)
    assert diagram is not None and f"title {format.PHASES_TITLE} (UTC)" in diagram
    assert without_phase_diagram(["before", *diagram.split("\n"), "after"]) == ["before", "after"]
