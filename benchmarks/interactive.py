"""What a user sees of an app in a terminal: first paint, note key-to-screen latency, idle CPU, memory."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial

from benchmarks.terminal import (
    Predicate,
    ScreenTimeout,
    Terminal,
    idle_cpu_percent,
    peak_memory_mb,
)


@dataclass
class NoteFlow:
    """How to commit a note: keys that open the entry, how to tell it is open, the key that commits.

    Without `opened`, the entry counts as open once the screen has changed and gone quiet; with no
    `open_keys` there is nothing to open. An app that does not `echo` typed text (the bare floor)
    is given a moment to read it instead.
    """

    open_keys: str = "n"
    opened: Predicate | None = None
    submit: str = "\r"
    echo: bool = True


@dataclass
class Sample:
    """Timings in seconds; summarised as median and 95th percentile."""

    values: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def p95(self) -> float:
        ordered = sorted(self.values)
        # Nearest rank: with 20 trials the 19th value, never an interpolation above what was seen.
        rank = max(1, -(-95 * len(ordered) // 100))
        return ordered[rank - 1]

    def as_json(self) -> dict[str, object]:
        return {"median_s": self.median, "p95_s": self.p95, "trials": len(self.values), "values_s": self.values}


def first_paint(
    cases: Mapping[str, tuple[Sequence[str], Predicate]], env: Mapping[str, str], trials: int, timeout: float = 30.0
) -> dict[str, Sample | str]:
    """Seconds from spawning each command until its screen satisfies its predicate, fresh each time.

    Trials go round the cases in turn, so load from elsewhere on the machine falls on all of them
    alike and their ratios stay fair. A case that fails drops out with its error in place of a sample.
    """
    results: dict[str, Sample | str] = {name: Sample() for name in cases}
    for _ in range(trials):
        for name, (argv, painted) in cases.items():
            sample = results[name]
            if isinstance(sample, str):
                continue
            terminal = Terminal(argv, env)
            try:
                sample.values.append(terminal.wait_for(painted, timeout) - terminal.spawned_at)
                terminal.wait_quiet(0.2, timeout=3)
            except ScreenTimeout as exc:
                results[name] = _first_line(exc)
            finally:
                terminal.close()
    return results


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def new_occurrence(text: str, before: set[tuple[int, str]]) -> Predicate:
    """The screen shows `text` on a row that did not show it that way before (not the entry's echo)."""

    def shown(lines: list[str]) -> bool:
        return any(text in line and (row, line) not in before for row, line in enumerate(lines))

    return shown


def type_note(terminal: Terminal, flow: NoteFlow, text: str, timeout: float = 20.0) -> None:
    """Open the note entry and type `text`, letting the app settle, so only the commit key is left."""
    if flow.open_keys:
        version = terminal.version
        terminal.send(flow.open_keys)
        if flow.opened is not None:
            terminal.wait_for(flow.opened, timeout)
        else:
            terminal.wait_for(lambda _lines: terminal.version != version, timeout)
        terminal.wait_quiet(0.1, timeout=2)
    terminal.send(text)
    if flow.echo:
        terminal.wait_for(lambda lines: any(text in line for line in lines), timeout)
        terminal.wait_quiet(0.1, timeout=2)
    else:
        time.sleep(0.1)
        terminal.wait_quiet(0.1, timeout=2)


def commit_note(terminal: Terminal, flow: NoteFlow, text: str, timeout: float = 20.0) -> float:
    """Type `text` into the note entry (see type_note), then time Enter until the note shows."""
    type_note(terminal, flow, text, timeout)
    before = {(row, line) for row, line in enumerate(terminal.display()) if text in line}
    latency = terminal.press_and_wait(flow.submit, new_occurrence(text, before), timeout)
    terminal.wait_quiet(0.1, timeout=2)
    return latency


@dataclass
class Session:
    """One run of an app: key latency over trials, then idle CPU, then its peak memory."""

    latency: Sample
    idle_cpu_percent: float | None
    peak_memory_mb: float
    screen_after: list[str]

    def as_json(self) -> dict[str, object]:
        return {
            "latency": self.latency.as_json(),
            "idle_cpu_percent": self.idle_cpu_percent,
            "peak_memory_mb": self.peak_memory_mb,
            "screen_after": [line.rstrip() for line in self.screen_after],
        }


@dataclass
class Running:
    """An app started for a run of notes; `error` says why it dropped out, if it did."""

    terminal: Terminal
    flow: NoteFlow
    latency: Sample = field(default_factory=Sample)
    error: str = ""


def run_sessions(
    cases: Mapping[str, tuple[Sequence[str], Predicate, NoteFlow]],
    env: Mapping[str, str],
    trials: int,
    idle_seconds: float,
    timeout: float = 60.0,
) -> dict[str, Session | str]:
    """Start every app, commit `trials` notes in each by turns, then measure their idle CPU over the
    same window (0 s skips it) and their peak memory. An app that fails is reported by its error.

    Taking turns, and idling side by side, puts any load from elsewhere on all the apps alike.
    """
    running: dict[str, Running] = {}
    try:
        for name, (argv, _painted, flow) in cases.items():
            running[name] = Running(Terminal(argv, env), flow)
        for name, (_argv, painted, _flow) in cases.items():
            _guard(running[name], partial(_wait_painted, painted=painted, timeout=timeout))
        for app in running.values():
            _guard(app, partial(_wait_quiet, seconds=0.5, timeout=5))
        stamp = time.strftime("%H%M%S")
        for trial in range(1, trials + 1):
            for name, app in running.items():
                label = f"{name.split()[0]} {stamp} trial {trial:02d} done"
                _guard(app, partial(_commit, label=label))
        idle: dict[int, float] = {}
        if idle_seconds > 0:
            for app in running.values():
                _guard(app, partial(_wait_quiet, seconds=1.0, timeout=3))
            idle = idle_cpu_percent([app.terminal.pid for app in running.values()], idle_seconds)
        results: dict[str, Session | str] = {}
        for name, app in running.items():
            if app.error:
                results[name] = app.error
                continue
            results[name] = Session(
                app.latency, idle.get(app.terminal.pid), peak_memory_mb(app.terminal.pid), app.terminal.display()
            )
        return results
    finally:
        for app in running.values():
            app.terminal.close()


def _wait_painted(app: Running, painted: Predicate, timeout: float) -> None:
    app.terminal.wait_for(painted, timeout)


def _wait_quiet(app: Running, seconds: float, timeout: float) -> None:
    app.terminal.wait_quiet(seconds, timeout=timeout)


def _commit(app: Running, label: str) -> None:
    app.latency.values.append(commit_note(app.terminal, app.flow, label))


def _guard(app: Running, step: Callable[[Running], object]) -> None:
    """Run a step of one app unless it already failed; a failure drops only that app."""
    if app.error:
        return
    try:
        step(app)
    except (ScreenTimeout, OSError) as exc:
        app.error = _first_line(exc)
