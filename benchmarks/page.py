"""`python -m benchmarks.page`: the stakeholder page's figures, on a real `scribe serve`.

- A note from `scribe note` to the open page's DOM in headless Chromium (Playwright driving the
  system's /usr/bin/chromium): timed from the moment `scribe note` returns (the note is on disk)
  and from the moment it starts (its process included), median and p95.
- The server's resident memory (VmRSS) with no page open, with 50 pages' streams open
  (`/incident/<link>/events`, read with plain HTTP connections rather than 50 browsers), and after
  one more note has reached all 50 streams, in MB and as a ratio to the idle figure. `--timeline N`
  puts N notes on the page first: what each change sends is then a page of that size.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

SCRIBE = [sys.executable, "-m", "tui"]
RESULTS = Path(__file__).resolve().parent / "results" / "page.json"
CHROMIUM = "/usr/bin/chromium"
# The launch arguments of tests/support/browser.py: the same browser the page test drives.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STREAM_WAIT_SECONDS = 20.0
HOOK_TOKEN = "page-bench-hook-token"


def _percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "median_s": statistics.median(ordered),
        "p95_s": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
        "n": len(ordered),
    }


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


class Server:
    """`scribe serve` on a free port, as the page test starts it."""

    def __init__(self, env: dict[str, str], *args: str) -> None:
        self.process = subprocess.Popen(
            [*SCRIBE, "serve", "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env={**env, "SCRIBE_HOOK_TOKEN": HOOK_TOKEN},
        )
        first = self.process.stdout.readline().strip()  # type: ignore[union-attr]
        if not first.startswith("serving on http://127.0.0.1:"):
            self.stop()
            raise RuntimeError(f"scribe serve did not start: {first!r}")
        self.base = first.removeprefix("serving on ")

    def rss_mb(self) -> float:
        return _rss_mb(self.process.pid)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.communicate(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.communicate()


class Stream:
    """One page's event stream, read with a plain HTTP connection."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.connection = http.client.HTTPConnection(
            parts.hostname or "127.0.0.1", parts.port, timeout=STREAM_WAIT_SECONDS
        )
        self.connection.request("GET", parts.path + "/events")
        self.response = self.connection.getresponse()
        if self.response.status != 200:
            raise RuntimeError(f"the stream answered {self.response.status}")
        self.got = b""

    def read_until(self, wanted: bytes) -> None:
        deadline = time.monotonic() + STREAM_WAIT_SECONDS
        while wanted not in self.got:
            if time.monotonic() > deadline:
                raise TimeoutError("the event never arrived on a stream")
            chunk = self.response.read1(65536)
            if not chunk:
                raise RuntimeError("a stream closed before the event arrived")
            self.got += chunk
        self.got = b""

    def close(self) -> None:
        self.connection.close()


def _note(session: Path, text: str, env: dict[str, str]) -> None:
    subprocess.run([*SCRIBE, "note", "--session", str(session), text], env=env, capture_output=True, check=True)


def _text(label: str) -> str:
    return f"page-bench-{label}-{random.randrange(10**9)}"


def browser_missing() -> str:
    """Why the browser figures cannot be measured here, or empty when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    if not os.path.exists(CHROMIUM) and shutil.which("chromium") is None:
        return "chromium is not installed"
    return ""


@contextmanager
def chromium() -> Iterator[Any]:
    """The system's headless Chromium, launched through Playwright (check browser_missing first)."""
    from playwright.sync_api import sync_playwright

    executable = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def open_live(browser: Any, url: str) -> Any:
    """A page at `url`, once its event stream says it is live."""
    page = browser.new_page()
    page.goto(url)
    page.wait_for_function("document.getElementById('live').textContent.startsWith('Live')")
    return page


def to_browser(url: str, session: Path, env: dict[str, str], notes: int) -> dict[str, Any]:
    missing = browser_missing()
    if missing:
        return {"missing": missing}
    from_commit, from_start = [], []
    with chromium() as browser:
        page = open_live(browser, url)
        for n in range(notes):
            text = _text(f"dom-{n}")
            started = time.perf_counter()
            _note(session, text, env)
            committed = time.perf_counter()
            page.locator(".timeline", has_text=text).wait_for(timeout=STREAM_WAIT_SECONDS * 1000)
            arrived = time.perf_counter()
            from_commit.append(arrived - committed)
            from_start.append(arrived - started)
            time.sleep(random.uniform(0.05, 0.35))  # land at different points of the server's poll
        page.close()
    return {"from_note_returned": _percentiles(from_commit), "from_note_started": _percentiles(from_start)}


