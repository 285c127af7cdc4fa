"""Spool lines into command events: parsing, skipping, bounds, redaction, idempotency, the export."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.config import ConfigError, HookConfig, load_config
from tui.core.postmortem.export import export_session
from tui.core.session import journal
from tui.core.session.folder import start_session
from tui.core.session.operations import keep_command_op
from tui.core.session.recorder import Recorder
from tui.core.shell.ingest import CUT_MARK, ingest
from tui.core.shell.spool import SpoolLineError, create_spool, parse_line


def _line(command: str, status: int = 0, cwd: str = "/srv") -> bytes:
    escaped = command.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
    return f"1\t1712570000.100000\t1712570000,400000\t{status}\t{cwd}\t{escaped}\n".encode()


@pytest.fixture
def session(tmp_path: Path) -> Path:
    return start_session("Spooled", path=tmp_path / "s.jsonl")


def _spool(session: Path, *lines: bytes) -> Path:
    spool = create_spool(session, "shell1")
    with open(spool, "ab") as handle:
        handle.write(b"".join(lines))
    return spool


def test_a_line_reads_back_with_its_escapes_and_a_decimal_comma() -> None:
    run = parse_line(_line("printf 'a\\tb'\nsecond line\tx", status=7)[:-1])
    assert run.command == "printf 'a\\tb'\nsecond line\tx"
    assert (run.status, run.duration_ms, run.cwd) == (7, 300, "/srv")


@pytest.mark.parametrize(
    "raw",
    [
        b"garbage",
        b"1\tx\ty\t0\t/\tls",
        b"1\t5\t4\t0\t/\tls",
        b"1\t1\t2\t300\t/\tls",
        b"2\t1\t2\t0\t/\tls",
        b"1" * 70000,
    ],
)
def test_a_line_that_does_not_parse_is_refused(raw: bytes) -> None:
    with pytest.raises(SpoolLineError):
        parse_line(raw)


def test_a_bad_line_is_skipped_and_reported_once(session: Path) -> None:
    _spool(session, _line("ls"), b"not a spool line\n", _line("uptime"))
    first = ingest(Recorder(session), HookConfig())
    assert first.added == 2 and len(first.problems) == 1 and "byte" in first.problems[0]
    assert ingest(Recorder(session), HookConfig()).problems == []


def test_leading_space_ignored_patterns_and_a_torn_last_line_are_not_recorded(session: Path) -> None:
    spool = _spool(session, _line(" echo hidden"), _line("vault read secret/x"), _line("ls -l"))
    with open(spool, "ab") as handle:
        handle.write(_line("half")[:10])  # the shell is still writing it
    recorder = Recorder(session)
    ingest(recorder, HookConfig(ignore=("vault *",)))
    assert [event.text for event in recorder.session.events] == ["ls -l"]


def test_a_long_command_is_cut_with_a_mark_and_secrets_are_redacted(session: Path) -> None:
    _spool(session, _line("echo " + "x" * 20000), _line("curl -u admin:hunter2 https://h/?api_key=k123"))
    recorder = Recorder(session)
    ingest(recorder, HookConfig())
    long, curl = recorder.session.events
    assert long.text.endswith(CUT_MARK) and len(long.text.encode()) <= 8 * 1024 + len(CUT_MARK.encode())
    assert "hunter2" not in curl.text and "k123" not in curl.text
    assert "hunter2" not in session.read_text()


def test_ingestion_is_idempotent_even_when_the_progress_is_lost(session: Path) -> None:
    spool = _spool(session, _line("ls"), _line("df -h"))
    ingest(Recorder(session), HookConfig())
    (spool.parent / "progress.json").unlink()
    recorder = Recorder(session)
    assert ingest(recorder, HookConfig()).added == 0
    loaded = journal.load(session)
    assert loaded.problems == [] and len(loaded.session.events) == 2


def test_a_deleted_command_stays_deleted(session: Path) -> None:
    spool = _spool(session, _line("ls"))
    recorder = Recorder(session)
    ingest(recorder, HookConfig())
    recorder.delete_event(recorder.session.events[0].id)
    (spool.parent / "progress.json").unlink()
    assert ingest(Recorder(session), HookConfig()).added == 0


@pytest.mark.parametrize(("mode", "on_timeline"), [("kept", ["df -h"]), ("all", ["ls", "df -h"]), ("none", [])])
def test_the_timeline_shows_the_commands_the_export_setting_names(
    session: Path, mode: str, on_timeline: list[str]
) -> None:
    _spool(session, _line("ls"), _line("df -h", status=1))
    recorder = Recorder(session)
    ingest(recorder, HookConfig())
    kept = recorder.session.events[1]
    recorder.record(keep_command_op(recorder.now(), kept.id, True))
    text = export_session(journal.load(session).session, commands=mode)
    timeline, appendix = text.split("## Timeline", 1)[1].split("## Response")[0], text.split("## Appendix")[1]
    assert [c for c in ("ls", "df -h") if f"$ {c}  →" in timeline] == on_timeline
    assert "$ ls  → exit 0 in 0.3 s (in /srv)" in appendix and "$ df -h  → exit 1 in 0.3 s" in appendix


def test_an_exported_appendix_imports_without_trouble(session: Path, tmp_path: Path) -> None:
    from tui.core.importing.to_session import import_postmortem

    _spool(session, _line("ls"))
    recorder = Recorder(session)
    ingest(recorder, HookConfig())
    report = tmp_path / "report.md"
    report.write_text(export_session(recorder.session, commands="all"))
    result = import_postmortem(report, tmp_path / "back.jsonl")
    assert journal.load(result.path).problems == []


def test_the_hook_table_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[hook]\nignore = ["vault *"]\nexport = "all"\n')
    assert load_config(path).hook == HookConfig(ignore=("vault *",), export="all")
    path.write_text('[hook]\nexport = "some"\n')
    with pytest.raises(ConfigError):
        load_config(path)
