"""The session as both the live and the replay screen show it: clock, milestones, timeline, checklist."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from tui.app.display import printable
from tui.app.widgets.checklist import Checklist
from tui.app.widgets.clock import IncidentClock
from tui.app.widgets.milestones import MilestoneStrip
from tui.app.widgets.timeline import Timeline
from tui.core.clock.anchor import Anchor
from tui.core.clock.source import Clock
from tui.core.session.model import Session

# The detail line under the timeline shows this much of a long text; the export has all of it.
DETAIL_CHARS = 4000


def shown_part(text: str) -> str:
    if len(text) <= DETAIL_CHARS:
        return text
    return f"{text[:DETAIL_CHARS]}… ({len(text) - DETAIL_CHARS:,} more characters; the export has them all)"


class SessionView(Vertical):
    """Draws one Session; the screen around it says when it changed, or hands down another one.

    `detail` adds a line under the timeline with the selected event in full when its line had to be
    cut short (the live screen). `read_only` keeps the checklist from taking focus, so Space reaches
    the screen (the replay) and never ticks an item.
    """

    DEFAULT_CSS = (Path(__file__).with_suffix(".tcss")).read_text()

    def __init__(
        self,
        session: Session,
        clock: Clock,
        clock_anchor: Anchor,
        *,
        detail: bool = False,
        read_only: bool = False,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.clock = clock
        self.clock_anchor = clock_anchor
        self.detail = detail
        self.read_only = read_only

    def compose(self) -> ComposeResult:
        session = self.session
        yield IncidentClock(session, self.clock, self.clock_anchor)
        yield MilestoneStrip(session)
        with Horizontal(id="body"):
            if self.detail:
                with Vertical(id="timeline-column"):
                    yield Timeline(session)
                    yield Static(id="detail")
            else:
                yield Timeline(session)
            checklist = Checklist(session, self.clock)
            checklist.can_focus = not self.read_only
            yield checklist

    def on_mount(self) -> None:
        self.checklist.display = bool(self.session.checklist)

    @property
    def incident_clock(self) -> IncidentClock:
        return self.query_one(IncidentClock)

    @property
    def timeline(self) -> Timeline:
        return self.query_one(Timeline)

    @property
    def checklist(self) -> Checklist:
        return self.query_one(Checklist)

    def show_session(self, session: Session) -> None:
        """Draw another Session (the replay hands down a new one when it seeks back)."""
        self.session = session
        for widget in (self.incident_clock, self.query_one(MilestoneStrip), self.timeline, self.checklist):
            widget.session = session
        self.session_changed()

    def session_changed(self) -> None:
        """The session changed (a key, another writer, a replay step): redraw what depends on it."""
        self.query_one(MilestoneStrip).session_changed()
        self.timeline.session_changed()
        checklist = self.checklist
        checklist.display = bool(self.session.checklist)
        checklist.session_changed()
        self.incident_clock.tick()

    def select_event(self, event_id: str) -> None:
        self.timeline.select_event(event_id)

    @on(Timeline.Selected)
    def _show_detail(self, message: Timeline.Selected) -> None:
        """The selected event in full, under the timeline, when its line had to be cut short."""
        if not self.detail:
            return
        detail = self.query_one("#detail", Static)
        event = message.event
        if event is not None and message.cut:
            detail.update(Text(printable(shown_part(event.text))))
        detail.set_class(event is not None and message.cut, "shown")
