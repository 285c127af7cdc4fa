"""`python -m benchmarks.team`: team mode's figures.

- The fold of 100,000 operations: a format 1 file (no stamps, today's), the same operations
  stamped and in order (a replica's usual file), and stamped but out of order (sorted once).
- Propagation through a real redis-server (started here, on a free port): a note committed on A
  until it is in B's file (B running `scribe sync --follow`), and until it is on B's screen (B's
  app in tmux), median and p95.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks import datasets
from tui.core.clock.hlc import HybridClock, epoch_ms
from tui.core.session import journal
from tui.core.session.operations import parse_stamp

SCRIBE = [sys.executable, "-m", "tui"]


def _best_and_median(run: Callable[[], Any], repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def fold_figures(folder: Path, ops_count: int, repeat: int) -> dict[str, dict[str, float]]:
    plain = list(datasets.session_ops(ops_count - ops_count // 5 - 1, extra_ops=ops_count // 5))
    clock = HybridClock("benchnode")
    stamped = [op | {"hlc": clock.stamp(epoch_ms(parse_stamp(op["at"])))} for op in plain]
    shuffled = stamped[:1] + random.Random(7).sample(stamped[1:], len(stamped) - 1)
    files = {
        "format 1, unstamped (today's)": plain,
        "stamped, in HLC order": stamped,
        "stamped, out of order (sorted)": shuffled,
    }
    figures: dict[str, dict[str, float]] = {}
    for name, operations in files.items():
        path = folder / f"fold-{len(figures)}.jsonl"
        datasets.write_journal(path, iter(operations))
        best, median = _best_and_median(partial(journal.load, path, keep_ops=False), repeat)
        figures[name] = {"ops": len(operations), "best_s": best, "median_s": median}
    return figures


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _scribe(home: Path, *args: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        [*SCRIBE, *args], env={**env, "SCRIBE_HOME": str(home)}, capture_output=True, text=True, check=True
    )
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr


def _wait_for(check: Callable[[], bool], limit: float = 10.0) -> float:
    started = time.perf_counter()
    while not check():
        if time.perf_counter() - started > limit:
            raise TimeoutError("the note never arrived")
        time.sleep(0.005)
    return time.perf_counter() - started


def _percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "median_s": statistics.median(ordered),
        "p95_s": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
        "n": len(ordered),
    }


def propagation(folder: Path, notes: int) -> dict[str, Any]:
    server = shutil.which("redis-server")
    if server is None:
        return {"missing": "redis-server is not installed"}
    port = _free_port()
    hub = f"redis://127.0.0.1:{port}/0"
    redis = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(folder), "--save", ""],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent), "SCRIBE_AUTHOR": "bench"}
    followers: list[subprocess.Popen[bytes]] = []
    tmux = shutil.which("tmux")
    session_name = f"scribe-bench-{os.getpid()}"
    try:
        _wait_for(lambda: _connects(port))
        home_a, home_b = folder / "a", folder / "b"
        a = Path(_scribe(home_a, "new", "Propagation", "--share", hub, "--headless", env=env))
        session_id = json.loads(Path(f"{a}.sync").read_text())["session"]
        b = Path(_scribe(home_b, "join", hub, session_id, "--headless", env=env))
        follow = subprocess.Popen(
            [*SCRIBE, "sync", str(b), "--follow"],
            env={**env, "SCRIBE_HOME": str(home_b)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        followers.append(follow)
        time.sleep(1.0)
        to_file = _note_rounds(a, home_a, env, notes, lambda text: text.encode() in b.read_bytes())
        follow.terminate()
        follow.wait()
        result: dict[str, Any] = {"to_B_file": _percentiles(to_file)}
        if tmux is None:
            result["to_B_screen"] = {"missing": "tmux is not installed"}
            return result
        command = " ".join([*SCRIBE, "open", str(b)])
        subprocess.run(
            [tmux, "new", "-d", "-s", session_name, "-x", "140", "-y", "45", f"SCRIBE_HOME={home_b} {command}"],
            env=env,
            check=True,
        )
        time.sleep(3.0)

        def on_screen(text: str) -> bool:
            shown = subprocess.run([tmux, "capture-pane", "-p", "-t", session_name], capture_output=True, text=True)
            return text in shown.stdout

        result["to_B_screen"] = _percentiles(_note_rounds(a, home_a, env, notes, on_screen))
        return result
    finally:
        if tmux:
            subprocess.run([tmux, "kill-session", "-t", session_name], capture_output=True)
        for process in followers:
            process.terminate()
        redis.terminate()
        redis.wait()


def _note_rounds(a: Path, home_a: Path, env: dict[str, str], notes: int, arrived: Callable[[str], bool]) -> list[float]:
    """Each note is written and pushed as `scribe note` does; timed from the moment it is on A's disk."""
    from tui.cli.sync import sync_file
    from tui.core.session.recorder import Recorder

    os.environ["SCRIBE_HOME"] = str(home_a)
    times = []
    for n in range(notes):
        text = f"propagation-{os.getpid()}-{n}-{random.randrange(10**9)}"
        recorder = Recorder(a, author="bench")
        recorder.add_event(text, source="cli")
        committed = time.perf_counter()
        sync_file(a, timeout=5.0, push_only=True)
        _wait_for(partial(arrived, text))
        times.append(time.perf_counter() - committed)
        time.sleep(0.1)
    return times


def _connects(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        return True
    except OSError:
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.team", description=__doc__.splitlines()[0])
    parser.add_argument("--ops", type=int, default=100_000, help="operations in the fold figures")
    parser.add_argument("--notes", type=int, default=20, help="notes timed for propagation")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="scribe-team-bench-") as scratch:
        folder = Path(scratch)
        report = {"fold": fold_figures(folder, args.ops, args.repeat), "propagation": propagation(folder, args.notes)}
    for name, figure in report["fold"].items():
        print(f"fold {figure['ops']:,} ops, {name}: median {figure['median_s']:.3f} s (best {figure['best_s']:.3f} s)")
    for name, figure in report["propagation"].items():
        if isinstance(figure, dict) and "median_s" in figure:
            print(f"propagation {name}: median {figure['median_s'] * 1000:.0f} ms, p95 {figure['p95_s'] * 1000:.0f} ms")
        else:
            print(f"propagation {name}: {figure}")
    print(json.dumps(report, indent=2), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
