"""Where Scribe's time goes: `python -m benchmarks.profile {open,note,idle} [--events N]` under cProfile.

The same pty and the same generated sessions as the suite, with Scribe run under the standard
library's profiler, so a missed target can be traced to functions without extra dependencies.
"""

from __future__ import annotations

import argparse
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import cases, datasets
from benchmarks.interactive import commit_note
from benchmarks.suite import child_env
from benchmarks.terminal import Terminal


def profile(scenario: str, events: int, notes: int, seconds: float, top: int) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="scribe-profile-"))
    try:
        (scratch / "home").mkdir()
        path = datasets.session_file(scratch, events)
        output = scratch / "scribe.prof"
        case = cases.scribe_open(path, datasets.TITLE, datasets.last_event_text(events))
        argv = [sys.executable, "-m", "cProfile", "-o", str(output), *case.argv[1:]]
        terminal = Terminal(argv, child_env(scratch / "home"))
        try:
            painted = terminal.wait_for(case.painted, 120) - terminal.spawned_at
            print(f"first paint under the profiler: {painted:.3f} s", file=sys.stderr)
            if scenario != "open":
                terminal.wait_quiet(1.0, timeout=5)
            if scenario == "note":
                took = [commit_note(terminal, case.flow, f"profiled note {n:02d} done") for n in range(notes)]
                print(
                    f"{notes} notes, median {sorted(took)[len(took) // 2] * 1e3:.1f} ms under the profiler",
                    file=sys.stderr,
                )
            elif scenario == "idle":
                time.sleep(seconds)
        finally:
            terminal.close(grace=30)  # the profile is written on a clean exit only
        stats = pstats.Stats(str(output))
        stats.sort_stats("cumulative").print_stats(r"tui[/\\]", top)
        stats.sort_stats("tottime").print_stats(top)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile", description=__doc__.splitlines()[0])
    parser.add_argument(
        "scenario",
        choices=("open", "note", "idle"),
        help="open: start until the first paint; note: commit notes; idle: let the clock run",
    )
    parser.add_argument("--events", type=int, default=10_000, help="events in the session (default 10,000)")
    parser.add_argument("--notes", type=int, default=20, help="notes to commit in the note scenario")
    parser.add_argument("--seconds", type=float, default=10.0, help="how long to idle in the idle scenario")
    parser.add_argument("--top", type=int, default=25, help="functions to list")
    args = parser.parse_args()
    profile(args.scenario, args.events, args.notes, args.seconds, args.top)


if __name__ == "__main__":
    main()
