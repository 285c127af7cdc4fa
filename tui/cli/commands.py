"""The `scribe` command line: parses arguments and hands each command to core or to the app."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from tui.core.clock.source import SYSTEM_CLOCK
from tui.core.clock.typed import parse_when
from tui.core.config import current_author
from tui.core.errors import ScribeError
from tui.core.metrics import format_duration
from tui.core.session import folder as sessions
from tui.core.session import journal
from tui.core.session.model import EVENT_KINDS
from tui.core.session.recorder import Recorder

Handler = Callable[[argparse.Namespace], int]


class ArgumentParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit code 2, like every other user error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise ScribeError(f"{message} (see {self.prog} --help)")


def launch_app(path: Path, loaded: journal.Loaded | None = None) -> int:
    """Open the full-screen app on a session file (`loaded`: already read, so not read again)."""
    try:
        from tui.app import run_app
    except ImportError:
        raise ScribeError("the full-screen app is not part of this build; use --headless") from None
    return run_app(path, loaded=loaded)


# -- commands ----------------------------------------------------------------------------------


def cmd_default(args: argparse.Namespace) -> int:
    path = sessions.most_recent_unresolved()
    if path is None:
        path = sessions.start_session("")
    return launch_app(path)


def cmd_new(args: argparse.Namespace) -> int:
    path = sessions.start_session(
        " ".join(args.title), runbook=args.runbook or "", zone=args.zone, severity=args.severity or ""
    )
    if args.headless:
        print(path)
        return 0
    return launch_app(path)


def cmd_open(args: argparse.Namespace) -> int:
    # Refuse a bad file here, with a one-line error, before any screen opens; the app takes it over.
    loaded = journal.load(args.file, keep_ops=False)
    return launch_app(args.file, loaded)


def _session_for(path: Path | None) -> Path:
    if path is not None:
        return path
    found = sessions.most_recent_unresolved()
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
    time = parse_when(args.at, recorder.session.zone_info, SYSTEM_CLOCK.now()) if args.at else None
    recorder.add_event(text, kind=args.kind, time=time, source="cli")
    if recorder.unsaved:
        raise ScribeError(f"{path}: could not save the note ({recorder.last_error})")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    found = sessions.summaries()
    if not found:
        print(f"no sessions in {sessions.sessions_dir()}", file=sys.stderr)
        return 0
    rows = [("STARTED (UTC)", "STATUS", "DURATION", "EVENTS", "TITLE", "FILE")]
    for summary in found:
        session = summary.session
        rows.append(
            (
                session.created.strftime("%Y-%m-%d %H:%M"),
                session.status,
                format_duration(summary.duration),
                str(len(session.events)),
                session.title,
                str(summary.path),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[-1])
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    try:
        loaded = journal.load(args.file)
    except ScribeError as exc:
        if not Path(args.file).is_file():
            raise
        print(f"scribe: {exc}", file=sys.stderr)
        return 1
    for problem in loaded.problems:
        print(f"{args.file}:{problem.line}: {problem.level}: {problem.message}")
    events = len(loaded.session.events)
    verdict = "problems found" if loaded.problems else "ok"
    print(
        f"{args.file}: {len(loaded.ops)} operations, {events} events: {verdict}",
        file=sys.stderr if loaded.problems else sys.stdout,
    )
    return 1 if loaded.problems else 0


def cmd_export(args: argparse.Namespace) -> int:
    from tui.core.postmortem.export import export_session

    loaded = journal.load(args.file)
    for problem in loaded.problems:
        print(f"scribe: warning: {args.file}:{problem.line}: {problem.message}", file=sys.stderr)
    text = export_session(loaded.session, fmt=args.format, redacted=not args.no_redact, zone=args.zone)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    if args.copy:
        from tui.core.clipboard import copy

        print(f"scribe: {copy(text, fallback=sys.stderr).describe()}", file=sys.stderr)
    if not args.output and not args.copy:
        sys.stdout.write(text)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from tui.core import stats

    table = stats.collect(args.paths or [sessions.sessions_dir()])
    for warning in table.warnings:
        print(f"scribe: warning: {warning}", file=sys.stderr)
    if not table.rows:
        if args.paths:
            raise ScribeError("no readable sessions in " + ", ".join(str(p) for p in args.paths))
        print(f"no sessions in {sessions.sessions_dir()}", file=sys.stderr)
        return 0
    sys.stdout.write(stats.render(table))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from tui.core.importing.to_session import import_postmortem

    result = import_postmortem(args.file, args.output)
    for line, message in result.parsed.warnings:
        print(f"scribe: warning: {args.file}:{line}: {message}", file=sys.stderr)
    print(result.path)
    return 0


def cmd_inspect(args: argparse.Namespace) -> int:
    from tui.cli.inspect import run

    return run(args, author=current_author())


def cmd_replay(args: argparse.Namespace) -> int:
    if not 1 <= args.speed <= 600:
        raise ScribeError(f"--speed {args.speed}: give a speed from 1 to 600")
    from tui.app.replay_app import run_replay

    return run_replay(args.file, speed=args.speed, skip_idle=not args.no_skip_idle)


# -- the parser --------------------------------------------------------------------------------


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog="scribe",
        description="The incident scribe for your terminal. With no command: open the most recent "
        "unresolved session, or start a new one.",
    )
    parser.set_defaults(func=cmd_default)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=ArgumentParser)

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

    export = sub.add_parser(
        "export",
        help="write the postmortem (or the session as JSON)",
        description="Write a session as a Markdown postmortem or as JSON. Secrets are redacted unless --no-redact.",
    )
    export.add_argument("file", type=Path)
    export.add_argument("--format", choices=("markdown", "json"), default="markdown")
    export.add_argument("-o", "--output", type=Path, metavar="OUT", help="write here instead of stdout")
    export.add_argument("--zone", help="show times in this zone instead of the session's")
    export.add_argument("--no-redact", action="store_true", help="keep API keys and tokens as they are")
    export.add_argument(
        "--copy",
        action="store_true",
        help="put it on the clipboard (pyperclip, else the terminal's OSC 52) instead of stdout",
    )
    export.set_defaults(func=cmd_export)

    stats_ = sub.add_parser(
        "stats",
        help="compare incidents: durations, median and 90th percentile",
        description="One row per session (date, title, duration, time to detect, "
        "acknowledge, mitigate, resolve), then the median and 90th percentile "
        "of each column. With no paths: the sessions folder.",
    )
    stats_.add_argument(
        "paths", nargs="*", type=Path, metavar="FILE_OR_FOLDER", help="session files, or folders of them"
    )
    stats_.set_defaults(func=cmd_stats)

    inspect = sub.add_parser(
        "inspect",
        help="find the report URL in a factory response, and follow it",
        description="Read a failing response (a JSON body, headers and body from dev "
        "tools, or log lines) and print its status, message, JSON and "
        "report URL. Exit 1 when no report URL is found or following it "
        "fails.",
    )
    inspect.add_argument(
        "file", nargs="?", metavar="FILE", help="file holding the response ('-' or none: standard input)"
    )
    inspect.add_argument(
        "--follow", action="store_true", help="send a GET to the report URL (after asking, showing its host)"
    )
    inspect.add_argument(
        "--yes", action="store_true", help="follow without asking (needed when standard input is not a terminal)"
    )
    inspect.add_argument("--session", type=Path, metavar="FILE", help="record what was found and done in this session")
    inspect.set_defaults(func=cmd_inspect)

    import_ = sub.add_parser(
        "import",
        help="read a Markdown postmortem into a new session",
        description="Read a postmortem written by hand (Markdown) into a new session "
        "file: its date, zone, timeline, sections and action items. Lines "
        "it cannot read are kept as notes and reported on stderr.",
    )
    import_.add_argument("file", type=Path, metavar="POSTMORTEM.md")
    import_.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="session file to write (default: a new file in the sessions folder)",
    )
    import_.set_defaults(func=cmd_import)

    replay = sub.add_parser(
        "replay",
        help="play a saved session back as it happened",
        description="Play a session file back on the live screen, sped up: Space "
        "pauses, +/- change speed, arrows step. The file is only read.",
    )
    replay.add_argument("file", type=Path)
    replay.add_argument(
        "--speed",
        type=int,
        default=60,
        metavar="N",
        help="times real time, 1 to 600 (default 60; + and - change it while playing)",
    )
    replay.add_argument(
        "--no-skip-idle", action="store_true", help="play quiet stretches at full length instead of shortening them"
    )
    replay.set_defaults(func=cmd_replay)
    return parser


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
        print(f"scribe: {exc}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"scribe: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `scribe export | head`
        sys.stderr.close()
        return 0
