"""The inspector as a person sees it after pasting a factory 500: status, message, the report URL, the JSON."""

from __future__ import annotations

from textual import events

from tui.app.screens.inspector import ResponseText

SNAPSHOT_THEME = "textual-dark"  # the built-in theme, so a change to Scribe's own themes leaves this alone
# A fixed host and key, so the picture does not change with the port a stand-in happens to get.
PASTED = (
    "HTTP/1.1 500 Internal Server Error\n"
    "Content-Type: application/json; charset=utf-8\n"
    "\n"
    '{"message": "chaos monkey", "reportUrl": '
    '"https://pizza-factory.cs329.click/api/support/a1b2c3d4e5f60718293a4b5c6d7e8f90/report/u0cdt5qk"}\n'
)


def test_snapshot_inspector_with_a_found_url(snap_compare, make_app):
    app = make_app()

    async def run_before(pilot) -> None:
        pilot.app.theme = SNAPSHOT_THEME
        await pilot.press("p")
        pilot.app.screen.query_one(ResponseText).cursor_blink = False  # a steady cursor, the same every run
        pilot.app.post_message(events.Paste(PASTED))
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)
