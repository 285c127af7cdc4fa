"""The command line as scripts and people use it: outputs, exit codes, one-line errors."""

from __future__ import annotations

import json
import multiprocessing
import os
import stat
import subprocess
import sys
from datetime import UTC
from pathlib import Path

import pytest

from tui.cli.entry import main
from tui.core.session import journal


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, env=os.environ.copy(), timeout=60
    )


def new_headless(capsys, *args: str) -> Path:
    assert main(["new", *args, "--headless"]) == 0
    return Path(capsys.readouterr().out.strip().splitlines()[-1])


def export_json(capsys, path: Path) -> dict:
    assert main(["export", str(path), "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)["session"]


def test_new_headless_prints_a_private_path(capsys, scribe_home):
    path = new_headless(capsys, "x")
    assert path.parent == scribe_home / "sessions"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert export_json(capsys, path)["title"] == "x"


def test_new_with_runbook_zone_and_severity(capsys):
    path = new_headless(
        capsys, "Pizza", "purchases", "failing", "--runbook", "pizza-factory-chaos", "--zone", "GMT", "--severity", "2"
    )
    session = export_json(capsys, path)
    assert session["title"] == "Pizza purchases failing"
    assert session["zone"] == "GMT" and session["severity"] == "SEV2"
    assert any("report URL" in item["text"] for item in session["checklist"])


@pytest.mark.parametrize(
    "args,message",
    [
        (["new", "--runbook", "nope", "--headless"], "unknown runbook 'nope' (known: default, pizza-factory-chaos)"),
        (["new", "--zone", "Mars/Base", "--headless"], "unknown time zone"),
        (["new", "--severity", "SEV9", "--headless"], "unknown severity"),
        (["open", "/nonexistent/x.jsonl"], "no such file"),
        (["export", "/etc/hostname"], "not a Scribe session"),
        (["export"], "required: file"),
        (["note", "--session", "/nonexistent/x.jsonl", "x"], "no such file"),
        (["note", "hello"], "no unresolved session"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_user_errors_are_one_line_and_exit_2(capsys, args, message):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_note_goes_to_the_most_recent_unresolved_session(capsys):
    older = new_headless(capsys, "older")
    newer = new_headless(capsys, "newer")
    assert main(["note", "factory", "returns", "500"]) == 0
    assert main(["note", "--session", str(older), "--kind", "detected", "--at", "-5m", "late"]) == 0
    assert [e["text"] for e in export_json(capsys, newer)["events"]] == ["factory returns 500"]
    assert main(["note", "--session", str(older), "--at", "25:99", "x"]) == 2
    assert "not a time of day" in capsys.readouterr().err
    events = export_json(capsys, older)["events"]
    assert events[0]["kind"] == "detected"
    assert export_json(capsys, older)["milestones"]["detected"]


def test_list_shows_sessions(capsys):
    new_headless(capsys, "Pizza purchases failing")
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "Pizza purchases failing" in out and "investigating" in out


def test_validate_clean_and_torn_and_not_a_session(capsys, tmp_path):
    path = new_headless(capsys, "x")
    assert main(["validate", str(path)]) == 0
    with open(path, "ab") as handle:
        handle.write(b'{"v":1,"id":"torn"')
    before = path.read_bytes()
    assert main(["validate", str(path)]) == 1
    assert ":2: warning: incomplete last line" in capsys.readouterr().out
    assert main(["export", str(path), "--format", "json"]) == 0
    assert path.read_bytes() == before
    assert main(["note", "--session", str(path), "kept after the tear"]) == 0
    capsys.readouterr()
    assert [e["text"] for e in export_json(capsys, path)["events"]] == ["kept after the tear"]
    assert main(["validate", "/etc/hostname"]) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_json_export_redacts_unless_asked_not_to(capsys, tmp_path):
    path = new_headless(capsys, "x")
    url = "https://pizza-factory.cs329.click/api/support/KEY123/report/FIX456"
    assert main(["note", "--session", str(path), f"Followed {url}"]) == 0
    capsys.readouterr()
    assert "KEY123" not in json.dumps(export_json(capsys, path))
    out = tmp_path / "out.json"
    assert main(["export", str(path), "--format", "json", "--no-redact", "-o", str(out)]) == 0
    assert url in out.read_text()


def _note_writer(path: str, name: str) -> None:
    codes = [main(["note", "--session", path, f"{name}-{n}"]) for n in range(25)]
    sys.exit(max(codes))


def test_four_processes_appending_25_notes_each(capsys):
    path = new_headless(capsys, "x")
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_note_writer, args=(str(path), name)) for name in "abcd"]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert [worker.exitcode for worker in workers] == [0] * 4
    texts = {e["text"] for e in export_json(capsys, path)["events"]}
    assert texts == {f"{name}-{n}" for name in "abcd" for n in range(25)}


def test_python_dash_m_and_help_on_every_command():
    for command in ([], ["new"], ["note"], ["open"], ["list"], ["validate"], ["export"]):
        result = run(*command, "--help")
        assert result.returncode == 0 and "usage: scribe" in result.stdout


def test_note_says_on_stderr_which_session_took_it(capsys):
    older = new_headless(capsys, "older")
    newer = new_headless(capsys, "Pizza purchases failing")
    assert main(["note", "factory", "returns", "500"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err == f"scribe: noted in {newer} (Pizza purchases failing)\n"
    assert main(["note", "--session", str(older), "late"]) == 0
    assert capsys.readouterr().err == f"scribe: noted in {older} (older)\n"


def test_export_to_a_file_says_where_it_wrote(capsys, tmp_path):
    path = new_headless(capsys, "x")
    out = tmp_path / "postmortem.md"
    assert main(["export", str(path), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == f"scribe: wrote {out}\n"
    assert out.read_text(encoding="utf-8").startswith("# Incident: ")


def test_list_starts_each_session_where_its_duration_is_measured_from(capsys):
    path = new_headless(capsys, "back-dated")
    assert main(["note", "--session", str(path), "--kind", "impact_started", "--at", "-2h", "orders fail"]) == 0
    assert main(["note", "--session", str(path), "--kind", "resolved", "orders work"]) == 0
    capsys.readouterr()
    session = journal.load(path).session
    assert main(["list"]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if "back-dated" in line)
    started = session.milestone("impact_started").time.astimezone(UTC)
    assert row.startswith(started.strftime("%Y-%m-%d %H:%M") + "  resolved  2h")
