"""One fuzz target per parser of outside input. Each takes raw input and holds the parser to its
contract: it reads what it can and refuses the rest with Scribe's own error (a one-line message),
never any other exception, and what it read can be rendered, exported and replayed."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from imported import imported_session

from tui.core import toml_files
from tui.core.alerts.alertmanager import parse_alertmanager
from tui.core.alerts.grafana import parse_grafana
from tui.core.alerts.notice import PayloadError
from tui.core.alerts.oncall import parse_oncall
from tui.core.config import ConfigError, _interpret
from tui.core.errors import ScribeError
from tui.core.factory.response import inspect_text
from tui.core.importing.reader import parse_postmortem
from tui.core.postmortem.export import export_session
from tui.core.replay import Player
from tui.core.session import journal, runbooks
from tui.core.stats import row_for

HEADER = (
    b'{"v":1,"id":"h","at":"2025-04-08T10:24:00.000Z","op":"create","session":{"id":"s","title":"t",'
    b'"created":"2025-04-08T10:24:00.000Z","zone":"America/Denver","checklist":[{"id":"c1","text":"x"}]}}\n'
)


def journal_line(data: bytes) -> None:
    """A session file holding a header, then the input (one or more lines, as found on disk)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.jsonl"
        path.write_bytes(HEADER + data)
        try:
            loaded = journal.load(path)
        except ScribeError:
            return
        session = loaded.session
        for problem in loaded.problems:
            assert "\n" not in str(problem)
        export_session(session, fmt="markdown")
        export_session(session, fmt="json")
        row_for(path, session)
        if loaded.ops:
            player = Player(loaded.ops)
            player.end()
            player.home()


def postmortem(text: str) -> None:
    """A report written by hand, imported into a session and exported again."""
    parsed = parse_postmortem(text)
    session = imported_session(parsed, now=datetime(2025, 4, 8, 12, tzinfo=UTC))
    export_session(session, fmt="markdown")


def factory_response(text: str) -> None:
    """A pasted failing response: its findings and everything the inspector shows of them."""
    findings = inspect_text(text)
    findings.summary()
    findings.pretty_body()
    for link in findings.report_links:
        assert link.url


def toml(text: str) -> None:
    """config.toml, a theme or a runbook: the same loader, then each reader of its document."""
    from tui.app.themes import ThemeFileError, load_theme_file

    try:
        _interpret(toml_files.loads(text), Path("config.toml"))
    except (ConfigError, ValueError):  # TOMLDecodeError is a ValueError; load_config words it
        pass
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.toml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            load_theme_file(path)
        except ThemeFileError:
            pass
        try:
            runbooks.read(path)
        except ScribeError:
            pass


def webhook(text: str) -> None:
    """A webhook body as the server reads it: JSON, then each sender's parser; what it reads
    makes event texts within one event's bounds."""
    try:
        payload = json.loads(text)
    except (ValueError, RecursionError):
        return
    now = datetime(2025, 4, 8, 12, tzinfo=UTC)
    for parse in (parse_grafana, parse_alertmanager, parse_oncall):
        try:
            notices = parse(payload, now)
        except PayloadError as exc:
            assert "\n" not in str(exc)
            continue
        for notice in notices:
            assert len(notice.text()) < 1 << 20 and notice.identity()


TARGETS = {
    "journal_line": journal_line,
    "postmortem": postmortem,
    "factory_response": factory_response,
    "toml": toml,
    "webhook": webhook,
}
BINARY = {"journal_line"}  # the others take text
