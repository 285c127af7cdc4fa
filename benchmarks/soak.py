"""`python -m benchmarks.soak`: one shared session under a team's steady load for minutes.

Through a real redis-server (started here, on a free loopback port):
- writers: responders without the app, each with their own SCRIBE_HOME and replica, as the README's
  team mode has them: `scribe sync --follow` keeps the replica in step, and a note every 1–3 s is
  `scribe note` (which saves, then pushes). The long-lived `sync --follow` is what could accumulate;
  each `scribe note` is a fresh process, timed, so a session that grows shows up in its duration.
- apps: `scribe open` on replicas of their own, in 120x40 ptys read through pyte, so they really
  draw; the first also types a note every ~10 s (its Enter-to-screen time kept, first and last).
- page viewers: `scribe serve` on the first writer's replica with the session published, and that
  many concurrent plain HTTP readers of /incident/<link>/events, each counting the notes it got.

Every process (apps, `sync --follow`s, serve, redis-server) is sampled from /proc every ~10 s: RSS
and CPU seconds. At the end: per process the RSS at the end of the warm-up against the end (the
ratio, both from this run), the least-squares slope over the second half, mean CPU, a verdict; and
whether every replica and both app screens hold the last note, each viewer got every note written
after it joined, and no process died.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks import growth
from benchmarks.soak_team import (
    NOTE,
    SCRIBE,
    Note,
    Team,
    Viewer,
    build_team,
    connects,
    free_port,
    note,
    start_serve,
    stop,
    type_notes,
    wait,
    write_notes,
)
from benchmarks.terminal import ScreenTimeout, Terminal, contains

RESULTS = Path(__file__).resolve().parent / "results" / "soak.json"
SAMPLE_SECONDS = 10.0
SETTLE_PAUSE = 3.0  # a fresh process settles this long before its memory is read
SETTLE_SECONDS = 60.0  # how long the last note may take to reach every replica, screen and viewer


class Soak:
    """Everything the soak starts, so that all of it is stopped whatever happens."""

    def __init__(self) -> None:
        self.processes: list[subprocess.Popen[Any]] = []
        self.terminals: dict[str, Terminal] = {}
        self.streams: list[Viewer] = []
        self.stopping = threading.Event()

    def close(self) -> None:
        self.stopping.set()
        for stream in self.streams:
            stream.stop()
        for terminal in self.terminals.values():
            terminal.close()
        for process in reversed(self.processes):  # redis-server, started first, stops last
            stop(process)


def run(
    minutes: float, writers: int, apps: int, viewers: int, pace: tuple[float, float], reconnect_s: float
) -> dict[str, Any]:
    server_binary = shutil.which("redis-server")
    if server_binary is None:
        return {"missing": "redis-server is not installed"}
    soak = Soak()
    with tempfile.TemporaryDirectory(prefix="scribe-soak-") as scratch:
        try:
            return _run(soak, Path(scratch), server_binary, minutes * 60.0, writers, apps, viewers, pace, reconnect_s)
        finally:
            soak.close()


def _run(
    soak: Soak,
    folder: Path,
    server_binary: str,
    duration: float,
    writers: int,
    apps: int,
    viewers: int,
    pace: tuple[float, float],
    reconnect_s: float,
) -> dict[str, Any]:
    port = free_port()
    redis = subprocess.Popen(
        [server_binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(folder), "--save", ""],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    soak.processes.append(redis)
    wait(lambda: connects(port), 10, "redis-server did not start")
    team = build_team(folder, port, writers, apps)
    writer_names = [name for name in team.replicas if name.startswith("w")]
    app_names = [name for name in team.replicas if name.startswith("app")]
    watched = [growth.Watched("redis-server", redis.pid)]
    for name in writer_names:
        follow = subprocess.Popen(
            [*SCRIBE, "sync", str(team.replicas[name]), "--follow"],
            env=team.env_of(name),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        soak.processes.append(follow)
        watched.append(growth.Watched(f"{name} sync --follow", follow.pid))
    host = writer_names[0]  # the first responder serves the page from their own replica
    server, base = start_serve(team.env_of(host))
    soak.processes.append(server)
    watched.append(growth.Watched("scribe serve", server.pid))
    (team.homes[host] / "config.toml").write_text(f'[serve]\npublic_url = "{base}"\n')
    url = team.scribe(host, "publish", str(team.replicas[host]))
    for name in app_names:
        terminal = Terminal([*SCRIBE, "open", str(team.replicas[name])], team.env_of(name))
        soak.terminals[name] = terminal
        terminal.wait_for(contains("caught up"), timeout=60)
        watched.append(growth.Watched(f"{name} scribe open", terminal.pid))
    soak.streams = _open_streams(url, viewers, reconnect_s)

    notes: list[Note] = []
    app_latency: list[float] = []
    threads = [
        threading.Thread(target=write_notes, args=(team, name, pace, soak.stopping, notes), daemon=True)
        for name in writer_names
    ]
    if app_names:
        typist = soak.terminals[app_names[0]]
        threads.append(
            threading.Thread(
                target=type_notes, args=(typist, app_names[0], soak.stopping, notes, app_latency), daemon=True
            )
        )
    started = time.monotonic()
    ops_at_start = _lines(team.replicas[host])
    for thread in threads:
        thread.start()
    while True:
        growth.sample_all(watched, started)
        left = duration - (time.monotonic() - started)
        if left <= 0:
            break
        time.sleep(min(SAMPLE_SECONDS, left))
    soak.stopping.set()
    for thread in threads:
        thread.join(timeout=30)
    final = note(team, host, f"soak-final-{len(notes):04d}")
    notes.append(final)
    checks = final_checks(team, soak.terminals, soak.streams, notes, final)
    growth.sample_all(watched, started)
    fresh = fresh_on_same_data(team, host, url, final.text, viewers, folder / "fresh")
    return {
        "minutes": duration / 60.0,
        "writers": len(writer_names),
        "apps": len(app_names),
        "viewers": viewers,
        "pace_s": list(pace),
        "viewer_reconnect_s": reconnect_s,
        "rule": growth.RULE,
        "processes": [growth.judge(process, duration, _fresh_of(process.name, fresh)) for process in watched],
        "fresh_on_same_data_mb": fresh,
        "session_ops": {"at_start": ops_at_start, "at_end": _lines(team.replicas[host])},
        "notes": _note_figures(notes, app_latency),
        "checks": checks,
        "load_average_at_end": os.getloadavg()[0],
    }


def _open_streams(url: str, viewers: int, reconnect_s: float = 0.0) -> list[Viewer]:
    streams = [Viewer(url, reconnect_s, seed) for seed in range(viewers)]
    for stream in streams:
        stream.start()
    wait(lambda: all(s.joined or s.error for s in streams), 60, "the page streams did not open")
    return streams


def _fresh_of(name: str, fresh: dict[str, float]) -> float | None:
    if name == "scribe serve":
        return fresh.get("scribe serve")
    if name.endswith("scribe open"):
        return fresh.get("scribe open")
    return None


def note_on(env: dict[str, str], replica: Path, text: str) -> str:
    subprocess.run([*SCRIBE, "note", "--session", str(replica), text], env=env, capture_output=True, check=True)
    return text


def fresh_on_same_data(team: Team, host: str, url: str, last: str, viewers: int, home: Path) -> dict[str, float]:
    """A new app and a new server (with as many streams open, each sent the page once more) on a
    copy of the final session: what holding it costs without the soak's history, for the
    long-running ones to be compared with."""
    shutil.copytree(team.homes[host], home)  # the replica, its sidecar and the page's link
    env = {**team.env, "SCRIBE_HOME": str(home), "SCRIBE_AUTHOR": "fresh"}
    replica = home / "sessions" / team.replicas[host].name
    figures: dict[str, float] = {}
    terminal = Terminal([*SCRIBE, "open", str(replica)], env)
    try:
        terminal.wait_for(contains(last), timeout=60)
        terminal.wait_for(contains("caught up"), timeout=30)
        terminal.wait_quiet(1.0, timeout=10)
        time.sleep(SETTLE_PAUSE)
        figures["scribe open"] = growth.rss_mb(terminal.pid)
    except ScreenTimeout as exc:
        print(f"soak: the fresh app did not open: {str(exc).splitlines()[0]}", file=sys.stderr)
    finally:
        terminal.close()
    server, base = start_serve(env)
    streams: list[Viewer] = []
    try:
        streams = _open_streams(base + url[url.index("/incident/") :], viewers)
        # One note reaches every stream, so that the server has sent the whole page once to each
        # (as the long-running one did on every change), before its memory is read.
        one_more = note_on(env, replica, "soak-fresh-0000")
        wait(lambda: all(one_more.encode() in s.seen or s.error for s in streams), SETTLE_SECONDS, "")
        time.sleep(SETTLE_PAUSE)
        figures["scribe serve"] = growth.rss_mb(server.pid)
    finally:
        for stream in streams:
            stream.stop()
        stop(server)
    return figures


def _lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


def final_checks(
    team: Team, terminals: dict[str, Terminal], streams: list[Viewer], notes: list[Note], final: Note
) -> dict[str, Any]:
    """After the last note: every replica holds every note, each app shows the last, each viewer
    got every note written after it joined (waiting up to SETTLE_SECONDS for it all to arrive)."""
    saved = {note.text.encode() for note in notes if note.code == 0}
    deadline = time.monotonic() + SETTLE_SECONDS

    def missing(path: Path) -> set[bytes]:
        return saved - set(NOTE.findall(path.read_bytes()))

    replicas: dict[str, int] = {}
    for name, path in team.replicas.items():
        while missing(path) and time.monotonic() < deadline:
            time.sleep(0.5)
        replicas[name] = len(missing(path))
    screens: dict[str, bool] = {}
    shown: dict[str, list[str]] = {}  # the screen of an app that did not show the last note
    for name, terminal in terminals.items():
        try:
            terminal.wait_for(contains(final.text), timeout=max(1.0, deadline - time.monotonic()))
            screens[name] = True
        except ScreenTimeout as exc:
            screens[name] = False
            shown[name] = str(exc).splitlines()[1:]
    final_bytes = final.text.encode()
    wait(lambda: all(final_bytes in s.seen or s.error for s in streams) or time.monotonic() > deadline, 120, "")
    due, lacking = [], []
    for stream in streams:
        after = {n.text.encode() for n in notes if n.code == 0 and stream.joined and n.started >= stream.joined}
        due.append(len(after))
        lacking.append(len(after - stream.seen))
    errors = [stream.error for stream in streams]
    return {
        "notes_saved": len(saved),
        "notes_failed": sum(1 for note in notes if note.code != 0),
        "replicas_missing_notes": replicas,
        "screens_show_last_note": screens,
        "screens_without_it": shown,
        "viewers": {
            "count": len(streams),
            "all_notes_after_joining": sum(
                1 for d, m, e in zip(due, lacking, errors, strict=True) if d and not m and not e
            ),
            "missing_most": max(lacking, default=0),
            "min_due": min(due, default=0),
            "min_events": min((s.events for s in streams), default=0),
            "max_events": max((s.events for s in streams), default=0),
            "connections": sum(s.connections for s in streams),
            "errors": sorted({error for error in errors if error}),
        },
    }


def _note_figures(notes: list[Note], app_latency: list[float]) -> dict[str, Any]:
    cli = [n for n in notes if not n.writer.startswith("app") and n.code == 0]
    tenth = max(1, len(cli) // 10)
    durations = [n.returned - n.started for n in cli]
    return {
        "cli_notes": len(cli),
        "cli_unshared_at_return": sum(1 for n in cli if n.unshared),
        "cli_first_tenth_mean_s": sum(durations[:tenth]) / tenth if durations else None,
        "cli_last_tenth_mean_s": sum(durations[-tenth:]) / tenth if durations else None,
        "app_typed_notes": len(app_latency),
        "app_latency_first_s": app_latency[0] if app_latency else None,
        "app_latency_last_s": app_latency[-1] if app_latency else None,
        "app_latency_max_s": max(app_latency) if app_latency else None,
    }


def table(report: dict[str, Any]) -> str:
    rows = [
        f"{'process':<22} {'warm-up MB':>10} {'end MB':>8} {'end/warm':>8} {'MB/min 2nd half':>15} "
        f"{'end/fresh':>9} {'CPU %':>6}  verdict"
    ]
    for process in report["processes"]:
        if "end_mb" not in process:
            rows.append(f"{process['name']:<22} {'':>58}  {process['verdict']}")
            continue
        rows.append(
            f"{process['name']:<22} {process['warm_up_mb']:>10.1f} {process['end_mb']:>8.1f} "
            f"{process['end_over_warm_up']:>7.2f}x {process['slope_second_half_mb_per_min']:>+15.2f} "
            f"{_ratio(process['end_over_fresh']):>9} {process['mean_cpu_percent']:>6.1f}  {process['verdict']}"
        )
    ops, notes, checks = report["session_ops"], report["notes"], report["checks"]
    viewers = checks["viewers"]
    rows += [
        f"rule: {report['rule']}",
        f"session: {ops['at_start']} -> {ops['at_end']} operations; {checks['notes_saved']} notes saved, "
        f"{checks['notes_failed']} failed",
        f"`scribe note`: mean {_ms(notes['cli_first_tenth_mean_s'])} in the first tenth, "
        f"{_ms(notes['cli_last_tenth_mean_s'])} in the last; {notes['cli_unshared_at_return']} not shared at return",
        f"app1 typed {notes['app_typed_notes']} notes: Enter to screen {_ms(notes['app_latency_first_s'])} first, "
        f"{_ms(notes['app_latency_last_s'])} last, {_ms(notes['app_latency_max_s'])} worst",
        "replicas missing notes: "
        + ", ".join(f"{name} {count}" for name, count in checks["replicas_missing_notes"].items()),
        "screens show the last note: "
        + ", ".join(f"{name} {'yes' if shown else 'NO'}" for name, shown in checks["screens_show_last_note"].items()),
        f"viewers with every note written after they joined: {viewers['all_notes_after_joining']}/{viewers['count']} "
        f"(each due at least {viewers['min_due']}; {viewers['min_events']}–{viewers['max_events']} page events each, "
        f"{viewers['connections']} connections in all)"
        + (f"; errors: {'; '.join(viewers['errors'])}" if viewers["errors"] else ""),
        f"load average at the end: {report['load_average_at_end']:.2f}",
    ]
    return "\n".join(rows)


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


def _ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:.0f} ms"


def passed(report: dict[str, Any]) -> bool:
    checks = report["checks"]
    return (
        all(process["verdict"].startswith("bounded") for process in report["processes"])
        and checks["notes_failed"] == 0
        and not any(checks["replicas_missing_notes"].values())
        and all(checks["screens_show_last_note"].values())
        and checks["viewers"]["all_notes_after_joining"] == checks["viewers"]["count"]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.soak", description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--writers", type=int, default=4, help="responders writing with `scribe note`")
    parser.add_argument("--apps", type=int, default=2, help="`scribe open` in a pty, each on its own replica")
    parser.add_argument("--viewers", type=int, default=50, help="concurrent readers of the page's stream")
    parser.add_argument(
        "--pace",
        type=float,
        nargs=2,
        default=(1.0, 3.0),
        metavar=("MIN", "MAX"),
        help="seconds between one writer's notes, drawn uniformly",
    )
    parser.add_argument(
        "--reconnect",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="each viewer drops its stream and comes back with Last-Event-ID about this often (0: never)",
    )
    parser.add_argument("-o", "--output", type=Path, default=RESULTS, help="where to write JSON")
    args = parser.parse_args(argv)
    if (
        args.minutes <= 0
        or args.writers < 1
        or args.apps < 0
        or args.viewers < 0
        or not 0 < args.pace[0] <= args.pace[1]
        or args.reconnect < 0
    ):
        parser.error("--minutes and --pace must be positive, --writers at least 1, --apps and --viewers not negative")
    sys.setswitchinterval(0.0005)  # several terminals and streams are read in threads
    report = run(args.minutes, args.writers, args.apps, args.viewers, tuple(args.pace), args.reconnect)
    if "missing" in report:
        print(f"soak: {report['missing']}", file=sys.stderr)
        return 2
    print(table(report))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n")
    print(f"written to {args.output}")
    return 0 if passed(report) else 1


if __name__ == "__main__":
    sys.exit(main())
