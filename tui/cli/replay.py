"""`scribe replay`: a saved session played back on the live screen."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.core.errors import ScribeError


def cmd_replay(args: argparse.Namespace) -> int:
    if not 1 <= args.speed <= 600:
        raise ScribeError(f"--speed {args.speed}: give a speed from 1 to 600")
    from tui.app.replay_app import run_replay

    return run_replay(args.file, speed=args.speed, skip_idle=not args.no_skip_idle, redact=not args.no_redact)


def add_commands(sub: argparse._SubParsersAction) -> None:
    replay = sub.add_parser(
        "replay",
        help="play a saved session back as it happened",
        description="Play a session file back on the live screen, sped up: Space "
        "pauses, +/- change speed, arrows step. The file is only read. Secrets are "
        "masked unless --no-redact.",
    )
    replay.add_argument("file", type=Path)
    replay.add_argument(
        "--speed",
        type=int,
        default=60,
        metavar="N",
        help="times real time, 1 to 600 (default 60; + and - change it while playing)",
    )
    replay.add_argument(
        "--no-skip-idle", action="store_true", help="play quiet stretches at full length instead of shortening them"
    )
    replay.add_argument(
        "--no-redact",
        action="store_true",
        help="show API keys, tokens and passwords as typed (by default they are masked, as in exports)",
    )
    replay.set_defaults(func=cmd_replay)
