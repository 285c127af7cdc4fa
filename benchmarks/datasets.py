"""Benchmark inputs made at run time: session journals of any size and a large postmortem.

They are generated rather than committed (a 100,000-operation journal is ~20 MB), written with the
core's own operation constructors so they stay in the format the core reads, and seeded so every
run measures the same shapes of data.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tui.core.session import operations as ops

START = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
TITLE = "Benchmark incident"
CHECKLIST = (
    "Acknowledge the page in Grafana OnCall",
    "Open the pizza service dashboard",
    "Find the failing factory response in the logs",
    "Follow the report URL from the factory response",
    "Confirm purchases succeed again",
)
# Words of the seeds' timelines, so texts are the length and shape of what responders type.
_WORDS = (
    "factory pizza order orders purchase purchases failed HTTP 500 alert fired paged on-call "
    "acknowledged Grafana dashboard logs latency users chaos report URL followed restored service "
    "JWT token request response error rate spike checked confirmed recovered investigating"
).split()


def _text(rng: random.Random, number: int) -> str:
    words = rng.choices(_WORDS, k=rng.randint(6, 14))
    # The number leads, so a narrow column that cuts the text short still shows which event it is.
    return f"(#{number}) {' '.join(words)}"


def session_ops(events: int, *, extra_ops: int = 0, seed: int = 7, title: str = TITLE) -> Iterator[dict[str, Any]]:
    """A session's operations: its header, `events` added events, then `extra_ops` other operations
    (edits, deletes, checklist ticks, field sets, action items) interleaved with the adds.

    Milestones fall where a real incident has them; one event in fifty is back-dated.
    """
    rng = random.Random(seed)
    total = events + extra_ops
    at = START
    yield ops.create_op(at, title=title, zone="UTC", severity="SEV2", runbook="pizza-factory", checklist=CHECKLIST)
    milestones = {
        max(1, events * share // 100): kind
        for share, kind in (
            (1, "impact_started"),
            (2, "detected"),
            (3, "acknowledged"),
            (80, "mitigated"),
            (99, "resolved"),
        )
    }
    added: list[str] = []
    made_events = 0
    for step in range(total):
        at = at + timedelta(milliseconds=rng.randint(200, 4000))
        # Spread the other operations evenly among the adds so the fold sees them mid-stream.
        if extra_ops and added and (step + 1) * extra_ops // total != step * extra_ops // total:
            yield _other_op(rng, at, added, step)
            continue
        made_events += 1
        kind = milestones.get(made_events, "note")
        when = at - timedelta(minutes=rng.randint(1, 10)) if rng.random() < 0.02 and made_events < events else at
        op = ops.add_event_op(at, time=when, kind=kind, text=_text(rng, made_events), author="pat")
        added.append(op["event"]["id"])
        yield op


def _other_op(rng: random.Random, at: datetime, added: list[str], step: int) -> dict[str, Any]:
    roll = rng.random()
    if roll < 0.55:
        return ops.edit_event_op(at, rng.choice(added), text=_text(rng, step) + " (edited)")
    if roll < 0.70:
        # Deleting always the newest keeps every delete valid without tracking what is gone.
        return ops.delete_event_op(at, added.pop())
    if roll < 0.82:
        return ops.check_op(at, f"c{rng.randint(1, len(CHECKLIST))}", rng.random() < 0.8)
    if roll < 0.94:
        field = rng.choice(("severity", "fields.summary", "fields.root_cause", "impact.users_affected"))
        return ops.set_field_op(at, field, _text(rng, step))
    return ops.add_action_op(at, _text(rng, step), owner="pat")


def write_journal(path: Path, operations: Iterator[dict[str, Any]]) -> int:
    """Write operations as journal lines in one go (no per-line fsync: this is set-up, not the test)."""
    count = 0
    with open(path, "w", encoding="ascii") as handle:
        for op in operations:
            handle.write(json.dumps(op, ensure_ascii=True, separators=(",", ":")) + "\n")
            count += 1
    path.chmod(0o600)
    return count


def session_file(folder: Path, events: int, *, extra_ops: int = 0, name: str | None = None, title: str = TITLE) -> Path:
    """A session journal of `events` events under `folder`; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"bench-{events}-events.jsonl")
    write_journal(path, session_ops(events, extra_ops=extra_ops, title=title))
    return path


def last_event_text(events: int) -> str:
    """The text of the last event `session_ops(events)` adds: what a timeline scrolled to the end shows."""
    return f"(#{events})"


def postmortem_markdown(size: int = 1_000_000, seed: int = 7) -> str:
    """A postmortem in the seeds' shape, its timeline long enough for the whole to reach `size` bytes."""
    rng = random.Random(seed)
    head = [
        f"# Incident: {START:%Y-%m-%d %H-%M-%S}",
        "",
        "## Summary",
        "",
        "Between 09:30 and 11:02 UTC the pizza factory answered orders with HTTP 500 and a report URL;"
        " purchases failed until the report URL was followed.",
        "",
        "## Detection",
        "",
        "The pizza purchase alert fired in Grafana and paged the on-call by SMS and push.",
        "",
        "## Impact",
        "",
        "For 92 minutes all current users could not complete a purchase.",
        "",
        "## Timeline",
        "",
        "All times are UTC.",
        "",
    ]
    tail = [
        "",
        "## Response",
        "",
        "The on-call acknowledged the page and searched the logs for the factory response.",
        "",
        "## Root cause",
        "",
        "A chaos test broke the connection between the service and the pizza factory.",
        "",
        "## Resolution",
        "",
        "Following the report URL from the factory response restored the factory.",
        "",
        "## Prevention",
        "",
        "Alert on two or more failed purchases a minute.",
        "",
        "## Action items",
        "",
        "1. Automate the call to the report URL (pat)",
        "2. Install the Slack integration (sam)",
        "",
    ]
    fixed = len("\n".join(head + tail).encode()) + 1
    lines: list[str] = []
    budget = size - fixed
    minute, number = 9 * 60 + 30, 0
    while budget > 0:
        number += 1
        if rng.random() < 0.12 and minute < 23 * 60 + 59:  # about eight lines a minute, all in one day
            minute += 1
        line = f"- _{minute // 60:02d}:{minute % 60:02d}_ - {_text(rng, number)}"
        lines.append(line)
        budget -= len(line) + 1
    return "\n".join(head + lines + tail)
