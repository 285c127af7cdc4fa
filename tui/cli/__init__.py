"""The `scribe` command line: argument parsing handed to core, the app, and (later) sync and web."""

from tui.cli.entry import main

__all__ = ["main"]
