"""Shell commands: `hook` prints the rc-file snippet, `attach`/`detach` start and stop recording a
shell's commands (their output is code the snippet's `scribe` function evaluates)."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.cli.output import echo, say, warn
from tui.core.config import current_author, load_config
from tui.core.errors import ScribeError
from tui.core.safe_text import printable
from tui.core.session import folder as sessions
from tui.core.session import journal
from tui.core.session.operations import new_id
from tui.core.session.recorder import Recorder
from tui.core.shell import snippets
from tui.core.shell.spool import create_spool, spools

RC_LINES = {
    "bash": 'eval "$(scribe hook bash)" in ~/.bashrc',
    "zsh": 'eval "$(scribe hook zsh)" in ~/.zshrc',
    "fish": "scribe hook fish | source in ~/.config/fish/config.fish",
}


def catch_up(path: Path, recorder: Recorder | None = None) -> None:
    """Record what attached shells spooled for the session, before a command reads or adds to it.
    Costs a folder listing when no shell was ever attached."""
    if not spools(path):
        return
    from tui.core.shell.ingest import ingest

    recorder = recorder or Recorder(path, author=current_author())
    result = ingest(recorder, load_config().hook)
    for problem in result.problems:
        warn(f"{path}: shell commands: {problem}")
    if recorder.unsaved:
        raise ScribeError(f"{path}: could not save the shell's commands ({recorder.last_error})")


def cmd_hook(args: argparse.Namespace) -> int:
    echo(snippets.snippet(args.shell), end="")
    return 0


def _needs_hook(args: argparse.Namespace) -> None:
    if args.shell is None:
        raise ScribeError(
            f"`scribe {args.command}` works through the shell hook; add it to your shell first: "
            + "; ".join(RC_LINES.values())
        )


def cmd_attach(args: argparse.Namespace) -> int:
    _needs_hook(args)
    path = args.file or sessions.most_recent_unresolved(warn=warn)
    if path is None:
        raise ScribeError("no unresolved session to attach to; pass FILE or run `scribe new`")
    path = Path(path).absolute()
    journal.load(path, keep_ops=False)  # a session, readable: refused here rather than at the first command
    spool = create_spool(path, new_id())
    if printable(str(spool)) != str(spool):
        raise ScribeError("the session's path holds control characters; move it to attach a shell")
    echo(snippets.attach_code(args.shell, str(spool), path.stem), end="")
    say(f"recording this shell's commands into {path} (a leading space keeps one out; `scribe detach` stops)")
    return 0


def cmd_detach(args: argparse.Namespace) -> int:
    _needs_hook(args)
    echo(snippets.detach_code(args.shell), end="")
    say("stopped recording this shell's commands")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    hook = sub.add_parser(
        "hook",
        help="print the shell hook for your rc file",
        description="Print the snippet that lets `scribe attach` record this shell's commands: "
        + "; ".join(RC_LINES.values())
        + ". It does nothing until the shell is attached.",
    )
    hook.add_argument("shell", choices=snippets.SHELLS)
    hook.set_defaults(func=cmd_hook)

    attach = sub.add_parser(
        "attach",
        help="record this shell's commands into a session",
        description="Record each command this shell runs (time, exit status, folder, the command, "
        "redacted) into a session: by default the one in progress. Needs the shell hook (scribe hook). "
        "A command typed with a leading space is not recorded.",
    )
    attach.add_argument("file", nargs="?", type=Path, metavar="FILE", help="session file (default: in progress)")
    attach.add_argument("--shell", choices=snippets.SHELLS, help=argparse.SUPPRESS)
    attach.set_defaults(func=cmd_attach, command="attach")

    detach = sub.add_parser(
        "detach", help="stop recording this shell's commands", description="Stop recording this shell's commands."
    )
    detach.add_argument("--shell", choices=snippets.SHELLS, help=argparse.SUPPRESS)
    detach.set_defaults(func=cmd_detach, command="detach")
