"""What an unexpected exception in the app does: no traceback with local variables on the terminal
(Textual's default prints them: report URLs with keys, tokens), but a rescue copy of changes the
disk refused, a private crash report, two lines and exit code 1."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, TextIO

from tui.core.safe_text import one_line

if TYPE_CHECKING:
    from textual.app import App

# Test-only: set to "crash" to make the app fail on purpose once it is on screen, so the crash
# path can be tried end to end. Nothing sets it outside the tests and the documentation's check.
TEST_FAULT_VARIABLE = "SCRIBE_TEST_FAULT"


class PlantedFault(RuntimeError):
    """The test-only fault."""


class CrashGuard:
    """Takes over Textual's handling of unhandled exceptions for one app: the live app (whose
    Recorder may hold changes to rescue) or a replay (which holds none)."""

    def __init__(self, app: App[int]) -> None:
        self.app = app
        self.error: BaseException | None = None
        # Textual calls app._handle_exception for every unhandled error (handlers, workers,
        # timers, compose); answered here, its own traceback with locals is never rendered.
        app._handle_exception = self.handle  # type: ignore[method-assign]
        if os.environ.get(TEST_FAULT_VARIABLE) == "crash":
            app.call_after_refresh(self._planted_fault)

    def handle(self, error: BaseException) -> None:
        if self.error is None:
            self.error = error
        self.app.exit(return_code=1)

    def _planted_fault(self) -> None:
        report_url = "https://pizza-factory.cs329.click/api/support/k3yK3yK3yTestOnly/report/f1xTestOnly"
        raise PlantedFault(f"{TEST_FAULT_VARIABLE}=crash while following {report_url}")

    def finish(self, out: TextIO | None = None) -> int:
        """After the app stopped on an error: rescue, report, two lines on `out`; the exit code."""
        from tui.core.crash_report import write_crash_report
        from tui.core.session.rescue import save_before_exit

        assert self.error is not None
        out = out or sys.stderr
        recorder = getattr(self.app, "recorder", None)
        if recorder is None:
            saved, session = "nothing was changed", None
        else:
            session = recorder.path
            try:
                unsaved = save_before_exit(recorder)
            except Exception as exc:  # the rescue must not hide the crash it follows
                unsaved = f"changes may not be saved to {recorder.path}: {exc}"
            saved = unsaved or f"every change is saved in {recorder.path}"
        try:
            report = write_crash_report(self.error, session=session)
            where = f"a crash report (no local variables, secrets masked) is in {report}"
        except OSError as exc:
            where = f"no crash report could be written: {exc.strerror or exc}"
        name = type(self.error).__name__
        out.write(one_line(f"scribe: stopped by an unexpected error ({name}); {saved}") + "\n")
        out.write(one_line(f"scribe: {where}") + "\n")
        out.flush()
        return 1
