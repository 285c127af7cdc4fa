"""Waiting on a running app in Pilot tests: for a condition, never for a fixed time."""

from __future__ import annotations


async def wait_until(pilot, condition, attempts: int = 200) -> bool:
    """Let the app run (its timers are real) until the condition holds; generous, since a loaded CI
    machine is slow, and it returns as soon as the condition is met. No timing is asserted."""
    for _ in range(attempts):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()
