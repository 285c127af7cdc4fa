"""Start-up stays light: opening the app imports nothing that only export, import or follow need.

pydantic (and pydantic-core), aiohttp (only `scribe serve` needs it), jinja2 (only exports) and
urllib's HTTP client cost Scribe about a third of its start-up over Textual's own; they are
imported on first use. So are the dialogs, the inspector (and TextArea, which they use) and the
postmortem writer: together about a quarter of what Scribe imported beyond a bare Textual app. A
module import is a fact, not a timing, so this guards the first-paint budget without a timed test.
"""

from __future__ import annotations

import subprocess
import sys

CODE = """
import asyncio, sys
from tui.core.session import folder as sessions
from tui.app.app import ScribeApp

path = sessions.start_session("Pizza purchases failing", runbook="pizza-factory-chaos")

async def main():
    app = ScribeApp(path, author="pat")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", *"factory returns 500", "enter")
        await pilot.pause()
        assert "factory returns 500" in [event.text for event in app.recorder.session.events]
        # Started after the first paint, not left out (inotify is Linux's).
        assert app.live_file.watch is not None or not sys.platform.startswith("linux")

asyncio.run(main())
heavy = ("pydantic", "pydantic_core", "aiohttp", "jinja2", "urllib.request", "http.client", "hashlib")
print(sorted(name for name in sys.modules if name in heavy or name.split(".")[0] in heavy[:4]))
print(sorted(name for name in sys.modules if name in LATER))
"""

# Opened by a key or the palette, or used by them: imported then, never to start.
LATER = (
    "textual.widgets._text_area",
    "tui.app.dialogs.edit_event",
    "tui.app.dialogs.fields_form",
    "tui.app.dialogs.follow_confirm",
    "tui.app.dialogs.help",
    "tui.app.dialogs.severity",
    "tui.app.dialogs.status_update",
    "tui.app.key_catalogue",
    "tui.app.screens.export_preview",
    "tui.app.screens.inspector",
    "tui.core.factory.follow",
    "tui.core.factory.response",
    "tui.core.postmortem.export",
    "tui.core.postmortem.redact",
)


def imported_by(code: str) -> list[str]:
    """The last lines a fresh interpreter printed running `code` (each a sorted list of modules)."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip().splitlines()


def parsing(argv: list[str], *prefixes: str) -> str:
    """Code that parses a command line, then prints the modules loaded under these prefixes."""
    return (
        "import sys\n"
        "from tui.cli.parser import build_parser\n"
        f"build_parser().parse_args({argv!r})\n"
        f"print(sorted(m for m in sys.modules if m.startswith({prefixes!r})))\n"
    )


def test_opening_a_session_and_adding_a_note_imports_no_heavy_module() -> None:
    heavy, later = imported_by(f"LATER = {LATER!r}\n{CODE}")[-2:]
    assert heavy == "[]"
    assert later == "[]"


def test_the_command_line_of_scribe_new_imports_nothing_for_other_commands() -> None:
    # What `inspect`, `publish` and `sync` need is imported when they run, not to parse `new`.
    code = parsing(["new", "Pizza purchases failing"], "tui.core.factory", "tui.core.page.links", "hashlib")
    assert imported_by(code) == ["[]"]


def test_the_command_line_imports_no_web_server_until_serve_runs() -> None:
    assert imported_by(parsing(["serve", "--port", "0"], "aiohttp", "tui.web")) == ["[]"]


def test_every_message_of_a_screen_imported_later_has_its_handler_on_the_app() -> None:
    # Handled by name, not @on (which would import the screen to start): a renamed message or
    # handler would otherwise be dropped without a word.
    from tui.app.app import ScribeApp
    from tui.app.dialogs.unsaved import UnsavedQuitScreen
    from tui.app.screens.export_preview import ExportPreview
    from tui.app.screens.follow_flow import Followed, FollowRefused
    from tui.app.screens.inspector import InspectorScreen

    messages = [
        UnsavedQuitScreen.Retry,
        UnsavedQuitScreen.WriteCopy,
        UnsavedQuitScreen.QuitAnyway,
        InspectorScreen.LoadFile,
        InspectorScreen.Inspected,
        InspectorScreen.OpenedInBrowser,
        Followed,
        FollowRefused,
        ExportPreview.Save,
        ExportPreview.Copy,
    ]
    assert [
        message.handler_name for message in messages if not callable(getattr(ScribeApp, message.handler_name, None))
    ] == []
