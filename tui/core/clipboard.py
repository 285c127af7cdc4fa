"""Putting text on the clipboard: the system clipboard through pyperclip, and the terminal's OSC 52.

Over SSH or on a headless box pyperclip has no backend, but the terminal the user is looking at
usually accepts OSC 52 (an escape sequence asking it to set its clipboard). The command line tries
pyperclip, then OSC 52 (`copy`); the app, which owns the terminal, sends OSC 52 through its own
driver and tries pyperclip too (`copy_with_terminal`). Every copy goes through one of the two, so
the user is told which clipboard took the text.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from tui.core.errors import ScribeError
from tui.core.safe_text import one_line

PYPERCLIP = "system clipboard (pyperclip)"
OSC52 = "terminal clipboard (OSC 52)"
# Terminals cap OSC 52 payloads (xterm ~100 kB, tmux and some others less); longer reports are refused
# up front rather than silently cut.
OSC52_LIMIT = 100_000


@dataclass(frozen=True)
class Copied:
    """Which clipboard took the text, and why the first choice did not (shown to the user)."""

    method: str
    fallback_reason: str = ""

    def describe(self) -> str:
        if self.fallback_reason:
            return f"copied to the {self.method}; {self.fallback_reason}"
        return f"copied to the {self.method}"


def osc52_sequence(text: str, *, tmux: bool = False) -> str:
    """The escape sequence that asks the terminal to set its clipboard to `text`.

    Inside tmux the sequence is wrapped so tmux passes it on to the outer terminal.
    """
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    sequence = f"\x1b]52;c;{payload}\x07"
    if tmux:
        sequence = "\x1bPtmux;" + sequence.replace("\x1b", "\x1b\x1b") + "\x1b\\"
    return sequence


def _pyperclip_copy(text: str) -> None:
    import pyperclip

    pyperclip.copy(text)


def _open_tty() -> IO[str]:
    return open("/dev/tty", "w", encoding="utf-8")


def copy(
    text: str,
    *,
    system: Callable[[str], None] | None = None,
    open_terminal: Callable[[], IO[str]] | None = None,
    fallback: IO[str] | None = None,
) -> Copied:
    """Copy `text`; raise ScribeError when neither clipboard could take it.

    `system` (default pyperclip), `open_terminal` (default /dev/tty) and `fallback` (where the
    escape goes when there is no terminal, normally stderr) can be swapped, so tests need no
    clipboard and no terminal.
    """
    system = system or _pyperclip_copy
    open_terminal = open_terminal or _open_tty
    try:
        system(text)
        return Copied(PYPERCLIP)
    except Exception as exc:  # pyperclip raises its own PyperclipException, or OSError from a helper
        reason = f"the system clipboard is not available ({_first_line(exc) or type(exc).__name__})"
    if len(text.encode("utf-8")) * 4 // 3 > OSC52_LIMIT:
        raise ScribeError(
            f"{reason}, and the text is too long for the terminal's clipboard; write it to a file with -o instead"
        )
    sequence = osc52_sequence(text, tmux=bool(os.environ.get("TMUX")))
    try:
        with open_terminal() as terminal:
            terminal.write(sequence)
            terminal.flush()
        return Copied(OSC52, reason)
    except OSError:
        pass
    if fallback is None:
        raise ScribeError(f"{reason}, and there is no terminal to send OSC 52 to")
    fallback.write(sequence)
    fallback.flush()
    return Copied(OSC52, reason + "; no /dev/tty, so the escape went to stderr")


def copy_with_terminal(
    text: str, *, terminal: Callable[[str], None], system: Callable[[str], None] | None = None
) -> Copied:
    """Copy `text` from a program that owns the terminal (the full-screen app): OSC 52 through
    `terminal`, the program's own writer, since it must not write behind its own back, and the system
    clipboard (default pyperclip) as well, for terminals that ignore OSC 52. Raise ScribeError when
    neither could take it."""
    taken: list[str] = []
    reasons: list[str] = []
    try:
        terminal(text)
        taken.append(OSC52)
    except Exception as exc:  # a driver that cannot write
        reasons.append(f"the terminal clipboard is not available ({_first_line(exc) or type(exc).__name__})")
    try:
        (system or _pyperclip_copy)(text)
        taken.append(PYPERCLIP)
    except Exception as exc:  # PyperclipException when there is no backend (headless, SSH)
        reasons.append(f"the system clipboard is not available ({_first_line(exc) or type(exc).__name__})")
    if not taken:
        raise ScribeError(f"no clipboard available: {'; '.join(reasons)}")
    return Copied(" and the ".join(taken), "; ".join(reasons))


def _first_line(exc: BaseException) -> str:
    """An exception's message as the user is shown it: one line, no control characters."""
    text = str(exc).strip()
    return one_line(text.splitlines()[0])[:120] if text else ""
