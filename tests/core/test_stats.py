"""`scribe stats`: one row per incident, median and 90th percentile, unreadable files warned about."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from testdata import SAMPLES

from tui import cli
from tui.core import stats
from tui.core.session import journal
from tui.core.session import operations as ops

T0 = datetime(2025, 4, 8, 10, 24, tzinfo=UTC)


def minutes(*values: float) -> list[timedelta]:
    return [timedelta(minutes=v) for v in values]


def test_percentiles_interpolate_between_ranks():
    values = minutes(13, 5, 20, 2.6, 41)
    assert stats.percentile(values, 0.5) == timedelta(minutes=13)
    assert stats.percentile(values, 0.9) == timedelta(minutes=32.6)
    assert stats.percentile(minutes(7), 0.9) == timedelta(minutes=7)
    assert stats.percentile([], 0.5) is None


def test_sample_sessions_give_five_rows_in_date_order():
    table = stats.collect([SAMPLES])
    assert table.warnings == []
    assert [row.date for row in table.rows] == ["2024-12-04", "2025-04-07", "2025-04-08", "2025-04-09", "2025-12-02"]
    seed_000 = table.rows[2]
    assert seed_000.values["time_to_detect"] == timedelta(minutes=2)
    assert seed_000.values["time_to_acknowledge"] == timedelta(minutes=2)
    assert seed_000.values["time_to_resolve"] == timedelta(minutes=21)
    # No mitigation milestone in that incident: left empty, and out of the summary rows.
    assert table.rows[4].values["time_to_mitigate"] is None
    assert len(table.column("time_to_mitigate")) == 4


def test_scribe_stats_prints_the_table(capsys):
    assert cli.main(["stats", str(SAMPLES)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["DATE", "TITLE", "IMPACT"]
    rows = [line for line in out if line[:4].isdigit()]
    assert len(rows) == 5
    median = next(line for line in out if line.startswith("MEDIAN"))
    p90 = next(line for line in out if line.startswith("P90"))
    assert median.split()[-5:] == ["13m", "2m", "1m", "9m", "13m"]
    assert p90.split()[1:4] == ["of", "5", "incidents"]


def test_unreadable_files_are_one_warning_each(tmp_path, capsys):
    (tmp_path / "garbage.jsonl").write_text("not json\n")
    (tmp_path / "empty.jsonl").write_text("")
    sample = next(SAMPLES.glob("*.jsonl"))
    assert cli.main(["stats", str(tmp_path), str(sample), str(tmp_path / "missing.jsonl")]) == 0
    out, err = capsys.readouterr()
    assert len(err.strip().splitlines()) == 3 and all(line.startswith("scribe: warning:") for line in err.splitlines())
    assert sum(1 for line in out.splitlines() if line[:4].isdigit()) == 1


def test_no_arguments_reads_the_sessions_folder(capsys, scribe_home):
    assert cli.main(["stats"]) == 0
    assert "no sessions" in capsys.readouterr().err
    assert cli.main(["stats", str(scribe_home / "nowhere")]) == 2


def session_with(tmp_path, name: str, *milestones: tuple[str, datetime]) -> None:
    written = [ops.create_op(T0, title=name, zone="UTC")]
    written += [ops.add_event_op(T0, time=moment, kind=kind, text=kind) for kind, moment in milestones]
    journal.create(tmp_path / f"{name}.jsonl", written[0])
    journal.append_many(tmp_path / f"{name}.jsonl", written[1:])


def test_a_row_and_the_median_of_that_one_row_read_the_same(tmp_path, capsys):
    # 10m 49.6s: the row used to be cut to 10m 49s and the median rounded to 10m 50s.
    session_with(tmp_path, "one", ("impact_started", T0), ("resolved", T0 + timedelta(minutes=10, seconds=49.6)))
    assert cli.main(["stats", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    row = next(line for line in lines if line[:4].isdigit())
    median = next(line for line in lines if line.startswith("MEDIAN"))
    assert row.split()[-2:] == ["10m", "49s"] and median.split()[-2:] == ["10m", "49s"]


def test_sessions_with_nothing_to_measure_are_not_counted_as_incidents(tmp_path, capsys):
    session_with(tmp_path, "empty")
    session_with(tmp_path, "detected-only", ("detected", T0))
    session_with(tmp_path, "real", ("impact_started", T0), ("detected", T0 + timedelta(minutes=2)))
    assert cli.main(["stats", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert [line.split()[1] for line in out.splitlines() if line[:4].isdigit()] == ["real"]
    assert "of 1 incident" in out and "of 1 incidents" not in out
    assert err == "scribe: 2 sessions left out: fewer than two milestones stamped\n"


def test_the_help_names_the_columns_the_table_shows(capsys):
    with pytest.raises(SystemExit):
        cli.main(["stats", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    for _, heading in stats.COLUMNS:
        assert heading in help_text, heading
