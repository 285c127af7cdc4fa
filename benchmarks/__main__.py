"""`python -m benchmarks`: Scribe against the bare floor and a minimal Textual app; a table and JSON."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from benchmarks import suite
from benchmarks.report import table

DEFAULT_OUTPUT = Path(__file__).resolve().parent / "results" / "latest.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer trials and a 5 s idle window")
    parser.add_argument("--screens-only", action="store_true", help="skip the in-process core figures")
    parser.add_argument("--core-only", action="store_true", help="skip the terminal figures (and the paths)")
    parser.add_argument("--no-paths", action="store_true", help="skip the paths (sync, alert, page)")
    parser.add_argument("--paths-only", action="store_true", help="only the paths (sync, alert, page)")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT, help="where to write JSON")
    args = parser.parse_args(argv)
    if args.screens_only and args.core_only:
        parser.error("--screens-only and --core-only exclude each other")
    if args.paths_only and (args.no_paths or args.screens_only or args.core_only):
        parser.error("--paths-only excludes --no-paths, --screens-only and --core-only")
    # The harness reads several terminals in threads: switch often so a stamp never waits long
    # for the interpreter while another terminal's output is being emulated.
    sys.setswitchinterval(0.0005)
    started, load_before = time.perf_counter(), os.getloadavg()[0]
    report = suite.run(
        args.quick,
        screens=not (args.core_only or args.paths_only),
        core=not (args.screens_only or args.paths_only),
        with_paths=not (args.no_paths or args.core_only),  # the paths are terminal figures too
    )
    report.raw["wall_seconds"] = time.perf_counter() - started
    print(table(report.rows))
    # Other work on the machine inflates every figure; the ratios to the floor, measured by turns
    # in the same run, much less so.
    cores, load = os.cpu_count() or 1, max(load_before, os.getloadavg()[0])
    report.raw["load_average_1m"] = {"start": load_before, "end": os.getloadavg()[0]}
    if load > cores:
        print(
            f"\nwarning: the machine was busy (load average up to {load:.1f} on {cores} cores): "
            "absolute figures are inflated; trust the ratios, measured by turns, more"
        )
    report.write(args.output)
    print(f"\nwrote {args.output} in {report.raw['wall_seconds']:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
