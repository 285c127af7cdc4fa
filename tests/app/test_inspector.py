"""The response inspector against the loopback stand-in factory: paste, find the URL, confirm, follow, record."""

from __future__ import annotations

import asyncio
import socket
import sys
import webbrowser
from pathlib import Path

import pyperclip
import pytest
from factory_standin import RESOLVED, FactoryStandIn
from textual import events
from textual.widgets import Input, Static

from tui.app.app import ScribeApp
from tui.app.dialogs.follow_confirm import FollowConfirm
from tui.app.screens.inspector import InspectorScreen, ResponseText
from tui.app.widgets.timeline import Timeline
from tui.core.config import Config
from tui.core.session import journal

INSPECT_STEP = "Inspect the factory response (the 500 body, in logs or dev tools)"
FOLLOW_STEP = "Follow the report URL from the factory response"


@pytest.fixture
def browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A real $BROWSER command (a script that writes down each URL it is given); the file it writes."""
    log = tmp_path / "browser.log"
    script = tmp_path / "browser"
    script.write_text(f'#!/bin/sh\necho "$1" >> "{log}"\n', encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("BROWSER", str(script))
    # webbrowser reads $BROWSER once, on first use: start it afresh, as a new process would.
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.setattr(webbrowser, "_browsers", {})
    return log


def browsed(log: Path) -> list[str]:
    return log.read_text(encoding="utf-8").split() if log.exists() else []


@pytest.fixture
def standin():
    with FactoryStandIn() as server:
        yield server


def saved(path: Path):
    """The session as the file holds it: what a crash right now would keep."""
    return journal.load(path).session


def ticked(path: Path) -> dict[str, bool]:
    return {item.text: item.checked for item in saved(path).checklist}


def events_of(path: Path, kind: str) -> list[str]:
    return [event.text for event in saved(path).events if event.kind == kind]


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def open_and_paste(app, pilot, text: str) -> InspectorScreen:
    """Press p and paste as a terminal does: one bracketed paste into the focused box."""
    await pilot.press("p")
    screen = app.screen
    assert isinstance(screen, InspectorScreen)
    area = screen.query_one(ResponseText)
    assert app.focused is area
    app.post_message(events.Paste(text))  # the driver hands it to the app, which gives it to the focused widget
    await pilot.pause()
    return screen


async def follow_and_wait(app, pilot, screen: InspectorScreen) -> None:
    if screen.follow_thread is not None:
        await asyncio.to_thread(screen.follow_thread.join, 30)
    await screen.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def closed_port() -> int:
    """A loopback port nothing listens on: connecting is refused at once, no timeout involved."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_pasted_500_shows_the_url_and_records_the_inspection(make_app, session_path, fake_clock, standin):
    status, body = standin.order("/factory/api/order")
    assert status == 500
    pasted = "HTTP/1.1 500 Internal Server Error\nContent-Type: application/json\n\n" + body + "\n"
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_and_paste(app, pilot, pasted)
        assert screen.query_one(ResponseText).text == pasted  # several lines, kept as pasted
        assert "500 Internal Server Error" in shown(app, "#facts")
        assert "chaos monkey" in shown(app, "#facts")
        assert standin.report_url() in shown(app, "#report-url")
        assert screen.query_one("#report-url").has_class("found")
        assert '"reportUrl"' in shown(app, "#json")
        await pilot.press("escape")
        assert not isinstance(app.screen, InspectorScreen)
        assert any(event.kind == "inspect" for event in app.screen.query_one(Timeline).session.events)
    assert standin.chaos is True  # inspecting sends nothing
    session = saved(session_path)
    [inspected] = [event for event in session.events if event.kind == "inspect"]
    assert inspected.text == f"Inspected factory response: 500 chaos monkey; report URL {standin.report_url()}"
    assert inspected.time == fake_clock.now()
    assert inspected.source == "inspector"
    assert ticked(session_path)[INSPECT_STEP] is True
    assert ticked(session_path)[FOLLOW_STEP] is False


