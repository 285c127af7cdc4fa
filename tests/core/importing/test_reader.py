"""Reading Markdown postmortems: each timeline format real reports use, dates, zones, prose, items."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from testdata import SEEDS

from tui.core.errors import ScribeError
from tui.core.importing.reader import parse_postmortem, read_postmortem
from tui.core.importing.sections import section_key, split_owner


def timeline(body: str, header: str = "All times are UTC.", title: str = "2025-04-08 10-00-00") -> str:
    return f"# Incident: {title}\n\n## Timeline\n\n{header}\n\n{body}\n\n## Response\n\nSomeone.\n"


def wall(parsed) -> list[tuple[str, str]]:
    """Entries as (local "YYYY-MM-DD HH:MM:SS", text), in the report's own zone."""
    zone = parsed.effective_zone.tz
    return [(e.time.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S"), e.text) for e in parsed.entries]


@pytest.mark.parametrize(
    "line,clock,text",
    [
        ("- _10:24_ - factory down", "10:24:00", "factory down"),
        ("- 10:24:31 - factory down", "10:24:31", "factory down"),
        ("5:23AM factory down", "05:23:00", "factory down"),
        ("- 5:23 pm: factory down", "17:23:00", "factory down"),
        ("12:10 AM - factory down", "00:10:00", "factory down"),
        ("- **11:54:51.017 AM** — factory down", "11:54:51", "factory down"),
        ("- _12:01_ - _12:02_ factory down", "12:01:00", "factory down"),
        ("- 12:10:00 – 12:15:00 – factory down", "12:10:00", "factory down"),
        ("7:30 - 8:40 -> factory down", "07:30:00", "factory down"),
        ("* **10:10:30** - factory down", "10:10:30", "factory down"),
        ("• 10:24 — factory down", "10:24:00", "factory down"),
        ("- *5:10* - factory down", "05:10:00", "factory down"),
        ("1. 10:24: factory down", "10:24:00", "factory down"),
        ("- [10:24] factory down", "10:24:00", "factory down"),
        ("- `10:24` | factory down", "10:24:00", "factory down"),
        ("- 10:24 UTC - factory down", "10:24:00", "factory down"),
        ("- ~10:24 - factory down", "10:24:00", "factory down"),
        ("- _1:7_ - factory down", "01:07:00", "factory down"),
        ("13:00 — factory down", "13:00:00", "factory down"),
        ("- 2025-04-08 11:14:11 - factory down", "11:14:11", "factory down"),
        ("- 2025-04-08T10:24:00Z - factory down", "10:24:00", "factory down"),
        ("### 10:24 - factory down", "10:24:00", "factory down"),
        ("| 10:24 | factory down |", "10:24:00", "factory down"),
    ],
)
def test_each_timeline_format(line, clock, text):
    parsed = parse_postmortem(timeline(line))
    assert wall(parsed) == [(f"2025-04-08 {clock}", text)]
    assert parsed.entries[0].line == 7


@pytest.mark.parametrize(
    "line,stamp",
    [
        ("- 10:24 - 10:26 PM: a", "2025-04-08 22:24"),
        ("- 11:50 - 12:10 PM: a", "2025-04-08 11:50"),
        ("- 10:24 a.m. - a", "2025-04-08 10:24"),
        ("- 4/9/2025, 10:24:31 AM - a", "2025-04-09 10:24"),
        ("- Apr 9, 2025 10:30 - a", "2025-04-09 10:30"),
        ("- 2025-04-09 @ 10:40 - a", "2025-04-09 10:40"),
        ("- April 9th at 10:45am - a", "2025-04-09 10:45"),
        ("- **10:50:** a", "2025-04-08 10:50"),
        ("- **12:29:34:** a", "2025-04-08 12:29"),
        ("| 2025-04-09 | 10:24 | a |", "2025-04-09 10:24"),
    ],
)
def test_times_with_dates_ranges_and_meridiems(line, stamp):
    parsed = parse_postmortem(timeline(line))
    assert [(t[:16], x) for t, x in wall(parsed)] == [(stamp, "a")]


def test_html_line_breaks_and_table_headers_with_the_zone():
    parsed = parse_postmortem(timeline("10:24 - a<br>10:30 - b<BR/>", header=""))
    assert [(t[11:16], x) for t, x in wall(parsed)] == [("10:24", "a"), ("10:30", "b")]
    table = parse_postmortem(timeline("| Time (MDT) | Event |\n|---|---|\n| 10:24 | a |", header=""))
    assert table.zone is not None and table.zone.name == "MDT" and table.notes == []


def test_a_time_at_the_end_of_a_line_or_in_its_middle():
    body = "**Detected:** 10:26\nImpact start: 10:20 UTC\n- Alert fired (10:31)\n- Paged at 10:32, then acked"
    parsed = parse_postmortem(timeline(body))
    assert [(t[11:16], x) for t, x in wall(parsed)] == [
        ("10:26", "Detected"),
        ("10:20", "Impact start"),
        ("10:31", "Alert fired"),
        ("10:32", "Paged at 10:32, then acked"),
    ]


def test_entry_text_keeps_the_authors_markdown():
    parsed = parse_postmortem(timeline("- _18:36_ - check entered a _pending state_."))
    assert parsed.entries[0].text == "check entered a _pending state_."


def test_wrapped_lines_belong_to_the_entry_above():
    body = (
        "- _18:21_ - Root cause identified via logs: chaos monkey injected in\n"
        "factory service; remediation link found\n"
        "- _18:22_ - Link followed\n"
        "  and chaos deactivated"
    )
    parsed = parse_postmortem(timeline(body))
    assert [e.text for e in parsed.entries] == [
        "Root cause identified via logs: chaos monkey injected in factory service; remediation link found",
        "Link followed and chaos deactivated",
    ]
    assert parsed.warnings == []


def test_timeline_inside_a_fence_or_a_blockquote():
    fenced = parse_postmortem(timeline("```md\n- _10:24_ - down\n- _10:30_ - up\n```", header=""))
    quoted = parse_postmortem(
        timeline("> [!NOTE]\n> All times are GMT.\n>\n> - _10:24_ - down\n> - _10:30_ - up", header="")
    )
    for parsed in (fenced, quoted):
        assert [(t[11:16], x) for t, x in wall(parsed)] == [("10:24", "down"), ("10:30", "up")]
    assert quoted.zone is not None and quoted.zone.name == "GMT"


def test_date_subheadings_and_day_annotations_change_the_date():
    body = (
        "2025-12-01\n- _23:05_ - chaos requested\n\n2025-12-02\n- _09:56_ - orders fail\n"
        "- _23:50_ - late\n- _00:10_ (Dec 3) - after midnight\n- 00:20 - still Dec 3\n"
        "### December 4, 2025 (Thursday)\n- 01:00 - next\n- 02:00 (+1 day) - day after\n- Dec 7 03:00 - dated"
    )
    parsed = parse_postmortem(timeline(body, header="All times are MST."))
    assert [t[:16] for t, _ in wall(parsed)] == [
        "2025-12-01 23:05",
        "2025-12-02 09:56",
        "2025-12-02 23:50",
        "2025-12-03 00:10",
        "2025-12-03 00:20",
        "2025-12-04 01:00",
        "2025-12-05 02:00",
        "2025-12-07 03:00",
    ]
    assert parsed.entries[0].time.utcoffset() == timedelta(hours=-7)


def test_an_earlier_date_on_one_line_is_a_lead_up_and_does_not_carry():
    body = "- _7:30 (dec 3)_ - chaos requested\n- _1:30_ - dashboard fine\n- _3:00_ - window opens"
    parsed = parse_postmortem(timeline(body, title="2024-12-04 01-58-25"))
    assert [t[:16] for t, _ in wall(parsed)] == ["2024-12-03 07:30", "2024-12-04 01:30", "2024-12-04 03:00"]
    assert parsed.entries[0].text == "chaos requested"


def test_a_date_heading_with_a_slipped_year():
    body = "12/1/25\n- _17:15_ - alerts muted\n\n12/2/15\n- _9:39_ - orders fail\n- _10:12_ - resolved"
    parsed = parse_postmortem(timeline(body, header="All Times are MST", title="2025-12-02 09-39-00 MST"))
    assert [t[:16] for t, _ in wall(parsed)] == ["2025-12-01 17:15", "2025-12-02 09:39", "2025-12-02 10:12"]


def test_a_jump_back_past_midnight_is_the_next_day_with_a_warning():
    parsed = parse_postmortem(timeline("- 23:50 - a\n- 23:59 - b\n- 00:10 - c\n- 00:20 - d"))
    assert [t[:16] for t, _ in wall(parsed)] == [
        "2025-04-08 23:50",
        "2025-04-08 23:59",
        "2025-04-09 00:10",
        "2025-04-09 00:20",
    ]
    assert [line for line, _ in parsed.warnings] == [9]


def test_next_day_marks_on_one_line_or_on_every_line():
    for body in ("- 23:50 - a\n- 00:10 (+1) - b\n- 00:20 (+1) - c", "- 23:50 - a\n- 00:10 (next day) - b\n- 00:20 - c"):
        parsed = parse_postmortem(timeline(body))
        assert [t[:16] for t, _ in wall(parsed)] == ["2025-04-08 23:50", "2025-04-09 00:10", "2025-04-09 00:20"]


def test_out_of_order_times_stay_on_their_day():
    parsed = parse_postmortem(timeline("- _5:30_ - update\n- _3:36_ - orders fail\n- _6:02_ - noted"))
    assert [t[11:16] for t, _ in wall(parsed)] == ["05:30", "03:36", "06:02"]


def test_pm_in_the_header_and_am_pm_carried_from_the_line_before():
    pm = parse_postmortem(timeline("- 1:31 - a\n- 12:45 - b\n- 2:05 - c", header="All times PM, MST."))
    assert [t[11:16] for t, _ in wall(pm)] == ["13:31", "12:45", "14:05"]
    carried = parse_postmortem(timeline("- 11:50 AM - a\n- 12:05 PM - b\n- 12:30 - c\n- 1:10 - d"))
    assert [t[11:16] for t, _ in wall(carried)] == ["11:50", "12:05", "12:30", "13:10"]


@pytest.mark.parametrize(
    "header,first",
    [
        ("All times are pm (MT).", "13:31"),
        ("All times P.M. MST", "13:31"),
        ("All times are in UTC, as I am in Utah.", "01:31"),
    ],
)
def test_meridiem_in_the_header_only_when_it_says_so(header, first):
    parsed = parse_postmortem(timeline("- 1:31 - a", header=header))
    assert wall(parsed)[0][0][11:16] == first


def test_twelve_hour_times_after_noon_without_pm():
    parsed = parse_postmortem(timeline("- _12:58_ - began\n- _12:59_ - paged\n- _1:01_ - found\n- _1:7_ - fixed"))
    assert [t[11:16] for t, _ in wall(parsed)] == ["12:58", "12:59", "13:01", "13:07"]
    assert len(parsed.warnings) == 2


@pytest.mark.parametrize(
    "header,name,offset",
    [
        ("All times are UTC.", "UTC", 0),
        ("All times are in GMT.", "GMT", 0),
        ("All times MST or UTC-6", "UTC-6", -6),
        ("ALL TIMES ARE MDT:", "MDT", -6),
        ("All times are UTC-7 (based on timestamps provided)", "UTC-7", -7),
        ("All times are approximate and in local time (MST/UTC-7).", "MST", -7),
        ("All times are Mountain Time (MT).", "MT", -6),
        ("All times are in Mountain Standard Time.", "MST", -7),
        ("Times below are in PST", "PST", -8),
        ("Timezone: America/Denver", "America/Denver", -6),
        ("All times are UTC (from the logs); MT = UTC−7 (MST) or UTC−6 (MDT).", "UTC", 0),
    ],
)
def test_declared_zone(header, name, offset):
    parsed = parse_postmortem(timeline("- 10:24 - a", header=header))
    assert parsed.zone is not None and parsed.zone.name == name
    assert parsed.entries[0].time.utcoffset() == timedelta(hours=offset)


def test_zone_in_the_timeline_heading_or_after_times_in_prose():
    heading = parse_postmortem("# Incident: 2025-04-08\n## Incident Timeline (UTC)\n- 10:24 - a\n")
    assert heading.zone is not None and heading.zone.name == "UTC"
    prose = parse_postmortem(
        "# Incident: 2024-12-04\n## Summary\nIt began at 11:00 am MT December 4th.\n"
        "## Timeline\n11:00 am orders failed.\n11:05 am resolved.\n"
    )
    assert prose.zone is not None and prose.zone.name == "MT"
    assert [t[11:16] for t, _ in wall(prose)] == ["11:00", "11:05"]


def test_no_zone_reads_utc_and_says_so():
    parsed = parse_postmortem("# Incident: 2025-04-08\n## Timeline\n- 10:24 - a\n")
    assert parsed.zone is None
    assert parsed.entries[0].time == datetime(2025, 4, 8, 10, 24, tzinfo=UTC)
    assert any("no time zone" in message for _, message in parsed.warnings)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("# Incident: 2025-04-08 10:26 AM GMT\n", date(2025, 4, 8)),
        ("# Incident: 2025-12-02 13-45-00\n## Summary\nAt 12:35 pm on 12/2/25 it broke.\n", date(2025, 12, 2)),
        # A title copied from another report: the summary and impact agree on another date.
        (
            "# Incident: 2024-04-04 10-30-01\n## Summary\nOn 4/4/25 it broke.\n## Impact\non 04/04/2025\n",
            date(2025, 4, 4),
        ),
        ("# Incident: YYYY-MM-DD HH-mm-ss\n## Summary\nBetween 18:08 and 18:54 on April 8th 2025.\n", date(2025, 4, 8)),
        ("# Incident Report: Outage\n\n**Date:** December 2, 2025\n## Summary\nIt broke.\n", date(2025, 12, 2)),
        ("## Summary\nAt around 7pm April 8th 2025 it broke.\n", date(2025, 4, 8)),
        (
            "# Incident: placeholder\n## Summary\nOn Dec 1 it broke.\n## Action items\n1. Fix (due 2025-12-10)\n",
            date(2025, 12, 1),
        ),
        ("# Incident\n## Timeline\nAll times are UTC on April 13, 2026.\n- 18:11 - a\n", date(2026, 4, 13)),
    ],
)
def test_incident_date(text, expected):
    assert parse_postmortem(text).date == expected


