"""Team-mode commands: `share`, `join`, `sync`, and sharing added to `new` and `note`."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tui.cli.output import echo, say, warn
from tui.core.errors import ScribeError
from tui.core.paths import new_session_path
from tui.core.session import folder as sessions
from tui.core.session import journal
from tui.core.session.operations import parse_stamp
from tui.sync.cursors import SESSION_ID, Cursors, load_cursors, save_cursors, sidecar_path
from tui.sync.engine import Replica, Round, admit
from tui.sync.hub_url import Hub, HubError, parse_hub, resolve

if TYPE_CHECKING:
    from tui.sync.transport import RedisHub

# `scribe note` waits this long for the hub before leaving the note saved but not yet shared.
NOTE_TIMEOUT = 2.0
T = TypeVar("T")


def _run(hub: Hub, work: Callable[[RedisHub], Awaitable[T]], timeout: float = 10.0) -> T:
    # The network client is imported only by the commands that talk to a hub: others start light.
    from tui.sync.transport import RedisHub

    async def main() -> T:
        transport = RedisHub(hub, timeout=min(timeout, 5.0))
        try:
            return await asyncio.wait_for(work(transport), timeout)
        except TimeoutError:
            raise HubError(f"cannot reach the hub {hub.shown}: no answer within {timeout:g} s") from None
        finally:
            await transport.close()

    return asyncio.run(main())


def _hub_of(path: Path, cursors: Cursors) -> Hub:
    return parse_hub(cursors.hub)


def join_line(cursors: Cursors) -> str:
    return f"scribe join {cursors.hub} {cursors.session}"


def share(path: Path, hub: Hub) -> Round:
    """Start sharing a session file (or carry on sharing it): the hub gets every operation it lacks."""
    loaded = journal.load(path, keep_ops=False)
    cursors = load_cursors(path)
    if cursors is None or cursors.hub != hub.shown or cursors.session != loaded.session.id:
        if not SESSION_ID.fullmatch(loaded.session.id):
            raise ScribeError(f"{path}: its session id cannot name a stream on the hub")
        cursors = Cursors(hub=hub.shown, session=loaded.session.id)
        save_cursors(path, cursors)

    async def work(transport: RedisHub) -> Round:
        return await Replica(path, transport, cursors, warn).sync()

    return _run(hub, work)


def sync_file(path: Path, *, timeout: float = 10.0, push_only: bool = False) -> Round:
    cursors = load_cursors(path)
    if cursors is None:
        raise ScribeError(f"{path}: not shared; run `scribe share {path} HUB` first")
    journal.load(path, keep_ops=False)  # a bad file is refused here, before the hub sees any of it

    async def work(transport: RedisHub) -> Round:
        return await Replica(path, transport, cursors, warn).sync(pull=not push_only)

    return _run(_hub_of(path, cursors), work, timeout)


def cmd_share(args: argparse.Namespace) -> int:
    hub = resolve(args.hub)
    done = share(args.file, hub)
    cursors = load_cursors(args.file)
    assert cursors is not None
    echo(f"pushed {done.pushed}, pulled {done.pulled}")
    say(f"others join with: {join_line(cursors)}")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from tui.cli.shell import catch_up

    catch_up(args.file)  # what attached shells ran is shared like any other operation
    if not args.follow:
        done = sync_file(args.file)
        echo(f"pushed {done.pushed}, pulled {done.pulled}")
        return 0
    cursors = load_cursors(args.file)
    if cursors is None:
        raise ScribeError(f"{args.file}: not shared; run `scribe share {args.file} HUB` first")
    journal.load(args.file, keep_ops=False)
    try:
        asyncio.run(_follow(args.file, _hub_of(args.file, cursors), cursors))
    except KeyboardInterrupt:
        return 0
    return 0


async def _follow(path: Path, hub: Hub, cursors: Cursors) -> None:
    """Rounds until interrupted: each waits up to a second on the hub for news; a lost hub is
    retried, with the reason said once."""
    from tui.sync.transport import RedisHub

    transport = RedisHub(hub)
    replica = Replica(path, transport, cursors, warn)
    failing = ""
    try:
        while True:
            try:
                done = await replica.sync(block_ms=1000)
            except HubError as exc:
                if str(exc) != failing:
                    warn(f"{exc}; retrying")
                    failing = str(exc)
                await asyncio.sleep(1.0)
                continue
            if failing:
                say("the hub is back")
                failing = ""
            if done.pushed or done.pulled:
                echo(f"pushed {done.pushed}, pulled {done.pulled}")
                sys.stdout.flush()
    finally:
        await transport.close()


def cmd_join(args: argparse.Namespace) -> int:
    if args.session_id is None:  # one argument: the session id, with the configured hub
        args.hub, args.session_id = None, args.hub
    if not SESSION_ID.fullmatch(args.session_id or ""):
        raise ScribeError("not a session id (letters, digits, - and _; as `scribe share` printed it)")
    hub = resolve(args.hub)
    path = join(hub, args.session_id)
    if args.headless:
        echo(path)
        return 0
    from tui.cli.sessions import launch_app

    return launch_app(path)


def join(hub: Hub, session_id: str) -> Path:
    """A new local replica of a shared session, filled from the hub; its path."""

    async def header(transport: RedisHub) -> dict[str, Any]:
        after = "0-0"
        while True:
            entries = await transport.read(session_id, after, None)
            if not entries:
                raise ScribeError(f"no session {session_id} on the hub {hub.shown}")
            for entry in entries:
                op = admit(entry, session_id, warn)
                if op is not None and op.get("op") == "create":
                    return op
            after = entries[-1][0]

    create = _run(hub, header)
    session = create["session"]
    try:
        created = parse_stamp(session["created"])
        title = str(session.get("title", ""))
    except (KeyError, TypeError, ValueError):
        raise ScribeError(f"the hub's header of session {session_id} is damaged") from None
    path = journal.create(new_session_path(created, title), create)
    save_cursors(path, Cursors(hub=hub.shown, session=session_id))
    try:
        sync_file(path)
    except HubError as exc:
        warn(f"{exc}; the replica holds what came so far")
    return path


def _new_shared(original: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def cmd_new(args: argparse.Namespace) -> int:
        if args.share is None:
            return original(args)
        hub = resolve(args.share or None)
        path = sessions.start_session(
            " ".join(args.title), runbook=args.runbook or "", zone=args.zone, severity=args.severity or ""
        )
        try:
            share(path, hub)
        except HubError as exc:
            say(f"saved; not shared yet: {exc}")
        cursors = load_cursors(path)
        if cursors is not None:
            say(f"others join with: {join_line(cursors)}")
        if args.headless:
            echo(path)
            return 0
        from tui.cli.sessions import launch_app

        return launch_app(path)

    return cmd_new


def _note_shared(original: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def cmd_note(args: argparse.Namespace) -> int:
        before = {path: path.stat().st_size for path in _shared_candidates(args)}
        code = original(args)
        if code != 0:
            return code
        for path, size in before.items():
            if path.stat().st_size != size:  # the note went to this shared session: share it now
                try:
                    sync_file(path, timeout=NOTE_TIMEOUT, push_only=True)
                except ScribeError as exc:
                    say(f"saved; not shared yet: {exc}")
        return 0

    return cmd_note


def _shared_candidates(args: argparse.Namespace) -> list[Path]:
    if args.session is not None:
        paths = [args.session]
    else:
        folder = sessions.sessions_dir()
        paths = sorted(folder.glob("*.jsonl")) if folder.is_dir() else []
    return [path for path in paths if sidecar_path(path).is_file()]


def add_commands(sub: argparse._SubParsersAction) -> None:
    new = sub.choices["new"]
    new.add_argument(
        "--share",
        nargs="?",
        const="",
        metavar="HUB",
        help="share it through a hub: redis://[:password@]host[:port][/db] or rediss://... "
        "(default: [share] hub in config.toml; the password may come from $SCRIBE_HUB_PASSWORD)",
    )
    new.set_defaults(func=_new_shared(new.get_default("func")))
    note = sub.choices["note"]
    note.set_defaults(func=_note_shared(note.get_default("func")))

    share_ = sub.add_parser(
        "share",
        help="share a session through a hub",
        description="Start sharing a session through a hub (a Redis server): push all its operations, "
        "and print the line others run to join.",
    )
    share_.add_argument("file", type=Path)
    share_.add_argument("hub", nargs="?", help="redis://[:password@]host[:port][/db] (default: [share] hub)")
    share_.set_defaults(func=cmd_share)

    join_ = sub.add_parser(
        "join",
        help="join a shared session",
        description="Make a local replica of a shared session, filled from the hub, and open it.",
    )
    join_.add_argument("hub", nargs="?", help="redis://host[:port][/db] (default: [share] hub)")
    join_.add_argument("session_id", nargs="?", metavar="SESSION_ID")
    join_.add_argument("--headless", action="store_true", help="open no screen; print the replica's path")
    join_.set_defaults(func=cmd_join)

    sync_ = sub.add_parser(
        "sync",
        help="exchange a shared session's changes with its hub",
        description="Push what the hub lacks, pull what this replica lacks, and print `pushed N, pulled M`. "
        "Exit 1 with the reason when the hub cannot be reached (the file is left as it was).",
    )
    sync_.add_argument("file", type=Path)
    sync_.add_argument("--follow", action="store_true", help="keep exchanging until interrupted")
    sync_.set_defaults(func=cmd_sync)
