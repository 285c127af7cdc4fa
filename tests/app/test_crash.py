"""An unexpected exception in the app: no traceback with local variables, a rescue copy of what the
disk refused, a private crash report with secrets masked, two lines and exit code 1."""

from __future__ import annotations

import asyncio
import errno
import gc
import io
import signal
import stat
import tempfile

import pytest

from tui.app.crash import TEST_FAULT_VARIABLE, CrashGuard
from tui.core.crash_report import crashes_dir
from tui.core.session import journal

TOKEN = "ghp_L0calVar1ableT0kenThatMustNotLeak0042"


def report(home) -> str:
    (path,) = crashes_dir().iterdir()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    return path.read_text(encoding="utf-8")


async def test_the_test_only_fault_ends_in_two_lines_a_private_report_without_the_key_and_exit_1(
    make_app, home, monkeypatch
):
    monkeypatch.setenv(TEST_FAULT_VARIABLE, "crash")
    app = make_app()
    guard = CrashGuard(app)
    async with app.run_test() as pilot:
        await pilot.pause()
    assert guard.error is not None and app.return_code == 1
    out = io.StringIO()
    assert guard.finish(out) == 1
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 and "every change is saved" in lines[0] and "crash report" in lines[1]
    text = report(home)
    assert "PlantedFault" in text and "/api/support/[REDACTED]/report/[REDACTED]" in text
    assert "k3yK3yK3yTestOnly" not in text and "f1xTestOnly" not in text
    assert not app._exit_renderables  # Textual's own traceback (with locals) was never rendered


async def test_a_crash_with_changes_the_disk_refused_writes_a_rescue_copy(make_app, home, keys, monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the rescue copy goes
    app = make_app()
    guard = CrashGuard(app)

    def full_disk(path, op):
        raise OSError(errno.ENOSPC, "No space left on device")

    def fault() -> None:
        bearer = f"Authorization: Bearer {TOKEN}"  # a local variable a locals dump would print
        raise ValueError(f"unexpected while sending {bearer}")

    disk = monkeypatch.context()
    async with app.run_test() as pilot:
        disk.__enter__().setattr(journal, "append", full_disk)
        await keys(pilot, "n", *"PGPASSWORD=hunter2 on replica", "enter")
        assert app.recorder.unsaved == 1
        app.call_later(fault)
        for _ in range(200):  # until the app has stopped on it; no time is asserted
            if guard.error is not None:
                break
            await asyncio.sleep(0.05)
    out = io.StringIO()
    assert guard.finish(out) == 1  # the disk still refuses: the retry fails, the copy goes elsewhere
    disk.__exit__(None, None, None)
    first, second = out.getvalue().splitlines()
    assert "ValueError" in first and "1 changes not saved" in first and "the whole session is in" in first
    copy = first.rsplit(" ", 1)[-1]
    assert copy.startswith(str(tmp_path))
    assert [e.text for e in journal.load(copy).session.events] == ["PGPASSWORD=hunter2 on replica"]
    text = report(home)
    assert TOKEN not in text
    assert "hunter2" not in text
    assert "Bearer [REDACTED]" in text
    assert "bearer = " not in text.replace('bearer = f"Authorization', "")  # the source line, not a locals dump


def headless(monkeypatch, app_class) -> None:
    """App.run as in a terminal, but headless: the command's own code path, end to end."""
    original = app_class.run
    monkeypatch.setattr(app_class, "run", lambda app, **kwargs: original(app, headless=True, size=(120, 40)))


@pytest.fixture
def own_signal_handlers():
    """run_app installs SIGTERM and SIGHUP handlers and freezes the collector; the test process
    gets its own state back after."""
    saved = {signum: signal.getsignal(signum) for signum in (signal.SIGTERM, signal.SIGHUP)}
    yield
    for signum, handler in saved.items():
        signal.signal(signum, handler)
    gc.unfreeze()


def test_run_app_and_run_replay_end_in_two_lines_a_report_and_exit_1(
    home, session_path, monkeypatch, capsys, own_signal_handlers
):
    from tui.app import run_app
    from tui.app.app import ScribeApp
    from tui.app.replay_app import ReplayApp, run_replay

    monkeypatch.setenv(TEST_FAULT_VARIABLE, "crash")
    headless(monkeypatch, ScribeApp)
    headless(monkeypatch, ReplayApp)
    assert run_app(session_path) == 1
    first, second = capsys.readouterr().err.splitlines()
    assert "PlantedFault" in first and "every change is saved" in first and "crash report" in second
    assert "k3yK3yK3yTestOnly" not in report(home) and "Traceback" not in first + second
    for path in crashes_dir().iterdir():
        path.unlink()
    assert run_replay(session_path) == 1
    first, second = capsys.readouterr().err.splitlines()
    assert "nothing was changed" in first and "crash report" in second
    assert "k3yK3yK3yTestOnly" not in report(home)
