"""`scribe inspect` against a stand-in service and factory on loopback: find, confirm, follow, record."""

from __future__ import annotations

import io
import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from factory_standin import RESOLVED, FactoryStandIn
from testdata import REPO

from tui.cli import inspect as inspect_command
from tui.cli.entry import main
from tui.cli.parser import build_parser
from tui.core.session import folder as sessions
from tui.core.session import journal


class Terminal(io.StringIO):
    """Standard input as a person at a terminal: what they will type, and isatty() true."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def standin():
    with FactoryStandIn() as server:
        yield server


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("SCRIBE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SCRIBE_AUTHOR", "oncall")
    return tmp_path / "home"


def session_file(tmp_path: Path, runbook: str = "pizza-factory-chaos") -> Path:
    return sessions.start_session("Pizza purchases failing", runbook=runbook, path=tmp_path / "incident.jsonl")


def scribe(argv: list[str], stdin: str | io.StringIO, monkeypatch) -> int:
    monkeypatch.setattr(sys, "stdin", stdin if isinstance(stdin, io.StringIO) else io.StringIO(stdin))
    return main(argv)


def report_gets(server: FactoryStandIn) -> list[str]:
    return [path for method, path in server.requests if method == "GET"]


def test_acceptance_piped_body_prints_the_url_and_follow_ends_the_chaos(standin):
    status, body = standin.order()
    assert status == 500
    command = [sys.executable, "-m", "tui", "inspect", "-"]
    shown = subprocess.run(command, input=body, capture_output=True, text=True, cwd=REPO, timeout=30)
    assert shown.returncode == 0, shown.stderr
    assert standin.report_url() in shown.stdout
    assert standin.chaos is True  # inspecting alone sends nothing

    followed = subprocess.run(
        command + ["--follow", "--yes"], input=body, capture_output=True, text=True, cwd=REPO, timeout=30
    )
    assert followed.returncode == 0, followed.stderr
    assert f"200 {RESOLVED}" in followed.stdout
    assert standin.chaos is False
    assert standin.order()[0] == 200


def test_findings_are_printed_in_full(standin, monkeypatch, capsys):
    _, body = standin.order("/factory/api/order")
    assert scribe(["inspect"], "HTTP/1.1 500 Internal Server Error\n\n" + body, monkeypatch) == 0
    out = capsys.readouterr().out.splitlines()
    assert "Status:     500 Internal Server Error" in out
    assert "Message:    chaos monkey" in out
    assert f"Report URL: {standin.report_url()}" in out
    assert '  "reportUrl": "' + standin.report_url() + '"' in out


def test_file_argument_and_several_urls(standin, tmp_path, monkeypatch, capsys):
    _, body = standin.order()
    other = body.replace(standin.fix_code, "zz99zz99")
    path = tmp_path / "logs.txt"
    path.write_text(body + "\n" + other + "\n", encoding="utf-8")
    assert scribe(["inspect", str(path)], "", monkeypatch) == 0
    out = capsys.readouterr().out
    assert "Report URLs: 2 found; the first is the one --follow uses" in out
    assert standin.report_url() in out and standin.report_url("zz99zz99") in out


def test_session_records_events_and_ticks_the_runbook(standin, tmp_path, monkeypatch):
    path = session_file(tmp_path)
    _, body = standin.order("/factory/api/order")
    pasted = "HTTP/1.1 500 Internal Server Error\n\n" + body
    assert scribe(["inspect", "-", "--follow", "--yes", "--session", str(path)], pasted, monkeypatch) == 0

    session = journal.load(path).session
    recorded = [(event.kind, event.text) for event in session.events if event.kind in ("inspect", "follow")]
    assert recorded == [
        ("inspect", f"Inspected factory response: 500 chaos monkey; report URL {standin.report_url()}"),
        ("follow", f"Followed report URL: 200 {RESOLVED}"),
    ]
    assert all(event.author == "oncall" for event in session.events if event.kind != "check")
    ticked = [item.text for item in session.checklist if item.checked]
    assert ticked == [
        "Inspect the factory response (the 500 body, in logs or dev tools)",
        "Follow the report URL from the factory response",
    ]


def test_a_ticked_item_stays_ticked_and_other_runbooks_are_left_alone(standin, tmp_path, monkeypatch):
    path = session_file(tmp_path)
    _, body = standin.order()
    for _ in range(2):
        assert scribe(["inspect", "--session", str(path)], body, monkeypatch) == 0
    session = journal.load(path).session
    assert [item.checked for item in session.checklist][3:5] == [True, False]
    assert sum(event.kind == "inspect" for event in session.events) == 2

    plain = sessions.start_session("generic", runbook="default", path=tmp_path / "generic.jsonl")
    assert scribe(["inspect", "--session", str(plain)], body, monkeypatch) == 0
    assert not any(item.checked for item in journal.load(plain).session.checklist)


def test_confirmation_shows_the_host_and_a_no_sends_nothing(standin, tmp_path, monkeypatch, capsys):
    _, body = standin.order()
    response = tmp_path / "response.json"
    response.write_text(body, encoding="utf-8")
    assert scribe(["inspect", str(response), "--follow"], Terminal("n\n"), monkeypatch) == 1
    err = capsys.readouterr().err
    host = standin.base_url.removeprefix("http://")
    assert f"Send a GET to {host} " in err and "not followed" in err
    assert report_gets(standin) == [] and standin.chaos is True

    assert scribe(["inspect", str(response), "--follow"], Terminal("y\n"), monkeypatch) == 0
    assert RESOLVED in capsys.readouterr().out
    assert standin.chaos is False


def test_follow_without_yes_and_without_a_terminal_is_refused(standin, monkeypatch, capsys):
    _, body = standin.order()
    assert scribe(["inspect", "-", "--follow"], body, monkeypatch) == 2
    assert "pass --yes" in capsys.readouterr().err
    assert report_gets(standin) == [] and standin.chaos is True


def test_wrong_fix_code_is_reported_and_not_ticked(standin, tmp_path, monkeypatch, capsys):
    path = session_file(tmp_path)
    body = json.dumps({"message": "chaos monkey", "reportUrl": standin.report_url(fix_code="stale000")})
    assert scribe(["inspect", "-", "--follow", "--yes", "--session", str(path)], body, monkeypatch) == 1
    captured = capsys.readouterr()
    assert "Answer:     400 Problem unresolved" in captured.out
    assert "scribe: the factory answered 400 Problem unresolved" in captured.err
    assert standin.chaos is True
    session = journal.load(path).session
    assert [e.text for e in session.events if e.kind == "follow"] == ["Followed report URL: 400 Problem unresolved"]
    assert [item.checked for item in session.checklist][3:5] == [True, False]


def test_unreachable_factory(monkeypatch, capsys):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    body = json.dumps({"message": "chaos monkey", "reportUrl": f"http://127.0.0.1:{port}/api/support/k/report/c"})
    assert scribe(["inspect", "-", "--follow", "--yes"], body, monkeypatch) == 1
    assert f"scribe: could not reach 127.0.0.1:{port}: " in capsys.readouterr().err


def test_timeout(standin, monkeypatch, capsys):
    standin.slow(30)
    _, body = standin.order()
    monkeypatch.setattr(sys, "stdin", io.StringIO(body))
    args = build_parser().parse_args(["inspect", "-", "--follow", "--yes"])
    assert inspect_command.run(args, timeout=0.2) == 1
    assert "within 0.2 s" in capsys.readouterr().err


def test_non_http_url_is_shown_but_refused(monkeypatch, capsys):
    body = json.dumps({"message": "chaos monkey", "reportUrl": "file:///etc/passwd"})
    assert scribe(["inspect", "-", "--follow", "--yes"], body, monkeypatch) == 2
    captured = capsys.readouterr()
    assert "Report URL: file:///etc/passwd" in captured.out
    assert captured.err.strip() == (
        "scribe: refusing to follow a file: URL: only http and https report URLs are followed"
    )


def test_no_report_url_says_so(tmp_path, monkeypatch, capsys):
    path = session_file(tmp_path)
    body = 'HTTP/1.1 401 Unauthorized\n\n{"message": "unauthorized"}'
    assert scribe(["inspect", "-", "--follow", "--yes", "--session", str(path)], body, monkeypatch) == 1
    captured = capsys.readouterr()
    assert "Report URL: none found" in captured.out
    assert captured.err.strip() == "scribe: no report URL found in the input"
    texts = [event.text for event in journal.load(path).session.events if event.kind == "inspect"]
    assert texts == ["Inspected factory response: 401 unauthorized (no report URL found)"]


@pytest.mark.parametrize(
    "argv, stdin, wording",
    [
        (["inspect", "-"], "  \n", "nothing to inspect: the input is empty"),
        (["inspect", "missing.txt"], "", "missing.txt: no such file"),
        (["inspect", "-", "--session", "missing.jsonl"], "{}", "missing.jsonl: no such file"),
    ],
)
def test_user_errors_are_one_line_and_exit_2(argv, stdin, wording, monkeypatch, capsys):
    assert scribe(argv, stdin, monkeypatch) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"scribe: {wording}"
