"""A disk that refuses writes: a warning that stays, retries, and no quitting silently with unsaved changes."""

from __future__ import annotations

import errno
import stat

import pytest
from textual.widgets import Button, Input, Static
from waiting import wait_until

from tui.app.dialogs.unsaved import UnsavedQuitScreen, describe
from tui.core.session import journal

pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")

FAULTS = [
    (errno.ENOSPC, "No space left on device"),
    (errno.EFBIG, "File too large"),
    (errno.EACCES, "Permission denied"),
    (errno.EIO, "Input/output error"),
]


@pytest.fixture(autouse=True)
def own_temporary_folder(monkeypatch, tmp_path):
    """The copy is suggested in the temporary folder: one of this test's own, so a copy left there by
    anything else (another run, another program) cannot change the name suggested."""
    import tempfile

    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)


class Disk:
    """journal.append with a switch: refusing with one errno, or writing for real."""

    def __init__(self, monkeypatch, code: int = errno.ENOSPC, reason: str = "No space left on device") -> None:
        self.real = journal.append
        self.refusing = True
        self.code, self.reason = code, reason
        monkeypatch.setattr(journal, "append", self.append)

    def append(self, path, op) -> None:
        if self.refusing:
            raise OSError(self.code, self.reason)
        self.real(path, op)


async def settled(pilot, button: str) -> None:
    """A button ignores presses while it still shows the last one (a fifth of a second)."""
    assert await wait_until(pilot, lambda: not pilot.app.screen.query_one(button, Button).has_class("-active"))


def texts(path) -> list[str]:
    return [e.text for e in journal.load(path).session.events]


@pytest.mark.parametrize("code,reason", FAULTS)
def test_the_warning_words_each_refusal_the_way_the_system_does(code, reason):
    assert describe(3, OSError(code, reason)) == f"3 changes not saved: {reason}"
    assert describe(1, OSError(code, reason)) == f"1 change not saved: {reason}"


async def test_the_warning_names_how_many_changes_and_why_and_stays(keys, make_app, monkeypatch):
    app = make_app()
    async with app.run_test() as pilot:
        Disk(monkeypatch, errno.EFBIG, "File too large")
        await keys(pilot, "n", *"first", "enter", "n", *"second", "enter", "n", *"third", "enter")
        warning = app.screen.query_one("#unsaved", Static)
        assert warning.display
        assert "3 changes not saved: File too large" in str(warning.render())
        assert "retrying" in str(warning.render())
        await pilot.pause(0.6)  # a retry that fails again leaves the warning up
        assert warning.display


async def test_q_with_unsaved_changes_asks_and_retry_quits_once_the_disk_takes_them(
    keys, make_app, session_path, monkeypatch
):
    app = make_app()
    async with app.run_test() as pilot:
        disk = Disk(monkeypatch)
        await keys(pilot, "n", *"kept", "enter")
        await keys(pilot, "q")
        assert isinstance(app.screen, UnsavedQuitScreen)
        assert app.is_running
        await pilot.press("enter")  # Retry has the focus
        assert isinstance(app.screen, UnsavedQuitScreen)
        assert "Still not saved" in str(app.screen.query_one("#unsaved-problem", Static).render())
        await settled(pilot, "#unsaved-retry")
        disk.refusing = False
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 0
    assert texts(session_path) == ["kept"]


async def test_ctrl_q_while_typing_also_asks_and_escape_goes_back(keys, make_app, monkeypatch):
    app = make_app()
    async with app.run_test() as pilot:
        Disk(monkeypatch)
        await keys(pilot, "n", *"lost?", "enter", "n", *"half")
        await pilot.press("ctrl+q")
        await pilot.press("y")  # first the unsent "half" (see test_draft_kept), then the unsaved changes
        assert isinstance(app.screen, UnsavedQuitScreen)
        await pilot.press("ctrl+q")  # a second Ctrl+Q does not stack another dialog or quit
        assert len([s for s in app.screen_stack if isinstance(s, UnsavedQuitScreen)]) == 1
        await pilot.press("escape")
        assert not isinstance(app.screen, UnsavedQuitScreen)
        assert app.is_running
        assert app.screen.query_one("#entry-input", Input).value == "half"


async def test_write_copy_saves_the_whole_session_elsewhere_then_quits(
    keys, make_app, session_path, monkeypatch, tmp_path
):
    app = make_app()
    before = session_path.read_bytes()
    copy = tmp_path / "usb" / "rescued.jsonl"
    async with app.run_test() as pilot:
        await keys(pilot, "n", *"saved", "enter")
        Disk(monkeypatch)
        await keys(pilot, "n", *"only in memory", "enter", "d", "enter")
        await keys(pilot, "q")
        screen = app.screen
        assert isinstance(screen, UnsavedQuitScreen)
        assert "2 changes not saved" in str(screen.query_one("#unsaved-summary", Static).render())
        path_input = screen.query_one("#unsaved-path", Input)
        assert path_input.value.endswith(".unsaved.jsonl")
        path_input.value = str(copy)
        await pilot.click("#unsaved-copy")
        await pilot.pause()
    assert app.return_code == 0
    assert [e.text for e in journal.load(copy).session.events] == ["saved", "only in memory", "Detected"]
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert texts(session_path) == ["saved"]
    assert session_path.read_bytes().startswith(before)


async def test_a_copy_that_cannot_be_written_says_why_and_stays(keys, make_app, monkeypatch, tmp_path):
    taken = tmp_path / "taken.jsonl"
    taken.write_text("someone else's")
    app = make_app()
    async with app.run_test() as pilot:
        Disk(monkeypatch)
        await keys(pilot, "n", *"x", "enter", "q")
        await wait_until(pilot, lambda: isinstance(app.screen, UnsavedQuitScreen))
        app.screen.query_one("#unsaved-path", Input).value = str(taken)
        await pilot.click("#unsaved-copy")

        def problem() -> str:
            return str(app.screen.query_one("#unsaved-problem", Static).render())

        await wait_until(pilot, lambda: "already exists" in problem())
        assert isinstance(app.screen, UnsavedQuitScreen) and app.is_running
    assert taken.read_text() == "someone else's"


async def test_quit_without_saving_needs_a_second_press(keys, make_app, monkeypatch):
    app = make_app()
    async with app.run_test() as pilot:
        Disk(monkeypatch)
        await keys(pilot, "n", *"x", "enter", "q")
        await pilot.click("#unsaved-quit")
        assert app.is_running and isinstance(app.screen, UnsavedQuitScreen)
        assert "lose 1 change" in str(app.screen.query_one("#unsaved-quit", Button).label)
        await settled(pilot, "#unsaved-quit")
        await pilot.click("#unsaved-quit")
        await wait_until(pilot, lambda: not app.is_running)
    assert app.return_code == 1


async def test_the_disk_recovering_while_asked_finishes_the_quit(keys, make_app, session_path, monkeypatch):
    app = make_app()
    async with app.run_test() as pilot:
        disk = Disk(monkeypatch)
        await keys(pilot, "n", *"late but saved", "enter", "q")
        assert isinstance(app.screen, UnsavedQuitScreen)
        disk.refusing = False
        assert await wait_until(pilot, lambda: not app.is_running)
    assert texts(session_path) == ["late but saved"]


async def test_q_with_everything_saved_just_quits(keys, make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await keys(pilot, "n", *"fine", "enter", "q")
        await pilot.pause()
        assert not app.is_running
