"""An empty timeline says which keys start it, as the keymap has them; the first event replaces it."""

from __future__ import annotations

from tui.app.app import ScribeApp
from tui.app.widgets.timeline import Timeline
from tui.core.config import Config


def lines(app) -> list[str]:
    timeline = app.screen.query_one(Timeline)
    return [timeline.render_line(y).text.rstrip() for y in range(8)]


async def test_an_empty_timeline_names_the_starting_keys_until_the_first_note(keys, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = lines(app)
        assert shown[0] == "Nothing recorded yet. To start:"
        assert any(
            line.split()
            == ["n", "write", "a", "note", "(start", "it", "with", "10:24", "or", "-5m", "to", "back-date", "it)"]
            for line in shown
        )
        assert any(line.split()[:2] == ["d", "detected"] for line in shown)
        assert any(line.split()[:2] == ["p", "inspect"] for line in shown)
        await keys(pilot, "n", *"first", "enter")
        await pilot.pause()
        assert "Nothing recorded yet" not in " ".join(lines(app))


async def test_the_hint_follows_a_remapped_key(session_path, fake_clock):
    app = ScribeApp(session_path, clock=fake_clock, author="t", config=Config(keys={"milestone.detected": "D"}))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert any(line.split()[:2] == ["D", "detected"] for line in lines(app))