def test_missing_date_uses_the_fallback_and_warns():
    parsed = parse_postmortem("## Timeline\n- 10:24 - a\n", fallback_date=date(2024, 1, 2))
    assert parsed.entries[0].time.date() == date(2024, 1, 2)
    assert any("no incident date" in message for _, message in parsed.warnings)


def test_title_time_is_the_start():
    parsed = parse_postmortem("# Incident: 2025-04-08 10:26 AM GMT\n")
    assert parsed.started == datetime(2025, 4, 8, 10, 26, tzinfo=UTC)
    assert parse_postmortem("# Incident: 2025-04-09 12-00-24\n## Timeline\nAll times are MDT\n").started == datetime(
        2025, 4, 9, 18, 0, 24, tzinfo=UTC
    )


def test_nothing_is_dropped_untimed_lines_are_notes_with_warnings():
    body = (
        "Detail the incident\ntimeline.\n\n- _10:24_ - down\n\n### Summary of Events\n\n"
        "- All POST requests failed\n- Alert fired (10:31)\n\n13:24 — found it\n\n'''\ncurl -X POST x\n'''"
    )
    parsed = parse_postmortem(timeline(body))
    assert [n.text for n in parsed.notes] == [
        "Detail the incident timeline.",
        "### Summary of Events",
        "- All POST requests failed",
        "''' curl -X POST x '''",
    ]
    assert [(t[11:16], x) for t, x in wall(parsed)] == [
        ("10:24", "down"),
        ("10:31", "Alert fired"),
        ("13:24", "found it"),
    ]
    warned = {line for line, _ in parsed.warnings}
    assert {n.line for n in parsed.notes} <= warned


