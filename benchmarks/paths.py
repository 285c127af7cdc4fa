"""The paths a note or an alert travels, each timed against its bare floor by turns in the same run.

- sync: Enter on a note in Scribe A's app (in a pty) until the note is on Scribe B's screen, B
  being the app open on a replica joined through a real redis-server. Floor: an XADD to a stream
  until a bare Textual app blocked in XREAD shows it (benchmarks.bare_paths).
- alert: an Alertmanager webhook POSTed to a real `scribe serve` until the app open on the
  session it writes shows the alert. Floor: a POST to an aiohttp handler inside a bare app.
- page: `scribe note` returning (the note is on disk) until the note is in the DOM of the
  session's page open in headless Chromium. Floor: a POST to a bare SSE server until the line
  is in its page's DOM, in the same browser.

Trials alternate Scribe and floor, with a random pause between, so load from elsewhere falls on
both alike and each trial lands at a different point of any poll; an untimed round goes first.
`python -m benchmarks.paths` runs them alone; `python -m benchmarks` runs them after the screens.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import bare_paths, cases, hooks, page, services
from benchmarks.interactive import Sample, new_occurrence, type_note
from benchmarks.report import Report, Row, table
from benchmarks.terminal import Predicate, ScreenTimeout, Terminal, contains

SCRIBE = [sys.executable, "-m", "tui"]
BARE_APP = [sys.executable, "-m", "benchmarks.bare_paths", "app"]
TIMEOUT = 20.0
EnvFor = Callable[[Path], dict[str, str]]


@dataclass
class Trip:
    """One path's two samples (Scribe's and its floor's), or why it could not be measured."""

    name: str
    scribe: Sample = field(default_factory=Sample)
    floor: Sample = field(default_factory=Sample)
    missing: str = ""
    note: str = ""

    def as_json(self) -> dict[str, Any]:
        if self.missing:
            return {"missing": self.missing}
        return {"scribe": self.scribe.as_json(), "floor": self.floor.as_json(), "note": self.note}


def _scribe(env: dict[str, str], *args: str) -> str:
    """A headless Scribe command's last line of output (a session's path)."""
    done = subprocess.run([*SCRIBE, *args], env=env, capture_output=True, text=True, timeout=60, check=True)
    return done.stdout.strip().splitlines()[-1]


def _unique(label: str) -> str:
    return f"{label}{random.randrange(16**8):08x}"


def _pause() -> None:
    time.sleep(random.uniform(0.05, 0.35))


def _by_turns(result: Trip, trials: int, scribe: Callable[[int], float], floor: Callable[[int], float]) -> None:
    # One round untimed first, on both sides: a first delivery pays for first renders, thread
    # pools and connections, which the user pays once per session, not once per note.
    scribe(99)
    _pause()
    floor(99)
    _pause()
    for trial in range(trials):
        result.scribe.values.append(scribe(trial))
        _pause()
        result.floor.values.append(floor(trial))
        _pause()


def _shown_after(sent: float, terminal: Terminal, shown: Predicate, *also: Terminal) -> float:
    """Seconds from `sent` until `terminal` shows it; then every screen involved settles before the
    next trial (`also` first, then `terminal`)."""
    arrived = terminal.wait_for(shown, TIMEOUT)
    for settling in (*also, terminal):
        settling.wait_quiet(0.1, timeout=2)
    return arrived - sent


def _ready(terminal: Terminal, *texts: str) -> None:
    terminal.wait_for(contains(*texts), 60.0)
    terminal.wait_quiet(0.5, timeout=5)


# -- sync: A's Enter until B's screen --------------------------------------------------------


def sync_path(scratch: Path, env_for: EnvFor, trials: int) -> Trip:
    result = Trip("sync")
    result.missing = services.redis_missing()
    if result.missing:
        return result
    import redis

    with services.redis_server(scratch) as hub:
        env_a, env_b = env_for(scratch / "sync-a"), env_for(scratch / "sync-b")
        title = "Propagation benchmark"
        a = _scribe(env_a, "new", title, "--share", hub, "--headless")
        session_id = json.loads(Path(f"{a}.sync").read_text())["session"]
        b = _scribe(env_b, "join", hub, session_id, "--headless")
        stream = "bare:ops"
        client = redis.Redis.from_url(hub)
        terminals = [
            Terminal([*SCRIBE, "open", a], env_a),
            Terminal([*SCRIBE, "open", b], env_b),
            Terminal([*BARE_APP, "--redis", hub, "--stream", stream], env_a),
        ]
        app_a, app_b, bare = terminals
        try:
            _ready(app_a, title, "caught up")
            _ready(app_b, title, "caught up")
            _ready(bare, bare_paths.READY)

            def scribe(trial: int) -> float:
                text = _unique(f"sync{trial:02d}n")
                type_note(app_a, cases.SCRIBE_NOTE, text, TIMEOUT)
                sent = app_a.send(cases.SCRIBE_NOTE.submit)
                return _shown_after(sent, app_b, contains(text), app_a)

            def floor(trial: int) -> float:
                text = _unique(f"bare{trial:02d}n")
                sent = time.perf_counter()
                client.xadd(stream, {bare_paths.FIELD: text.encode()})
                return _shown_after(sent, bare, contains(text))

            _by_turns(result, trials, scribe, floor)
        finally:
            for terminal in terminals:
                terminal.close()
            client.close()
    result.note = "A's note is typed in its app and committed with Enter; B is `scribe open` on the joined replica"
    return result


# -- alert: a webhook POST until the app's screen --------------------------------------------


