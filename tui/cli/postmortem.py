"""Postmortem commands: `export` writes one, `import` reads one back, `stats` compares incidents."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.cli.output import echo, say, warn
from tui.core.errors import ScribeError
from tui.core.session import folder as sessions
from tui.core.session import journal


def cmd_export(args: argparse.Namespace) -> int:
    from tui.cli.shell import catch_up
    from tui.core.config import load_config
    from tui.core.postmortem.export import export_session
    from tui.core.postmortem.files import check_destination, write_export

    if args.output:
        check_destination(args.output, source=args.file)  # before any work, and again when writing
    config = load_config()
    commands = config.hook.export
    template = args.template or config.export.template or None
    if template and args.format == "json":
        raise ScribeError("--template shapes the Markdown postmortem; a JSON export has none")
    catch_up(args.file)
    loaded = journal.load(args.file)
    for problem in loaded.problems:
        warn(f"{args.file}:{problem.line}: {problem.message}")
    text = export_session(
        loaded.session,
        fmt=args.format,
        redacted=not args.no_redact,
        zone=args.zone,
        commands=commands,
        template=template if args.format == "markdown" else None,
    )
    if args.output:
        write_export(args.output, text, private=args.no_redact, source=args.file)
        say(f"wrote {args.output}")
    if args.copy:
        from tui.core.clipboard import copy

        say(copy(text, fallback=sys.stderr).describe())
    if not args.output and not args.copy:
        echo(text, end="")
    return 0


def cmd_templates(args: argparse.Namespace) -> int:
    from tui.core.config import load_config
    from tui.core.postmortem import templates

    chosen = load_config().export.template or templates.DEFAULT
    listed = templates.available()
    width = max(len(template.name) for template in listed) if listed else 0
    for template in listed:
        mark = "*" if template.name == chosen else " "
        echo(f"{mark} {template.name:<{width}}  {template.origin:<7}  {template.path}")
    if "/" in chosen or chosen.endswith(".j2"):
        echo(f"* {chosen}  (config.toml [export] template)")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from tui.core import stats

    table = stats.collect(args.paths or [sessions.sessions_dir()])
    for warning in table.warnings:
        warn(warning)
    if table.unmeasured:
        count = len(table.unmeasured)
        say(f"{count} session{'' if count == 1 else 's'} left out: fewer than two milestones stamped")
        if not table.rows:
            return 0
    if not table.rows:
        if args.paths:
            raise ScribeError("no readable sessions in " + ", ".join(str(p) for p in args.paths))
        echo(f"no sessions in {sessions.sessions_dir()}", err=True)
        return 0
    echo(stats.render(table), end="")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from tui.core.importing.to_session import import_postmortem

    result = import_postmortem(args.file, args.output)
    for line, message in result.parsed.warnings:
        warn(f"{args.file}:{line}: {message}")
    echo(result.path)
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    export = sub.add_parser(
        "export",
        help="write the postmortem (or the session as JSON)",
        description="Write a session as a Markdown postmortem or as JSON. Secrets are redacted unless --no-redact.",
    )
    export.add_argument("file", type=Path)
    export.add_argument("--format", choices=("markdown", "json"), default="markdown")
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT",
        help="write here instead of stdout (replacing an earlier export, never a session or a symlink)",
    )
    export.add_argument("--zone", help="show times in this zone instead of the session's")
    export.add_argument(
        "--template",
        metavar="NAME|PATH",
        help="the postmortem's template: a name from `scribe templates` or a .md.j2 file "
        "(default: [export] template in config.toml, else jwt-pizza)",
    )
    export.add_argument("--no-redact", action="store_true", help="keep API keys and tokens as they are")
    export.add_argument(
        "--copy",
        action="store_true",
        help="put it on the clipboard (pyperclip, else the terminal's OSC 52) instead of stdout",
    )
    export.set_defaults(func=cmd_export)

    templates_ = sub.add_parser(
        "templates",
        help="list the postmortem templates and where each comes from",
        description="The templates `scribe export --template` takes: the shipped ones and your own "
        "($SCRIBE_HOME/templates/NAME.md.j2, which win over a shipped one of the same name). "
        "* marks the default.",
    )
    templates_.set_defaults(func=cmd_templates)

    stats_ = sub.add_parser(
        "stats",
        help="compare incidents: durations, median and 90th percentile",
        description="One row per incident (DATE, TITLE, IMPACT: how long users were affected, "
        "then time to DETECT, ACK, MITIGATE, RESOLVE), then the median and 90th percentile "
        "of each column. Sessions with fewer than two milestones stamped are left out. "
        "With no paths: the sessions folder.",
    )
    stats_.add_argument(
        "paths", nargs="*", type=Path, metavar="FILE_OR_FOLDER", help="session files, or folders of them"
    )
    stats_.set_defaults(func=cmd_stats)

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
