"""The status-update composer in the app: U opens a draft, Ctrl+S records the update, copies it,
and the masthead counts down to the next one, in the warning colour once it is due."""

from __future__ import annotations

from textual.widgets import Static, TextArea

from tui.app.dialogs.status_update import StatusUpdateDialog
from tui.core.session import journal


async def test_u_drafts_saves_copies_and_counts_down(make_app, session_path, fake_clock):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("U")
        await pilot.pause()
        assert isinstance(app.screen, StatusUpdateDialog)
        draft = app.screen.query_one(TextArea).text
        assert draft.startswith("Since 10:24 GMT pizza purchases failing.")
        assert draft.endswith("Next update by 10:54 GMT.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, StatusUpdateDialog)
        assert app.clipboard == draft
        masthead = app.screen.query_one("#masthead", Static)
        assert "next update in 30:00" in str(masthead.render())
        fake_clock.advance(31 * 60)
        app.status_updates.tick()
        await pilot.pause()
        assert "update due since 1m" in str(app.screen.query_one("#masthead", Static).render())
        title = app.screen._title()  # the masthead's Text, with its styles
        due = title.plain.index("update due")
        warning = app.theme_variables["warning"]
        assert any(span.start == due - 2 and str(span.style) == f"bold {warning}" for span in title.spans)
    [event] = [e for e in journal.load(session_path).session.events if e.kind == "update"]
    assert (event.status, event.text) == ("investigating", draft)


async def test_the_palette_link_publishes_a_new_one_and_copies_it(make_app, session_path):
    app = make_app()
    async with app.run_test() as pilot:
        await app.run_action("app.page_link")
        await pilot.pause()
        assert app.clipboard.startswith("http://127.0.0.1:8765/incident/")
    assert len(journal.load(session_path).session.page_links) == 1
