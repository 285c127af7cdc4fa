"""`scribe replay FILE`: an app holding just the replay screen, with the live app's themes and keymap."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from textual.dom import DOMNode

from tui.app.base import HELP_BINDING, ScribeBaseApp, force_quit_binding
from tui.app.crash import CrashGuard
from tui.app.screens.replay import ReplayScreen
from tui.core.clock.source import SYSTEM_CLOCK, Clock
from tui.core.config import Config, load_config
from tui.core.replay import redacted
from tui.core.session import journal


class ReplayApp(ScribeBaseApp):
    """The live app's themes and keymap around one ReplayScreen; no Recorder, so no lock and no writes.

    The live app opens the same screen over its own from the palette (ScribeApp.action_replay_session).
    """

    TITLE = "Scribe replay"
    BINDINGS = [force_quit_binding("Quit the replay"), HELP_BINDING]

    def __init__(
        self,
        ops: list[dict[str, Any]],
        *,
        clock: Clock | None = None,
        speed: int = 60,
        skip_idle: bool = True,
        name_shown: str = "",
        config: Config | None = None,
    ) -> None:
        super().__init__(config or Config())
        self.clock: Clock = clock or SYSTEM_CLOCK
        self.ops = ops
        self.speed = speed
        self.skip_idle = skip_idle
        self.name_shown = name_shown

    def remappable_screens(self) -> tuple[type[DOMNode], ...]:
        return (ReplayScreen,)

    def get_default_screen(self) -> ReplayScreen:
        return ReplayScreen(
            self.ops, self.clock, speed=self.speed, skip_idle=self.skip_idle, name_shown=self.name_shown
        )

    def on_mount(self) -> None:
        self.install_preferences()


def run_replay(
    path: str | os.PathLike[str],
    speed: int = 60,
    skip_idle: bool = True,
    clock: Clock | None = None,
    redact: bool = True,
) -> int:
    """Replay a session file until the user quits. The file is read here, once, and only read;
    secrets are masked unless `redact` is False."""
    loaded = journal.load(path)
    app = ReplayApp(
        redacted(loaded.ops) if redact else loaded.ops,
        clock=clock,
        speed=speed,
        skip_idle=skip_idle,
        name_shown=Path(path).name,
        config=load_config(),
    )
    guard = CrashGuard(app)
    try:
        app.run()
    except Exception as exc:  # outside Textual's own handling
        guard.handle(exc)
    if guard.error is not None:
        return guard.finish()
    return app.return_code or 0
