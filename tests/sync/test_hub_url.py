"""Hub URLs: checked, and only ever kept or shown without their password."""

from __future__ import annotations

import pytest

from tui.cli import main
from tui.core.errors import ScribeError
from tui.sync.cursors import Cursors, load_cursors, save_cursors, sidecar_path
from tui.sync.hub_url import parse_hub, resolve


def test_the_password_travels_apart_from_the_url_shown():
    hub = parse_hub("redis://:p%40ss@cache.internal:6380/2")
    assert hub.shown == "redis://cache.internal:6380/2" and hub.password == "p@ss"
    assert "p@ss" not in repr(hub)
    assert hub.scrub("auth failed for p@ss and p%40ss") == "auth failed for *** and ***"


def test_defaults_tls_and_the_environments_password(monkeypatch):
    monkeypatch.setenv("SCRIBE_HUB_PASSWORD", "from-env")
    hub = parse_hub("rediss://hub.example")
    assert hub.shown == "rediss://hub.example:6379/0" and hub.password == "from-env"


@pytest.mark.parametrize(
    "text", ["http://host", "redis://", "redis://host:port", "redis://host/x", "redis://host/0?a=b", "host:6379"]
)
def test_what_is_not_a_hub_url_is_one_error(text):
    with pytest.raises(ScribeError, match="not a hub URL"):
        parse_hub(text)


def test_the_configured_hub_and_its_password(scribe_home):
    scribe_home.mkdir()
    (scribe_home / "config.toml").write_text('[share]\nhub = "redis://:cfg-pw@10.0.0.5"\n')
    hub = resolve(None)
    assert hub.shown == "redis://10.0.0.5:6379/0" and hub.password == "cfg-pw"
    assert parse_hub("redis://10.0.0.5").password == "cfg-pw"  # the same hub named on the command line
    assert parse_hub("redis://10.0.0.6").password == ""


def test_without_a_hub_the_error_says_how_to_name_one(capsys, scribe_home):
    assert main(["new", "t", "--share", "--headless"]) == 2
    assert "no hub: pass one" in capsys.readouterr().err
    assert not list(scribe_home.glob("sessions/*.jsonl"))  # refused before anything was made


def test_an_unreachable_hub_is_exit_1_with_the_reason_and_the_file_untouched(capsys, tmp_path):
    assert main(["new", "t", "--headless"]) == 0
    path = capsys.readouterr().out.strip()
    assert main(["share", path, "redis://:pw-xyz@127.0.0.1:1/0"]) == 1
    err = capsys.readouterr().err
    assert "cannot reach the hub redis://127.0.0.1:1/0" in err and "pw-xyz" not in err
    before = open(path, "rb").read()
    assert main(["sync", path]) == 1
    assert open(path, "rb").read() == before
    assert main(["note", "--session", path, "offline"]) == 0
    assert "saved; not shared yet: cannot reach the hub" in capsys.readouterr().err


def test_damaged_cursors_are_one_error(tmp_path):
    session = tmp_path / "s.jsonl"
    save_cursors(session, Cursors(hub="redis://h:6379/0", session="abc"))
    assert load_cursors(session) == Cursors(hub="redis://h:6379/0", session="abc")
    assert oct(sidecar_path(session).stat().st_mode & 0o777) == "0o600"
    sidecar_path(session).write_text('{"hub": "x", "session": "../etc", "pushed": 0, "epoch": "", "read": "0-0"}')
    with pytest.raises(ScribeError, match="damaged sharing cursors"):
        load_cursors(session)
