"""A session that already holds a huge note (from an older Scribe, or by hand) opens at once: rows
and the detail line render a bounded part of it, the export keeps all of it."""

from __future__ import annotations

import json

from textual.widgets import Static

from tui.app.widgets.session_view import DETAIL_CHARS
from tui.app.widgets.timeline import ROW_CHARS, Timeline
from tui.core.postmortem.export import export_session
from tui.core.session import journal

HUGE = "log line 503 upstream " * 200_000  # 4.4 MB, over what a note may now hold


async def test_a_huge_note_in_the_file_renders_a_bounded_part(make_app, session_path):
    op = {"v": 1, "id": "big", "at": "2025-04-08T10:25:00.000Z", "op": "event.add"}
    op["event"] = {"id": "e1", "time": "2025-04-08T10:25:00.000Z", "kind": "note", "text": HUGE}
    with open(session_path, "a") as handle:
        handle.write(json.dumps(op) + "\n")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        timeline = app.screen.query_one(Timeline)
        [event] = [row for row in timeline.rows if getattr(row, "id", None) == "e1"]
        assert timeline.lines.event_text(event).cell_len < ROW_CHARS + 100
        await pilot.press("up")
        await pilot.pause()
        detail = str(app.screen.query_one("#detail", Static).render())
        assert len(detail) < DETAIL_CHARS + 200 and "more characters" in detail
    assert HUGE.strip() in export_session(journal.load(session_path).session, fmt="markdown")
