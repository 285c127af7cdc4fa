"""Handing a URL to the web browser, and saying truthfully what came of it.

`webbrowser.open` answers only whether some browser command accepted the URL, not that a window
opened; with no display on Linux it falls back to console browsers (lynx, w3m), which would draw
over the terminal this app is drawing on, so there it is not tried at all.
"""

from __future__ import annotations

import os
import sys
import webbrowser
from dataclasses import dataclass

COPY_HINT = "Ctrl+T copies the URL for a browser elsewhere."


@dataclass(frozen=True)
class BrowserOutcome:
    """Whether a browser took the URL, and the one line that tells the person so."""

    handed: bool
    message: str


def no_display() -> bool:
    """Linux without X11 or Wayland and without $BROWSER: no graphical browser can open here."""
    if not sys.platform.startswith("linux"):
        return False
    return not any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"))


def open_in_browser(url: str) -> BrowserOutcome:
    """Give the URL to the system's browser; blocking (a $BROWSER command is waited for): run it off the UI thread."""
    if no_display():
        return BrowserOutcome(
            False, f"Nothing opened: this terminal has no display (no DISPLAY, WAYLAND_DISPLAY or BROWSER). {COPY_HINT}"
        )
    try:
        handed = webbrowser.open(url, new=2)
    except (webbrowser.Error, OSError) as error:
        return BrowserOutcome(False, f"Nothing opened: the browser could not be started ({error}). {COPY_HINT}")
    if not handed:
        return BrowserOutcome(False, f"Nothing opened: no web browser could be started on this machine. {COPY_HINT}")
    return BrowserOutcome(True, f"Handed to the web browser: its answer shows there, not here. No window? {COPY_HINT}")
