"""The hooks in the real shells: bash and zsh always (the test set-up installs them), fish where installed."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from shells import SOURCE, need, run_lines

from tui.core.config import HookConfig
from tui.core.postmortem.export import export_session
from tui.core.session import journal
from tui.core.session.folder import start_session
from tui.core.session.recorder import Recorder
from tui.core.shell.ingest import ingest
from tui.core.shell.spool import spool_dir

BIN = Path(__file__).resolve().parents[3] / ".venv" / "bin"


def _env(home: Path) -> dict[str, str]:
    scribe = Path(os.environ.get("VIRTUAL_ENV", "")) / "bin"
    folder = str(scribe if (scribe / "scribe").exists() else BIN)
    return {
        "PATH": f"{folder}:{os.environ.get('PATH', '/usr/bin:/bin')}",
        "SCRIBE_HOME": str(home),
        "HOME": str(home),
        "TERM": "dumb",
        "LANG": "C.UTF-8",
    }


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_an_attached_shell_records_its_commands_and_nothing_else(shell: str, tmp_path: Path) -> None:
    need(shell)
    session = start_session("Hooked", path=tmp_path / "sessions" / "hooked.jsonl")
    lines = [
        SOURCE[shell],
        "echo before-attach",
        f"scribe attach {session}",
        "echo hello-from-shell",
        "false",
        " echo secret-leading-space",
        'curl -s -H "Authorization: Bearer abc.def.ghi" http://127.0.0.1:9/ ; echo curl-done',
        "printf 'tab\\there\\n'",
        "scribe detach",
        "echo after-detach",
    ]
    run_lines(shell, lines, _env(tmp_path), tmp_path)

    folder = spool_dir(session)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for spool in folder.glob("*.spool"):
        assert stat.S_IMODE(spool.stat().st_mode) == 0o600
    recorder = Recorder(session)
    result = ingest(recorder, HookConfig())
    assert result.problems == []
    runs = [(event.text, event.run.status) for event in recorder.session.events if event.run is not None]
    assert runs == [
        ("echo hello-from-shell", 0),
        ("false", 1),
        ('curl -s -H "Authorization: Bearer [REDACTED]" http://127.0.0.1:9/ ; echo curl-done', 0),
        ("printf 'tab\\there\\n'", 0),
    ]
    for event in recorder.session.events:
        if event.run is not None:
            assert event.run.cwd == str(tmp_path)
            assert event.source == "shell"
    assert "abc.def.ghi" not in session.read_text()
    assert "secret-leading-space" not in session.read_text()
    # Read again (another ingester, a later command): nothing recorded twice.
    again = Recorder(session)
    assert ingest(again, HookConfig()).added == 0
    assert len(journal.load(session).session.events) == 4
    text = export_session(again.session)
    assert "Appendix: shell commands" in text and "abc.def.ghi" not in text


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_the_exit_status_and_the_time_are_the_shells(shell: str, tmp_path: Path) -> None:
    need(shell)
    session = start_session("Timed", path=tmp_path / "sessions" / "timed.jsonl")
    run_lines(shell, [SOURCE[shell], f"scribe attach {session}", "sleep 0.3; (exit 7)"], _env(tmp_path), tmp_path)
    recorder = Recorder(session)
    ingest(recorder, HookConfig())
    (event,) = [event for event in recorder.session.events if event.run is not None]
    assert event.run.status == 7
    assert 250 <= event.run.duration_ms < 5000
    assert event.time >= recorder.session.created


def test_attach_without_the_hook_says_how_to_load_it(capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli.entry import main

    assert main(["attach"]) == 2
    assert 'eval "$(scribe hook bash)"' in capsys.readouterr().err