def test_sections_lose_their_wrapping_but_keep_their_words():
    text = (
        "# Incident: 2025-04-08 10-00-00\n\n## Summary\n\n```md\nBetween 10:26 and 10:45 GMT.\n\n"
        "Second paragraph.\n```\n\n## Detection\n\n>\n> Detected by an alert.\n> Paged Kristian.\n\n"
        "## Impact\n\n> [!NOTE]\n> For 19 minutes.\n\nThree users.\n\n# Root Cause Analysis\n\n"
        "A chaos monkey.\n\n## Prevention\n\nAlerts.\n\n```md\n**EXAMPLE**:\n\nHOT-13432\n```\n\n"
        "## Lessons Learned\n\nRead the logs.\n\n## Action items\n\n1. Automate the report URL (Kristian Green)\n"
        "2. Alert on 2+ failures a minute\n\nThese are owned by the team.\n"
    )
    parsed = parse_postmortem(text)
    assert parsed.sections == {
        "summary": "Between 10:26 and 10:45 GMT.\n\nSecond paragraph.",
        "detection": "Detected by an alert.\nPaged Kristian.",
        "impact": "For 19 minutes.\n\nThree users.",
        "root_cause": "A chaos monkey.",
        "prevention": "Alerts.\n\n**EXAMPLE**:\n\nHOT-13432",
        "Lessons Learned": "Read the logs.",
        "action_items": "These are owned by the team.",
    }
    assert [(a.text, a.owner) for a in parsed.action_items] == [
        ("Automate the report URL", "Kristian Green"),
        ("Alert on 2+ failures a minute", None),
    ]


