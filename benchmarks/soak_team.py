"""The soak's load: a team sharing one session through a hub (writers with `scribe note`, an app
typing notes) and stakeholder page viewers reading its live stream with plain HTTP connections."""

from __future__ import annotations

import http.client
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from benchmarks.cases import SCRIBE_NOTE
from benchmarks.interactive import commit_note
from benchmarks.terminal import ScreenTimeout, Terminal

SCRIBE = [sys.executable, "-m", "tui"]
NOTE = re.compile(rb"soak-[a-z0-9]+-\d{4}")
EVENT_ID = re.compile(rb"^id: (\d{1,12})$", re.MULTILINE)
APP_NOTE_SECONDS = 10.0


@dataclass
class Note:
    text: str
    writer: str
    started: float  # monotonic
    returned: float
    code: int
    unshared: bool  # `scribe note` said it saved but could not push yet


@dataclass
class Team:
    folder: Path
    hub: str
    env: dict[str, str]
    homes: dict[str, Path] = field(default_factory=dict)
    replicas: dict[str, Path] = field(default_factory=dict)

    def env_of(self, name: str) -> dict[str, str]:
        return {**self.env, "SCRIBE_HOME": str(self.homes[name]), "SCRIBE_AUTHOR": name}

    def scribe(self, name: str, *args: str) -> str:
        done = subprocess.run([*SCRIBE, *args], env=self.env_of(name), capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"scribe {args[0]} failed: {done.stderr.strip()[-300:]}")
        return done.stdout.strip().splitlines()[-1]


class Viewer(threading.Thread):
    """One stakeholder page's event stream, read with a plain HTTP connection. Every `reconnect_s`
    or so (0: never) it drops the connection and comes back with Last-Event-ID, as a browser does
    after a laptop slept: the server must let each finished stream go."""

    def __init__(self, url: str, reconnect_s: float = 0.0, seed: int = 0) -> None:
        super().__init__(daemon=True)
        self.url = url
        self.reconnect_s = reconnect_s
        self.rng = random.Random(seed)
        self.stopping = threading.Event()
        self.joined: float | None = None  # when its first page arrived
        self.events = 0
        self.connections = 0
        self.last_id = ""
        self.seen: set[bytes] = set()
        self.error = ""
        self._connection: http.client.HTTPConnection | None = None

    def run(self) -> None:
        try:
            while not self.stopping.is_set() and self._read_one_connection():
                pass
        except (OSError, http.client.HTTPException) as exc:
            if not self.stopping.is_set():
                self.error = f"{type(exc).__name__}: {exc}"

    def _read_one_connection(self) -> bool:
        """Read one connection until it is time to reconnect (True) or the stream ends (False)."""
        parts = urlsplit(self.url)
        self._connection = connection = http.client.HTTPConnection(
            parts.hostname or "127.0.0.1", parts.port, timeout=60
        )
        try:
            connection.request("GET", parts.path + "/events", headers={"Last-Event-ID": self.last_id})
            response = connection.getresponse()
            if response.status != 200:
                self.error = f"the stream answered {response.status}"
                return False
            self.connections += 1
            until = time.monotonic() + self.reconnect_s * self.rng.uniform(0.5, 1.5) if self.reconnect_s else None
            pending = b""
            while not self.stopping.is_set():
                chunk = response.read1(1 << 16)
                if not chunk:
                    if not self.stopping.is_set():
                        self.error = "the stream closed"
                    return False
                pending += chunk
                *events, pending = pending.split(b"\n\n")
                for event in events:
                    self._take(event)
                if until is not None and time.monotonic() > until and not pending:
                    return True
            return False
        finally:
            connection.close()

    def _take(self, event: bytes) -> None:
        if not event.startswith(b"event: state"):
            return
        self.events += 1
        if self.joined is None:
            self.joined = time.monotonic()
        found = EVENT_ID.search(event)
        if found:
            self.last_id = found.group(1).decode()
        self.seen.update(NOTE.findall(event))

    def stop(self) -> None:
        self.stopping.set()
        connection = self._connection
        if connection is not None and connection.sock is not None:
            try:
                connection.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self.join(timeout=5)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait(check: Callable[[], object], limit: float, what: str) -> None:
    deadline = time.monotonic() + limit
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError(what)
        time.sleep(0.1)


def connects(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        return True
    except OSError:
        return False


def stop(process: subprocess.Popen[Any]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def write_notes(team: Team, name: str, pace: tuple[float, float], stop: threading.Event, notes: list[Note]) -> None:
    """One writer: a `scribe note` on its own replica every `pace` seconds until told to stop."""
    rng = random.Random(name)
    count = 0
    while not stop.wait(rng.uniform(*pace)):
        count += 1
        notes.append(note(team, name, f"soak-{name}-{count:04d}"))


def note(team: Team, name: str, text: str) -> Note:
    started = time.monotonic()
    done = subprocess.run(
        [*SCRIBE, "note", "--session", str(team.replicas[name]), text],
        env=team.env_of(name),
        capture_output=True,
        text=True,
    )
    return Note(text, name, started, time.monotonic(), done.returncode, "not shared yet" in done.stderr)


def type_notes(terminal: Terminal, name: str, stop: threading.Event, notes: list[Note], latency: list[float]) -> None:
    """The app's own responder: a note typed into the entry bar every ~10 s."""
    count = 0
    while not stop.wait(APP_NOTE_SECONDS):
        count += 1
        text = f"soak-{name}-{count:04d}"
        started = time.monotonic()
        try:
            latency.append(commit_note(terminal, SCRIBE_NOTE, text))
        except (ScreenTimeout, OSError) as exc:
            notes.append(Note(text, name, started, time.monotonic(), 1, False))
            print(f"{name}: a typed note failed: {str(exc).splitlines()[0]}", file=sys.stderr)
            return
        notes.append(Note(text, name, started, time.monotonic(), 0, False))


def build_team(folder: Path, port: int, writers: int, apps: int) -> Team:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    team = Team(folder, f"redis://127.0.0.1:{port}/0", env)
    names = [f"w{n}" for n in range(1, writers + 1)] + [f"app{n}" for n in range(1, apps + 1)]
    for name in names:
        team.homes[name] = folder / name
    first = names[0]
    team.replicas[first] = Path(team.scribe(first, "new", "Soak", "--share", team.hub, "--headless", "--zone", "UTC"))
    session_id = json.loads(Path(f"{team.replicas[first]}.sync").read_text())["session"]
    for name in names[1:]:
        team.replicas[name] = Path(team.scribe(name, "join", team.hub, session_id, "--headless"))
    return team


def start_serve(env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    """`scribe serve` on a free port, as the page benchmark starts it; the process and its base URL."""
    server = subprocess.Popen(
        [*SCRIBE, "serve", "--port", "0"],
        env={**env, "SCRIBE_HOOK_TOKEN": "soak-hook-token"},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert server.stdout is not None
    first = server.stdout.readline().strip()
    if not first.startswith("serving on http://127.0.0.1:"):
        stop(server)
        raise RuntimeError(f"scribe serve did not start: {first!r}")
    threading.Thread(target=server.stdout.read, daemon=True).start()  # its request log, drained
    return server, first.removeprefix("serving on ")
