"""The running clock: elapsed incident time in big digits, the wall time in two zones, the phase."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Static

from tui.app.display import clock_digits
from tui.core.clock.source import Clock
from tui.core.session.model import Session

if TYPE_CHECKING:
    from tui.core.clock.anchor import Anchor

TICK_SECONDS = 0.25  # redraw often enough that the seconds digit never visibly lags


class IncidentClock(Horizontal):
    """Elapsed = (wall at app start − incident start) + monotonic seconds since app start.

    Ticks only trigger a redraw; they are never counted, so a busy or suspended app never drifts.
    Once the incident is resolved the digits stop at its full duration.
    """

    DEFAULT_CSS = (Path(__file__).with_suffix(".tcss")).read_text()

    def __init__(self, session: Session, clock: Clock, clock_anchor: Anchor, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.clock = clock
        self.clock_anchor = clock_anchor
        self._shown: dict[str, object] = {}  # what each part shows now, to skip redrawing it

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
        running = self.clock.monotonic() - self.clock_anchor.mono
        return (self.clock_anchor.wall - self.session.start) + timedelta(seconds=running)

    def _digits(self) -> str:
        return clock_digits(self.elapsed())

    def tick(self) -> None:
        """Redraw from the clocks; only parts whose text changed are touched (it runs 4 times a second)."""
        session = self.session
        zone = session.zone_info
        now: datetime = self.clock.now()
        since = "impact start" if session.milestone("impact_started") else "session start"
        local = now.astimezone(zone.tz)
        utc = "" if zone.tz.utcoffset(now) == timedelta(0) else now.astimezone(UTC).strftime("%H:%M:%S")
        shown = {
            "elapsed": self._digits(),
            "elapsed-label": f"{since} → resolved" if session.status == "resolved" else f"since {since}",
            "wall-local": (local.strftime("%H:%M:%S"), zone.name, local.strftime("%a %d %b %Y")),
            "wall-utc": utc,
            "phase": session.status,
        }
        for part, value in shown.items():
            previous = self._shown.get(part)
            if previous != value:
                self._shown[part] = value
                self._draw(part, value, previous)

    def _draw(self, part: str, value, previous) -> None:
        if part == "elapsed":
            self.query_one("#elapsed", Digits).update(value)
        elif part == "elapsed-label":
            self.query_one("#elapsed-label", Static).update(Text(value, style="dim"))
        elif part == "wall-local":
            clock, zone_name, day = value
            # Same width every second: redrawn without laying the screen out again.
            self.query_one("#wall-local", Static).update(
                Text.assemble((clock, "bold"), f" {zone_name}  ", (day, "dim")), layout=False
            )
        elif part == "wall-utc":
            line = self.query_one("#wall-utc", Static)
            line.update(Text.assemble((value, "bold"), " UTC") if value else "", layout=not value or not previous)
        elif part == "phase":
            phase = self.query_one("#phase", Static)
            phase.update(Text(value.upper(), style="bold"))
            phase.set_classes(f"phase-{value}")
