"""Where replays start: `scribe replay FILE` (an app holding just the replay screen) and the live app's palette."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.binding import Binding

from tui.app.crash import CrashGuard
from tui.app.preferences import Preferences, class_binding_ids
from tui.app.screens.help import HelpScreen
from tui.app.screens.replay import ReplayScreen
from tui.app.themes import theme_variable_defaults
from tui.core.clock.source import SYSTEM_CLOCK, Clock
from tui.core.config import Config, load_config
from tui.core.errors import ScribeError
from tui.core.replay import redacted
from tui.core.session import journal

if TYPE_CHECKING:
    from tui.app.app import ScribeApp


class ReplayApp(App[int]):
    """The live app's themes and keymap around one ReplayScreen; no Recorder, so no lock and no writes."""

    TITLE = "Scribe replay"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit.force", show=False, priority=True, tooltip="Quit the replay"),
        Binding("question_mark,f1", "help", "Keys", id="view.help", tooltip="Every key, and the id to remap it"),
    ]

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
        super().__init__()
        self.clock: Clock = clock or SYSTEM_CLOCK
        self.ops = ops
        self.options = {"speed": speed, "skip_idle": skip_idle, "name_shown": name_shown}
        self.preferences = Preferences(self, config or Config())

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return theme_variable_defaults(self.current_theme)

    def get_default_screen(self) -> ReplayScreen:
        return ReplayScreen(self.ops, self.clock, **self.options)

    def on_mount(self) -> None:
        self.preferences.install(extra_binding_ids=class_binding_ids(ReplayScreen))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen.for_screen(self, self.screen))


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


def replay_open_session(app: ScribeApp) -> None:
    """The palette's "replay: this session": the file as saved so far, over the live screen.

    Read with `journal.load` like any replay, never through the app's Recorder, so the replay holds
    no lock and the live capture underneath carries on (Escape returns to it).
    """
    if any(isinstance(screen, ReplayScreen) for screen in app.screen_stack):
        return  # one replay at a time; the one open is where the palette was opened from
    try:
        loaded = journal.load(app.recorder.path)
    except (ScribeError, OSError) as exc:
        app.notify(f"cannot replay: {exc}", severity="error", timeout=6)
        return
    app.push_screen(ReplayScreen(redacted(loaded.ops), app.clock, name_shown=app.recorder.path.name))
