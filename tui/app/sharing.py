"""The open app's side of team mode: a background worker exchanging the session with its hub.

The worker only ever waits on the network in its own task; what it pulls is appended to the file
and folded in at once (`arrived`), like any other writer's lines. Typing never waits on it: a note
written here only `nudge`s the worker, which pushes it beside its wait on the hub."""

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

BLOCK_MS = 500  # how long one read waits on the hub for news before the round starts again
HUB_TIMEOUT_SECONDS = 3.0  # longer than BLOCK_MS, or the socket's timeout would cut every wait
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
        arrived: Callable[[], None] = lambda: None,
    ) -> None:
        self.path = path
        self.session = session
        self.show = show
        self.warn = warn
        self.arrived = arrived  # called as soon as peers' operations are appended to the file
        self.state = "connecting"
        self.unshared = 0
        self._nudged = asyncio.Event()

    @classmethod
    def for_file(
        cls,
        path: Path,
        session: Session,
        show: Callable[[str], None],
        warn: Callable[[str], None],
        arrived: Callable[[], None] = lambda: None,
    ) -> Sharing | None:
        """A Sharing for a shared session, None for one that is not; a damaged sidecar is a warning."""
        try:
            if load_cursors(path) is None:
                return None
        except ScribeError as exc:
            warn(str(exc))
            return None
        return cls(path, session, show, warn, arrived)

    def nudge(self) -> None:
        """The file has something new of ours: push it now rather than after the wait on the hub."""
        self._nudged.set()

    async def run(self) -> None:
        try:
            cursors = load_cursors(self.path)
            if cursors is None:
                return
            hub = parse_hub(cursors.hub)
        except ScribeError as exc:
            self.warn(str(exc))
            return
        transport = RedisHub(hub, timeout=HUB_TIMEOUT_SECONDS)
        # What a round pulled is shown as soon as it is in the file, not when the round has ended.
        replica = Replica(self.path, transport, cursors, lambda text: self.warn(one_line(text)), self.arrived)
        self._set("connecting")
        try:
            while True:
                try:
                    await self._round(replica)
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

    async def _round(self, replica: Replica) -> None:
        """One round of sync; a nudge meanwhile pushes at once, beside it.

        The push takes another of the client's connections, so the read waiting on the hub goes on:
        cutting it short would cost a reconnect, and cancelling waits on a loop that is busy drawing
        the note just typed. The read then returns the note itself, which the file already has.
        """
        self._nudged.clear()
        syncing = asyncio.ensure_future(replica.sync(block_ms=BLOCK_MS))
        try:
            while True:
                nudged = asyncio.ensure_future(self._nudged.wait())
                try:
                    await asyncio.wait((syncing, nudged), return_when=asyncio.FIRST_COMPLETED)
                finally:
                    nudged.cancel()
                if syncing.done():
                    syncing.result()  # raises what the round raised
                    return
                self._nudged.clear()
                await replica.push_now()
        finally:
            if not syncing.done():  # a push failed (the hub is gone), or the app is closing
                syncing.cancel()
                await asyncio.gather(syncing, return_exceptions=True)

    def _set(self, state: str) -> None:
        self.state = state
        self.show(describe(state, self.session, self.unshared))