def test_a_stray_fence_does_not_swallow_the_next_section():
    text = (
        "# Incident: 2025-04-08\n## Summary\nIt broke.\n```\n\n## Detection\nAn alert.\n```\n\n"
        "## Impact\nTwo users.\n````\n\n## Timeline\n```md\nAll times are UTC.\n- _18:17_ - Error\n````\n"
    )
    parsed = parse_postmortem(text)
    assert parsed.sections == {"summary": "It broke.", "detection": "An alert.", "impact": "Two users."}
    assert wall(parsed) == [("2025-04-08 18:17:00", "Error")]


def test_a_report_without_markdown_headings():
    text = (
        "Incident Report: Ordering outage – April 8, 2025\nSummary\nOrders failed.\nTimeline\n"
        "At 9:37 orders began to fail.\nAt about 9:45 I saw the logs.\nBy 10:20 the link was followed.\n"
        "Root Cause Analysis\nA simulated attack.\n"
    )
    parsed = parse_postmortem(text)
    assert parsed.date == date(2025, 4, 8)
    assert parsed.title == "Incident Report: Ordering outage – April 8, 2025"
    assert [(t[11:16], x) for t, x in wall(parsed)] == [
        ("09:37", "orders began to fail."),
        ("09:45", "I saw the logs."),
        ("10:20", "the link was followed."),
    ]
    assert parsed.sections["summary"] == "Orders failed."
    assert parsed.sections["root_cause"] == "A simulated attack."


