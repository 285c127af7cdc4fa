"""Keeping the open app in step with its session file: other writers' appends, shells' commands, sharing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app.dialogs.unsaved import UnsavedQuitScreen
from tui.app.display import printable
from tui.core.shell.spool import spools
from tui.sync.cursors import sidecar_path

if TYPE_CHECKING:
    from tui.app.app import ScribeApp
    from tui.app.sharing import Sharing
    from tui.core.file_watch import FileWatch


class LiveFile:
    """The app's helper for what reaches the session file from elsewhere while it is open; what
    changed is shown through the app's screen and notifications."""

    def __init__(self, app: ScribeApp) -> None:
        self.app = app
        self.recorder = app.recorder
        self.sharing: Sharing | None = None
        self.watch: FileWatch | None = None
        self._poll_due = False

    def report_problems(self) -> None:
        """Lines of the file that could not be read are named on open; the file itself is left as it is."""
        problems = self.recorder.problems
        if not problems:
            return
        lines = ", ".join(str(problem.line) for problem in problems[:12]) + (", ..." if len(problems) > 12 else "")
        details = "\n".join(str(problem) for problem in problems[:5])
        self.app.notify(
            f"Skipped what could not be read, line {lines}; the file is left unchanged.\n{details}",
            title=f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in the session file",
            severity="warning",
            timeout=20,
            markup=False,
        )

    def poll(self) -> None:
        """Fold in what `scribe note` and other writers appended; retry anything left unsaved."""
        app = self.app
        if self.recorder.unsaved:
            self.recorder.flush()
            app._show_save_state()
            if not self.recorder.unsaved and isinstance(app.screen, UnsavedQuitScreen):
                app.exit()  # quit was asked for and the disk has now taken everything
        if self.recorder.poll():
            app._changed()
        self._ingest_commands()

    def _ingest_commands(self) -> None:
        """What attached shells spooled (tui.core.shell): a folder listing when none ever was. Reads
        at most a megabyte of spool per poll, so a long backlog is caught up over a few polls."""
        if not spools(self.recorder.path):
            return
        from tui.core.shell.ingest import ingest  # redaction and hashing: loaded once a shell attaches

        result = ingest(self.recorder, self.app.hook, wait=False)
        for problem in result.problems:  # each bad line once: the spool's progress moves past it
            self.app.notify(f"Shell commands: {problem}", severity="warning", timeout=8, markup=False)
        if result.added:
            self.app._changed()

    def start_watching(self) -> None:
        """Fold in other writers' appends as soon as the kernel says the file grew (see FileWatch)."""
        from tui.core.file_watch import FileWatch

        self.watch = FileWatch.start(self.recorder.path, self._file_grew)

    def stop_watching(self) -> None:
        if self.watch is not None:
            self.watch.stop()
            self.watch = None

    def _file_grew(self) -> None:
        # After the next refresh: the app's own note, which also grows the file, is drawn first.
        if not self._poll_due:
            self._poll_due = True
            self.app.call_after_refresh(self._poll_now)

    def _poll_now(self) -> None:
        self._poll_due = False
        self.app.poll()

    def start_sharing(self) -> None:
        """On a shared session, exchange it with the hub in a worker of its own."""
        if not sidecar_path(self.recorder.path).exists():
            return  # not shared: the network client (and what it imports) stays out of start-up
        from tui.app.sharing import Sharing

        sharing = Sharing.for_file(
            self.recorder.path, self.recorder.session, self._show_sharing, self._sharing_warning, self.app.poll
        )
        if sharing is not None:
            self.sharing = sharing
            self.app.run_worker(sharing.run(), group="sharing", exit_on_error=False)

    def changed(self) -> None:
        """The session changed (a note typed, an edit): a shared one sends it to the hub now."""
        if self.sharing is not None:
            self.sharing.nudge()

    def _show_sharing(self, text: str) -> None:
        screen = self.app._main_screen()
        if screen is not None:
            screen.show_sharing(text)

    def _sharing_warning(self, text: str) -> None:
        self.app.notify(printable(text), title="Sharing", severity="warning", markup=False)
