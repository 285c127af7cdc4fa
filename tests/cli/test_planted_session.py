"""A session file someone else planted in the sessions folder never receives your notes: only files
you own, that nobody else can write, in a folder you own, become the session in progress."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tui.cli.entry import main
from tui.core.clock.source import FakeClock
from tui.core.session import journal
from tui.core.session.folder import start_session

as_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")
OTHER_UID = 54321


def texts(path: Path) -> list[str]:
    return [event.text for event in journal.load(path).session.events]


@pytest.fixture
def mine(capsys) -> Path:
    assert main(["new", "My incident", "--headless"]) == 0
    return Path(capsys.readouterr().out.strip())


def plant(folder: Path, mode: int = 0o666) -> Path:
    """A session dated far in the future, so it sorts as the newest."""
    future = FakeClock(datetime(2099, 1, 1, tzinfo=UTC))
    path = start_session("planted", clock=future, path=folder / "2099-01-01T00-00-00Z-planted.jsonl")
    os.chmod(path, mode)
    return path


def note(capsys, text: str) -> tuple[int, str]:
    code = main(["note", text])
    return code, capsys.readouterr().err


def test_a_file_others_can_write_is_passed_over_with_one_warning(capsys, mine):
    planted = plant(mine.parent, 0o666)
    code, err = note(capsys, "prod db password is hunter2")
    assert code == 0
    assert texts(mine) == ["prod db password is hunter2"] and texts(planted) == []
    warnings = [line for line in err.splitlines() if line.startswith("scribe: warning:")]
    assert len(warnings) == 1 and f"ignoring {planted}: others can write to it" in warnings[0]
    assert err.splitlines()[-1].startswith(f"scribe: noted in {mine} ")


@as_root
def test_a_file_owned_by_another_user_is_passed_over(capsys, mine):
    planted = plant(mine.parent, 0o600)
    os.chown(planted, OTHER_UID, OTHER_UID)
    code, err = note(capsys, "secret note")
    assert code == 0 and texts(mine) == ["secret note"] and texts(planted) == []
    assert "it belongs to another user" in err


@as_root
def test_in_a_folder_you_do_not_own_the_note_goes_nowhere(capsys, mine):
    folder = mine.parent
    os.chown(folder, OTHER_UID, OTHER_UID)
    os.chmod(folder, 0o777)
    code, err = note(capsys, "secret note")
    assert code == 2 and texts(mine) == []
    lines = err.splitlines()
    assert len(lines) == 2  # the warning, then the error saying there is no session to add to
    assert "its folder belongs to another user" in lines[0] and "no unresolved session" in lines[1]


def test_a_symlink_to_a_session_elsewhere_is_passed_over(capsys, mine, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    target = plant(elsewhere, 0o600)
    link = mine.parent / "2099-01-01T00-00-00Z-link.jsonl"
    link.symlink_to(target)
    code, err = note(capsys, "secret note")
    assert code == 0 and texts(mine) == ["secret note"] and texts(target) == []
    assert "symbolic link" in err


def test_your_own_private_sessions_take_notes_without_a_word(capsys, mine):
    other = mine.parent / "copy.jsonl"
    shutil.copy(mine, other)
    os.chmod(other, 0o600)
    code, err = note(capsys, "fine")
    # Nothing but the line saying which of your sessions took it.
    assert code == 0 and len(err.splitlines()) == 1 and err.startswith("scribe: noted in ")