def test_emphasis_around_the_whole_line_and_spelled_out_zones():
    parsed = parse_postmortem(
        timeline(
            "_12:33 - Traffic stopped._\n- **~12:40 PM** — Paged", header="*(All time are Mountain-Standard Time)*"
        )
    )
    assert parsed.zone is not None and parsed.zone.name == "MST"
    assert [(t[11:16], x) for t, x in wall(parsed)] == [("12:33", "Traffic stopped."), ("12:40", "Paged")]


def test_code_blocks_inside_prose_are_kept():
    parsed = parse_postmortem('# Incident: 2025-04-08\n## Root cause\nBody:\n\n```json\n{"a": 1}\n```\n')
    assert parsed.sections["root_cause"] == 'Body:\n\n```json\n{"a": 1}\n```'


def test_action_items_with_wrapped_lines_and_sub_bullets():
    text = (
        "# Incident: 2025-04-08\n## Action items\n1. Restrict chaos testing; prevent\nexecution in production\n"
        "   - Owner: Management\n   - Target completion: TBD\n2. **Runbook** - document:\n   - How to find the URL\n"
        "- Review alerts (owner: SRE / Ops, due: 2025-12-09).\n* Retest. Responsible: German Rios-Lazo.\n"
    )
    parsed = parse_postmortem(text)
    assert [(a.text, a.owner) for a in parsed.action_items] == [
        (
            "Restrict chaos testing; prevent execution in production; Owner: Management; Target completion: TBD",
            "Management",
        ),
        ("**Runbook** - document: How to find the URL", None),
        ("Review alerts (owner: SRE / Ops, due: 2025-12-09).", "SRE / Ops"),
        ("Retest. Responsible: German Rios-Lazo.", "German Rios-Lazo"),
    ]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Fix it (Kristian Green)", ("Fix it", "Kristian Green")),
        ("Fix it (DevOps team)", ("Fix it", "DevOps team")),
        ("Hire more engineers (by Q1 2025)", ("Hire more engineers (by Q1 2025)", None)),
        ("Adjust alert rules. (DONE)", ("Adjust alert rules. (DONE)", None)),
        ("Retry (High)", ("Retry (High)", None)),
        ("Tune the alert [Dana] (done)", ("Tune the alert [Dana] (done)", "Dana")),
        ("**[High]** Update the message", ("**[High]** Update the message", None)),
        ('Be clearer (e.g. "closed")', ('Be clearer (e.g. "closed")', None)),
        ("Checks (Owner: DevOps, Due: April 22, 2025)", ("Checks (Owner: DevOps, Due: April 22, 2025)", "DevOps")),
    ],
)
def test_owner(text, expected):
    assert split_owner(text) == expected


