"""Sessions a hostile or unlucky hand left behind: every command reads what it can, names the bad
line, and never prints a traceback or waits forever."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tui.cli.entry import main


def new_headless(capsys, *args: str) -> Path:
    assert main(["new", *args, "--headless"]) == 0
    return Path(capsys.readouterr().out.strip().splitlines()[-1])


def plant(path: Path, *lines: str) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        for line in lines:
            handle.write(line + "\n")


def event_line(time: str, *, kind: str = "note", text: str = "planted", ident: str = "e1") -> str:
    op = {"v": 1, "id": f"op-{ident}", "at": "2025-04-08T10:30:00.000Z", "op": "event.add"}
    op["event"] = {"id": ident, "time": time, "kind": kind, "text": text}
    return json.dumps(op)


def validate(capsys, path: Path) -> str:
    """What `scribe validate` says (problems on stdout, the verdict on stderr); it must find problems."""
    assert main(["validate", str(path)]) == 1
    captured = capsys.readouterr()
    return captured.out + captured.err


NESTED = '{"v":1,"id":"n","at":"2025-04-08T10:30:00.000Z","op":"event.add","event":' + "[" * 3000 + "]" * 3000 + "}"


@pytest.mark.parametrize("version", ["null", '"1"', "1.5", "true"])
def test_a_line_with_a_bad_version_is_that_lines_problem(capsys, version):
    path = new_headless(capsys, "x")
    plant(
        path,
        f'{{"v":{version},"id":"a","at":"2025-04-08T10:30:00.000Z","op":"event.add"}}',
        event_line("2025-04-08T10:31:00.000Z"),
    )
    err = validate(capsys, path)
    assert ":2: error: format version is not a whole number" in err and "newer" not in err
    assert main(["export", str(path)]) == 0
    assert "planted" in capsys.readouterr().out


def test_a_newer_version_is_still_refused(capsys):
    path = new_headless(capsys, "x")
    plant(path, '{"v":2,"id":"a","at":"2025-04-08T10:30:00.000Z","op":"event.add"}')
    assert "newer than this Scribe" in validate(capsys, path)
    assert main(["export", str(path)]) == 2


def test_deeply_nested_line_is_a_bad_line_for_every_command(capsys, scribe_home):
    path = new_headless(capsys, "x")
    plant(path, NESTED, event_line("2025-04-08T10:31:00.000Z"))
    assert ":2: error: nested more than" in validate(capsys, path)
    for argv in (["list"], ["stats"], ["note", "after the damage"], ["export", str(path)]):
        assert main(argv) == 0, argv
    out = capsys.readouterr().out
    assert "planted" in out
    assert "after the damage" in path.read_text()


def test_unknown_zone_in_a_line_is_reported_and_the_session_opens(capsys):
    path = new_headless(capsys, "x", "--zone", "America/Denver")
    plant(path, '{"v":1,"id":"z","at":"2025-04-08T10:30:00.000Z","op":"field.set","field":"zone","value":"Mars/Base"}')
    assert ":2: error: unknown time zone 'Mars/Base'" in validate(capsys, path)
    assert main(["export", str(path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["session"]["zone"] == "America/Denver"
    assert main(["stats"]) == 0


def test_unknown_zone_in_the_header_falls_back_to_utc(capsys, scribe_home):
    path = scribe_home / "sessions" / "mars.jsonl"
    header = {"v": 1, "id": "h", "at": "2025-04-08T10:24:00.000Z", "op": "create"}
    header["session"] = {"id": "s", "title": "mars", "created": "2025-04-08T10:24:00.000Z", "zone": "Mars/Base"}
    path.parent.mkdir(parents=True, exist_ok=True)
    plant(path, json.dumps(header))
    assert ":1: warning: unknown time zone 'Mars/Base'" in validate(capsys, path)
    assert main(["export", str(path)]) == 0 and main(["stats"]) == 0


@pytest.mark.parametrize(
    ("zone", "at", "kind"),
    [
        ("Asia/Tokyo", "9999-12-31T23:59:59Z", "note"),
        ("America/Denver", "0001-01-01T00:00:00Z", "impact_started"),
        ("UTC", "-99999999h", "note"),
        ("UTC", "1969-12-31T23:59:59Z", "note"),
    ],
)
def test_out_of_range_times_are_refused_at_input(capsys, zone, at, kind):
    path = new_headless(capsys, "x", "--zone", zone)
    before = path.read_bytes()
    assert main(["note", "--session", str(path), "--at", at, "--kind", kind, "x"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "outside the times Scribe keeps" in err
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("zone", "time", "kind"),
    [
        ("Asia/Tokyo", "9999-12-31T23:59:59.000Z", "note"),
        ("America/Denver", "0001-01-01T00:00:00.000Z", "impact_started"),
    ],
)
def test_out_of_range_times_in_a_file_are_shown_and_flagged(capsys, zone, time, kind):
    path = new_headless(capsys, "x", "--zone", zone)
    plant(path, event_line(time, kind=kind))
    assert ":2: warning: the time" in validate(capsys, path)
    assert main(["export", str(path)]) == 0
    assert "planted" in capsys.readouterr().out
    assert main(["export", str(path), "--format", "json"]) == 0
    assert main(["stats"]) == 0
    from tui.core.clock.typed import LATEST
    from tui.core.replay import Player
    from tui.core.session import journal

    player = Player(journal.load(path).ops)
    player.end()
    assert player.session.events and all(event.time <= LATEST for event in player.session.events)


def test_list_and_stats_name_a_poisoned_file_and_show_the_rest(capsys, scribe_home):
    good = new_headless(capsys, "good one")
    for kind in ("detected", "resolved"):  # stats measures sessions with two milestones or more
        assert main(["note", "--session", str(good), "--kind", kind, kind]) == 0
    poisoned = scribe_home / "sessions" / "poisoned.jsonl"
    poisoned.write_bytes(b"\x00\xff not a session\n")
    assert main(["list"]) == 0
    captured = capsys.readouterr()
    assert str(good) in captured.out and "poisoned.jsonl" in captured.err
    assert main(["stats"]) == 0
    captured = capsys.readouterr()
    assert "good one" in captured.out and "poisoned.jsonl" in captured.err


@pytest.mark.parametrize("command", ["open", "export", "validate", "replay"])
def test_a_fifo_or_a_folder_is_refused_before_reading(capsys, tmp_path, command):
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.jsonl"
    folder.mkdir()
    # A read of the FIFO would block this test forever: the refusal must come before any read.
    assert main([command, str(fifo)]) == 2
    assert "not a regular file" in capsys.readouterr().err
    assert main([command, str(folder)]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_note_to_a_fifo_is_refused(capsys, tmp_path):
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    assert main(["note", "--session", str(fifo), "x"]) == 2
    assert "not a regular file" in capsys.readouterr().err


def test_a_note_over_a_megabyte_is_refused_in_one_line(capsys):
    path = new_headless(capsys, "x")
    before = path.read_bytes()
    assert main(["note", "--session", str(path), "x" * ((1 << 20) + 1)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "over the 1 MB" in err
    assert path.read_bytes() == before
    assert main(["note", "--session", str(path), "y" * (1 << 20)]) == 0  # exactly the limit is kept