async def test_follow_after_confirming_the_host_ends_the_chaos_and_records_the_answer(
    make_app, session_path, fake_clock, standin
):
    _, body = standin.order()  # the service's body: followLinkToEndChaos
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_and_paste(app, pilot, body)
        await pilot.press("ctrl+f", "n")
        assert app.screen is screen
        assert "nothing was sent" in shown(app, "#answer")
        assert [method for method, _ in standin.requests] == ["POST"]  # only the order
        fake_clock.advance(30)
        await pilot.press("ctrl+f")
        confirm = app.screen
        assert isinstance(confirm, FollowConfirm)
        host = standin.base_url.removeprefix("http://")
        assert str(confirm.query_one("#confirm-host", Static).render()) == host
        assert standin.chaos is True  # nothing is sent before the answer
        await pilot.press("y")
        await follow_and_wait(app, pilot, screen)
        assert app.screen is screen
        assert f"200 {RESOLVED}" in shown(app, "#answer")
        assert screen.query_one("#answer").has_class("ok")
    assert standin.chaos is False
    assert standin.order()[0] == 200
    session = saved(session_path)
    [followed] = [event for event in session.events if event.kind == "follow"]
    assert followed.text == f"Followed report URL: 200 {RESOLVED}"
    assert followed.time == fake_clock.now()
    assert ticked(session_path)[FOLLOW_STEP] is True
    assert ticked(session_path)[INSPECT_STEP] is True


async def test_copy_and_open_in_browser_record_the_inspection_once(
    make_app, session_path, standin, monkeypatch, browser
):
    copied: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", copied.append)  # the system clipboard takes it too
    _, body = standin.order()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_and_paste(app, pilot, body)
        await pilot.press("ctrl+t", "ctrl+o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.clipboard == standin.report_url()
        assert copied == [standin.report_url()]
        said = [note.message for note in app._notifications]
        assert "Report URL copied to the terminal clipboard (OSC 52) and the system clipboard (pyperclip)." in said
        assert browsed(browser) == [standin.report_url()]
        assert "Handed to the web browser" in shown(app, "#answer")
        await pilot.press("ctrl+o")  # again: the browser gets it again, the timeline says it once
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert browsed(browser) == [standin.report_url()] * 2
        await pilot.press("ctrl+n")  # cleared and pasted again: a second look, which counts
        app.post_message(events.Paste(body))
        await pilot.pause()
    assert len(events_of(session_path, "inspect")) == 2
    assert events_of(session_path, "note").count("Opened report URL in the browser") == 1
    assert standin.chaos is True  # the browser's GET is its own; Scribe sent nothing


async def test_a_body_without_a_url_says_so_and_a_non_http_url_is_refused(make_app, session_path, browser):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        screen = app.screen
        screen.query_one(ResponseText).insert('{"message": "unknown endpoint"}')  # typed, not pasted
        await pilot.pause()
        assert "No report URL in this response." in shown(app, "#report-url")
        assert screen.query_one("#report-url").has_class("missing")
        assert screen.check_action("follow", ()) is None  # greyed out: nothing to follow
        await pilot.press("ctrl+f")
        assert app.screen is screen
        assert "Not on the timeline yet" in shown(app, "#recorded")
        assert events_of(session_path, "inspect") == []
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "recorded on the timeline" in shown(app, "#recorded")
        assert screen.check_action("record", ()) is False  # recorded: no longer offered

        await pilot.press("ctrl+n")
        app.post_message(events.Paste('{"message": "chaos monkey", "reportUrl": "file:///etc/passwd"}'))
        await pilot.pause()
        await pilot.press("ctrl+f")
        assert app.screen is screen  # refused before asking: there is nothing to confirm
        assert "refusing to follow a file: URL" in shown(app, "#answer")
        assert screen.query_one("#answer").has_class("error")
        await pilot.press("ctrl+o")
        assert browsed(browser) == []
    no_url, refused = events_of(session_path, "inspect")
    assert no_url == "Inspected factory response: unknown endpoint (no report URL found)"
    assert refused.endswith("report URL file:///etc/passwd")
    assert events_of(session_path, "follow") == []
    assert ticked(session_path)[INSPECT_STEP] is True
    assert ticked(session_path)[FOLLOW_STEP] is False


async def test_unreachable_and_unresolved_are_shown_and_recorded_without_a_tick(make_app, session_path, standin):
    port = closed_port()
    body = f'{{"message": "chaos monkey", "reportUrl": "http://127.0.0.1:{port}/api/support/k/report/c"}}'
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_and_paste(app, pilot, body)
        await pilot.press("ctrl+f", "y")
        await follow_and_wait(app, pilot, screen)
        assert f"could not reach 127.0.0.1:{port}" in shown(app, "#answer")
        assert screen.query_one("#answer").has_class("error")
        assert screen.check_action("follow", ()) is True  # free to try again
        await pilot.press("ctrl+n")
        stale = f'{{"message": "chaos monkey", "reportUrl": "{standin.report_url("stale99")}"}}'
        app.post_message(events.Paste(stale))
        await pilot.pause()
        await pilot.press("ctrl+f", "y")
        await follow_and_wait(app, pilot, screen)
        assert "400 Problem unresolved" in shown(app, "#answer")
    assert standin.chaos is True
    unreachable, unresolved = events_of(session_path, "follow")
    assert unreachable.startswith(f"Followed report URL: could not reach 127.0.0.1:{port}")
    assert unresolved == "Followed report URL: 400 Problem unresolved"
    assert ticked(session_path)[FOLLOW_STEP] is False


async def test_from_the_palette_a_file_is_read_by_the_app_and_a_missing_one_is_reported(
    make_app, session_path, tmp_path, standin
):
    _, body = standin.order()
    saved_body = tmp_path / "response.json"
    saved_body.write_text(body)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"inspect: factory", "enter")
        await pilot.pause()
        assert isinstance(app.screen, InspectorScreen)
        await pilot.press("ctrl+l")
        path_box = app.screen.query_one("#load-path", Input)
        assert app.focused is path_box
        path_box.value = str(tmp_path / "missing.json")  # typed key by key in real use; the result is this
        await pilot.press("enter")
        assert "no such file" in shown(app, "#load-problem")
        assert events_of(session_path, "inspect") == []
        path_box.value = str(saved_body)
        await pilot.press("enter")
        await pilot.pause()
        assert standin.report_url() in shown(app, "#report-url")
        assert not app.screen.query_one("#load-problem").has_class("shown")
    [inspected] = events_of(session_path, "inspect")
    assert standin.report_url() in inspected


