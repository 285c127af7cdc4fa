"""The real aiohttp application through aiohttp's test client: credentials, sizes, formats and
a disk that refuses, each answered as the senders expect, and each logged in one safe line."""

from __future__ import annotations

import base64
import errno
import hashlib
import json
import time

import pytest
from aiohttp.test_utils import TestClient, TestServer
from testdata import DATA

from tui.core.paths import sessions_dir
from tui.core.session import journal
from tui.web.auth import signature_for
from tui.web.server import MAX_BODY, Settings, build_app

TOKEN = "hook-token-0123456789"
HOOKS = DATA / "webhooks"
FIRING = (HOOKS / "grafana_firing.json").read_bytes()
BEARER = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
async def served(clock):
    lines: list[str] = []
    settings = Settings(token=TOKEN, clock=clock, log=lines.append, timestamp_header="X-Grafana-Alerting-Timestamp")
    client = TestClient(TestServer(build_app(settings)))
    await client.start_server()
    client.lines = lines  # type: ignore[attr-defined]
    yield client
    await client.close()


def session_files():
    return sorted(sessions_dir().glob("*.jsonl")) if sessions_dir().is_dir() else []


async def test_a_grafana_alert_with_the_bearer_token_is_recorded_once(served):
    first = await served.post("/hooks/grafana", data=FIRING, headers=BEARER)
    assert first.status == 200
    answer = await first.json()
    assert answer["opened"] and answer["recorded"] == 2
    [path] = session_files()
    before = path.read_bytes()
    again = await served.post("/hooks/grafana", data=FIRING, headers=BEARER)
    assert (await again.json())["repeated"] == 1 and path.read_bytes() == before
    assert served.lines[0].startswith("POST /hooks/grafana 200 opened ")
    assert served.lines[1] == f"POST /hooks/grafana 200 1 already recorded in {path.name}"


@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": "Basic " + base64.b64encode(f"grafana:{TOKEN}".encode()).decode()},
        {
            "X-Grafana-Alerting-Signature": signature_for(FIRING, TOKEN, str(int(time.time()))),
            "X-Grafana-Alerting-Timestamp": str(int(time.time())),
        },
    ],
    ids=["basic", "hmac-with-timestamp"],
)
async def test_basic_auth_and_the_signature_are_accepted(served, headers):
    response = await served.post("/hooks/grafana", data=FIRING, headers=headers)
    assert response.status == 200


async def test_the_older_signature_header_is_accepted(clock):
    settings = Settings(token=TOKEN, clock=clock, log=lambda line: None)
    async with TestClient(TestServer(build_app(settings))) as client:
        response = await client.post(
            "/hooks/grafana", data=FIRING, headers={"X-Grafana-Alert-Signature": signature_for(FIRING, TOKEN)}
        )
        assert response.status == 200


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Bearer {TOKEN}x"},
        {"Authorization": "Basic " + base64.b64encode(b"grafana:wrong").decode()},
        {"Authorization": "Basic !!!"},
        {
            "X-Grafana-Alerting-Signature": signature_for(FIRING, "wrong", str(int(time.time()))),
            "X-Grafana-Alerting-Timestamp": str(int(time.time())),
        },
        {
            "X-Grafana-Alerting-Signature": signature_for(FIRING, TOKEN, str(int(time.time()) - 3600)),
            "X-Grafana-Alerting-Timestamp": str(int(time.time()) - 3600),
        },
        {"X-Grafana-Alerting-Signature": signature_for(FIRING, TOKEN)},  # timestamp configured, none sent
    ],
    ids=["none", "wrong-bearer", "longer-bearer", "wrong-basic", "bad-basic", "wrong-hmac", "stale", "no-timestamp"],
)
async def test_wrong_credentials_are_401_and_write_nothing(served, headers):
    await served.post("/hooks/grafana", data=FIRING, headers=BEARER)
    [path] = session_files()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    resolved = (HOOKS / "grafana_resolved.json").read_bytes()
    response = await served.post("/hooks/grafana", data=resolved, headers=headers)
    assert response.status == 401
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert session_files() == [path]


async def test_garbage_and_the_wrong_format_are_400_with_a_reason(served):
    garbage = await served.post("/hooks/grafana", data=b"\xff\x00 not json", headers=BEARER)
    assert garbage.status == 400 and (await garbage.text()) == "bad payload: the body is not JSON\n"
    alertmanager = (HOOKS / "oncall_created.json").read_bytes()
    wrong = await served.post("/hooks/alertmanager", data=alertmanager, headers=BEARER)
    assert wrong.status == 400 and "not an Alertmanager version 4 payload" in await wrong.text()
    deep = await served.post("/hooks/oncall", data=b"[" * 100_000 + b"]" * 100_000, headers=BEARER)
    assert deep.status == 400
    assert session_files() == []


async def test_a_body_over_1_mb_is_413_before_it_is_read(served):
    big = json.dumps({"receiver": "x", "pad": "x" * (2 * MAX_BODY)}).encode()
    response = await served.post("/hooks/grafana", data=big, headers=BEARER)
    assert response.status == 413
    assert session_files() == []

    async def chunks():  # no Content-Length: aiohttp's own limit stops the read
        for _ in range(3):
            yield b"x" * MAX_BODY

    chunked = await served.post("/hooks/grafana", data=chunks(), headers=BEARER)
    assert chunked.status == 413


async def test_a_disk_that_refuses_is_503_so_the_sender_retries(served, monkeypatch):
    await served.post("/hooks/grafana", data=FIRING, headers=BEARER)
    [path] = session_files()
    before = path.read_bytes()

    def full_disk(path, ops):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(journal, "append_absent", full_disk)
    resolved = (HOOKS / "grafana_resolved.json").read_bytes()
    response = await served.post("/hooks/grafana", data=resolved, headers=BEARER)
    assert response.status == 503 and "retry" in await response.text()
    assert path.read_bytes() == before
    assert served.lines[-1] == "POST /hooks/grafana 503 not recorded: No space left on device"


async def test_the_log_never_holds_the_token_or_the_body(served):
    await served.post("/hooks/grafana", data=FIRING, headers=BEARER)
    await served.post("/hooks/grafana", data=b"{}", headers={"Authorization": f"Bearer {TOKEN}-but-longer"})
    await served.post("/hooks/nope", data=FIRING, headers=BEARER)
    log = "\n".join(served.lines)
    assert TOKEN not in log and "2+ failed pizza purchases" not in log and "\x1b" not in log
    assert served.lines[-1] == "POST /hooks/nope 404 Not Found"


async def test_an_alert_name_with_escapes_and_secrets_is_logged_clean(served):
    body = json.loads(FIRING)
    body["alerts"][0]["labels"]["alertname"] = "\x1b]0;owned\x07Pizza"
    body["alerts"][0]["generatorURL"] = "https://grafana.example/x?apiKey=sk_live_abcdefghijklmnop1234"
    response = await served.post("/hooks/grafana", data=json.dumps(body).encode(), headers=BEARER)
    assert response.status == 200
    assert all("\x1b" not in line and "\x07" not in line for line in served.lines)
