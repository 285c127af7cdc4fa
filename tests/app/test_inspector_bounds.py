"""The inspector on large pastes and slow factories: the screen never waits on the scan or the GET,
quitting never waits on a follow in flight, and the factory's answer is recorded whenever it comes."""

from __future__ import annotations

import asyncio

import pytest
from factory_standin import RESOLVED, FactoryStandIn
from textual import events

from tui.app.screens.inspector import SCAN_AT_ONCE, InspectorScreen
from tui.core.session import journal


@pytest.fixture
def standin():
    with FactoryStandIn() as server:
        yield server


def events_of(path, kind: str) -> list[str]:
    return [event.text for event in journal.load(path).session.events if event.kind == kind]


async def test_a_large_paste_is_read_on_a_thread_and_recorded_once(make_app, session_path, standin):
    _, body = standin.order()
    large = "noise http:// " * 20_000 + "\n" + body
    assert len(large) > SCAN_AT_ONCE
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, InspectorScreen)
        app.post_message(events.Paste(large))
        await pilot.pause()
        await screen.workers.wait_for_complete()
        await pilot.pause()
        assert screen.findings is not None and screen.findings.report_url == standin.report_url()
        assert screen.recorded
    assert len(events_of(session_path, "inspect")) == 1


async def test_quitting_does_not_wait_for_a_follow_and_its_answer_is_still_recorded(make_app, session_path, standin):
    _, body = standin.order()
    standin.slow(30)  # the factory holds the GET until released below
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        screen = app.screen
        app.post_message(events.Paste(body))
        await pilot.pause()
        await pilot.press("ctrl+f", "y")
        await pilot.pause()
        thread = screen.follow_thread
        assert thread is not None and thread.is_alive()
        await pilot.press("ctrl+q")
    assert thread.is_alive()  # the app is gone; the GET is still out
    standin._released.set()  # the factory answers now, after the app has quit
    await asyncio.to_thread(thread.join, 30)
    assert standin.chaos is False
    assert events_of(session_path, "follow") == [f"Followed report URL: 200 {RESOLVED}"]


async def test_a_redirect_to_another_host_asks_again(make_app, session_path, standin):
    from tui.app.screens.inspector import FollowConfirm

    port = standin.base_url.rsplit(":", 1)[1]
    elsewhere = f"http://localhost:{port}/api/support/{standin.api_key}/report/{standin.fix_code}"
    body = '{"message": "x", "reportUrl": "' + f"{standin.base_url}/moved?to={elsewhere}" + '"}'
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        screen = app.screen
        app.post_message(events.Paste(body))
        await pilot.pause()
        await pilot.press("ctrl+f", "y")
        await asyncio.to_thread(screen.follow_thread.join, 30)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, FollowConfirm) and app.screen.host == f"localhost:{port}"
        assert standin.chaos is True  # nothing went to the other host before asking
        await pilot.press("y")
        await pilot.pause()
        await asyncio.to_thread(screen.follow_thread.join, 30)
        await pilot.pause()
        await pilot.pause()
    assert standin.chaos is False
    assert events_of(session_path, "follow")[-1] == f"Followed report URL: 200 {RESOLVED}"
