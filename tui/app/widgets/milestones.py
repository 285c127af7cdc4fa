"""The milestones strip: when each milestone was stamped, and the durations known so far."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widgets import Static

from tui.app.display import KIND_LABELS, KIND_SYMBOLS, hms
from tui.core.metrics import format_duration, session_metrics
from tui.core.session.model import MILESTONE_KINDS, Session

# Short names: the strip has to fit 80 columns with every duration known.
METRIC_SHORT: dict[str, str] = {
    "time_to_detect": "TTD",
    "time_to_acknowledge": "TTA",
    "time_to_mitigate": "TTM",
    "time_to_resolve": "TTR",
    "impact_duration": "impact",
}


class MilestoneStrip(Static):
    """The five milestones with their times (or dashes), then the durations; wraps on narrow terminals."""

    DEFAULT_CSS = (Path(__file__).with_suffix(".tcss")).read_text()

    def __init__(self, session: Session, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session
        self._shown: Text | None = None

    def on_mount(self) -> None:
        self.session_changed()

    def session_changed(self) -> None:
        # Most changes (a note) leave the strip as it was: updating it anyway re-lays out the screen.
        text = self.describe()
        if text != self._shown:
            self._shown = text
            self.update(text)

    def describe(self) -> Text:
        marks = self.session.milestones()
        tz = self.session.zone_info.tz
        line = Text()
        for kind in MILESTONE_KINDS:
            moment = marks.get(kind)
            if line:
                line.append("  ")
            label = KIND_LABELS[kind].capitalize()
            line.append(f"{KIND_SYMBOLS[kind]} {label} ", style="bold" if moment else "dim")
            line.append(hms(moment, tz) if moment else "--:--:--", style="" if moment else "dim")
        durations = Text()
        for name, value in session_metrics(self.session).items():
            if durations:
                durations.append("  ")
            durations.append(f"{METRIC_SHORT[name]} ", style="dim")
            durations.append(format_duration(value), style="bold" if value is not None else "dim")
        return Text("\n").join([line, durations])
