"""The full-screen app (Textual): `run_app` opens one session file for live capture."""

from __future__ import annotations

import gc
import os
import signal
import sys
from pathlib import Path

from tui.core.clock.source import Clock
from tui.core.session.journal import Loaded

WRITER_SWITCH_SECONDS = 0.001


def run_app(path: str | os.PathLike[str], clock: Clock | None = None, loaded: Loaded | None = None) -> int:
    """Run the app on a session file until the user quits; the exit code for the command line."""
    from tui.app.app import ScribeApp
    from tui.app.crash import CrashGuard
    from tui.core.config import current_author

    app = ScribeApp(Path(path), clock=clock, author=current_author(), loaded=loaded)
    # The session just loaded (hundreds of thousands of objects at 10,000 events) lives as long as
    # the app: moved out of the cycle collector's reach, its full collections no longer rescan it
    # between two key presses.
    gc.freeze()
    # Textual hands each frame to a writer thread, which needs the interpreter back after every
    # part the terminal took. The default 5 ms switch interval let the work done just after a
    # frame (the entry bar closing after a note) keep the frame's last part waiting that long.
    sys.setswitchinterval(WRITER_SWITCH_SECONDS)
    _save_on_termination(app)
    guard = CrashGuard(app)
    try:
        app.run()
    except Exception as exc:  # outside Textual's own handling (the driver, shutting down)
        guard.handle(exc)
    if guard.error is not None:
        return guard.finish()
    code = app.return_code or 0
    if code == 0:
        print(closing_words(Path(path)), file=sys.stdout)
    return code


def closing_words(path: Path) -> str:
    """What is left on the terminal once the screen is gone: where the session is, and the next step."""
    import shlex  # here, not at the top: a few milliseconds of start-up for two lines at the end

    from tui.core.safe_text import one_line

    shown = one_line(str(path))  # a file name is user input: no escape sequence reaches the terminal
    return f"Session saved in {shown}\nWrite the postmortem: scribe export {shlex.quote(shown)}"


def _save_on_termination(app) -> None:
    """SIGTERM or SIGHUP (a closed terminal) never drops changes the disk refused: they are retried,
    else copied elsewhere, and the app exits saying where."""
    from tui.core.session.rescue import save_before_exit

    def stop(signum: int, frame: object) -> None:
        message = save_before_exit(app.recorder)
        app.exit(return_code=1 if message else 0, message=message)

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop)
