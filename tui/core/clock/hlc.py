"""Hybrid logical clock stamps: the order every replica of a shared session folds its operations in.

A stamp is wall time in ms, a counter and the writer's node id, spelled at fixed width
(`000001744107840000-000000-3fa9c1d2e4b7`) so that comparing two stamps as text compares
(ms, counter, node). A clock never goes back: it moves past every stamp it has seen, local or
remote, so an operation written after seeing another always sorts after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

# 15 digits hold every millisecond up to the year 9000 (the latest time Scribe accepts).
STAMP = re.compile(r"(\d{15})-(\d{6})-([0-9a-z]{1,32})")
NODE = re.compile(r"[0-9a-z]{1,32}")
MAX_COUNTER = 999_999


def epoch_ms(moment: datetime) -> int:
    """Milliseconds since 1970 (never negative: Scribe's times start there)."""
    return max(0, int(moment.timestamp() * 1000))


def format_stamp(ms: int, counter: int, node: str) -> str:
    return f"{ms:015d}-{counter:06d}-{node}"


def parse_stamp(text: object) -> tuple[int, int, str] | None:
    """(ms, counter, node) of a well-formed stamp, None for anything else."""
    if type(text) is not str or len(text) > 56:
        return None
    match = STAMP.fullmatch(text)
    if match is None:
        return None
    return int(match[1]), int(match[2]), match[3]


@dataclass
class HybridClock:
    """Stamps for one node: later than the wall clock's last stamp and than every stamp observed."""

    node: str
    ms: int = 0
    counter: int = -1

    def __post_init__(self) -> None:
        if not NODE.fullmatch(self.node):
            raise ValueError(f"not a node id: {self.node[:40]!r}")

    def stamp(self, wall_ms: int) -> str:
        if wall_ms > self.ms:
            self.ms, self.counter = wall_ms, 0
        elif self.counter >= MAX_COUNTER:
            self.ms, self.counter = self.ms + 1, 0
        else:
            self.counter += 1
        return format_stamp(self.ms, self.counter, self.node)

    def observe(self, stamp: str) -> None:
        """Move past a stamp seen (a line of the file, a peer's operation); malformed ones are ignored."""
        parsed = parse_stamp(stamp)
        if parsed is not None and (parsed[0], parsed[1]) > (self.ms, self.counter):
            self.ms, self.counter = parsed[0], parsed[1]
