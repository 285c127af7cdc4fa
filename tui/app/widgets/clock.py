"""The running clock: elapsed incident time in big digits, the wall time in two zones, the phase."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Static

from tui.app.display import clock_digits
from tui.core.clock import Clock
from tui.core.model import Session

if TYPE_CHECKING:
    from tui.app.app import Anchor

TICK_SECONDS = 0.25  # redraw often enough that the seconds digit never visibly lags


class IncidentClock(Horizontal):
    """Elapsed = (wall at app start − incident start) + monotonic seconds since app start.

    Ticks only trigger a redraw; they are never counted, so a busy or suspended app never drifts.
    Once the incident is resolved the digits stop at its full duration.
    """

    DEFAULT_CSS = (Path(__file__).with_suffix(".tcss")).read_text()

    def __init__(self, session: Session, clock: Clock, anchor: Anchor, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.clock = clock
        self.anchor = anchor

    def compose(self) -> ComposeResult:
        yield Digits(self._digits(), id="elapsed")
        with Vertical(id="clock-side"):
            with Horizontal(id="clock-phase-line"):
                yield Static(id="phase")
                yield Static(id="elapsed-label")
            yield Static(id="wall-local")
            yield Static(id="wall-utc")

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(TICK_SECONDS, self.tick)

    def elapsed(self) -> timedelta:
        resolved = self.session.milestones().get("resolved")
        if resolved is not None:
            return resolved - self.session.start
        running = self.clock.monotonic() - self.anchor.mono
        return (self.anchor.wall - self.session.start) + timedelta(seconds=running)

    def _digits(self) -> str:
        return clock_digits(self.elapsed())

    def tick(self) -> None:
        session = self.session
        zone = session.zone_info
        now: datetime = self.clock.now()
        digits = self.query_one("#elapsed", Digits)
        value = self._digits()
        if digits.value != value:
            digits.update(value)
        since = "impact start" if session.milestone("impact_started") else "session start"
        label = f"{since} → resolved" if session.status == "resolved" else f"since {since}"
        self.query_one("#elapsed-label", Static).update(Text(label, style="dim"))
        local = now.astimezone(zone.tz)
        self.query_one("#wall-local", Static).update(
            Text.assemble((local.strftime("%H:%M:%S"), "bold"), f" {zone.name}  ",
                          (local.strftime("%a %d %b %Y"), "dim")))
        if zone.tz.utcoffset(now) != timedelta(0):
            utc = now.astimezone(timezone.utc)
            self.query_one("#wall-utc", Static).update(Text.assemble((utc.strftime("%H:%M:%S"), "bold"), " UTC"))
        else:
            self.query_one("#wall-utc", Static).update("")
        phase = self.query_one("#phase", Static)
        phase.update(Text(session.status.upper(), style="bold"))
        phase.set_classes(f"phase-{session.status}")
