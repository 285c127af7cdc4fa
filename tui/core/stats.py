"""Incidents compared: one row of durations per session, with the median and 90th percentile of each.

The numbers are the ones a team tracks across incidents (time to detect, acknowledge, mitigate,
resolve); a duration the milestones do not give stays empty and is left out of the summary rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from tui.core.errors import ScribeError
from tui.core.metrics import format_duration, session_metrics
from tui.core.safe_text import one_line
from tui.core.session import journal
from tui.core.session.model import Session

COLUMNS: tuple[tuple[str, str], ...] = (
    ("impact_duration", "IMPACT"),
    ("time_to_detect", "DETECT"),
    ("time_to_acknowledge", "ACK"),
    ("time_to_mitigate", "MITIGATE"),
    ("time_to_resolve", "RESOLVE"),
)
"""(Metrics name, heading) of the duration columns: how long users were affected, then the
incident's durations in the order it runs."""
TITLE_WIDTH = 48


@dataclass(frozen=True)
class Row:
    path: Path
    start: datetime
    date: str
    title: str
    values: dict[str, timedelta | None]


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unmeasured: list[Path] = field(default_factory=list)  # sessions with no duration to compare

    def column(self, name: str) -> list[timedelta]:
        return [row.values[name] for row in self.rows if row.values[name] is not None]  # type: ignore[misc]


def row_for(path: Path, session: Session) -> Row:
    metrics = session_metrics(session)
    start = session.start
    values = dict(metrics.items())
    local = start.astimezone(session.zone_info.tz)
    return Row(path, start, local.strftime("%Y-%m-%d"), one_line(session.title), values)


def session_files(targets: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """Files named, and the *.jsonl files in folders named; a missing path is a warning."""
    files: list[Path] = []
    warnings: list[str] = []
    for target in targets:
        if target.is_dir():
            files.extend(sorted(target.glob("*.jsonl")))
        elif target.exists():
            files.append(target)
        else:
            warnings.append(f"{target}: no such file or folder")
    return files, warnings


def collect(targets: Iterable[Path]) -> Table:
    """Load every session; one unreadable file costs one warning, never the whole table."""
    files, warnings = session_files(targets)
    table = Table(warnings=warnings)
    for path in files:
        try:
            loaded = journal.load(path)
        except ScribeError as exc:
            table.warnings.append(str(exc))
            continue
        except (OSError, UnicodeDecodeError) as exc:
            table.warnings.append(f"{path}: {getattr(exc, 'strerror', None) or exc}")
            continue
        row = row_for(path, loaded.session)
        if any(value is not None for value in row.values.values()):
            table.rows.append(row)
        else:  # an empty session, or one with a single milestone: nothing to compare, not an incident row
            table.unmeasured.append(path)
    table.rows.sort(key=lambda row: row.start)
    return table


def percentile(values: list[timedelta], q: float) -> timedelta | None:
    """Linear interpolation between closest ranks (the spreadsheet PERCENTILE.INC); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    fraction = position - low
    # Not rounded here: format_duration shows whole seconds as each row does, so a median of one
    # incident reads as that incident's row.
    return ordered[low] + (ordered[high] - ordered[low]) * fraction


def render(table: Table) -> str:
    """A plain-text table: one row per incident, then MEDIAN and P90."""
    header = ("DATE", "TITLE", *(heading for _, heading in COLUMNS))
    lines: list[tuple[str, ...]] = [header]
    for row in table.rows:
        title = row.title if len(row.title) <= TITLE_WIDTH else row.title[: TITLE_WIDTH - 1] + "…"
        lines.append((row.date, title, *(format_duration(row.values[name]) for name, _ in COLUMNS)))
    summary_at = len(lines)
    for label, q in (("MEDIAN", 0.5), ("P90", 0.9)):
        lines.append(
            (
                label,
                f"of {len(table.rows)} incident{'' if len(table.rows) == 1 else 's'}",
                *(format_duration(percentile(table.column(name), q)) for name, _ in COLUMNS),
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for n, line in enumerate(lines):
        if n == summary_at:
            out.append("  ".join("-" * width for width in widths))
        cells = [
            cell.ljust(width) if i < 2 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=False))
        ]
        out.append("  ".join(cells).rstrip())
    return "\n".join(out) + "\n"
