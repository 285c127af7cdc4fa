"""The stakeholder page through aiohttp's test client: the link opens it and nothing else does, the
headers, redaction in the page and its stream, and the stream's resuming by Last-Event-ID."""

from __future__ import annotations

import asyncio
import re
import sys

import pytest
from aiohttp.test_utils import TestClient, TestServer

from tui.core.page.publishing import publish
from tui.core.session import folder as sessions
from tui.core.session import operations as ops
from tui.core.session.recorder import Recorder
from tui.web.server import Settings, build_app

KEY = "sk_live_0123456789abcdefDEADBEEF"
REPORT = f"https://pizza.example.com/api/report?key={KEY}"
TITLE = "Pizza purchases failing"


@pytest.fixture
def published():
    path = sessions.start_session(TITLE, zone="GMT", severity="SEV2")
    recorder = Recorder(path, author="kgreen")
    recorder.add_event(f"factory report {REPORT}", kind="detected")
    url = publish(recorder, "")
    return recorder, url.split("/incident/", 1)[1]


@pytest.fixture
async def served():
    lines: list[str] = []
    client = TestClient(TestServer(build_app(Settings(token="hook-token-0123456789", log=lines.append))))
    await client.start_server()
    client.lines = lines  # type: ignore[attr-defined]
    yield client
    await client.close()


async def _next_event(stream) -> dict[str, str]:
    """One Server-Sent Event as its fields (comments and the retry line passed over)."""
    while True:
        block = await asyncio.wait_for(stream.content.readuntil(b"\n\n"), 10)
        fields: dict[str, str] = {}
        for line in block.decode().splitlines():
            name, _, value = line.partition(": ")
            if name in ("event", "id"):
                fields[name] = value
            elif name == "data":
                fields["data"] = fields.get("data", "") + value
        if "event" in fields:
            return fields


async def test_the_link_opens_the_page_with_safe_headers(served, published):
    recorder, token = published
    response = await served.get(f"/incident/{token}")
    body = await response.text()
    assert response.status == 200 and TITLE in body and "Detected" in body
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    csp = response.headers["Content-Security-Policy"]
    [nonce] = set(re.findall(r"'nonce-([^']+)'", csp))
    assert f'<script nonce="{nonce}">' in body and "default-src 'none'" in csp
    assert KEY not in body and "[REDACTED]" in body
    assert token not in " ".join(served.lines) and served.lines == ["GET /incident/[link] 200"]


async def test_unknown_revoked_and_malformed_links_get_the_same_404(served, published):
    recorder, token = published
    wrong = await served.get("/incident/" + "A" * 32)
    recorder.record(ops.unpublish_op(recorder.now()))
    revoked = await served.get(f"/incident/{token}")
    odd = await served.get("/incident/not-a-token;" + token)
    bodies = {await r.text() for r in (wrong, revoked, odd)}
    assert [r.status for r in (wrong, revoked, odd)] == [404, 404, 404] and len(bodies) == 1
    [body] = bodies
    assert TITLE not in body and "SEV2" not in body and "Pizza" not in body
    assert revoked.headers["Cache-Control"] == "no-store"
    assert (await served.get("/incident/")).status == 404 and (await served.get("/incident")).status == 404


async def test_a_file_others_can_write_is_never_served(served, published):
    recorder, token = published
    recorder.path.chmod(0o666)
    assert (await served.get(f"/incident/{token}")).status == 404


async def test_the_stream_sends_each_change_once_and_resumes_from_last_event_id(served, published):
    recorder, token = published
    stream = await served.get(f"/incident/{token}/events")
    assert stream.headers["Content-Type"].startswith("text/event-stream")
    first = await _next_event(stream)
    assert first["event"] == "state" and TITLE in first["data"]
    recorder.add_event(f"the second report {REPORT} too", kind="note")
    second = await _next_event(stream)
    assert int(second["id"]) > int(first["id"]) and "the second report" in second["data"]
    stream.close()
    # Reconnecting with the last id seen: nothing is sent again until the next change.
    again = await served.get(f"/incident/{token}/events", headers={"Last-Event-ID": second["id"]})
    recorder.record(ops.add_update_op(recorder.now(), text="We found the cause.", status="identified"))
    third = await _next_event(again)
    assert int(third["id"]) > int(second["id"]) and "We found the cause." in third["data"]
    assert "Identified" in third["data"]
    # A revoked link ends the stream with an event that names nothing.
    recorder.record(ops.unpublish_op(recorder.now()))
    gone = await _next_event(again)
    assert gone == {"event": "gone", "data": ""}
    raw = first["data"] + second["data"] + third["data"]
    assert KEY not in raw and raw.count("[REDACTED]") >= 2


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the file watch is Linux's inotify")
async def test_the_stream_sends_a_note_as_the_file_grows_not_at_its_next_poll(served, published, monkeypatch):
    monkeypatch.setattr("tui.web.incident.POLL_SECONDS", 3600)  # the poll never comes round in this test
    recorder, token = published
    streams = [await served.get(f"/incident/{token}/events") for _ in range(2)]
    for stream in streams:
        assert (await _next_event(stream))["event"] == "state"
    recorder.add_event("sent at once", kind="note")
    for stream in streams:  # one watch of the file wakes every stream open on it
        assert "sent at once" in (await _next_event(stream))["data"]
        stream.close()


async def test_a_page_loaded_at_a_sequence_streams_only_what_came_after(served, published):
    recorder, token = published
    page = await (await served.get(f"/incident/{token}")).text()
    seq = re.search(r'data-seq="(\d+)"', page).group(1)  # type: ignore[union-attr]
    stream = await served.get(f"/incident/{token}/events?after={seq}")
    recorder.add_event("after the page loaded")
    event = await _next_event(stream)
    assert int(event["id"]) == int(seq) + 1 and "after the page loaded" in event["data"]
