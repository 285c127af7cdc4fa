"""The open app's side of team mode: a background worker exchanging the session with its hub.

The worker only ever waits on the network in its own task; what it pulls is appended to the file,
and the app's poll folds it in like any other writer's lines. Typing never waits on it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from tui.core.errors import ScribeError
from tui.core.safe_text import one_line
from tui.core.session.model import Session
from tui.sync.cursors import load_cursors
from tui.sync.engine import Replica
from tui.sync.hub_url import HubError, parse_hub
from tui.sync.transport import RedisHub

BLOCK_MS = 500  # how long one read waits on the hub for news; a local change waits at most this to go out
RETRY_SECONDS = 1.0


def people(session: Session) -> int:
    """How many people wrote this session's events (by author name)."""
    return len({event.author for event in session.events if event.author})


def describe(state: str, session: Session, unshared: int = 0) -> str:
    """The masthead's words for the sharing state."""
    if state == "caught up":
        count = people(session)
        return f"shared · caught up · {count} {'person' if count == 1 else 'people'}"
    if state == "offline":
        return f"offline · {unshared} not shared yet · reconnecting"
    return "shared · connecting"


class Sharing:
    """Runs while the app is open on a shared session; `show` gets the masthead text on each change."""

    def __init__(
        self,
        path: Path,
        session: Session,
        show: Callable[[str], None],
        warn: Callable[[str], None],
    ) -> None:
        self.path = path
        self.session = session
        self.show = show
        self.warn = warn
        self.state = "connecting"
        self.unshared = 0

    @classmethod
    def for_file(
        cls, path: Path, session: Session, show: Callable[[str], None], warn: Callable[[str], None]
    ) -> Sharing | None:
        """A Sharing for a shared session, None for one that is not; a damaged sidecar is a warning."""
        try:
            if load_cursors(path) is None:
                return None
        except ScribeError as exc:
            warn(str(exc))
            return None
        return cls(path, session, show, warn)

    async def run(self) -> None:
        try:
            cursors = load_cursors(self.path)
            if cursors is None:
                return
            hub = parse_hub(cursors.hub)
        except ScribeError as exc:
            self.warn(str(exc))
            return
        transport = RedisHub(hub, timeout=3.0)
        replica = Replica(self.path, transport, cursors, lambda text: self.warn(one_line(text)))
        self._set("connecting")
        try:
            while True:
                try:
                    await replica.sync(block_ms=BLOCK_MS)
                except HubError:
                    self.unshared = replica.unshared()
                    self._set("offline")
                    await asyncio.sleep(RETRY_SECONDS)
                    continue
                except (ScribeError, OSError) as exc:
                    self.warn(f"sharing stopped: {exc}")
                    return
                self._set("caught up")
        finally:
            await transport.close()

    def _set(self, state: str) -> None:
        self.state = state
        self.show(describe(state, self.session, self.unshared))
