"""`scribe publish`, `unpublish` and `update`: the stakeholder page's links, and status updates."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.cli.output import echo, say
from tui.cli.shell import catch_up
from tui.core.config import current_author, load_config
from tui.core.errors import ScribeError
from tui.core.session import operations as ops
from tui.core.session.model import UPDATE_STATUSES
from tui.core.session.recorder import Recorder, check_size


def _recorder(path: Path) -> Recorder:
    recorder = Recorder(path, author=current_author())
    catch_up(path, recorder)
    return recorder


def _saved(recorder: Recorder, what: str) -> None:
    if recorder.unsaved:
        raise ScribeError(f"{recorder.path}: could not save {what} ({recorder.last_error})")


def cmd_publish(args: argparse.Namespace) -> int:
    from tui.core.page.links import check_public_url  # hashlib and secrets: not for every command
    from tui.core.page.publishing import publish

    public_url = check_public_url(load_config().serve.public_url)
    recorder = _recorder(args.file)
    url = publish(recorder, public_url)
    _saved(recorder, "the link")
    links = len(recorder.session.page_links)
    say(f"published {recorder.path} ({links} link{'s' if links != 1 else ''}); `scribe serve` shows it at:")
    echo(url)  # the last line: the link itself, for a script to take
    return 0


def cmd_unpublish(args: argparse.Namespace) -> int:
    recorder = _recorder(args.file)
    links = len(recorder.session.page_links)
    recorder.record(ops.unpublish_op(recorder.now()))
    _saved(recorder, "the revocation")
    say(f"revoked {links} link{'s' if links != 1 else ''} to the page of {recorder.path}")
    return 0


def cmd_update(args: argparse.Namespace) -> int:
    text = " ".join(args.text).strip()
    if text == "-":
        text = sys.stdin.read().strip()
    if not text:
        raise ScribeError("the status update is empty")
    check_size(text, "a status update")
    recorder = _recorder(args.file)
    recorder.record(
        ops.add_update_op(recorder.now(), text=text, status=args.status, author=recorder.author, source="cli")
    )
    _saved(recorder, "the update")
    say(f"status update ({args.status}) recorded in {recorder.path}")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    publish_cmd = sub.add_parser(
        "publish",
        help="make a link to the session's live stakeholder page",
        description="Make a new secret link to the session's read-only page on `scribe serve`; the "
        "last line printed is the link ([serve] public_url, else http://127.0.0.1:8765).",
    )
    publish_cmd.add_argument("file", type=Path, metavar="FILE", help="session file")
    publish_cmd.set_defaults(func=cmd_publish)
    unpublish_cmd = sub.add_parser("unpublish", help="revoke every link to the session's page")
    unpublish_cmd.add_argument("file", type=Path, metavar="FILE", help="session file")
    unpublish_cmd.set_defaults(func=cmd_unpublish)
    update_cmd = sub.add_parser(
        "update",
        help="record a status update for stakeholders",
        description="Record a status update: shown first on the stakeholder page, on the timeline and in the export.",
    )
    update_cmd.add_argument("file", type=Path, metavar="FILE", help="session file")
    update_cmd.add_argument("--status", required=True, choices=UPDATE_STATUSES, help="the incident's status")
    update_cmd.add_argument("text", nargs="+", help="the update ('-' reads it from standard input)")
    update_cmd.set_defaults(func=cmd_update)