def alert_path(scratch: Path, env_for: EnvFor, trials: int) -> Trip:
    result = Trip("alert")
    env = env_for(scratch / "alert")
    title = "Alert benchmark"
    session = _scribe(env, "new", title, "--headless")
    server = page.Server(env, "--session", session)
    port = services.free_port()
    terminals = [Terminal([*SCRIBE, "open", session], env), Terminal([*BARE_APP, "--port", str(port)], env)]
    app, bare = terminals
    try:
        _ready(app, title)
        _ready(bare, bare_paths.READY)
        bearer = {"Authorization": f"Bearer {page.HOOK_TOKEN}"}

        def scribe(trial: int) -> float:
            name = _unique(f"BenchAlert{trial:02d}x")
            before = {(row, line) for row, line in enumerate(app.display()) if name in line}
            sent = hooks.post(server.base, "/hooks/alertmanager", hooks.alertmanager_payload(name), bearer)
            return _shown_after(sent, app, new_occurrence(name, before))

        def floor(trial: int) -> float:
            name = _unique(f"BareAlert{trial:02d}x")
            sent = hooks.post(f"http://127.0.0.1:{port}", "/say", f"Alert firing: {name}".encode(), {})
            return _shown_after(sent, bare, contains(name))

        _by_turns(result, trials, scribe, floor)
    finally:
        for terminal in terminals:
            terminal.close()
        server.stop()
    result.note = "an Alertmanager webhook to `scribe serve --session`, the app open on that session"
    return result


# -- page: a note until an open browser page -------------------------------------------------


def page_path(scratch: Path, env_for: EnvFor, trials: int) -> Trip:
    result = Trip("page")
    result.missing = page.browser_missing()
    if result.missing:
        return result
    home = scratch / "page"
    env = env_for(home)
    session = _scribe(env, "new", "Page benchmark", "--headless")
    server = page.Server(env)
    try:
        (home / "config.toml").write_text(f'[serve]\npublic_url = "{server.base}"\n')
        url = _scribe(env, "publish", session)
        with services.bare_page_server(env) as bare_url, page.chromium() as browser:
            scribe_page, bare_page = page.open_live(browser, url), page.open_live(browser, bare_url + "/")
            wait_ms = TIMEOUT * 1000

            def scribe(trial: int) -> float:
                text = _unique(f"pagenote{trial:02d}n")
                subprocess.run([*SCRIBE, "note", "--session", session, text], env=env, capture_output=True, check=True)
                committed = time.perf_counter()
                scribe_page.locator(".timeline", has_text=text).wait_for(timeout=wait_ms)
                return time.perf_counter() - committed

            def floor(trial: int) -> float:
                text = _unique(f"bareline{trial:02d}n")
                sent = hooks.post(bare_url, "/say", text.encode(), {})
                bare_page.locator(".line", has_text=text).wait_for(timeout=wait_ms)
                return time.perf_counter() - sent

            _by_turns(result, trials, scribe, floor)
    finally:
        server.stop()
    result.note = "Scribe from `scribe note` returning (on disk), the floor from its POST starting"
    return result


# -- the suite's rows ------------------------------------------------------------------------

NAMES = {
    "sync": "sync: Enter on A until on B's screen",
    "alert": "alert: webhook POST until on screen",
    "page": "page: note until in the browser page",
}
ALL = (sync_path, alert_path, page_path)


def rows(results: list[Trip], unavailable: str = "") -> list[Row]:
    out = []
    for result in results:
        missing = unavailable or result.missing
        for stat in ("median", "p95"):
            scribe = None if missing else getattr(result.scribe, stat) * 1e3
            floor = None if missing else getattr(result.floor, stat) * 1e3
            note = result.note if stat == "median" else ""
            out.append(Row(f"{NAMES[result.name]}, {stat}", "ms", scribe, floor, None, missing, note))
    return out


def measure(trials: int, scratch: Path, report: Report, env_for: EnvFor, progress: Callable[[str], None]) -> None:
    """Every path, its rows appended to `report`; a path that fails says why on its rows."""
    unavailable = cases.scribe_available()
    results = []
    for measure_path in ALL:
        name = measure_path.__name__.removesuffix("_path")
        if unavailable:
            results.append(Trip(name, missing=unavailable))
            continue
        progress(f"path: {name}, {trials} trials each by turns")
        try:
            results.append(measure_path(scratch, env_for, trials))
        except (ScreenTimeout, TimeoutError, OSError, RuntimeError, subprocess.SubprocessError) as exc:
            results.append(Trip(name, missing=f"failed: {str(exc).splitlines()[0] if str(exc) else exc!r}"))
    report.raw["paths"] = {result.name: result.as_json() for result in results}
    report.rows += rows(results)


def main(argv: list[str] | None = None) -> int:
    from benchmarks.suite import child_env

    parser = argparse.ArgumentParser(prog="python -m benchmarks.paths", description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=15, help="trials of each path, Scribe and floor by turns")
    args = parser.parse_args(argv)
    if args.trials < 1:
        parser.error("--trials must be at least 1")
    sys.setswitchinterval(0.0005)
    report = Report(f"python -m benchmarks.paths --trials {args.trials}", False)
    with tempfile.TemporaryDirectory(prefix="scribe-paths-bench-") as scratch:

        def env_for(home: Path) -> dict[str, str]:
            home.mkdir(parents=True, exist_ok=True)
            return child_env(home)

        measure(args.trials, Path(scratch), report, env_for, lambda text: print(f"  {text}", file=sys.stderr))
    print(table(report.rows))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
