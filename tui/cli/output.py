"""Everything the command line prints goes through `echo`: text from sessions, files, servers and
error messages can hold terminal escapes and bidi overrides, and none may reach the terminal raw."""

from __future__ import annotations

import sys
from typing import TextIO

from tui.core.safe_text import one_line, printable


def echo(text: object = "", *, err: bool = False, file: TextIO | None = None, end: str = "\n") -> None:
    """Print `text` made printable by core's sanitiser (escape sequences removed, controls and
    invisible characters shown as marks) on standard output, standard error with `err`, or `file`."""
    stream = file or (sys.stderr if err else sys.stdout)
    stream.write(printable(str(text)) + end)
    if end != "\n":
        stream.flush()  # a question waiting for its answer


def say(message: object) -> None:
    """A message for the user: one line on standard error after `scribe: `."""
    echo(f"scribe: {one_line(str(message))}", err=True)


def warn(message: object) -> None:
    echo(f"scribe: warning: {one_line(str(message))}", err=True)
