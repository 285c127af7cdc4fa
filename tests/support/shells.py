"""Real shells driven through a pseudo-terminal, as a person types into them: the hooks under test
fire only in an interactive shell reading a terminal (fish's events, bash's prompt)."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import subprocess
import termios
import time
from pathlib import Path

import pytest

START = {
    "bash": ["bash", "--norc", "--noprofile", "-i"],
    "zsh": ["zsh", "-f", "-i"],
    "fish": ["fish", "--no-config", "-i"],
}
SOURCE = {
    "bash": 'eval "$(scribe hook bash)"',
    "zsh": 'eval "$(scribe hook zsh)"',
    "fish": "scribe hook fish | source",
}
PROMPT = "scribe-test-prompt> "
SET_PROMPT = {
    "bash": f"PS1='{PROMPT}'; PS2=''",
    "zsh": f"PROMPT='{PROMPT}'; PROMPT2=''",
    "fish": f"function fish_prompt; echo -n '{PROMPT}'; end",
}


def _own_terminal() -> None:
    """In the child: a session of its own with the pseudo-terminal as its controlling terminal, as
    a terminal emulator gives its shell (fish and bash's job control ask for one)."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def need(shell: str) -> None:
    """bash and zsh are part of the test set-up (scripts/test-deps.sh) and must be there; fish is optional."""
    if shutil.which(shell) is None:
        if shell == "fish":
            pytest.skip("fish is not installed")
        raise AssertionError(f"{shell} is not installed: run scripts/test-deps.sh")


def _read_until(fd: int, marker: bytes, count: int, deadline: float, seen: bytearray) -> None:
    while seen.count(marker) < count:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"the shell did not answer; it printed: {bytes(seen)[-800:]!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            seen.extend(chunk)


def run_lines(shell: str, lines: list[str], env: dict[str, str], cwd: Path, timeout: float = 30.0) -> str:
    """Type `lines` into an interactive `shell`, each once the one before has finished (its prompt
    is back); what it printed."""
    main, secondary = pty.openpty()
    process = subprocess.Popen(
        START[shell],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env=env,
        cwd=cwd,
        preexec_fn=_own_terminal,
    )
    os.close(secondary)
    seen = bytearray()
    deadline = time.monotonic() + timeout
    marker = PROMPT.encode()
    try:
        os.write(main, SET_PROMPT[shell].encode() + b"\r")
        _read_until(main, marker, 1, deadline, seen)
        for line in lines:
            prompts = seen.count(marker)
            os.write(main, line.encode() + b"\r")
            _read_until(main, marker, prompts + 1, deadline, seen)
        os.write(main, b"exit\r")
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(main)
    return seen.decode("utf-8", errors="replace")
