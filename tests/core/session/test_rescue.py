"""Writing a session elsewhere when its own file refuses writes: complete, private, never over a file."""

from __future__ import annotations

import errno
import stat
from pathlib import Path

import pytest

from tui.core.errors import ScribeError
from tui.core.session import journal, rescue
from tui.core.session.folder import start_session
from tui.core.session.recorder import Recorder


def _stuck_recorder(clock, monkeypatch, *texts):
    """A recorder whose disk took "saved" and then refused the given notes."""
    path = start_session("rescue me", clock=clock)
    recorder = Recorder(path, clock=clock)
    recorder.add_event("saved")

    def full_disk(p, op):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(journal, "append", full_disk)
    for text in texts:
        recorder.add_event(text)
    return path, recorder


def test_copy_holds_the_saved_file_and_every_pending_change(clock, monkeypatch, tmp_path):
    path, recorder = _stuck_recorder(clock, monkeypatch, "lost one", "lost two")
    before = path.read_bytes()
    dest = rescue.write_copy(tmp_path / "elsewhere" / "copy.jsonl", path, recorder.pending, recorder.ops)
    copied = journal.load(dest)
    assert [e.text for e in copied.session.events] == ["saved", "lost one", "lost two"]
    assert copied.problems == []
    assert dest.read_bytes().startswith(before)
    assert path.read_bytes() == before  # the original is never touched
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600


def test_copy_keeps_unreadable_lines_of_the_original_and_starts_after_a_torn_line(clock, monkeypatch, tmp_path):
    path, recorder = _stuck_recorder(clock, monkeypatch, "pending")
    with open(path, "ab") as handle:
        handle.write(b'{"torn')
    dest = rescue.write_copy(tmp_path / "copy.jsonl", path, recorder.pending, recorder.ops)
    assert b'{"torn\n' in dest.read_bytes()
    assert [e.text for e in journal.load(dest).session.events] == ["saved", "pending"]


def test_copy_from_memory_when_the_original_cannot_be_read(clock, monkeypatch, tmp_path):
    path, recorder = _stuck_recorder(clock, monkeypatch, "pending")
    path.unlink()
    dest = rescue.write_copy(tmp_path / "copy.jsonl", path, recorder.pending, recorder.ops)
    assert [e.text for e in journal.load(dest).session.events] == ["saved", "pending"]


def test_an_existing_file_is_never_overwritten(clock, monkeypatch, tmp_path):
    path, recorder = _stuck_recorder(clock, monkeypatch, "pending")
    taken = tmp_path / "taken.jsonl"
    taken.write_text("mine")
    with pytest.raises(ScribeError, match="already exists"):
        rescue.write_copy(taken, path, recorder.pending, recorder.ops)
    assert taken.read_text() == "mine"


def test_a_failed_write_leaves_no_half_copy(clock, monkeypatch, tmp_path):
    path, recorder = _stuck_recorder(clock, monkeypatch, "pending")

    def eio(fd, data):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(rescue.os, "write", eio)
    with pytest.raises(ScribeError, match="Input/output error"):
        rescue.write_copy(tmp_path / "copy.jsonl", path, recorder.pending, recorder.ops)
    assert not (tmp_path / "copy.jsonl").exists()


def test_an_unwritable_folder_is_one_line(clock, monkeypatch, tmp_path):
    path, recorder = _stuck_recorder(clock, monkeypatch, "pending")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    if rescue.os.geteuid() == 0:  # root writes anywhere: the refusal a user meets is made by hand
        real_open = rescue.os.open

        def refuse(where, *args, **kwargs):
            if Path(where).parent == locked:
                raise PermissionError(errno.EACCES, "Permission denied", str(where))
            return real_open(where, *args, **kwargs)

        monkeypatch.setattr(rescue.os, "open", refuse)
    try:
        with pytest.raises(ScribeError, match="Permission denied"):
            rescue.write_copy(locked / "copy.jsonl", path, recorder.pending, recorder.ops)
    finally:
        locked.chmod(0o700)


def test_suggested_path_is_free(tmp_path):
    first = rescue.suggest_path("x/2025-04-08-pizza.jsonl", tmp_path)
    assert first == tmp_path / "2025-04-08-pizza.unsaved.jsonl"
    first.write_text("taken")
    assert rescue.suggest_path("x/2025-04-08-pizza.jsonl", tmp_path).name == "2025-04-08-pizza.unsaved-2.jsonl"


def test_save_before_exit_retries_then_copies_what_the_disk_refused(clock, monkeypatch, tmp_path):
    import errno

    from tui.core.session import journal
    from tui.core.session.folder import start_session
    from tui.core.session.recorder import Recorder
    from tui.core.session.rescue import save_before_exit

    path = start_session("t", clock=clock)
    recorder = Recorder(path, clock=clock)
    assert save_before_exit(recorder) is None
    real_append = journal.append

    def refuse(p, op):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(journal, "append", refuse)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    recorder.add_event("only in memory")
    message = save_before_exit(recorder)
    assert message and "1 changes not saved" in message
    copy = next(tmp_path.glob("*.unsaved.jsonl"))
    assert [e.text for e in journal.load(copy).session.events] == ["only in memory"]
    monkeypatch.setattr(journal, "append", real_append)
    assert save_before_exit(recorder) is None
    assert [e.text for e in journal.load(path).session.events] == ["only in memory"]
