"""Renders the main screen of a sample session, at a fixed moment, to docs/screenshot.svg for the README.

Run from the repository root after changing the screen:

    .venv/bin/python scripts/screenshot.py

The session is copied to a temporary folder first, so the sample is never written to, and the
user's own config.toml is ignored: the picture is the same on every machine.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tui.core.clock.source import FakeClock  # noqa: E402
from tui.core.config import Config  # noqa: E402

SAMPLE = REPO / "sample_sessions" / "2025-04-08-pizza-factory-chaos.jsonl"
MOMENT = datetime(2025, 4, 8, 10, 47, 12, tzinfo=UTC)  # just after the sample resolved
OUTPUT = REPO / "docs" / "screenshot.svg"
SIZE = (120, 40)


async def render(session: Path, output: Path, moment: datetime = MOMENT, theme: str = "scribe-dark") -> Path:
    """Open the app on a copy of `session` with the clock stopped at `moment`; save what it shows."""
    from tui.app.app import ScribeApp

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / session.name
        shutil.copyfile(session, copy)
        app = ScribeApp(copy, clock=FakeClock(moment), author="scribe", config=Config(theme=theme))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            output.parent.mkdir(parents=True, exist_ok=True)
            app.save_screenshot(filename=output.name, path=str(output.parent))
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--session", type=Path, default=SAMPLE, help="session file (default: %(default)s)")
    parser.add_argument("--theme", default="scribe-dark")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    print(asyncio.run(render(args.session, args.output, theme=args.theme)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
