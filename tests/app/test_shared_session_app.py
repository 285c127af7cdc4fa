"""The app on a shared session: others' notes arrive without a key pressed, the masthead tells
the sharing state, and a hub gone away never stops typing."""

from __future__ import annotations

import asyncio

import pytest
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