@pytest.mark.parametrize(
    "heading,key",
    [
        ("Root Cause Analysis", "root_cause"),
        ("Incident Timeline (UTC)", "timeline"),
        ("Follow-up Actions", "action_items"),
        ("Timeline and Response", "timeline"),
        ("**Action Items:**", "action_items"),
        ("1. Summary", "summary"),
        ("Transaction failures", None),
        ("Lessons Learned", None),
    ],
)
def test_section_names(heading, key):
    assert section_key(heading) == key


def test_subheadings_stay_in_their_section():
    parsed = parse_postmortem("# Incident: 2025-04-08\n## Summary\n### Impact in brief\nSlow.\n## Impact\nAll users.\n")
    assert parsed.sections == {"summary": "### Impact in brief\nSlow.", "impact": "All users."}


def test_headings_inside_code_are_not_sections():
    parsed = parse_postmortem("# Incident: 2025-04-08\n## Resolution\n```sh\n# Timeline\necho hi\n```\n")
    assert "timeline" not in parsed.sections and "echo hi" in parsed.sections["resolution"]


def test_unreadable_files_are_user_errors(tmp_path):
    with pytest.raises(ScribeError):
        read_postmortem(tmp_path / "missing.md")
    binary = tmp_path / "x.md"
    binary.write_bytes(b"\x89PNG\x00\x01\xff\xfe")
    with pytest.raises(ScribeError):
        read_postmortem(binary)
    with pytest.raises(ScribeError):
        read_postmortem(tmp_path)


# -- the seeds, read by hand -------------------------------------------------------------------


def seed(prefix: str):
    return read_postmortem(next(SEEDS.glob(f"{prefix}_*")))


def test_seed_000_gmt_in_md_fences():
    parsed = seed("000")
    assert (parsed.date, parsed.zone.name) == (date(2025, 4, 8), "GMT")
    assert parsed.started == datetime(2025, 4, 8, 10, 26, tzinfo=UTC)
    assert len(parsed.entries) == 14 and parsed.notes == [] and parsed.warnings == []
    assert (wall(parsed)[0], wall(parsed)[-1]) == (
        ("2025-04-08 10:24:00", "connection with the pizza factory service was lost due to a chaos monkey injection."),
        ("2025-04-08 10:45:00", "Kristian Green declared the alert as resolved."),
    )
    assert sorted(parsed.sections) == sorted(
        ["summary", "detection", "impact", "response", "root_cause", "resolution", "prevention"]
    )
    assert parsed.sections["impact"].startswith("For 19 minutes between 10:26 AM GMT and 10:45 GMT")
    assert "```" not in "".join(parsed.sections.values())


