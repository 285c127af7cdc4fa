"""Broken session files: what can be read is loaded, bad lines are named, and the file is never rewritten."""

from __future__ import annotations

import stat

import pytest

from tui.cli import sessions as cli_sessions
from tui.cli.entry import main
from tui.core.errors import NotASessionError
from tui.core.session import journal
from tui.core.session import operations as ops
from tui.core.session.folder import start_session


@pytest.fixture
def good(clock):
    """A session with two notes and a milestone: lines 1 to 4."""
    path = start_session("chaos", clock=clock)
    for text in ("first", "second"):
        journal.append(path, ops.add_event_op(clock.now(), time=clock.now(), text=text))
    journal.append(path, ops.add_event_op(clock.now(), time=clock.now(), kind="detected", text="Detected"))
    return path


def texts(path) -> list[str]:
    return [e.text for e in journal.load(path).session.events]


def every_reader(path, monkeypatch, capsys) -> list[str]:
    """Load, validate, export and open the file the ways Scribe can; returns what validate printed."""
    journal.load(path)
    main(["validate", str(path)])
    validated = capsys.readouterr().out
    assert main(["export", str(path)]) == 0
    opened = []
    monkeypatch.setattr(cli_sessions, "launch_app", lambda file, *rest: opened.append(file) or 0)
    assert main(["open", str(path)]) == 0 and opened == [path]
    capsys.readouterr()
    return validated.splitlines()


@pytest.mark.parametrize(
    "garbage",
    [
        b"not json at all\n",
        b'{"op": "mystery", "v": 1}\n',
        b'["a", "list"]\n',
        b"\x00\x01\xff\xfe\x89PNG\r\n",
        b'{"v":1,"op":"add_event","id":"half\n',
    ],
)
def test_garbage_mid_file_keeps_the_operations_on_both_sides(good, garbage, monkeypatch, capsys):
    lines = good.read_bytes().splitlines(keepends=True)
    broken = b"".join(lines[:2]) + garbage + b"".join(lines[2:])
    good.write_bytes(broken)
    loaded = journal.load(good)
    assert [e.text for e in loaded.session.events] == ["first", "second", "Detected"]
    assert [p.line for p in loaded.problems][:1] == [3]
    validated = every_reader(good, monkeypatch, capsys)
    assert any(line.startswith(f"{good}:3: error:") for line in validated)
    assert good.read_bytes() == broken


@pytest.mark.parametrize("cut", [2, 7, 25])
def test_a_truncated_file_loads_every_complete_operation(good, cut, monkeypatch, capsys):
    whole = good.read_bytes()
    truncated = whole[:-cut]
    good.write_bytes(truncated)
    loaded = journal.load(good)
    assert [e.text for e in loaded.session.events] == ["first", "second"]
    assert [(p.line, p.level) for p in loaded.problems] == [(4, "warning")]
    every_reader(good, monkeypatch, capsys)
    assert good.read_bytes() == truncated


def test_a_note_after_a_torn_line_starts_a_new_line_and_keeps_the_torn_one(good, capsys):
    torn = good.read_bytes()[:-10]
    good.write_bytes(torn)
    assert main(["note", "--session", str(good), "after the crash"]) == 0
    assert good.read_bytes().startswith(torn + b"\n")
    assert texts(good) == ["first", "second", "after the crash"]


@pytest.mark.parametrize(
    "content,wording",
    [
        (b"", "empty file"),
        (b"# Postmortem\n\nJust some markdown.\n", "not a Scribe session"),
        (b'{"format": "scribe-session", "version": 1}\n', "not a Scribe session"),
        (bytes(range(256)) * 8, "not a Scribe session"),
    ],
)
def test_a_file_that_is_no_session_is_one_line_and_exit_2(tmp_path, content, wording, capsys):
    path = tmp_path / "odd.jsonl"
    path.write_bytes(content)
    with pytest.raises(NotASessionError, match=wording):
        journal.load(path)
    for command in (["open", str(path)], ["export", str(path)], ["note", "--session", str(path), "x"]):
        assert main(command) == 2, command
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and wording in err and "Traceback" not in err
    assert main(["validate", str(path)]) == 1
    assert path.read_bytes() == content


def test_session_files_are_private_whoever_creates_them(tmp_path, capsys, scribe_home):
    assert main(["new", "private", "--headless"]) == 0
    made = capsys.readouterr().out.strip()
    folder = scribe_home / "sessions"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert main(["note", "a secret token", "--session", made]) == 0
    assert stat.S_IMODE((folder / made).stat().st_mode) == 0o600
    postmortem = tmp_path / "pm.md"
    postmortem.write_text("# Incident 2025-04-08: pizza\n\n## Timeline\n\n- 10:24 orders failing\n")
    out = tmp_path / "new-folder" / "imported.jsonl"
    assert main(["import", str(postmortem), "-o", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert stat.S_IMODE(out.parent.stat().st_mode) == 0o700


def test_a_last_line_missing_only_its_newline_is_read_anyway(good):
    good.write_bytes(good.read_bytes()[:-1])
    loaded = journal.load(good)
    assert [e.text for e in loaded.session.events] == ["first", "second", "Detected"]
    assert [(p.line, p.level) for p in loaded.problems] == [(4, "warning")]
