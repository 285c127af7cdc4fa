"""Core throughput, in-process: load, export, import and append at the sizes of the performance issue.

Each measurement is a function of a scratch folder and a repeat count that returns its best and
median time; a measurement whose code is not part of this build yet is reported as missing, not
skipped silently.
"""

from __future__ import annotations

import gc
import importlib
import json
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks import datasets


@dataclass
class Result:
    """Seconds per run, or why there is no figure."""

    name: str
    values: list[float]
    detail: str = ""
    missing: str = ""
    floor: float | None = None  # the same work's floor, measured by turns in the same run
    floor_values: list[float] | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.values) if self.values else None

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"median_s": self.median, "values_s": self.values, "detail": self.detail}
        if self.floor is not None:
            data |= {"floor_median_s": self.floor, "floor_values_s": self.floor_values}
            data["ratio"] = self.median / self.floor if self.median else None
        if self.missing:
            data["missing"] = self.missing
        return data


def _timed(run: Callable[[], Any], repeats: int, budget: float = 5.0) -> list[float]:
    """Up to `repeats` timings, fewer once `budget` seconds are spent: a run that misses its
    target by ten times says so the first time, and the suite stays a few minutes long."""
    values: list[float] = []
    while len(values) < repeats and sum(values) < budget:
        gc.collect()
        started = time.perf_counter()
        run()
        values.append(time.perf_counter() - started)
    return values


def _optional(module: str, name: str) -> Callable[..., Any] | None:
    """A core function that lands later in the build: None until its module exists."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def _by_turns(runs: dict[str, Callable[[], Any]], repeats: int) -> dict[str, list[float]]:
    """Each run timed `repeats` times, taking turns (a, b, a, b, ...): a burst of other work on the
    machine slows both sides alike, so their ratio holds where absolute figures do not."""
    values: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            gc.collect()
            started = time.perf_counter()
            run()
            values[name].append(time.perf_counter() - started)
    return values


def decode_lines(path: Path) -> list[Any]:
    """The floor for any Python reader of a journal: its JSON lines decoded by `json.loads`, nothing else."""
    return [json.loads(line) for line in path.read_bytes().splitlines()]


def load_journal(scratch: Path, repeats: int, operations: int = 100_000) -> Result:
    """`journal.load` of a 100,000-operation file, by turns with `decode_lines` of the same file."""
    from tui.core.session import journal

    extra = operations // 10
    path = datasets.session_file(scratch, operations - extra - 1, extra_ops=extra, name=f"load-{operations}.jsonl")
    size = path.stat().st_size
    journal.load(path)  # warm: the disk cache and any parser imported on first use
    decode_lines(path)
    # At least five turns: one slow turn of either side does not move a median of five.
    timed = _by_turns({"load": lambda: journal.load(path), "json": lambda: decode_lines(path)}, max(repeats, 5))
    loaded = journal.load(path)
    floor = statistics.median(timed["json"])
    return Result(
        "load",
        timed["load"],
        f"{len(loaded.ops):,} operations, {len(loaded.session.events):,} events, {size / 1e6:.1f} MB; "
        f"floor: json.loads of its lines alone, by turns ({len(timed['json'])} each, medians)",
        floor=floor,
        floor_values=timed["json"],
    )


def export_markdown(scratch: Path, repeats: int, events: int = 10_000) -> Result:
    from tui.core.session import journal

    export = _optional("tui.core.postmortem.export", "export_session")
    render = _optional("tui.core.postmortem.markdown", "render_postmortem")
    if export is None or render is None:
        return Result("export", [], missing="tui.core.postmortem.markdown.render_postmortem is not in this build")
    session = journal.load(datasets.session_file(scratch, events, name=f"export-{events}.jsonl")).session
    out = scratch / "export.md"
    values = _timed(lambda: out.write_text(export(session, fmt="markdown"), encoding="utf-8"), repeats)
    return Result("export", values, f"{events:,} events to {out.stat().st_size / 1e6:.2f} MB of Markdown")


def import_postmortem(scratch: Path, repeats: int, size: int = 1_000_000) -> Result:
    """`scribe import`: a postmortem file read, parsed and written as a new session file.

    The parse alone is timed too, so a slow figure says whether reading or writing is the cause.
    """
    reader = _optional("tui.core.importing.reader", "read_postmortem")
    if reader is None:
        return Result("import", [], missing="tui.core.importing.reader.read_postmortem is not in this build")
    path = scratch / "postmortem.md"
    path.write_text(datasets.postmortem_markdown(size), encoding="utf-8")
    parse = _timed(lambda: reader(path), repeats)
    entries = len(reader(path).entries)
    detail = f"{path.stat().st_size / 1e6:.2f} MB of Markdown, {entries:,} timed entries"
    writer = _optional("tui.core.importing.to_session", "import_postmortem")
    if writer is None:
        return Result("import", parse, detail + "; parse only (no session writer in this build)")
    outputs = (scratch / f"imported-{number}.jsonl" for number in range(repeats))
    values = _timed(lambda: writer(path, next(outputs)), repeats)
    return Result("import", values, f"{detail}; parsing alone {statistics.median(parse):.3f} s")


def append_operations(scratch: Path, repeats: int, count: int = 1_000) -> Result:
    """`count` events through the Recorder, each fsync'd before the next, as keys would add them."""
    from tui.core.session.recorder import Recorder

    values = []
    for run in range(repeats):
        path = datasets.session_file(scratch, 10, name=f"append-{run}.jsonl")
        recorder = Recorder(path, author="pat")
        texts = [f"appended note {number} while the factory was down" for number in range(count)]
        gc.collect()
        started = time.perf_counter()
        for text in texts:
            recorder.add_event(text)
        values.append(time.perf_counter() - started)
        if recorder.unsaved:
            raise RuntimeError(f"{recorder.unsaved} operations were not saved: {recorder.last_error}")
    return Result(
        "append", values, f"{count:,} operations, each fsync'd ({statistics.median(values) / count * 1e3:.2f} ms each)"
    )


ALL = (load_journal, export_markdown, import_postmortem, append_operations)
