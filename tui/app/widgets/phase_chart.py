"""The phase chart: one bar per phase of the incident (tui.core.metrics), on a shared time axis, with its duration."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual.widget import Widget

from tui.app.display import KIND_SYMBOLS, hms
from tui.core.metrics import format_duration, impact_window, phases
from tui.core.session.model import MILESTONE_KINDS, Session

LABEL_WIDTH = 20  # "● Acknowledgement" and a gap
FIGURE_WIDTH = 9  # "1h 05m" and "19m 50s" with room to spare
BAR = "█"


class PhaseChart(Widget):
    """A Gantt chart in text: where each phase starts and ends on the incident's time axis.

    Bars take the colours of the milestones that end them (the timeline's colours), so "the long
    one" reads the same here as in the list above it.
    """

    DEFAULT_CSS = (Path(__file__).with_suffix(".tcss")).read_text()
    COMPONENT_CLASSES = {
        "phase-chart--axis",
        "phase-chart--label",
        "phase-chart--impact",
        *(f"phase-chart--{kind}" for kind in MILESTONE_KINDS),
    }

    def __init__(self, session: Session, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.border_title = "Phases"

    def session_changed(self) -> None:
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:
        marks = self.session.milestones()
        stretches = phases(marks)
        return 2 + len(stretches) + (1 if impact_window(marks) else 0) if stretches else 1

    def render(self) -> Text:
        marks = self.session.milestones()
        stretches = phases(marks)
        if not stretches:
            return Text("Phases appear once two milestones are stamped.", style="dim")
        impact = impact_window(marks)
        rows = ([impact] if impact else []) + stretches
        first, last = min(row.start for row in rows), max(row.end for row in rows)
        span = max((last - first).total_seconds(), 1.0)
        tz = self.session.zone_info.tz
        width = max(10, self.content_size.width - LABEL_WIDTH - FIGURE_WIDTH - 2)
        axis_style = self.get_component_rich_style("phase-chart--axis")
        label_style = self.get_component_rich_style("phase-chart--label")
        lines = [self._axis(first, last, width, tz, axis_style)]
        for row in rows:
            style_name = "impact" if row is impact else row.kind
            left = round((row.start - first).total_seconds() / span * width)
            length = max(1, round(row.duration.total_seconds() / span * width))
            left = min(left, width - length)
            line = Text(no_wrap=True, end="")
            symbol = "▼" if row is impact else KIND_SYMBOLS[row.kind]
            line.append(f"{symbol} {row.label}"[:LABEL_WIDTH].ljust(LABEL_WIDTH), label_style)
            line.append(" " * left)
            line.append(BAR * length, self.get_component_rich_style(f"phase-chart--{style_name}"))
            line.append(" " * (width - left - length))
            line.append("  ")
            line.append(format_duration(row.duration).rjust(FIGURE_WIDTH - 1), "bold")
            lines.append(line)
        total = Text(no_wrap=True, end="")
        total.append("Whole incident".ljust(LABEL_WIDTH), label_style)
        total.append(f"{hms(first, tz)} → {hms(last, tz)} {self.session.zone_info.name}".ljust(width))
        total.append("  ")
        total.append(format_duration(last - first).rjust(FIGURE_WIDTH - 1), "bold")
        lines.append(total)
        return Text("\n").join(lines)

    @staticmethod
    def _axis(first: datetime, last: datetime, width: int, tz, style) -> Text:
        """The start and end times over the bars, so a bar's place reads as a time of day."""
        start, end = hms(first, tz)[:5], hms(last, tz)[:5]
        line = Text(" " * LABEL_WIDTH, no_wrap=True, end="")
        line.append(start + end.rjust(width - len(start)), style)
        return line