def memory(server: Server, url: str, session: Path, env: dict[str, str], pages: int) -> dict[str, Any]:
    time.sleep(1.0)  # streams from earlier pages notice their closed connections
    idle = server.rss_mb()
    streams = [Stream(url) for _ in range(pages)]
    try:
        for stream in streams:
            stream.read_until(b"event: state")
        time.sleep(1.0)
        opened = server.rss_mb()
        text = _text("fanout")
        _note(session, text, env)
        committed = time.perf_counter()
        for stream in streams:
            stream.read_until(text.encode())
        fanout_s = time.perf_counter() - committed
        after = server.rss_mb()
    finally:
        for stream in streams:
            stream.close()
    return {
        "pages": pages,
        "idle_mb": idle,
        "open_mb": opened,
        "after_note_mb": after,
        "open_ratio": opened / idle,
        "after_note_ratio": after / idle,
        "note_to_all_streams_s": fanout_s,
    }


def run(notes: int, pages: int, timeline: int = 0) -> dict[str, Any]:
    from tui.core.session import folder as sessions
    from tui.core.session import operations as ops
    from tui.core.session.recorder import Recorder

    with tempfile.TemporaryDirectory(prefix="scribe-page-bench-") as scratch:
        home = Path(scratch) / "home"
        env = {
            **os.environ,
            "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
            "SCRIBE_HOME": str(home),
            "SCRIBE_AUTHOR": "bench",
        }
        os.environ["SCRIBE_HOME"] = str(home)
        session = sessions.start_session("Page benchmark", zone="GMT", severity="SEV2")
        _note(session, "the incident is detected", env)
        if timeline:
            recorder = Recorder(session, author="bench")
            now = recorder.now()
            text = "the checkout service answered 502 for a pizza order"
            recorder.record_many([ops.add_event_op(now, time=now, text=f"{n}: {text}") for n in range(timeline)])
        server = Server(env)
        try:
            (home / "config.toml").write_text(f'[serve]\npublic_url = "{server.base}"\n')
            published = subprocess.run(
                [*SCRIBE, "publish", str(session)], env=env, capture_output=True, text=True, check=True
            )
            url = published.stdout.strip().splitlines()[-1]
            started_mb = server.rss_mb()
            report = {
                "timeline_notes": timeline,
                "server_started_mb": started_mb,
                "note_to_dom": to_browser(url, session, env, notes),
            }
            report["memory"] = memory(server, url, session, env, pages)
        finally:
            server.stop()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.page", description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=20, help="notes timed from `scribe note` to the page's DOM")
    parser.add_argument("--pages", type=int, default=50, help="page streams open for the memory figures")
    parser.add_argument("--timeline", type=int, default=0, help="notes already on the page before the figures")
    args = parser.parse_args(argv)
    if args.notes < 1 or args.pages < 1 or args.timeline < 0:
        parser.error("--notes and --pages must be at least 1, --timeline at least 0")
    report = run(args.notes, args.pages, args.timeline)
    dom = report["note_to_dom"]
    print(f"{'measurement':<48} {'median':>9} {'p95':>9}")
    labels = {
        "from_note_returned": "note to DOM, from `scribe note` returning",
        "from_note_started": "note to DOM, from `scribe note` starting",
    }
    for name, label in labels.items():
        if name in dom:
            figure = dom[name]
            print(f"{label:<48} {figure['median_s'] * 1000:>6.0f} ms {figure['p95_s'] * 1000:>6.0f} ms")
    if "missing" in dom:
        print(f"note to DOM: {dom['missing']}")
    mem = report["memory"]
    print(f"{'server memory (VmRSS)':<48} {'MB':>9} {'x idle':>9}")
    print(f"{'  0 pages open':<48} {mem['idle_mb']:>9.1f} {1.0:>8.2f}x")
    print(f"{'  ' + str(mem['pages']) + ' pages open':<48} {mem['open_mb']:>9.1f} {mem['open_ratio']:>8.2f}x")
    after = f"  after a note reached all {mem['pages']}"
    print(f"{after:<48} {mem['after_note_mb']:>9.1f} {mem['after_note_ratio']:>8.2f}x")
    print(f"note to all {mem['pages']} streams: {mem['note_to_all_streams_s'] * 1000:.0f} ms")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(f"written to {RESULTS.relative_to(Path.cwd()) if RESULTS.is_relative_to(Path.cwd()) else RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