def test_seed_002_summary_date_beats_the_title():
    parsed = seed("002")
    assert (parsed.date, parsed.zone.name) == (date(2025, 4, 7), "UTC")
    assert wall(parsed)[0] == ("2025-04-07 18:44:00", "JWT Pizza Service reports first recorded factory failure.")
    assert len(parsed.entries) == 7
    assert [a.text for a in parsed.action_items][2] == "Automate call to Pizza Factory reporting URL when errors start."


def test_seed_003_ranges_and_blockquotes():
    parsed = seed("003")
    assert parsed.zone.name == "UTC-6"
    assert wall(parsed) == [
        ("2025-04-09 12:00:24", "first error occured and notification sent."),
        ("2025-04-09 12:01:00", "checked logs to see some errors reported"),
        ("2025-04-09 12:02:00", "logged in personally and verified that pizzas were unable to be purchased"),
        ("2025-04-09 12:03:00", "signed into the URL from error 500 message to stop chaos testing"),
        ("2025-04-09 12:05:00", "verified it was running normally and stopped artifical traffic."),
    ]
    assert parsed.sections["response"] == "I responded to the incedient when I was notified of an error."
    assert len(parsed.action_items) == 2


def test_seed_004_template_text_and_h1_sections():
    parsed = seed("004")
    assert len(parsed.entries) == 8 and len(parsed.notes) == 2
    assert {"root_cause", "prevention"} <= set(parsed.sections)
    assert [a.text for a in parsed.action_items][
        0
    ] == "Install slack integration to improve response time by a minute or more."


# -- into a session ----------------------------------------------------------------------------


