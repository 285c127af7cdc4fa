"""`scribe`'s entry point: parse, run the command, and turn every user error into one line and an exit code."""

from __future__ import annotations

import signal
import sys
from collections.abc import Sequence

from tui.cli.output import say
from tui.cli.parser import build_parser
from tui.core.errors import ScribeError


def main(argv: Sequence[str] | None = None) -> int:
    # With `ulimit -f`, a write past the limit must fail with EFBIG, not kill the process.
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    argv = list(sys.argv[1:] if argv is None else argv)
    # "--at -5m" reads naturally, but argparse would take "-5m" for an option.
    for n, arg in enumerate(argv[:-1]):
        if arg == "--at" and argv[n + 1].startswith("-"):
            argv[n : n + 2] = [f"--at={argv[n + 1]}"]
            break
    try:
        args = build_parser().parse_args(argv)
        return args.func(args)
    except ScribeError as exc:
        say(exc)
        return exc.exit_code
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        say(f"{where}{exc.strerror or exc}")
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `scribe export | head`
        sys.stderr.close()
        return 0
