"""The app on a shared session: others' notes arrive without a key pressed, the masthead tells
the sharing state, and a hub gone away never stops typing."""

from __future__ import annotations

import asyncio

import pytest
import redis
from redis_server import RedisServer
from waiting import wait_until

from tui.app.app import ScribeApp
from tui.cli.sync import join, share, sync_file
from tui.core.session.recorder import Recorder
from tui.sync.hub_url import parse_hub


@pytest.fixture
def server(tmp_path):
    hub = RedisServer(tmp_path).start()
    yield hub
    hub.stop()


def _masthead(app) -> str:
    return str(app.screen.query_one("#masthead").render())


async def test_a_note_from_another_replica_appears_and_the_masthead_says_caught_up(server, session_path, keys):
    hub = parse_hub(server.url)
    # The other replica's commands run their own event loops: in a thread beside the app's.
    await asyncio.to_thread(share, session_path, hub)
    session_id = Recorder(session_path).session.id
    theirs = await asyncio.to_thread(join, hub, session_id)
    app = ScribeApp(session_path, author="tester")
    async with app.run_test(size=(120, 36)) as pilot:
        assert await wait_until(pilot, lambda: "caught up" in _masthead(app))
        other = Recorder(theirs, author="bea")
        other.add_event("seen from the other terminal", source="cli")
        await asyncio.to_thread(sync_file, theirs, push_only=True)
        assert await wait_until(
            pilot, lambda: any(e.text == "seen from the other terminal" for e in app.session.events)
        )
        assert await wait_until(pilot, lambda: "1 person" in _masthead(app) or "2 people" in _masthead(app))
        # The hub goes away: typing goes on, and the masthead says what is not shared yet.
        server.stop()
        assert await wait_until(pilot, lambda: "offline" in _masthead(app))
        await keys(pilot, "n", *"typed offline", "enter")
        assert await wait_until(pilot, lambda: any(e.text == "typed offline" for e in app.session.events))
        assert await wait_until(pilot, lambda: "1 not shared yet" in _masthead(app))


async def test_a_peers_note_is_folded_in_as_it_arrives_not_at_the_next_poll(server, session_path, monkeypatch):
    monkeypatch.setattr("tui.app.app.POLL_SECONDS", 3600)  # the file poll never comes round in this test
    hub = parse_hub(server.url)
    await asyncio.to_thread(share, session_path, hub)
    theirs = await asyncio.to_thread(join, hub, Recorder(session_path).session.id)
    app = ScribeApp(session_path, author="tester")
    async with app.run_test(size=(120, 36)) as pilot:
        assert await wait_until(pilot, lambda: "caught up" in _masthead(app))
        Recorder(theirs, author="bea").add_event("pulled and shown at once", source="cli")
        await asyncio.to_thread(sync_file, theirs, push_only=True)
        assert await wait_until(pilot, lambda: any(e.text == "pulled and shown at once" for e in app.session.events))


class WaitingHub:
    """A shared session whose worker's read waits far longer than any test: only a nudge pushes."""

    def __init__(self, server: RedisServer, session_path) -> None:
        share(session_path, parse_hub(server.url))
        self.stream = f"scribe:{Recorder(session_path).session.id}:ops"
        self.client = redis.Redis.from_url(server.url)

    def holds(self, text: str) -> bool:
        return any(text.encode() in fields[b"op"] for _id, fields in self.client.xrange(self.stream))

    def connections(self) -> int:
        return int(self.client.info("stats")["total_connections_received"])


@pytest.fixture
def waiting_hub(server, session_path, monkeypatch):
    monkeypatch.setattr("tui.app.sharing.BLOCK_MS", 120_000)
    monkeypatch.setattr("tui.app.sharing.HUB_TIMEOUT_SECONDS", 300.0)
    hub = WaitingHub(server, session_path)
    yield hub
    hub.client.close()


async def test_a_note_typed_goes_to_the_hub_without_waiting_out_the_read(waiting_hub, session_path, keys):
    app = ScribeApp(session_path, author="tester")
    async with app.run_test(size=(120, 36)) as pilot:
        # The first round pushes what the file has, then waits on the hub: by now it is waiting.
        assert await wait_until(pilot, lambda: "connecting" in _masthead(app))
        await pilot.pause(0.5)
        await keys(pilot, "n", *"typed and pushed", "enter")
        assert await wait_until(pilot, lambda: waiting_hub.holds("typed and pushed"))


async def test_a_typed_note_is_pushed_beside_the_waiting_read_without_a_new_connection(waiting_hub, session_path, keys):
    # Cutting the read short would drop its connection and open another for the next round.
    app = ScribeApp(session_path, author="tester")
    async with app.run_test(size=(120, 36)) as pilot:
        assert await wait_until(pilot, lambda: "connecting" in _masthead(app) or "caught up" in _masthead(app))
        await pilot.pause(0.5)
        await keys(pilot, "n", *"first typed", "enter")
        assert await wait_until(pilot, lambda: waiting_hub.holds("first typed"))
        assert await wait_until(pilot, lambda: "caught up" in _masthead(app))
        await pilot.pause(0.3)  # the next round is waiting on the hub again
        before = waiting_hub.connections()
        for text in ("second typed", "third typed"):
            await keys(pilot, "n", *text, "enter")
            assert await wait_until(pilot, lambda text=text: waiting_hub.holds(text))
            await pilot.pause(0.3)
        assert waiting_hub.connections() == before
        assert "caught up" in _masthead(app)
