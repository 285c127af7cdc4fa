"""`scribe serve` as a user runs it: a real process on a real socket, its first line, a POST
with urllib, a disk that refuses, a generated token kept and shown once, Ctrl+C."""

from __future__ import annotations

import json
import os
import resource
import signal
import stat
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from testdata import DATA

from tui.core.session import folder as sessions
from tui.core.session import journal

TOKEN = "socket-test-token-42"
FIRING = (DATA / "webhooks" / "grafana_firing.json").read_bytes()


def start(*args: str, env: dict | None = None, preexec=None) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
        preexec_fn=preexec,
    )
    first = process.stdout.readline().strip()
    assert first.startswith("serving on http://127.0.0.1:"), (
        first,
        process.stderr.read() if process.poll() is not None else "",
    )
    return process, first.removeprefix("serving on ")


def post(base: str, path: str, body: bytes, token: str = TOKEN) -> tuple[int, str]:
    request = urllib.request.Request(base + path, data=body, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def stop(process: subprocess.Popen) -> tuple[str, str]:
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=15)
    assert process.returncode == 0, err
    return out, err


def test_a_real_server_records_an_alert_and_stops_on_ctrl_c():
    process, base = start(env={"SCRIBE_HOOK_TOKEN": TOKEN})
    try:
        status, answer = post(base, "/hooks/grafana", FIRING)
        assert status == 200 and json.loads(answer)["opened"]
        assert post(base, "/hooks/grafana", FIRING, token="wrong")[0] == 401
    finally:
        out, err = stop(process)
    lines = out.splitlines()
    assert lines[0].startswith("POST /hooks/grafana 200 opened ")
    assert lines[1].startswith("POST /hooks/grafana 401 unauthorised")
    assert lines[-1] == "stopped" and TOKEN not in out + err and "Traceback" not in err
    [path] = sessions.sessions_dir().glob("*.jsonl")
    assert journal.load(path).session.title == "Pizza Purchase Alert"


def test_a_disk_that_refuses_the_write_is_503(tmp_path):
    path = sessions.start_session("pinned", path=tmp_path / "pinned.jsonl")
    size = path.stat().st_size

    def no_bigger_files():  # the session file may not grow: the write fails with EFBIG
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    process, base = start("--session", str(path), env={"SCRIBE_HOOK_TOKEN": TOKEN}, preexec=no_bigger_files)
    try:
        status, answer = post(base, "/hooks/grafana", FIRING)
    finally:
        out, _ = stop(process)
    assert status == 503 and "retry" in answer
    assert path.stat().st_size == size
    assert "POST /hooks/grafana 503 not recorded: File too large" in out


def test_a_generated_token_is_kept_in_config_and_shown_once(scribe_home: Path, monkeypatch):
    monkeypatch.delenv("SCRIBE_HOOK_TOKEN", raising=False)
    scribe_home.mkdir(parents=True)
    (scribe_home / "config.toml").write_text('# mine\ntheme = "scribe-light"\n')
    process, base = start()
    try:
        pass
    finally:
        out, err = stop(process)
    config = (scribe_home / "config.toml").read_text()
    assert config.startswith('# mine\ntheme = "scribe-light"\n\n[serve]\nhook_token = "')
    token = config.split('hook_token = "')[1].split('"')[0]
    assert len(token) >= 40 and err.count(token) == 1 and token not in out
    assert stat.S_IMODE((scribe_home / "config.toml").stat().st_mode) == 0o600
    process, base = start()
    try:
        assert post(base, "/hooks/grafana", FIRING, token=token)[0] == 200
    finally:
        out, err = stop(process)
    assert token not in out + err


@pytest.mark.parametrize(
    ("args", "message"), [(["--port", "70000"], "not a port"), (["--session", "nope.jsonl"], "no such file")]
)
def test_bad_arguments_are_one_line_and_exit_2(args, message):
    result = subprocess.run(
        [sys.executable, "-m", "tui", "serve", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "SCRIBE_HOOK_TOKEN": TOKEN},
    )
    assert result.returncode == 2 and message in result.stderr and len(result.stderr.splitlines()) == 1
