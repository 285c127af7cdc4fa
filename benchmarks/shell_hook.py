"""`python -m benchmarks.shell_hook`: the per-command cost of the shell hook, as a ratio to the same
shell without it, measured by turns in the same run.

Each shell runs COMMANDS no-op commands (`:`) as an interactive shell (`-i`, so the prompt hooks
fire for every one: bash's DEBUG trap and PROMPT_COMMAND, zsh's preexec and precmd), once with the
hook loaded and attached to a scratch session, once with neither; the best of TRIALS each.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tui.core.session.folder import start_session
from tui.core.shell import snippets
from tui.core.shell.spool import create_spool

COMMANDS = 2000
TRIALS = 5
START = {"bash": ["bash", "--norc", "--noprofile", "-i"], "zsh": ["zsh", "-f", "-i"]}


def _script(shell: str, spool: Path | None, session: Path) -> bytes:
    lines = []
    if spool is not None:
        lines += [snippets.snippet(shell), snippets.attach_code(shell, str(spool), session.stem).strip()]
    lines += [":"] * COMMANDS
    return ("\n".join(lines) + "\nexit\n").encode()


def _best(shell: str, script: bytes, cwd: Path) -> float:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(cwd), "PS1": "", "TERM": "dumb"}
    best = float("inf")
    for _ in range(TRIALS):
        started = time.perf_counter()
        subprocess.run(START[shell], input=script, cwd=cwd, env=env, capture_output=True, check=False)
        best = min(best, time.perf_counter() - started)
    return best


def measure(shell: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        session = start_session("bench", path=folder / "bench.jsonl")
        spool = create_spool(session, "bench")
        plain = _best(shell, _script(shell, None, session), folder)
        hooked = _best(shell, _script(shell, spool, session), folder)
        recorded = spool.read_bytes().count(b"\n")
    per_plain, per_hooked = plain / COMMANDS * 1e6, hooked / COMMANDS * 1e6
    return {
        "plain_us_per_command": per_plain,
        "hooked_us_per_command": per_hooked,
        "hook_us_per_command": per_hooked - per_plain,
        "ratio": hooked / plain,
        "lines_recorded": recorded / TRIALS,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.shell_hook", description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    print(f"{'shell':6} {'without':>10} {'with hook':>10} {'hook cost':>10} {'ratio':>6}  ({COMMANDS} commands)")
    for shell in START:
        if shutil.which(shell) is None:
            print(f"{shell:6} not installed")
            continue
        row = measure(shell)
        print(
            f"{shell:6} {row['plain_us_per_command']:8.1f}µs {row['hooked_us_per_command']:8.1f}µs "
            f"{row['hook_us_per_command']:8.1f}µs {row['ratio']:6.2f}  ({row['lines_recorded']:.0f} lines spooled)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
