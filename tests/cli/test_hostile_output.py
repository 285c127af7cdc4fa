"""Every command with hostile titles, notes, responses, file names and server answers: no byte of
what it prints is a terminal control, a bidi override or an invisible character."""

from __future__ import annotations

import io
import json
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tui.cli.entry import main

# Escapes that set the title, clear the screen and move the cursor; C1 CSI; bidi overrides and
# isolates; zero-width, filler and tag characters.
HOSTILE = (
    "x \x1b]0;PWNED\x07 \x1b[2J\x1b[H \x9b31m \x07\x08\x7f \u202eevil\u202c \u2066iso\u2069 \u200e\u200f\u061c"
    " zw\u200b\u200c\u200d\u2060\ufeff \u00ad \u3164 \u115f \uffa0 tag\U000e0041\U000e007f \x1bP1$r\x1b\\ end"
)
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u115f\u1160\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\u3164\ufeff\uffa0\U000e0000-\U000e007f]"
)
HOSTILE_NAME = "evil\x1b]0;T\x07\u202e\u200b"


def run(capsys, *args: str, stdin: str | None = None, monkeypatch=None) -> tuple[int, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(args))
    captured = capsys.readouterr()
    shown = captured.out + captured.err
    bad = sorted({f"U+{ord(c):04X}" for c in FORBIDDEN.findall(shown)})
    assert not bad, (args, bad, shown[:400])
    return code, shown


class HostileServer(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path.endswith("/json"):
            body = json.dumps({"message": HOSTILE}).encode()
        else:
            body = HOSTILE.encode()
        self.send_response(200 if "ok" in self.path else 400, HOSTILE.encode("latin-1", "replace").decode("latin-1"))
        self.send_header("Content-Type", "application/json" if self.path.endswith("/json") else "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), HostileServer)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_session_commands(capsys, monkeypatch, tmp_path):
    code, shown = run(capsys, "new", HOSTILE, "--runbook", "pizza-factory-chaos", "--headless")
    assert code == 0
    path = shown.strip()
    assert run(capsys, "note", "--session", path, HOSTILE)[0] == 0
    assert run(capsys, "note", "-", stdin=HOSTILE, monkeypatch=monkeypatch)[0] == 0
    code, shown = run(capsys, "list")
    assert code == 0 and "<RLO>evil" in shown and "PWNED" not in shown
    assert run(capsys, "validate", path)[0] == 0
    for args in ([], ["--format", "json"], ["--no-redact"], ["--format", "json", "--no-redact"]):
        assert run(capsys, "export", path, *args)[0] == 0
    assert run(capsys, "stats")[0] == 0
    assert run(capsys, "stats", path)[0] == 0


def test_damaged_files_with_hostile_names_and_lines(capsys, tmp_path):
    assert main(["new", "ok", "--headless"]) == 0
    good = Path(capsys.readouterr().out.strip())
    bad = tmp_path / f"{HOSTILE_NAME}.jsonl"
    bad.write_bytes(good.read_bytes() + json.dumps({"op": HOSTILE, "at": HOSTILE}).encode() + b"\n" + HOSTILE.encode())
    code, shown = run(capsys, "validate", str(bad))
    assert code == 1 and "<RLO>" in shown
    assert run(capsys, "export", str(bad))[0] == 0
    assert run(capsys, "stats", str(bad), str(tmp_path / HOSTILE_NAME))[0] in (0, 2)
    notsession = tmp_path / f"{HOSTILE_NAME}.txt"
    notsession.write_text(HOSTILE)
    for args in (
        ["export", str(notsession)],
        ["validate", str(notsession)],
        ["open", str(tmp_path / HOSTILE_NAME)],
        ["replay", str(tmp_path / HOSTILE_NAME)],
        ["note", "--session", str(tmp_path / HOSTILE_NAME), "x"],
        ["export", str(good), "--format", HOSTILE],
        ["new", "--zone", HOSTILE, "--headless"],
        ["new", "--severity", HOSTILE, "--headless"],
        ["new", "--runbook", HOSTILE, "--headless"],
        ["note", "--session", str(good), "--at", HOSTILE, "x"],
        [HOSTILE],
    ):
        code, shown = run(capsys, *args)
        assert code != 0 and shown.count("\n") == 1, (args, shown)


def test_import_of_a_hostile_postmortem(capsys, tmp_path):
    source = tmp_path / f"{HOSTILE_NAME}.md"
    source.write_text(
        f"# Incident: {HOSTILE}\n\n## Timeline\n\n- 10:24 {HOSTILE}\n- {HOSTILE}\n- 99:99 {HOSTILE}\n\n"
        f"## Action items\n\n1. {HOSTILE}\n",
        encoding="utf-8",
    )
    code, shown = run(capsys, "import", str(source), "-o", str(tmp_path / f"{HOSTILE_NAME}.jsonl"))
    assert code == 0 and "warning" in shown
    imported = shown.strip().splitlines()[-1]
    assert run(capsys, "export", str(tmp_path / f"{HOSTILE_NAME}.jsonl"))[0] == 0, imported
    assert run(capsys, "import", str(tmp_path / HOSTILE_NAME))[0] == 2


def test_inspect_of_hostile_responses_and_server_answers(capsys, monkeypatch, tmp_path, server):
    response = json.dumps({"message": HOSTILE, "followLinkToEndChaos": f"http://h/a{HOSTILE}b"})
    code, shown = run(capsys, "inspect", "-", stdin=response, monkeypatch=monkeypatch)
    assert "Message:    x  " in shown  # the title sequence removed whole, the rest shown
    saved = tmp_path / f"{HOSTILE_NAME}.json"
    saved.write_text(HOSTILE + "\n" + response)
    run(capsys, "inspect", str(saved))
    assert run(capsys, "inspect", str(tmp_path / HOSTILE_NAME))[0] == 2
    for path in ("/api/support/k/report/ok", "/api/support/k/report/ok/json", "/api/support/k/report/no/json"):
        body = json.dumps({"message": HOSTILE, "reportUrl": server + path})
        code, shown = run(capsys, "inspect", "--follow", "--yes", "-", stdin=body, monkeypatch=monkeypatch)
        assert "Answer:" in shown, shown
