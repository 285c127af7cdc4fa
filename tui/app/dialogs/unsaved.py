"""Quitting with changes the disk refused: retry, write them to another file, or quit after a warning."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from tui.app.display import printable


def describe(count: int, error: OSError | None) -> str:
    """ "3 changes not saved: No space left on device" — the words the warning line uses too."""
    noun = "change" if count == 1 else "changes"
    reason = (error.strerror or str(error)) if error is not None else "unknown error"
    return f"{count} {noun} not saved: {reason}"


class UnsavedQuitScreen(ModalScreen[None]):
    """Never quit silently with unsaved changes: the app answers each request and closes or exits.

    The screen only asks; the app retries, writes the copy and exits (screens never touch files).
    """

    HELP_GROUP = "Unsaved changes"
    DEFAULT_CSS = """
    UnsavedQuitScreen { align: center middle; }
    UnsavedQuitScreen > Vertical {
        width: 80; max-width: 100%; height: auto; max-height: 100%; padding: 1 2;
        border: thick $error; background: $surface;
    }
    UnsavedQuitScreen Label, UnsavedQuitScreen Static { width: 100%; }
    UnsavedQuitScreen #unsaved-problem { color: $error; margin-top: 1; }
    UnsavedQuitScreen Input { margin-top: 1; }
    UnsavedQuitScreen Horizontal { height: auto; margin-top: 1; }
    UnsavedQuitScreen Button { margin-right: 1; width: auto; }
    """
    BINDINGS = [
        Binding(
            "escape",
            "back",
            "Back",
            id="unsaved.back",
            priority=True,
            tooltip="Back to the session; the app keeps retrying",
        ),
    ]

    class Retry(Message):
        """Try the session file again; quit if everything is written."""

    class WriteCopy(Message):
        """Write the whole session, unsaved changes included, to a new file, then quit."""

        def __init__(self, path: str) -> None:
            super().__init__()
            self.path = path

    class QuitAnyway(Message):
        """Quit, losing the unsaved changes (asked twice)."""

    def __init__(self, count: int, error: OSError | None, file_name: str, suggested: str) -> None:
        super().__init__()
        self.count = count
        self.error = error
        self.file_name = file_name
        self.suggested = suggested
        self.confirming = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text("Not everything is saved", style="bold"))
            yield Static(self._summary(), id="unsaved-summary")
            yield Input(self.suggested, id="unsaved-path", tooltip="Where to write the copy")
            with Horizontal():
                yield Button("Retry", id="unsaved-retry", variant="primary")
                yield Button("Write copy", id="unsaved-copy")
                yield Button("Quit without saving", id="unsaved-quit", variant="error")
            yield Static("", id="unsaved-problem")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#unsaved-retry", Button))

    def _summary(self) -> Text:
        return Text.assemble(
            f"{describe(self.count, self.error)} to ",
            (printable(self.file_name), "bold"),
            ".\n",
            "Retry the file, write the whole session to a new file (Enter in the path), "
            "or quit and lose them. Escape goes back.",
        )

    # -- answers from the app ------------------------------------------------------------------

    def show_state(self, count: int, error: OSError | None, problem: str = "") -> None:
        """The app's answer to a request that did not let it quit."""
        self.count, self.error = count, error
        self.query_one("#unsaved-summary", Static).update(self._summary())
        self.show_problem(problem)

    def show_problem(self, text: str) -> None:
        self.query_one("#unsaved-problem", Static).update(Text(printable(text)))

    # -- requests ------------------------------------------------------------------------------

    @on(Button.Pressed, "#unsaved-retry")
    def _retry(self) -> None:
        self._reset_confirmation()
        self.post_message(self.Retry())

    @on(Button.Pressed, "#unsaved-copy")
    @on(Input.Submitted, "#unsaved-path")
    def _copy(self, event: Message) -> None:
        event.stop()
        self._reset_confirmation()
        path = self.query_one("#unsaved-path", Input).value.strip()
        if not path:
            self.show_problem("Type a file name for the copy first.")
            return
        self.post_message(self.WriteCopy(path))

    @on(Button.Pressed, "#unsaved-quit")
    def _quit(self) -> None:
        if self.confirming:
            self.post_message(self.QuitAnyway())
            return
        self.confirming = True
        noun = "change" if self.count == 1 else "changes"
        self.query_one("#unsaved-quit", Button).label = f"Yes, lose {self.count} {noun}"
        self.show_problem(f"The {self.count} unsaved {noun} will be lost. Press again to quit anyway.")

    def _reset_confirmation(self) -> None:
        if self.confirming:
            self.confirming = False
            self.query_one("#unsaved-quit", Button).label = "Quit without saving"

    def action_back(self) -> None:
        if self.is_current:
            self.dismiss(None)
