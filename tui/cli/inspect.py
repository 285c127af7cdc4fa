"""`scribe inspect`: find the report URL in a factory response, optionally follow it and record both.

Exit codes: 0 when a report URL was found (and, with --follow, the factory answered with success);
1 when no report URL was found, the confirmation was declined, or following it failed (unreachable,
timed out, 400 "Problem unresolved", another HTTP error); 2 for errors in what was asked (a missing
file, empty input, a URL that is not http/https, --follow without --yes when stdin is not a terminal).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from tui.cli.output import echo, say
from tui.core.errors import ScribeError
from tui.core.safe_text import shown_whole
from tui.core.session.recorder import Recorder

if TYPE_CHECKING:
    from tui.core.factory.follow import FollowResult
    from tui.core.factory.response import Findings

SOURCE = "cli"
_MAX_HOSTS = 3  # hosts one follow may go through, each agreed to in turn
_LABEL = 12  # width of the labels, so the values line up and the URL can be selected on its own


def run(args: argparse.Namespace, *, author: str = "", timeout: float | None = None) -> int:
    # The factory's modules are imported by the command that uses them: `scribe new` starts lighter.
    from tui.core.factory import inspection
    from tui.core.factory.follow import DEFAULT_TIMEOUT, REDIRECTED, follow, url_host
    from tui.core.factory.response import inspect_text

    timeout = DEFAULT_TIMEOUT if timeout is None else timeout
    stdin, stdout = sys.stdin, sys.stdout
    if args.follow and not args.yes and not _is_tty(stdin):
        # Nobody is there to answer the question (a pipe, a script): refuse rather than assume.
        raise ScribeError(
            "--follow asks before sending the GET, but standard input is not a terminal; "
            "pass --yes to follow without asking"
        )
    recorder = Recorder(args.session, author=author) if args.session else None  # a bad file fails here
    text = _read_input(args.file, stdin)
    findings = inspect_text(text)
    _print_findings(findings, stdout)
    if recorder is not None:
        inspection.record_inspection(recorder, findings, source=SOURCE)
        _check_saved(recorder)
    if findings.report_url is None:
        say("no report URL found in the input")
        return 1
    if not args.follow:
        return 0

    url = findings.report_url
    host = url_host(url)  # refuses anything but http/https before a byte goes out
    if not args.yes and not _confirm(host, stdin):
        say("not followed")
        return 1
    result = follow(url, timeout=timeout)
    for _ in range(_MAX_HOSTS - 1):
        # Another host was not part of the question: ask about it (--yes agreed to the first only).
        if result.outcome != REDIRECTED or result.redirect is None or args.yes:
            break
        say(result.explanation)
        if not _confirm(url_host(result.redirect), stdin):
            break
        result = follow(result.redirect, timeout=timeout)
    _print_answer(result, stdout)
    if recorder is not None:
        inspection.record_follow(recorder, result, source=SOURCE)
        _check_saved(recorder)
    if not result.ok:
        say(result.explanation)
        return 1
    return 0


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _read_input(name: str | None, stdin: TextIO) -> str:
    if name in (None, "-"):
        if _is_tty(stdin):
            echo("Paste the response, then press Ctrl-D on a line of its own.", err=True)
        text = stdin.read()
    else:
        path = Path(name)
        if path.is_dir():
            raise ScribeError(f"{path}: is a folder, not a file")
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            raise ScribeError(f"{path}: no such file") from None
        except PermissionError:
            raise ScribeError(f"{path}: permission denied") from None
    if not text.strip():
        raise ScribeError("nothing to inspect: the input is empty")
    return text


def _line(label: str, value: str, out: TextIO) -> None:
    echo(f"{label + ':':<{_LABEL}}{value}", file=out)


def _print_findings(findings: Findings, out: TextIO) -> None:
    if findings.status is not None:
        _line("Status", f"{findings.status} {findings.reason or ''}".rstrip(), out)
    else:
        _line("Status", "not in the input (paste the headers too to see it)", out)
    _line("Message", findings.message or "none", out)
    links = findings.report_links
    if len(links) == 1:
        _line("Report URL", shown_whole(links[0].url), out)
    elif links:
        echo(f"Report URLs: {len(links)} found; the first is the one --follow uses", file=out)
        for number, link in enumerate(links, 1):
            _line(f"  {number}", shown_whole(link.url), out)
    else:
        _line("Report URL", "none found", out)
    body = findings.pretty_body()
    if body is not None:
        echo("JSON:", file=out)
        echo(body, file=out)


def _confirm(host: str, stdin: TextIO) -> bool:
    echo(f"Send a GET to {host} to report the fault and end the chaos? [y/N] ", err=True, end="")
    answer = stdin.readline()
    return answer.strip().lower() in ("y", "yes")


def _print_answer(result: FollowResult, out: TextIO) -> None:
    if result.status is None:
        _line("Followed", f"{shown_whole(result.url)} -> no answer", out)
        return
    _line("Answer", result.summary(), out)
    if result.explanation and result.ok:
        _line("Note", result.explanation, out)
    body = result.body.strip()
    if body and result.message is None:  # an answer without a sentence: show what it did say
        echo(body[:2000], file=out)


def _check_saved(recorder: Recorder) -> None:
    if recorder.unsaved:
        raise ScribeError(f"{recorder.path}: could not save to the session ({recorder.last_error})")


def cmd_inspect(args: argparse.Namespace) -> int:
    from tui.core.config import current_author

    return run(args, author=current_author())


def add_commands(sub: argparse._SubParsersAction) -> None:
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