async def test_inspector_keys_are_remapped_by_id_without_a_warning(session_path, fake_clock, standin):
    _, body = standin.order()
    config = Config(keys={"inspector.follow": "ctrl+g", "inspector.open": "i,p"})
    app = ScribeApp(session_path, clock=fake_clock, author="tester", config=config)
    async with app.run_test(size=(120, 40)) as pilot:
        assert not any("no key has the id" in str(note.message) for note in app._notifications)
        await open_and_paste(app, pilot, body)
        await pilot.press("ctrl+g")
        assert isinstance(app.screen, FollowConfirm)
        await pilot.press("n")


async def test_an_answer_that_comes_after_the_screen_closed_is_still_recorded(make_app, session_path, standin):
    _, body = standin.order()
    standin.slow(30)  # the factory holds the GET until released below
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_and_paste(app, pilot, body)
        await pilot.press("ctrl+f", "y", "escape")
        assert not isinstance(app.screen, InspectorScreen)
        standin._released.set()  # the factory answers now, with nobody looking at the inspector
        for _ in range(200):  # bounded: the thread needs a moment to hand the answer back
            if any(event.kind == "follow" for event in app.session.events):
                break
            await pilot.pause(0.05)
    assert standin.chaos is False
    assert events_of(session_path, "follow") == [f"Followed report URL: 200 {RESOLVED}"]
    assert ticked(session_path)[FOLLOW_STEP] is True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a display is an X11/Wayland notion")
async def test_open_in_browser_with_no_display_says_nothing_opened_and_records_nothing(
    make_app, session_path, standin, monkeypatch
):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"):
        monkeypatch.delenv(name, raising=False)
    _, body = standin.order()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_and_paste(app, pilot, body)
        await pilot.press("ctrl+o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        answer = shown(app, "#answer")
        assert answer.startswith("Nothing opened: this terminal has no display")
        assert "Ctrl+T copies the URL" in answer
    assert "Opened report URL in the browser" not in events_of(session_path, "note")
