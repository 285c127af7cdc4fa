"""The `scribe` argument parser: each command family adds its own subcommands."""

from __future__ import annotations

import argparse

from tui import __version__
from tui.core.errors import ScribeError


class ArgumentParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit code 2, like every other user error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise ScribeError(f"{message} (see {self.prog} --help)")


def build_parser() -> ArgumentParser:
    from tui.cli import inspect, page, postmortem, replay, serve, sessions, shell, sync

    parser = ArgumentParser(
        prog="scribe",
        description="The incident scribe for your terminal. With no command: open the most recent "
        "unresolved session, or start a new one.",
    )
    parser.add_argument("--version", action="version", version=f"scribe {__version__}")
    parser.set_defaults(func=sessions.cmd_default)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=ArgumentParser)
    sessions.add_commands(sub)
    postmortem.add_commands(sub)
    inspect.add_commands(sub)
    replay.add_commands(sub)
    sync.add_commands(sub)  # after sessions: it adds --share to `new` and sharing to `note`
    shell.add_commands(sub)
    serve.add_commands(sub)
    page.add_commands(sub)
    return parser
