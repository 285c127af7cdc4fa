"""Start-up stays light: opening the app imports nothing that only export, import or follow need.

pydantic (and pydantic-core), aiohttp (only `scribe serve` needs it), jinja2 (only exports) and urllib's HTTP client cost Scribe about a third of its start-up over
Textual's own; they are imported on first use. A module import is a fact, not a timing, so this
guards the first-paint budget without a timed test.
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

asyncio.run(main())
heavy = ("pydantic", "pydantic_core", "aiohttp", "jinja2", "urllib.request", "http.client", "hashlib")
print(sorted(name for name in sys.modules if name in heavy or name.split(".")[0] in heavy[:4]))
"""


def test_opening_a_session_and_adding_a_note_imports_no_heavy_module() -> None:
    result = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_the_command_line_imports_no_web_server_until_serve_runs() -> None:
    code = (
        "import sys\n"
        "from tui.cli.parser import build_parser\n"
        "build_parser().parse_args(['serve', '--port', '0'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'aiohttp' or m.startswith('tui.web')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]"
