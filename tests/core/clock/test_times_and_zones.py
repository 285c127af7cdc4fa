"""Times and zones as people type them, and the durations derived from milestones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tui.core.clock.typed import parse_when, split_backfill, split_leading_time
from tui.core.clock.zones import parse_zone
from tui.core.errors import ScribeError
from tui.core.metrics import compute, format_duration

NOW = datetime(2025, 4, 8, 10, 40, tzinfo=UTC)
UTC = UTC


@pytest.mark.parametrize(
    "text,name,offset_hours",
    [
        ("GMT", "GMT", 0),
        ("utc", "UTC", 0),
        ("MST", "MST", -7),
        ("MDT", "MDT", -6),
        ("UTC-6", "UTC-6", -6),
        ("+05:30", "UTC+05:30", 5.5),
        ("GMT+1", "GMT+1", 1),
    ],
)
def test_zone_names_as_reports_write_them(text, name, offset_hours):
    zone = parse_zone(text)
    assert zone.name == name
    assert zone.tz.utcoffset(NOW) == timedelta(hours=offset_hours)


def test_iana_zone_follows_daylight_saving():
    denver = parse_zone("America/Denver").tz
    assert denver.utcoffset(datetime(2025, 1, 8)) == timedelta(hours=-7)
    assert denver.utcoffset(datetime(2025, 7, 8)) == timedelta(hours=-6)


@pytest.mark.parametrize("bad", ["", "Mars/Olympus", "UTC+99"])
def test_unknown_zone_is_a_user_error(bad):
    with pytest.raises(ScribeError):
        parse_zone(bad)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("10:24", datetime(2025, 4, 8, 10, 24, tzinfo=UTC)),
        ("10:24:30", datetime(2025, 4, 8, 10, 24, 30, tzinfo=UTC)),
        ("10:24pm", datetime(2025, 4, 7, 22, 24, tzinfo=UTC)),  # later than now: yesterday
        ("-5m", NOW - timedelta(minutes=5)),
        ("-1h30m", NOW - timedelta(minutes=90)),
        ("2025-04-08T10:00:00Z", datetime(2025, 4, 8, 10, 0, tzinfo=UTC)),
    ],
)
def test_parse_when(text, expected):
    assert parse_when(text, parse_zone("GMT"), NOW) == expected


def test_clock_times_are_in_the_sessions_zone():
    assert parse_when("3:40", parse_zone("MST"), NOW) == datetime(2025, 4, 8, 10, 40, tzinfo=UTC)


@pytest.mark.parametrize("bad", ["25:00", "soon", "13:00pm", "10:61"])
def test_unreadable_times_are_user_errors(bad):
    with pytest.raises(ScribeError):
        parse_when(bad, parse_zone("UTC"), NOW)


def test_back_dating_takes_a_leading_time_only():
    zone = parse_zone("GMT")
    assert split_leading_time("10:24 factory went down", zone, NOW) == (
        datetime(2025, 4, 8, 10, 24, tzinfo=UTC),
        "factory went down",
    )
    assert split_leading_time("-5m - alert fired", zone, NOW) == (NOW - timedelta(minutes=5), "alert fired")
    assert split_leading_time("restarted at 10:24", zone, NOW) == (None, "restarted at 10:24")
    assert split_leading_time("99:99 nonsense", zone, NOW) == (None, "99:99 nonsense")
    assert split_leading_time("10:24", zone, NOW) == (None, "10:24")


def test_backfill_needs_every_line_timed():
    zone = parse_zone("GMT")
    pasted = "10:24 connection lost\n- 10:26 alert fired\n10:28:05 acknowledged"
    assert [text for _, text in split_backfill(pasted, zone, NOW)] == ["connection lost", "alert fired", "acknowledged"]
    assert split_backfill("10:24 a\nno time here", zone, NOW) is None
    assert split_backfill("10:24 just one", zone, NOW) is None


def test_metrics_from_milestones():
    t = datetime(2025, 4, 8, 10, 24, tzinfo=UTC)
    m = compute(
        {
            "impact_started": t,
            "detected": t + timedelta(minutes=2),
            "acknowledged": t + timedelta(minutes=4),
            "mitigated": t + timedelta(minutes=20),
            "resolved": t + timedelta(minutes=21),
        }
    )
    assert m.time_to_detect == timedelta(minutes=2)
    assert m.time_to_acknowledge == timedelta(minutes=2)
    assert m.time_to_mitigate == timedelta(minutes=20)
    assert m.time_to_resolve == timedelta(minutes=21)
    assert m.impact_duration == timedelta(minutes=20)


def test_metrics_never_guess():
    t = datetime(2025, 4, 8, 10, 24, tzinfo=UTC)
    m = compute({"detected": t, "resolved": t + timedelta(minutes=19)})
    assert m.time_to_detect is None and m.impact_duration is None
    assert m.time_to_resolve == timedelta(minutes=19)


@pytest.mark.parametrize(
    "seconds,text",
    [(None, "—"), (45, "45s"), (19 * 60, "19m"), (125, "2m 05s"), (3900, "1h 05m"), (-120, "-2m"), (90000, "1d 1h")],
)
def test_format_duration(seconds, text):
    assert format_duration(None if seconds is None else timedelta(seconds=seconds)) == text
