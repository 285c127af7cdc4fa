"""The whole benchmark run: the floors and Scribe in a terminal, then the core in-process, as table rows."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks import cases, datasets, paths, throughput
from benchmarks.interactive import Sample, Session, first_paint, run_sessions
from benchmarks.report import Report, Row, Target

ROOT = Path(__file__).resolve().parent.parent
SIZES = (10, 1_000, 10_000)


@dataclass
class Settings:
    paint_trials: int
    key_trials: int
    idle_seconds: float
    core_repeats: int
    path_trials: int = 15

    @classmethod
    def for_run(cls, quick: bool) -> Settings:
        return cls(3, 8, 5.0, 1, 6) if quick else cls(5, 15, 10.0, 3, 15)


def child_env(home: Path) -> dict[str, str]:
    """The environment of every app started: a scratch SCRIBE_HOME, never the user's sessions."""
    # Bytecode is written as an installed Scribe has it, so start-up does not include compiling.
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("TEXTUAL") and key != "PYTHONDONTWRITEBYTECODE"
    }
    env.update(SCRIBE_HOME=str(home), SCRIBE_AUTHOR="bench", PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    return env


def _progress(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


def _missing(result: Session | str | None, unavailable: str) -> tuple[Session | None, str]:
    if isinstance(result, Session):
        return result, ""
    return None, unavailable or f"failed: {result}"


def measure_screens(settings: Settings, scratch: Path, report: Report) -> None:
    """Scribe beside the bare floor and the minimal app, each trial taking turns with them."""
    env = child_env(scratch / "home")
    (scratch / "home").mkdir()
    paths = {size: datasets.session_file(scratch / "sessions-in", size) for size in SIZES}
    unavailable = cases.scribe_available()
    raw: dict[str, Any] = report.raw.setdefault("screens", {})

    def open_case(size: int) -> cases.Case:
        return cases.scribe_open(paths[size], datasets.TITLE, datasets.last_event_text(size))

    paint_cases = {
        "bare floor": cases.bare(),
        "bare floor, 10,000 lines": cases.bare(10_000),
        "minimal app": cases.floor(),
        "minimal app, 10,000 lines": cases.floor(10_000),
    }
    if not unavailable:
        paint_cases |= {"scribe new": cases.scribe_new(), "scribe open, 10,000 events": open_case(10_000)}
    paint_args = {name: (case.argv, case.painted) for name, case in paint_cases.items()}
    _progress("warming up (bytecode, disk cache)")
    first_paint(paint_args, env, 1)
    _progress(f"first paint, {settings.paint_trials} trials each")
    paints = first_paint(paint_args, env, settings.paint_trials)
    raw["first_paint"] = {
        name: sample.as_json() if isinstance(sample, Sample) else {"error": sample} for name, sample in paints.items()
    }
    baselines = {}
    for name in ("bare floor", "bare floor, 10,000 lines", "minimal app", "minimal app, 10,000 lines"):
        sample = paints[name]
        if not isinstance(sample, Sample):
            raise RuntimeError(f"the {name} failed: {sample}")
        baselines[name] = sample.median

    def paint_row(name: str, key: str, limit: float, note: str = "") -> Row:
        sample = paints.get(key)
        if not isinstance(sample, Sample):
            sample, missing = None, unavailable or f"failed: {sample}"
        else:
            missing = ""
        value = sample.median if sample else None
        return Row(
            name, "s", value, baselines["minimal app"], Target(limit, True), missing, note, baselines["bare floor"]
        )

    report.rows += [
        paint_row("first paint: scribe new", "scribe new", 1.3),
        paint_row(
            "first paint: scribe open, 10,000 events",
            "scribe open, 10,000 events",
            2.0,
            f"the bare floor with 10,000 lines in its Log paints in {baselines['bare floor, 10,000 lines']:.3f} s",
        ),
    ]

    _progress(f"note commit, {settings.key_trials} notes each; idle CPU over {settings.idle_seconds:g} s")
    run_cases = {
        "bare floor, 10 lines": cases.bare(10),
        "bare floor, 10,000 lines": cases.bare(10_000),
        "minimal app, 10 lines": cases.floor(10),
        "minimal app, 10,000 lines": cases.floor(10_000),
    }
    if not unavailable:
        run_cases |= {f"scribe, {size:,} events": open_case(size) for size in SIZES}
    runs = run_sessions(
        {name: (case.argv, case.painted, case.flow) for name, case in run_cases.items()},
        env,
        settings.key_trials,
        settings.idle_seconds,
    )
    for name, result in runs.items():
        raw[name] = result.as_json() if isinstance(result, Session) else {"error": result}
    floors: dict[str, Session] = {}
    for name in (
        "bare floor, 10 lines",
        "bare floor, 10,000 lines",
        "minimal app, 10 lines",
        "minimal app, 10,000 lines",
    ):
        result = runs[name]
        if not isinstance(result, Session):
            raise RuntimeError(f"the {name} failed: {result}")
        floors[name] = result
    bare, bare_big = floors["bare floor, 10 lines"], floors["bare floor, 10,000 lines"]
    minimal = floors["minimal app, 10 lines"]

    for size in SIZES:
        run, missing = _missing(runs.get(f"scribe, {size:,} events"), unavailable)
        note = ""
        if size == 10_000:
            note = f"the bare floor with 10,000 lines shows a line in {bare_big.latency.median * 1e3:.1f} ms" + (
                f" ({run.latency.median / bare_big.latency.median:.2f}x)" if run else ""
            )
        report.rows.append(
            Row(
                f"note commit (Enter to screen), median, {size:,} events",
                "ms",
                run.latency.median * 1e3 if run else None,
                minimal.latency.median * 1e3,
                Target(1.5, True) if size in (10, 10_000) else None,
                missing,
                note,
                bare.latency.median * 1e3,
            )
        )
        report.rows.append(
            Row(
                f"note commit (Enter to screen), p95, {size:,} events",
                "ms",
                run.latency.p95 * 1e3 if run else None,
                minimal.latency.p95 * 1e3,
                None,
                missing,
                "",
                bare.latency.p95 * 1e3,
            )
        )
    for size in SIZES:
        run, missing = _missing(runs.get(f"scribe, {size:,} events"), unavailable)
        report.rows.append(
            Row(
                f"idle CPU, % of a core, {size:,} events",
                "%",
                run.idle_cpu_percent if run else None,
                minimal.idle_cpu_percent,
                Target(1.5, True) if size == 10 else None,
                missing,
                "",
                bare.idle_cpu_percent,
            )
        )
    run, missing = _missing(runs.get("scribe, 10,000 events"), unavailable)
    report.rows.append(
        Row(
            "peak memory, 10,000 events",
            "MB",
            run.peak_memory_mb if run else None,
            minimal.peak_memory_mb,
            Target(60, False),
            missing,
            f"the bare floor with 10,000 lines peaks at {bare_big.peak_memory_mb:.1f} MB",
            bare.peak_memory_mb,
        )
    )


# Absolute limits in seconds, but load is a ratio to its floor (json.loads of the same lines, by turns).
TARGETS = {"load": Target(1.0, True), "export": Target(0.2, False), "import": Target(0.5, False)}
NAMES = {
    "load": "load 100,000 operations (floor: json.loads)",
    "export": "export 10,000 events to Markdown",
    "import": "import a 1 MB postmortem",
    "append": "append 1,000 operations (fsync'd)",
}


def measure_core(settings: Settings, scratch: Path, report: Report) -> None:
    folder = scratch / "core"
    folder.mkdir()
    for measure in throughput.ALL:
        _progress(f"core: {measure.__name__}")
        result = measure(folder, settings.core_repeats)
        report.raw.setdefault("core", {})[result.name] = result.as_json()
        report.rows.append(
            Row(
                NAMES[result.name],
                "s",
                result.median,
                result.floor,
                TARGETS.get(result.name),
                result.missing,
                result.detail,
            )
        )


def measure_paths(settings: Settings, scratch: Path, report: Report) -> None:
    def env_for(home: Path) -> dict[str, str]:
        home.mkdir(parents=True, exist_ok=True)
        return child_env(home)

    paths.measure(settings.path_trials, scratch / "paths", report, env_for, _progress)


def run(quick: bool, screens: bool = True, core: bool = True, with_paths: bool = True) -> Report:
    settings = Settings.for_run(quick)
    report = Report("python -m benchmarks" + (" --quick" if quick else ""), quick)
    report.raw["settings"] = settings.__dict__
    scratch = Path(tempfile.mkdtemp(prefix="scribe-bench-"))
    try:
        if screens:
            measure_screens(settings, scratch, report)
        if with_paths:
            (scratch / "paths").mkdir()
            measure_paths(settings, scratch, report)
        if core:
            measure_core(settings, scratch, report)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return report
