"""The page's streams share one reading and one rendering per change: counted through the real
journal load and the real page renderer, on aiohttp's test server; and a stream whose reader
stops reading skips to the newest page instead of the server keeping every version for it."""

from __future__ import annotations

import asyncio
import re
import socket

import pytest
from aiohttp.test_utils import TestClient, TestServer, get_port_socket

import tui.web.page_feed as page_feed
import tui.web.page_reading as page_reading
from tui.core.page.publishing import publish
from tui.core.session import folder as sessions
from tui.core.session.recorder import Recorder
from tui.web.server import Settings, build_app

STREAMS = 6
CHANGES = 20
BULK = 100_000  # characters per note in the slow-reader test: pages far bigger than socket buffers


class Counted:
    """The real function, with a count of its calls."""

    def __init__(self, function) -> None:
        self.function = function
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.function(*args, **kwargs)


@pytest.fixture
def counted(monkeypatch):
    loads = Counted(page_reading.journal.load)
    renders = Counted(page_feed.fragment)
    monkeypatch.setattr(page_reading.journal, "load", loads)
    monkeypatch.setattr(page_feed, "fragment", renders)
    return loads, renders


@pytest.fixture
def published():
    path = sessions.start_session("Pizza purchases failing", zone="GMT", severity="SEV2")
    recorder = Recorder(path, author="kgreen")
    recorder.add_event("the factory reports failures", kind="detected")
    url = publish(recorder, "")
    return recorder, url.split("/incident/", 1)[1]


def small_send_buffers(host: str, port: int, family: socket.AddressFamily) -> socket.socket:
    """The listening socket, whose connections inherit a fixed send buffer: what the kernel takes
    off the server's hands for a reader that does not read stays small, so the rest is in view."""
    listening = get_port_socket(host, port, family)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 16384)
    return listening


@pytest.fixture
async def served():
    app = build_app(Settings(token="hook-token-0123456789", log=lambda line: None))
    client = TestClient(TestServer(app, socket_factory=small_send_buffers))
    await client.start_server()
    yield client
    await client.close()


class Reader:
    """An event stream read as raw bytes, one Server-Sent Event block at a time."""

    def __init__(self, read) -> None:
        self.read = read
        self.pending = b""
        self.received = 0

    async def next_state(self) -> bytes:
        """The next `state` event exactly as the server wrote it (the retry line and comments passed over)."""
        while True:
            while b"\n\n" not in self.pending:
                chunk = await asyncio.wait_for(self.read(), 20)
                assert chunk, "the stream closed"
                self.received += len(chunk)
                self.pending += chunk
            block, self.pending = self.pending.split(b"\n\n", 1)
            if block.startswith(b"event: state\n"):
                return block + b"\n\n"


def event_id(block: bytes) -> int:
    return int(re.search(rb"^id: (\d+)$", block, re.M).group(1))  # type: ignore[union-attr]


async def test_one_change_is_one_reading_and_one_rendering_sent_identically_to_every_stream(served, published, counted):
    recorder, token = published
    loads, renders = counted
    responses = [await served.get(f"/incident/{token}/events") for _ in range(STREAMS)]
    readers = [Reader(lambda r=response: r.content.readany()) for response in responses]
    first = [await reader.next_state() for reader in readers]
    assert len(set(first)) == 1
    loads.calls = renders.calls = 0
    recorder.add_event("the second report", kind="note")
    second = [await reader.next_state() for reader in readers]
    assert len(set(second)) == 1 and b"the second report" in second[0]
    assert event_id(second[0]) > event_id(first[0])
    assert (loads.calls, renders.calls) == (1, 1)
    for response in responses:
        response.close()


async def test_a_stream_that_stops_reading_gets_the_newest_page_and_no_backlog(served, published, counted):
    recorder, token = published
    loads, renders = counted
    fast_response = await served.get(f"/incident/{token}/events")
    fast = Reader(fast_response.content.readany)
    # The stalled reader: a small receive buffer it does not read, so the server's writes to it block.
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect((served.server.host, served.server.port))
    sock.setblocking(False)
    stalled_in, stalled_out = await asyncio.open_connection(sock=sock, limit=4096)
    stalled_out.write(f"GET /incident/{token}/events HTTP/1.0\r\nHost: page\r\n\r\n".encode())
    await stalled_out.drain()
    newest = await fast.next_state()
    for number in range(CHANGES):
        recorder.add_event(f"report {number} " + "x" * BULK, kind="note")
        newest = await fast.next_state()  # each change reaches the reading stream before the next
    assert renders.calls <= CHANGES + 1 and loads.calls <= CHANGES + 1

    stalled = Reader(lambda: stalled_in.read(65536))
    got = [await stalled.next_state()]
    while event_id(got[-1]) != event_id(newest):
        got.append(await stalled.next_state())
    assert got[-1] == newest  # the very page every other stream has, byte for byte
    # It skipped the versions it was too slow for: the first page, what was already on its way, the newest.
    assert len(got) <= 4 and stalled.received < 4 * len(newest)
    assert renders.calls <= CHANGES + 1  # catching up rendered nothing of its own
    stalled_out.close()
    fast_response.close()


def test_every_page_reading_runs_on_the_one_page_thread(monkeypatch):
    """Readings spread over a pool's threads left each allocator arena's share resident."""
    import threading
    from pathlib import Path

    seen: list[int] = []
    snapshot = page_reading.Pages.snapshot

    def recording(self, path):
        seen.append(threading.get_ident())
        return snapshot(self, path)

    monkeypatch.setattr(page_reading.Pages, "snapshot", recording)

    async def many() -> None:
        pages = page_reading.Pages(None, None)
        await asyncio.gather(*(page_reading.off_loop(pages.snapshot, Path("/nonexistent/x.jsonl")) for _ in range(8)))

    asyncio.run(many())
    assert len(seen) == 8 and len(set(seen)) == 1 and threading.get_ident() not in seen
    assert "asyncio.to_thread" not in Path(page_feed.__file__).read_text()
