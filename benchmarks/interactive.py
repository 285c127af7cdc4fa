"""What a user sees of an app in a terminal: first paint, note key-to-screen latency, idle CPU, memory."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from benchmarks.terminal import Predicate, Terminal, idle_cpu_percent, peak_memory_mb


@dataclass
class NoteFlow:
    """How to commit a note: keys that open the entry, how to tell it is open, the key that commits.

    Without `opened`, the entry counts as open once the screen has changed and gone quiet.
    """

    open_keys: str = "n"
    opened: Predicate | None = None
    submit: str = "\r"


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
        return {"median_s": self.median, "p95_s": self.p95, "trials": len(self.values),
                "values_s": self.values}


def first_paint(argv: Sequence[str], env: Mapping[str, str], painted: Predicate, trials: int,
                before_each: Callable[[], None] | None = None, timeout: float = 30.0) -> Sample:
    """Seconds from spawning `argv` until the screen satisfies `painted`, over fresh processes."""
    sample = Sample()
    for _ in range(trials):
        if before_each is not None:
            before_each()
        terminal = Terminal(argv, env)
        try:
            sample.values.append(terminal.wait_for(painted, timeout) - terminal.spawned_at)
            terminal.wait_quiet(0.2, timeout=3)
        finally:
            terminal.close()
    return sample


def _new_occurrence(text: str, before: set[tuple[int, str]]) -> Predicate:
    """The screen shows `text` on a row that did not show it that way before (not the entry's echo)."""

    def shown(lines: list[str]) -> bool:
        return any(text in line and (row, line) not in before for row, line in enumerate(lines))

    return shown


def commit_note(terminal: Terminal, flow: NoteFlow, text: str, timeout: float = 20.0) -> float:
    """Open the note entry, type `text`, let the app settle, then time Enter until the note shows."""
    version = terminal.version
    terminal.send(flow.open_keys)
    if flow.opened is not None:
        terminal.wait_for(flow.opened, timeout)
    else:
        terminal.wait_for(lambda _lines: terminal.version != version, timeout)
    terminal.wait_quiet(0.1, timeout=2)
    terminal.send(text)
    terminal.wait_for(lambda lines: any(text in line for line in lines), timeout)
    terminal.wait_quiet(0.1, timeout=2)
    before = {(row, line) for row, line in enumerate(terminal.display()) if text in line}
    latency = terminal.press_and_wait(flow.submit, _new_occurrence(text, before), timeout)
    terminal.wait_quiet(0.1, timeout=2)
    return latency


@dataclass
class Session:
    """One run of an app: key latency over trials, then idle CPU, then its peak memory."""

    latency: Sample
    idle_cpu_percent: float | None
    peak_memory_mb: float
    screen_after: list[str]


def run_session(argv: Sequence[str], env: Mapping[str, str], painted: Predicate, flow: NoteFlow,
                trials: int, idle_seconds: float, label: str = "note",
                timeout: float = 60.0) -> Session:
    """Start the app, commit `trials` notes, measure idle CPU (0 s skips it) and peak memory."""
    terminal = Terminal(argv, env)
    try:
        terminal.wait_for(painted, timeout)
        terminal.wait_quiet(0.5, timeout=5)
        sample = Sample()
        stamp = time.strftime("%H%M%S")
        for trial in range(1, trials + 1):
            sample.values.append(commit_note(terminal, flow, f"{label} {stamp} trial {trial:02d} done"))
        cpu = None
        if idle_seconds > 0:
            terminal.wait_quiet(1.0, timeout=3)
            cpu = idle_cpu_percent(terminal.pid, idle_seconds)
        memory = peak_memory_mb(terminal.pid)
        return Session(sample, cpu, memory, terminal.display())
    finally:
        terminal.close()