def test_import_writes_a_session_with_zone_fields_items_and_events(tmp_path, clock):
    from tui.core.importing.to_session import import_postmortem
    from tui.core.session import journal

    source = tmp_path / "report.md"
    source.write_text(
        "# Incident Report: Factory outage\n\n**Date:** April 8, 2025\n\n## Summary\n\n```md\nIt broke.\n```\n\n"
        "## Timeline\n\nAll times are MST.\n\nDetail the incident timeline.\n\n- _10:24_ - factory down\n"
        "- _10:26_ - alert fired\n  to the on-call\n- not a time\n\n## Root cause\n\nChaos.\n\n"
        "## Lessons learned\n\nRead logs.\n\n## Action items\n\n1. Automate the report URL (Kristian Green)\n"
        "2. Alert on 2+ failures a minute\n\nInstall the Slack integration.\nTune the alert\n",
        encoding="utf-8",
    )
    result = import_postmortem(source, tmp_path / "out.jsonl", clock=clock)
    session = journal.load(result.path).session
    assert (session.title, session.zone) == ("Factory outage", "MST")
    assert session.created == datetime(2025, 4, 8, 17, 24, tzinfo=UTC)
    assert session.fields.summary == "**Date:** April 8, 2025\n\nIt broke."
    assert session.fields.root_cause == "Chaos.\n\n## Lessons learned\n\nRead logs."
    assert [(a.text, a.owner) for a in session.action_items] == [
        ("Automate the report URL", "Kristian Green"),
        ("Alert on 2+ failures a minute", ""),
        ("Install the Slack integration.", ""),
        ("Tune the alert", ""),
    ]
    assert [(e.time.strftime("%H:%M"), e.text, e.source, e.kind) for e in session.events] == [
        ("17:24", "Detail the incident timeline.", "import", "note"),
        ("17:24", "factory down", "import", "note"),
        ("17:26", "alert fired to the on-call", "import", "note"),
        ("17:26", "- not a time", "import", "note"),
    ]
    assert oct(result.path.stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize(
    "title,expected",
    [
        ("Incident: 2025-04-08 10:26 AM GMT", "fallback"),
        ("Incident: YYYY-MM-DD HH-mm-ss", "fallback"),
        ("Incident: Factory Outage 2025-04-08 9:21:00", "Factory Outage"),
        ("Incident Report: Failed Orders on 2025-04-08", "Failed Orders"),
        ("Incident Report: Pizza Factory Service Outage", "Pizza Factory Service Outage"),
    ],
)
def test_session_title(title, expected):
    from tui.core.importing.to_session import session_title

    assert session_title(parse_postmortem(f"# {title}\n## Summary\nx\n"), "fallback") == expected


def test_cli_import_prints_the_path_and_warnings(tmp_path, capsys, scribe_home):
    from tui.cli.entry import main

    source = tmp_path / "report.md"
    source.write_text(timeline("- 10:24 - down\n\nno time here", header="All times are MST."), encoding="utf-8")
    assert main(["import", str(source)]) == 0
    out, err = capsys.readouterr()
    path = Path(out.strip())
    assert path.parent == scribe_home / "sessions" and path.is_file()
    assert path.name.startswith("2025-04-08T17-00-00Z")  # the title's 10:00 MST, named in UTC
    assert f"scribe: warning: {source}:9: timeline line without a time" in err
    assert main(["import", str(source), "-o", str(path)]) == 2  # never over an existing file
    assert "already exists" in capsys.readouterr().err


@pytest.mark.parametrize("content", [None, b"", b"\x00\x01binary", b"just words, no report\n"])
def test_cli_import_of_unreadable_input_exits_2(tmp_path, capsys, content):
    from tui.cli.entry import main

    source = tmp_path / "report.md"
    if content is not None:
        source.write_bytes(content)
    assert main(["import", str(source), "-o", str(tmp_path / "out.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("scribe: ") and err.count("\n") == 1
    assert not (tmp_path / "out.jsonl").exists()


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_import_then_export_keeps_entries_prose_and_all_nine_sections(prefix, tmp_path, capsys):
    from tui.cli.entry import main

    parsed = seed(prefix)
    source = next(SEEDS.glob(f"{prefix}_*"))
    assert main(["import", str(source), "-o", str(tmp_path / "s.jsonl")]) == 0
    assert main(["export", str(tmp_path / "s.jsonl"), "--no-redact", "-o", str(tmp_path / "pm.md")]) == 0
    exported = (tmp_path / "pm.md").read_text(encoding="utf-8")
    headings = [line for line in exported.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Summary",
        "## Detection",
        "## Impact",
        "## Timeline",
        "## Response",
        "## Root cause",
        "## Resolution",
        "## Prevention",
        "## Action items",
    ]
    zone = parsed.effective_zone.tz
    for entry in parsed.entries:
        clock = entry.time.astimezone(zone).strftime("%H:%M:%S" if entry.time.second else "%H:%M")
        assert f"- _{clock}_ - {entry.text}" in exported.splitlines()
    for key, text in parsed.sections.items():
        if key != "action_items":
            assert text in exported, key
    for item in parsed.action_items:
        assert item.text in exported
    # Lines the timeline held without a time come back as entries at the time they stood by.
    again = iter([(e.time, e.text) for e in parse_postmortem(exported).entries])
    assert all(pair in again for pair in [(e.time, e.text) for e in parsed.entries])


# -- odd input never breaks the reader ---------------------------------------------------------

FRAGMENTS = [
    "# Incident: 2025-04-08 10-00-00",
    "## Timeline",
    "## Summary",
    "All times are MST.",
    "- _10:24_ - a",
    "12:00 PM b",
    "**1:5** c",
    "> - 23:59 - d",
    "```",
    "```md",
    "| 10:24 | e |",
    "|---|",
    "2025-04-09",
    "(+1 day)",
    "- 24:00 - f",
    "- 99:99 - g",
    "* • -",
    "1. x (Owner)",
    "## Action items",
    "<br>",
    "\t",
    "",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=30))
def test_any_text_parses_and_every_note_is_reported(lines):
    parsed = parse_postmortem("\n".join(lines))
    assert {note.line for note in parsed.notes} <= {line for line, _ in parsed.warnings}
    assert all(entry.time.tzinfo is not None for entry in parsed.entries)
    from imported import imported_session

    session = imported_session(parsed, now=datetime(2026, 1, 1, tzinfo=UTC))
    assert len(session.events) == len(parsed.entries) + len(parsed.notes)
