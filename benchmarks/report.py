"""The benchmark's answer: each figure beside the floor's, as a ratio, against the issue's target."""

from __future__ import annotations

import json
import os
import platform
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any


@dataclass
class Target:
    """A ratio to the bare floor (`ratio=True`) or an absolute limit in the row's unit."""

    limit: float
    ratio: bool

    def describe(self, unit: str) -> str:
        return f"<= {self.limit:g}x" if self.ratio else f"< {self.limit:g} {unit}"


@dataclass
class Row:
    """One line of the table. `scribe` is None (with `missing`) when that part is not built yet.

    `bare` is the bare floor's figure (benchmarks/bare_floor.py), the one a target's ratio is to;
    `floor` is the minimal app's (benchmarks/minimal_app.py), kept beside it for comparison with
    earlier runs. Both are measured in the same run as Scribe's, by turns.
    """

    name: str
    unit: str
    scribe: float | None
    floor: float | None = None
    target: Target | None = None
    missing: str = ""
    note: str = ""
    bare: float | None = None

    @property
    def ratio(self) -> float | None:
        """To the bare floor when it was measured, else to the minimal app."""
        base = self.bare if self.bare else self.floor
        if self.scribe is None or not base:
            return None
        return self.scribe / base

    @property
    def ratio_to_minimal(self) -> float | None:
        if self.scribe is None or not self.floor:
            return None
        return self.scribe / self.floor

    @property
    def verdict(self) -> str:
        if self.scribe is None:
            return "n/a"
        if self.target is None:
            return ""
        value = self.ratio if self.target.ratio else self.scribe
        if value is None:
            return "n/a"
        passed = value <= self.target.limit if self.target.ratio else value < self.target.limit
        return "ok" if passed else "MISSED"

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "unit": self.unit,
            "scribe": self.scribe,
            "bare_floor": self.bare,
            "ratio": self.ratio,
            "minimal_app": self.floor,
            "ratio_to_minimal_app": self.ratio_to_minimal,
            "target": self.target.describe(self.unit) if self.target else None,
            "verdict": self.verdict,
            "missing": self.missing or None,
            "note": self.note or None,
        }


def _figure(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "ms":
        return f"{value:,.1f}"
    if unit in ("s", "MB"):
        return f"{value:,.3f}" if unit == "s" else f"{value:,.1f}"
    return f"{value:,.2f}"


def table(rows: list[Row]) -> str:
    header = ("measurement", "unit", "scribe", "bare", "ratio", "minimal", "ratio", "target", "verdict")
    cells = [header]
    for row in rows:
        cells.append(
            (
                row.name,
                row.unit,
                _figure(row.scribe, row.unit),
                _figure(row.bare, row.unit),
                f"{row.ratio:.2f}x" if row.ratio is not None and row.bare else "-",
                _figure(row.floor, row.unit),
                f"{row.ratio_to_minimal:.2f}x" if row.ratio_to_minimal is not None else "-",
                row.target.describe(row.unit) if row.target else "",
                row.verdict,
            )
        )
    widths = [max(len(line[i]) for line in cells) for i in range(len(header))]
    lines = []
    for number, line in enumerate(cells):
        lines.append(
            "  ".join(
                cell.ljust(width) if i == 0 else cell.rjust(width)
                for i, (cell, width) in enumerate(zip(line, widths, strict=False))
            ).rstrip()
        )
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    # The same reason on many rows (the app is not built yet) is said once.
    by_text: dict[str, list[str]] = {}
    for row in rows:
        if row.missing or row.note:
            by_text.setdefault(row.missing or row.note, []).append(row.name)
    notes = [
        f"  {names[0]}: {text}" if len(names) == 1 else f"  {len(names)} rows: {text}"
        for text, names in by_text.items()
    ]
    return "\n".join(lines + (["", "notes:", *notes] if notes else []))


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def machine() -> dict[str, Any]:
    """What the figures depend on besides the code: where and with what they were measured."""
    return {
        "nproc": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "machine": platform.machine(),
        "system": f"{platform.system()} {platform.release()}",
        "python": sys.version.split()[0],
        "textual": _version("textual"),
        "pydantic": _version("pydantic"),
        "pyte": _version("pyte"),
    }


@dataclass
class Report:
    command: str
    quick: bool
    rows: list[Row] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "command": self.command,
            "quick": self.quick,
            "machine": machine(),
            "rows": [row.as_json() for row in self.rows],
            "raw": self.raw,
        }

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.as_json(), indent=2) + "\n", encoding="utf-8")
