"""Asking before Scribe follows the factory's report URL itself: the GET changes the factory's state."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Label, Static

from tui.app.dialogs.confirm import YesNoDialog
from tui.app.display import printable


class FollowConfirm(YesNoDialog):
    """Asks before Scribe sends the GET itself: following the URL changes the factory's state."""

    HELP_GROUP = "Follow the report URL"
    DEFAULT_CSS = """
    FollowConfirm { align: center middle; }
    FollowConfirm #confirm-box {
        width: 80; height: auto; padding: 1 2;
        border: thick $warning; background: $surface;
    }
    FollowConfirm Label { width: 100%; margin-bottom: 1; }
    FollowConfirm #confirm-host { text-style: bold; color: $text-warning; margin-bottom: 1; }
    FollowConfirm #confirm-url { color: $text-muted; margin-bottom: 1; }
    FollowConfirm #confirm-buttons { height: auto; align-horizontal: right; }
    FollowConfirm Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Send", id="inspector.follow.yes", tooltip="Send the GET to this host"),
        Binding(
            "n,escape", "answer(False)", "Cancel", id="inspector.follow.no", tooltip="Go back without sending anything"
        ),
    ]

    def __init__(self, url: str, host: str) -> None:
        super().__init__()
        self.url = url
        self.host = host

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Label("[b]Follow the report URL?[/b]")
            yield Label("Scribe will send one GET request to")
            yield Static(Content(printable(self.host)), id="confirm-host")
            yield Static(Content(printable(self.url)), id="confirm-url")
            yield Label("Reporting the fault should end the chaos. The answer goes on the timeline.")
            with Horizontal(id="confirm-buttons"):
                yield Button("Send GET (y)", id="confirm-yes", variant="warning")
                yield Button("Cancel (n)", id="confirm-no")
