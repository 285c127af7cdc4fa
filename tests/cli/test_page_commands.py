"""`scribe publish`, `unpublish` and `update` from a terminal: the link printed last, only its
digest in the file, revocation, and a status update on the timeline and in the export."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli.entry import main
from tui.core.page.links import digest
from tui.core.session import folder as sessions
from tui.core.session import journal


@pytest.fixture
def path() -> Path:
    return sessions.start_session("Pizza purchases failing", zone="GMT")


def test_publish_prints_the_link_last_and_keeps_only_its_digest(path, capsys, scribe_home):
    assert main(["publish", str(path)]) == 0
    url = capsys.readouterr().out.strip().splitlines()[-1]
    assert url.startswith("http://127.0.0.1:8765/incident/")
    token = url.rsplit("/", 1)[1]
    assert len(token) >= 22 and token not in path.read_text()
    assert journal.load(path).session.page_links == [digest(token)]
    (scribe_home / "config.toml").write_text('[serve]\npublic_url = "https://status.example.com/"\n')
    assert main(["publish", str(path)]) == 0
    assert capsys.readouterr().out.strip().startswith("https://status.example.com/incident/")
    assert main(["unpublish", str(path)]) == 0
    assert "revoked 2 links" in capsys.readouterr().err
    assert journal.load(path).session.page_links == []


def test_a_bad_public_url_is_one_line_and_nothing_is_written(path, capsys, scribe_home):
    (scribe_home / "config.toml").write_text('[serve]\npublic_url = "javascript:alert(1)"\n')
    before = path.read_bytes()
    assert main(["publish", str(path)]) == 2
    assert "public_url" in capsys.readouterr().err and path.read_bytes() == before


def test_update_records_the_status_and_the_export_says_it(path, capsys):
    assert main(["update", str(path), "--status", "identified", "We", "found", "the", "cause."]) == 0
    [event] = journal.load(path).session.events
    assert (event.kind, event.status, event.text) == ("update", "identified", "We found the cause.")
    assert main(["export", str(path)]) == 0
    assert "Status update (Identified): We found the cause." in capsys.readouterr().out


@pytest.mark.parametrize("args", [["--status", "fixed", "text"], ["--status", "identified", " "], []])
def test_a_bad_update_is_refused_in_one_line(path, capsys, args):
    before = path.read_bytes()
    assert main(["update", str(path), *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and path.read_bytes() == before
