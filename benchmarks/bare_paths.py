"""The floors of the paths: the same hops as Scribe's, with nothing of Scribe in them.

- `python -m benchmarks.bare_paths app [--redis URL --stream KEY] [--port N]`: a bare Textual app
  (Header, a Log, Footer) that appends each entry an XREAD BLOCK on the stream returns, and the
  body of each POST to `/say` on 127.0.0.1:N, to its Log. The floor of a note crossing a Redis
  stream to another screen, and of an HTTP POST reaching a screen.
- `python -m benchmarks.bare_paths page --port N`: a bare aiohttp server whose page appends each
  line a POST to `/say` pushes down its Server-Sent Events stream. The floor of a line reaching
  an open browser page.
"""

from __future__ import annotations

import argparse
import asyncio
from typing import Any

from aiohttp import web

TITLE = "Bare paths"
READY = "bare app ready"
FIELD = b"line"
PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Bare page</title></head>
<body><p id="live">connecting</p><ul id="lines"></ul>
<script>
const stream = new EventSource("/events");
stream.onopen = () => { document.getElementById("live").textContent = "Live"; };
stream.onmessage = (message) => {
  const item = document.createElement("li");
  item.className = "line";
  item.textContent = message.data;
  document.getElementById("lines").appendChild(item);
};
</script></body></html>
"""


def _line(body: bytes) -> str:
    # Only the harness talks to these servers; still, nothing raw reaches the terminal.
    return "".join(ch for ch in body.decode("utf-8", "replace") if ch.isprintable())[:200]


def bare_app(redis_url: str | None, stream: str, port: int | None) -> None:
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.widgets import Footer, Header, Log

    class BareApp(App[None]):
        TITLE = TITLE
        BINDINGS = [Binding("ctrl+q", "quit", "Quit")]

        def compose(self) -> ComposeResult:
            yield Header()
            yield Log()
            yield Footer()

        async def on_mount(self) -> None:
            log = self.query_one(Log)
            if port is not None:
                server = web.Application()

                async def say(request: web.Request) -> web.Response:
                    log.write_line(_line(await request.read()))
                    return web.Response(text="ok")

                server.router.add_post("/say", say)
                runner = web.AppRunner(server, access_log=None)
                await runner.setup()
                await web.TCPSite(runner, "127.0.0.1", port).start()
            if redis_url is not None:
                self.run_worker(self._follow(redis_url, log), exit_on_error=True)
            log.write_line(READY)

        async def _follow(self, url: str, log: Log) -> None:
            import redis.asyncio as redis

            client = redis.Redis.from_url(url)
            last = "0-0"  # the stream is new: every entry counts, even one added before the first read
            while True:
                try:  # a wait well under the client's socket timeout, so it never cuts one short
                    answer: Any = await client.xread({stream: last}, block=1000)
                except redis.TimeoutError:
                    continue
                for _key, entries in answer or ():
                    for entry_id, fields in entries:
                        last = entry_id
                        log.write_line(_line(fields.get(FIELD, b"")))

    BareApp().run()


def bare_page(port: int) -> None:
    streams: set[asyncio.Queue[str]] = set()

    async def page(_request: web.Request) -> web.Response:
        return web.Response(text=PAGE, content_type="text/html")

    async def events(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store"})
        await response.prepare(request)
        queue: asyncio.Queue[str] = asyncio.Queue()
        streams.add(queue)
        try:
            await response.write(b"retry: 1000\n\n")
            while True:
                await response.write(f"data: {await queue.get()}\n\n".encode())
        except (ConnectionResetError, ConnectionError):
            pass
        finally:
            streams.discard(queue)
        return response

    async def say(request: web.Request) -> web.Response:
        line = _line(await request.read())
        for queue in streams:
            queue.put_nowait(line)
        return web.Response(text="ok")

    server = web.Application()
    server.router.add_get("/", page)
    server.router.add_get("/events", events)
    server.router.add_post("/say", say)
    print(f"serving on http://127.0.0.1:{port}", flush=True)
    web.run_app(server, host="127.0.0.1", port=port, print=None, access_log=None)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bare_paths", description=__doc__.splitlines()[0])
    which = parser.add_subparsers(dest="which", required=True)
    app = which.add_parser("app", help="the bare app: a Log fed by a Redis stream and by POSTs")
    app.add_argument("--redis", help="redis:// URL of the stream to follow")
    app.add_argument("--stream", default="bare:ops", help="the stream's key")
    app.add_argument("--port", type=int, help="take POST /say on this loopback port")
    page = which.add_parser("page", help="the bare page server")
    page.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    if args.which == "app":
        bare_app(args.redis, args.stream, args.port)
    else:
        bare_page(args.port)


if __name__ == "__main__":
    main()
