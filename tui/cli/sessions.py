"""Session commands: the default, `new`, `open`, `note`, `list` and `validate`."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC
from pathlib import Path

from tui.cli.output import echo, say, warn
from tui.cli.shell import catch_up
from tui.core.clock.source import SYSTEM_CLOCK
from tui.core.clock.typed import parse_when
from tui.core.config import current_author
from tui.core.errors import ScribeError
from tui.core.metrics import format_duration
from tui.core.safe_text import one_line
from tui.core.session import folder as sessions
from tui.core.session import journal
from tui.core.session.model import EVENT_KINDS
from tui.core.session.recorder import Recorder


def launch_app(path: Path, loaded: journal.Loaded | None = None) -> int:
    """Open the full-screen app on a session file (`loaded`: already read, so not read again)."""
    try:
        from tui.app import run_app
    except ImportError:
        raise ScribeError("the full-screen app is not part of this build; use --headless") from None
    return run_app(path, loaded=loaded)


def cmd_default(args: argparse.Namespace) -> int:
    path = sessions.most_recent_unresolved(warn=warn)
    if path is None:
        path = sessions.start_session("")
    return launch_app(path)


def cmd_new(args: argparse.Namespace) -> int:
    path = sessions.start_session(
        " ".join(args.title), runbook=args.runbook or "", zone=args.zone, severity=args.severity or ""
    )
    if args.headless:
        echo(path)
        return 0
    return launch_app(path)


def cmd_open(args: argparse.Namespace) -> int:
    # Refuse a bad file here, with a one-line error, before any screen opens; the app takes it over.
    loaded = journal.load(args.file, keep_ops=False)
    return launch_app(args.file, loaded)


def _session_for(path: Path | None) -> Path:
    if path is not None:
        return path
    found = sessions.most_recent_unresolved(warn=warn)
    if found is None:
        raise ScribeError("no unresolved session to add to; pass --session FILE or run `scribe new`")
    return found


def cmd_note(args: argparse.Namespace) -> int:
    text = " ".join(args.text)
    if text == "-":
        text = sys.stdin.read().strip()
    if not text:
        raise ScribeError("the note is empty")
    path = _session_for(args.session)
    recorder = Recorder(path, author=current_author())
    catch_up(path, recorder)
    time = parse_when(args.at, recorder.session.zone_info, SYSTEM_CLOCK.now()) if args.at else None
    recorder.add_event(text, kind=args.kind, time=time, source="cli")
    if recorder.unsaved:
        raise ScribeError(f"{path}: could not save the note ({recorder.last_error})")
    # On stderr: a script that reads stdout sees nothing new, a person sees which session took it.
    say(f"noted in {path} ({recorder.session.title})")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    found, unreadable = sessions.scan()
    for reason in unreadable:
        warn(f"left out {reason}")
    if not found:
        echo(f"no sessions in {sessions.sessions_dir()}", err=True)
        return 0
    # STARTED is when the incident started (impact start, else the session's creation), the
    # moment DURATION runs from and the time the postmortem's title and `scribe stats` give.
    rows = [("STARTED (UTC)", "STATUS", "DURATION", "EVENTS", "TITLE", "FILE")]
    for summary in found:
        session = summary.session
        rows.append(
            (
                session.start.astimezone(UTC).strftime("%Y-%m-%d %H:%M"),
                session.status,
                format_duration(summary.duration),
                str(len(session.events)),
                one_line(session.title),
                one_line(str(summary.path)),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[-1])
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    try:
        loaded = journal.load(args.file)
    except ScribeError as exc:
        if not Path(args.file).is_file():
            raise
        say(exc)
        return 1
    for problem in loaded.problems:
        echo(f"{args.file}:{problem.line}: {problem.level}: {one_line(problem.message)}")
    events = len(loaded.session.events)
    verdict = "problems found" if loaded.problems else "ok"
    echo(f"{args.file}: {len(loaded.ops)} operations, {events} events: {verdict}", err=bool(loaded.problems))
    return 1 if loaded.problems else 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    new = sub.add_parser(
        "new", help="start a new incident session", description="Start a new incident session and open it."
    )
    new.add_argument("title", nargs="*", help='what is happening, e.g. "Pizza purchases failing"')
    new.add_argument("--runbook", metavar="NAME", help="runbook whose checklist to follow")
    new.add_argument("--zone", default="UTC", help="time zone for display and export (default UTC)")
    new.add_argument("--severity", metavar="SEV", help="SEV1 (worst) to SEV5")
    new.add_argument(
        "--headless",
        action="store_true",
        help="open no screen; print the new session file's path (for scripts and alert hooks)",
    )
    new.set_defaults(func=cmd_new)

    note = sub.add_parser(
        "note",
        help="add an event to a session from any terminal",
        description="Append an event to a session (by default the most recent "
        "unresolved one). Safe while the app has the session open.",
    )
    note.add_argument("text", nargs="+", help="the note ('-' reads it from standard input)")
    note.add_argument("--session", type=Path, metavar="FILE", help="session file to add to")
    note.add_argument("--kind", default="note", choices=EVENT_KINDS, help="event kind (default note)")
    note.add_argument(
        "--at", metavar="TIME", help="when it happened: 10:24, 10:24:30, 5:23pm, -5m or an ISO time (default now)"
    )
    note.set_defaults(func=cmd_note)

    open_ = sub.add_parser(
        "open",
        help="open a saved session in the app",
        description="Open a session file and carry on where it left off.",
    )
    open_.add_argument("file", type=Path)
    open_.set_defaults(func=cmd_open)

    list_ = sub.add_parser("list", help="list sessions", description="List the sessions in $SCRIBE_HOME.")
    list_.set_defaults(func=cmd_list)

    validate = sub.add_parser(
        "validate",
        help="check a session file",
        description="Check a session file line by line. Exit 0 when clean, 1 when "
        "problems were found (each printed with its line number).",
    )
    validate.add_argument("file", type=Path)
    validate.set_defaults(func=cmd_validate)
