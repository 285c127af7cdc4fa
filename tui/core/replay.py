"""Replay: a saved journal played back on its own timestamps, sped up, stepped, and never written to."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tui.core.postmortem.redact import redact_all
from tui.core.session.fold import Fold, OperationError
from tui.core.session.model import MILESTONE_KINDS, Session
from tui.core.session.operations import parse_stamp

SPEEDS: tuple[int, ...] = (1, 2, 5, 10, 30, 60, 120, 300, 600)
IDLE_LIMIT = 2.0  # seconds of replay time: longer stretches with nothing happening are shortened


# What an operation names rather than says: never a secret, and the fold needs them exact.
_STRUCTURE = frozenset({"op", "at", "id", "event_id", "item_id", "time", "kind", "version", "field"})


def redacted(ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The operations with every text in them redacted, as exports are: a replay is shown on a
    shared screen, and it shows what an export leaves out (text edited away, deleted events)."""
    return [redact_all(op, keep=_STRUCTURE) for op in ops]


@dataclass(frozen=True)
class Step:
    """One operation and the moment of the incident it replays at."""

    at: datetime
    op: dict[str, Any]


def _event_time(op: dict[str, Any]) -> datetime | None:
    if op.get("op") == "event.add":
        return parse_stamp(op["event"]["time"])
    if op.get("op") == "check.set" and op.get("time"):
        return parse_stamp(op["time"])
    return None


def plan(ops: list[dict[str, Any]]) -> list[Step]:
    """When each operation happened.

    A session captured live replays on its journal's `at` stamps: a back-dated note appears when it
    was typed, as it did on the night. A session written after the fact (imported from Markdown, or
    built from a report) has `at` stamps far from its events; it replays on its events' own times,
    and changes with no time of their own (fields, action items) come at the end.
    """
    if not ops:
        return []
    times = [t for t in map(_event_time, ops) if t is not None]
    first = min(times) if times else parse_stamp(ops[0]["at"])
    last = max(times) if times else parse_stamp(ops[-1]["at"])
    window_start, window_end = first - timedelta(hours=1), last + timedelta(hours=24)
    steps: list[Step] = []
    for op in ops:
        at = parse_stamp(op["at"])
        if not window_start <= at <= window_end:
            at = first if op.get("op") == "create" else (_event_time(op) or last)
        steps.append(Step(at, op))
    steps.sort(key=lambda step: step.at)  # stable: equal times keep journal order
    return steps


class Player:
    """The replay's state: where it is, how fast it goes, and the session as of that moment.

    Position is incident time in seconds from the first step. It advances from the monotonic clock
    the caller passes to `tick`, times the speed; it never counts ticks.
    """

    def __init__(
        self, ops: list[dict[str, Any]], *, speed: int = 60, skip_idle: bool = True, idle_limit: float = IDLE_LIMIT
    ) -> None:
        self.steps = plan(ops)
        if not self.steps:
            raise ValueError("nothing to replay")
        self.origin = self.steps[0].at
        self.offsets = [(step.at - self.origin).total_seconds() for step in self.steps]
        self.duration = self.offsets[-1]
        self.speed = speed
        self.skip_idle = skip_idle
        self.idle_limit = idle_limit
        self.playing = True
        self.position = 0.0
        self.skipped: list[tuple[float, float]] = []  # (where, how many incident seconds) of idle skipped
        self._last_mono: float | None = None
        self._fold = Fold()
        self.applied = 0
        self._apply_until(self._count_at(0.0))

    # -- where the replay is ---------------------------------------------------------------------

    @property
    def session(self) -> Session:
        assert self._fold.session is not None
        return self._fold.session

    @property
    def now(self) -> datetime:
        """The incident's moment the replay shows."""
        return self.origin + timedelta(seconds=self.position)

    @property
    def progress(self) -> float:
        return 1.0 if self.duration == 0 else min(1.0, self.position / self.duration)

    @property
    def finished(self) -> bool:
        return self.applied == len(self.steps) and self.position >= self.duration

    def _count_at(self, position: float) -> int:
        return bisect_right(self.offsets, position)

    def _apply_until(self, count: int) -> None:
        if count < self.applied:  # going back: fold again from the start
            self._fold = Fold()
            self.applied = 0
        for step in self.steps[self.applied : count]:
            try:
                self._fold.apply(step.op)
            except OperationError:
                pass  # the loader reported it already; a replay shows what can be shown
            self._fold.notices.clear()
        self.applied = count

    def seek(self, position: float) -> None:
        self.position = max(0.0, min(self.duration, position))
        self._apply_until(self._count_at(self.position))

    # -- controls --------------------------------------------------------------------------------

    def tick(self, monotonic: float) -> bool:
        """Advance by the real time since the last tick; True when something new appeared."""
        elapsed = 0.0 if self._last_mono is None else max(0.0, monotonic - self._last_mono)
        self._last_mono = monotonic
        if not self.playing or self.finished:
            return False
        before = self.applied
        target = self.position + elapsed * self.speed
        if self.skip_idle and self.applied < len(self.steps):
            next_at = self.offsets[self.applied]
            quiet_until = next_at - self.idle_limit * self.speed
            if target < quiet_until:  # nothing for a while: shorten the wait and mark it
                self.skipped.append((self.position, quiet_until - self.position))
                target = quiet_until
        self.seek(target)
        if self.finished:
            self.playing = False
        return self.applied != before

    def toggle(self) -> None:
        if self.finished:
            self.seek(0.0)
        self.playing = not self.playing

    def faster(self) -> None:
        self.speed = next((s for s in SPEEDS if s > self.speed), SPEEDS[-1])

    def slower(self) -> None:
        self.speed = next((s for s in reversed(SPEEDS) if s < self.speed), SPEEDS[0])

    def step_forward(self) -> None:
        """Pause and show the next step (all steps at that same moment)."""
        self.playing = False
        if self.applied < len(self.steps):
            self.seek(self.offsets[self.applied])

    def step_back(self) -> None:
        """Pause and go back to the moment of the step before the last one shown."""
        self.playing = False
        if self.applied <= 1:
            self.seek(0.0)
            return
        current = self.offsets[self.applied - 1]
        earlier = bisect_left(self.offsets, current) - 1
        self.seek(self.offsets[earlier] if earlier >= 0 else 0.0)

    def home(self) -> None:
        self.seek(0.0)

    def end(self) -> None:
        self.seek(self.duration)

    def milestone_offsets(self) -> dict[str, float]:
        """Where in the replay each milestone was first stamped, for the 1-5 keys."""
        found: dict[str, float] = {}
        for offset, step in zip(self.offsets, self.steps, strict=False):
            if step.op.get("op") == "event.add":
                kind = step.op["event"].get("kind")
                if kind in MILESTONE_KINDS and kind not in found:
                    found[kind] = offset
        return found

    def jump_to_milestone(self, number: int) -> bool:
        """1-5: impact started, detected, acknowledged, mitigated, resolved. False if not stamped."""
        kind = MILESTONE_KINDS[number - 1]
        offset = self.milestone_offsets().get(kind)
        if offset is None:
            return False
        self.seek(offset)
        return True
