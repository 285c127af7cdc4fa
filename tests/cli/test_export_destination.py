"""`scribe export -o`: never over a session, never through a symlink or into a device, always whole,
and private when unredacted; replacing an earlier export stays one command."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tui.cli.entry import main
from tui.core.errors import ScribeError
from tui.core.postmortem.files import write_export


@pytest.fixture
def session(capsys) -> Path:
    assert main(["new", "Pizza", "--headless"]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert main(["note", "--session", str(path), "PGPASSWORD=hunter2 for the replica"]) == 0
    capsys.readouterr()  # the note says where it went
    return path


def refused(capsys, *args: str) -> str:
    assert main(["export", *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("scribe: ")
    return err


def test_onto_the_session_itself_or_another_session_is_refused_and_both_stay_intact(capsys, session, tmp_path):
    before = session.read_bytes()
    assert "session being exported" in refused(capsys, str(session), "-o", str(session))
    other = tmp_path / "other.jsonl"
    other.write_bytes(before)
    assert "holds a Scribe session" in refused(capsys, str(session), "-o", str(other), "--format", "json")
    linked = tmp_path / "hard.md"
    os.link(session, linked)  # the same file under another name
    assert "session being exported" in refused(capsys, str(session), "-o", str(linked))
    assert session.read_bytes() == before == other.read_bytes()


def test_onto_a_symlink_is_refused_and_neither_the_link_nor_its_target_changes(capsys, session, tmp_path):
    target = tmp_path / "dotfile"
    target.write_text("precious\n")
    link = tmp_path / "postmortem.md"
    link.symlink_to(target)
    assert "symbolic link" in refused(capsys, str(session), "-o", str(link))
    assert link.is_symlink() and target.read_text() == "precious\n"
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "would-be-created")
    assert "symbolic link" in refused(capsys, str(session), "-o", str(dangling))
    assert not (tmp_path / "would-be-created").exists()


def test_onto_a_folder_or_a_fifo_is_refused(capsys, session, tmp_path):
    assert "not a regular file" in refused(capsys, str(session), "-o", str(tmp_path))
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert "not a regular file" in refused(capsys, str(session), "-o", str(fifo))


def test_an_earlier_export_is_replaced_whole_and_unredacted_ones_are_private(capsys, session, tmp_path):
    out = tmp_path / "postmortem.md"
    out.write_text("an earlier export\n")
    assert main(["export", str(session), "-o", str(out)]) == 0
    assert "PGPASSWORD=[REDACTED]" in out.read_text() and stat.S_IMODE(out.stat().st_mode) == 0o644
    assert main(["export", str(session), "-o", str(out), "--no-redact"]) == 0
    assert "hunter2" in out.read_text() and stat.S_IMODE(out.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no scratch left
    assert capsys.readouterr().err.splitlines() == [f"scribe: wrote {out}"] * 2


def test_a_write_that_fails_leaves_the_earlier_export_and_no_scratch_file(tmp_path, monkeypatch):
    out = tmp_path / "postmortem.md"
    out.write_text("earlier\n")

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        write_export(out, "new text")
    assert out.read_text() == "earlier\n" and [p.name for p in tmp_path.iterdir()] == ["postmortem.md"]


def test_the_check_is_a_user_error():
    with pytest.raises(ScribeError):
        write_export(Path("/"), "x")
