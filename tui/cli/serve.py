"""`scribe serve`: webhooks from Grafana, Alertmanager and Grafana OnCall into the session."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
from pathlib import Path

from tui.cli.output import echo, say, warn
from tui.core.config import load_config, store_hook_token
from tui.core.errors import ScribeError
from tui.core.session import journal

TOKEN_VARIABLE = "SCRIBE_HOOK_TOKEN"


def _token(configured: str) -> str:
    """$SCRIBE_HOOK_TOKEN, else `[serve] hook_token`, else a new one: kept in config.toml (0600)
    and shown this once, on standard error, so that it can be pasted into the senders."""
    token = os.environ.get(TOKEN_VARIABLE, "").strip() or configured
    if token:
        return token
    from tui.web.auth import new_token

    token = new_token()
    path = store_hook_token(token)
    say(f"no hook token was set; generated one and kept it in {path} ([serve] hook_token):")
    echo(token, err=True)
    return token


def cmd_serve(args: argparse.Namespace) -> int:
    if not 0 <= args.port <= 65535:
        raise ScribeError(f"--port {args.port}: not a port (0 to 65535; 0 takes a free one)")
    if args.session is not None:
        journal.load(args.session, keep_ops=False)  # a bad file is refused now, in one line
    settings = load_config().serve
    token = _token(settings.hook_token)
    from tui.core.clock.zones import parse_zone

    parse_zone(settings.zone)
    try:
        from tui.web.server import Settings, build_app
    except ImportError:
        raise ScribeError("scribe serve needs aiohttp, which this installation lacks") from None

    def log(line: str) -> None:
        echo(line)
        sys.stdout.flush()

    app = build_app(
        Settings(
            token=token,
            timestamp_header=settings.timestamp_header,
            pinned=args.session,
            runbooks=settings.runbooks,
            zone=settings.zone,
            log=log,
            warn=warn,
        )
    )
    return asyncio.run(_serve(app, args.bind, args.port))


async def _serve(app: object, bind: str, port: int) -> int:
    from aiohttp import web

    assert isinstance(app, web.Application)
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    try:
        site = web.TCPSite(runner, bind, port)
        try:
            await site.start()
        except OSError as exc:
            raise ScribeError(f"cannot listen on {bind}:{port}: {exc.strerror or exc}") from None
        host, actual = runner.addresses[0][:2]
        shown = f"[{host}]" if ":" in host else host
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):  # before the first line: a caller may stop us then
            loop.add_signal_handler(signum, stop.set)
        echo(f"serving on http://{shown}:{actual}")
        sys.stdout.flush()
        await stop.wait()
        echo("stopped")
    finally:
        await runner.cleanup()
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    serve = sub.add_parser(
        "serve",
        help="take alerts from Grafana, Alertmanager and OnCall webhooks",
        description="Serve POST /hooks/grafana, /hooks/alertmanager and /hooks/oncall: each alert "
        "becomes a timeline event of the session in progress (or of a new one it opens). "
        f"Requests must carry the hook token (${TOKEN_VARIABLE} or [serve] hook_token).",
    )
    serve.add_argument("--bind", default="127.0.0.1", metavar="ADDR", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8765, help="port (default 8765; 0 takes a free one)")
    serve.add_argument("--session", type=Path, metavar="FILE", help="write every alert into this session file")
    serve.set_defaults(func=cmd_serve)
