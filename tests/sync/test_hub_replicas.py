"""Two replicas of one session (two $SCRIBE_HOMEs) through a real redis-server with a password:
they converge, through a partition (the server paused) and a hub that restarted empty, and the
password is written nowhere."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
import redis
from redis_server import RedisServer

from tui.cli import main
from tui.core.session import journal
from tui.core.session.recorder import Recorder
from tui.sync.cursors import sidecar_path
from tui.sync.engine import Replica
from tui.sync.hub_url import parse_hub
from tui.sync.transport import RedisHub

PASSWORD = "hub-pw-7c1e9f"


@pytest.fixture
def server(tmp_path):
    hub = RedisServer(tmp_path, PASSWORD).start()
    yield hub
    hub.stop()


class Replicas:
    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
        self.tmp_path, self.monkeypatch, self.capsys = tmp_path, monkeypatch, capsys
        monkeypatch.setenv("SCRIBE_HUB_PASSWORD", PASSWORD)
        self.paths: dict[str, Path] = {}

    def run(self, who: str, *argv: str) -> tuple[int, str, str]:
        self.monkeypatch.setenv("SCRIBE_HOME", str(self.home(who)))
        self.monkeypatch.setenv("SCRIBE_AUTHOR", who)
        self.capsys.readouterr()
        code = main(list(argv))
        out, err = self.capsys.readouterr()
        return code, out, err

    def home(self, who: str) -> Path:
        return self.tmp_path / f"home-{who}"

    def note(self, who: str, text: str) -> tuple[int, str, str]:
        return self.run(who, "note", "--session", str(self.paths[who]), text)

    def sync(self, who: str) -> tuple[int, str, str]:
        return self.run(who, "sync", str(self.paths[who]))

    def export(self, who: str) -> str:
        code, out, _ = self.run(who, "export", str(self.paths[who]), "--no-redact")
        assert code == 0
        return out


@pytest.fixture
def pair(server, tmp_path, monkeypatch, capsys):
    replicas = Replicas(tmp_path, monkeypatch, capsys)
    code, out, err = replicas.run("a", "new", "Checkout down", "--share", server.url, "--headless")
    assert code == 0, err
    replicas.paths["a"] = Path(out.strip().splitlines()[-1])
    join = err.strip().splitlines()[-1].split("others join with: ")[1]
    assert join.startswith(f"scribe join {server.url} ")
    code, out, err = replicas.run("b", *join.split()[1:], "--headless")
    assert code == 0, err
    replicas.paths["b"] = Path(out.strip().splitlines()[-1])
    return replicas


def _texts(path: Path) -> list[str]:
    return [event.text for event in journal.load(path).session.events]


def test_twenty_notes_each_side_meet_in_identical_exports(pair):
    for n in range(20):
        assert pair.note("a", f"a{n}")[0] == 0
        assert pair.note("b", f"b{n}")[0] == 0
    assert pair.sync("a")[1].strip().startswith("pushed 0, pulled ")
    assert pair.sync("b")[0] == 0
    assert pair.export("a") == pair.export("b")
    assert sorted(_texts(pair.paths["a"])) == sorted([f"a{n}" for n in range(20)] + [f"b{n}" for n in range(20)])
    # Who wrote each event travels with it.
    authors = {event.text[0]: event.author for event in journal.load(pair.paths["b"]).session.events}
    assert authors == {"a": "a", "b": "b"}
    assert pair.sync("a")[1] == "pushed 0, pulled 0\n"


def test_the_password_is_written_nowhere(pair):
    pair.note("a", "x")
    pair.sync("b")
    for who in ("a", "b"):
        for path in pair.home(who).rglob("*"):
            if path.is_file():
                assert PASSWORD not in path.read_text(errors="replace"), path
    cursors = json.loads(Path(str(pair.paths["a"]) + ".sync").read_text())
    assert cursors["hub"].startswith("redis://127.0.0.1:")


def test_a_password_in_the_url_is_never_stored_or_printed(server, tmp_path, monkeypatch, capsys):
    replicas = Replicas(tmp_path, monkeypatch, capsys)
    monkeypatch.delenv("SCRIBE_HUB_PASSWORD")
    url = f"redis://:{PASSWORD}@127.0.0.1:{server.port}/0"
    code, out, err = replicas.run("a", "new", "t", "--share", url, "--headless")
    assert code == 0 and PASSWORD not in out + err
    path = Path(out.strip().splitlines()[-1])
    assert PASSWORD not in Path(str(path) + ".sync").read_text()
    # A wrong password in the URL: refused in one line that does not repeat it.
    code, out, err = replicas.run("a", "share", str(path), url.replace(PASSWORD, "not-the-pw"))
    assert code == 1 and "not-the-pw" not in err and len(err.strip().splitlines()) == 1


def test_a_paused_hub_leaves_notes_saved_and_both_sides_catch_up(pair, server):
    pair.note("a", "before")
    pair.sync("b")
    event_id = journal.load(pair.paths["b"]).session.events[0].id
    server.pause()
    try:
        code, _, err = pair.note("a", "during, from a")
        assert code == 0 and "saved; not shared yet" in err
        for n in range(3):  # typed in b's app, which never waits on the hub
            _recorder(pair, "b").add_event(f"during, from b {n}")
        before = pair.paths["b"].read_bytes()
        code, out, err = pair.sync("b")
        assert code == 1 and "cannot reach the hub" in err and out == ""
        assert pair.paths["b"].read_bytes() == before  # the file untouched
        # Both edit one event while apart: they must agree on one text after.
        _recorder(pair, "a").edit_event(event_id, text="edited by a")
        _recorder(pair, "b").edit_event(event_id, text="edited by b")
    finally:
        server.resume()
    for who in ("a", "b", "a"):
        assert pair.sync(who)[0] == 0
    assert pair.export("a") == pair.export("b")
    texts = _texts(pair.paths["a"])
    assert sorted(texts) == sorted(["during, from a", *(f"during, from b {n}" for n in range(3)), texts[0]])
    assert texts[0] in ("edited by a", "edited by b")
    assert len(texts) == len(set(texts))  # nothing doubled


def _recorder(pair: Replicas, who: str) -> Recorder:
    pair.monkeypatch.setenv("SCRIBE_HOME", str(pair.home(who)))
    return Recorder(pair.paths[who], author=who)


def test_a_hub_restarted_empty_is_filled_again_by_the_replicas(pair, server):
    pair.note("a", "one")
    pair.sync("b")
    server.restart_empty()
    pair.note("b", "two")  # pushed to the empty hub: it now holds only what b gave it
    code, out, _ = pair.sync("a")
    assert code == 0 and out.startswith("pushed ")
    pair.sync("b")
    assert pair.export("a") == pair.export("b")
    assert sorted(_texts(pair.paths["a"])) == ["one", "two"]


def test_a_peers_bad_operations_are_refused_with_a_warning(pair, server):
    import redis

    client = redis.Redis(host="127.0.0.1", port=server.port, password=PASSWORD)
    session_id = json.loads(Path(str(pair.paths["a"]) + ".sync").read_text())["session"]
    stream = f"scribe:{session_id}:ops"
    good = pair.paths["a"].read_text().splitlines()[0]
    client.xadd(stream, {"op": b"\x1b[31mnot json"})
    client.xadd(stream, {"other": b"x"})
    big = {"v": 1, "id": "big1", "at": "2025-04-08T10:24:00.000Z", "op": "event.add"}
    big["event"] = {"id": "e-big", "time": big["at"], "text": "x" * (1 << 20 | 1)}
    client.xadd(stream, {"op": json.dumps(big)})
    foreign = json.loads(good) | {"id": "foreign"}
    foreign["session"] = foreign["session"] | {"id": "another"}
    client.xadd(stream, {"op": json.dumps(foreign)})
    evil = {"v": 1, "id": "evil1", "at": "2025-04-08T10:24:00.000Z", "op": "event.add", "hlc": "soon"}
    client.xadd(stream, {"op": json.dumps(evil)})
    client.close()
    code, out, err = pair.sync("b")
    assert code == 0 and out == "pushed 0, pulled 0\n"
    assert "\x1b" not in err
    assert "not valid JSON" in err and "not a Scribe operation" in err and "over the 1 MB" in err
    assert "another session" in err and "malformed clock stamp" in err
    loaded = journal.load(pair.paths["b"])
    assert not loaded.problems and loaded.session.events == []


def test_a_shells_commands_are_shared_by_sync(pair):
    from tui.core.shell.spool import create_spool

    spool = create_spool(pair.paths["a"], "shell1")
    with open(spool, "ab") as handle:
        handle.write(b"1\t1712570000.100000\t1712570000.400000\t7\t/srv\tcurl -s http://127.0.0.1:9/\n")
    assert pair.sync("a")[0] == 0
    assert pair.sync("b")[0] == 0
    assert "curl -s http://127.0.0.1:9/" in _texts(pair.paths["b"])


def _calls(client: redis.Redis, command: str) -> int:
    return int(client.info("commandstats").get(f"cmdstat_{command}", {}).get("calls", 0))


def test_a_short_pull_reads_once_and_a_quiet_round_writes_no_sidecar(pair, server):
    assert pair.note("a", "one note for b")[0] == 0  # pushed by `scribe note`
    path = pair.paths["b"]
    client = redis.Redis.from_url(server.url, password=PASSWORD)

    async def rounds() -> tuple[int, int, int, int]:
        transport = RedisHub(parse_hub(server.url))
        replica = Replica.open(path, transport, print)
        try:
            reads = _calls(client, "xread")
            first = await replica.sync()
            reads_first = _calls(client, "xread") - reads
            await replica.sync()  # its push cursor moves past the line the first round appended
            written = sidecar_path(path).stat().st_ino  # each save renames a new file into place
            quiet = await replica.sync()
            rewritten = sidecar_path(path).stat().st_ino != written
            return first.pulled, reads_first, quiet.pulled + quiet.pushed, rewritten
        finally:
            await transport.close()

    try:
        pulled, reads, moved, rewritten = asyncio.run(rounds())
    finally:
        client.close()
    assert (pulled, reads) == (1, 1)  # one entry, fewer than a batch: no second read to learn so
    assert (moved, rewritten) == (0, False)
    assert "one note for b" in _texts(path)


def test_a_push_beside_a_round_waiting_on_the_hub_sends_each_operation_once(pair, server):
    path = pair.paths["a"]
    client = redis.Redis.from_url(server.url, password=PASSWORD)
    stream = f"scribe:{Recorder(path).session.id}:ops"

    async def push_while_waiting() -> tuple[int, int]:
        transport = RedisHub(parse_hub(server.url))
        replica = Replica.open(path, transport, print)
        try:
            await replica.sync()
            waiting = asyncio.ensure_future(replica.sync(block_ms=5000))
            await asyncio.sleep(0.2)
            Recorder(path, author="a").add_event("typed while the round waits", source="cli")
            pushed = await replica.push_now()
            await asyncio.wait_for(waiting, 5)  # the read returns the note itself: nothing to add
            pushed_again = (await replica.sync()).pushed
            return pushed, pushed_again
        finally:
            await transport.close()

    try:
        pushed, pushed_again = asyncio.run(push_while_waiting())
        ops = [fields[b"op"] for _id, fields in client.xrange(stream)]
    finally:
        client.close()
    assert (pushed, pushed_again) == (1, 0)
    assert sum(b"typed while the round waits" in op for op in ops) == 1
    assert len(ops) == len(set(ops))
    assert Recorder(path).session.events[-1].text == "typed while the round waits"
