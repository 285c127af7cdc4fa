"""Fixtures for the app's tests: a session file started at a fixed moment and an app on a fake clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tui.app.app import ScribeApp
from tui.core.clock.source import FakeClock
from tui.core.session.folder import start_session

START = datetime(2025, 4, 8, 10, 24, tzinfo=UTC)
SNAPSHOT_THEME = "textual-dark"


@pytest.fixture
def home(scribe_home: Path) -> Path:
    """The temporary $SCRIBE_HOME (set for every test by the top-level conftest)."""
    return scribe_home


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def session_path(home: Path) -> Path:
    """A fresh session on the pizza runbook, started at START, in GMT, SEV2."""
    return start_session(
        "Pizza purchases failing", runbook="pizza-factory-chaos", zone="GMT", severity="SEV2", clock=FakeClock(START)
    )


AppFactory = Callable[..., ScribeApp]


@pytest.fixture
def make_app(session_path: Path, fake_clock: FakeClock) -> AppFactory:
    """Build the app on a session file (the fixture's by default) and a fake clock."""

    def factory(path: Path | None = None, clock: FakeClock | None = None) -> ScribeApp:
        return ScribeApp(path or session_path, clock=clock or fake_clock, author="tester")

    return factory


@pytest.fixture
def keys():
    """Send keys the way a fast typist does: all at once, then wait until the app has handled them.

    Quicker than `pilot.press` (which waits for idle after every key) and a test of type-ahead too.
    """
    from textual import events
    from textual.keys import _character_to_key

    async def send(pilot, *names: str) -> None:
        driver = pilot.app._driver
        for name in names:
            key = _character_to_key(name) if len(name) == 1 and not name.isalnum() else name
            char = name if len(name) == 1 else ("\r" if name == "enter" else " " if name == "space" else None)
            event = events.Key(key, char)
            event.set_sender(pilot.app)
            driver.send_message(event)
        await pilot.pause()

    return send
