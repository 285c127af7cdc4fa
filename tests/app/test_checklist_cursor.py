"""The checklist under stress: `c` lands on the next step to do, and an untick does not look like a tick."""

from __future__ import annotations

from tui.app.widgets.checklist import Checklist
from tui.app.widgets.timeline import Timeline


async def test_c_lands_on_the_first_open_step(keys, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await keys(pilot, "a", "enter")  # ticks "Acknowledge the page ..." (the first step)
        await keys(pilot, "c")
        checklist = app.screen.query_one(Checklist)
        assert checklist.cursor == 1
        await keys(pilot, "down", "down", "space", "escape", "c")  # steps 1 and 3 open, 2 ticked
        assert checklist.cursor == 1


async def test_an_untick_shows_its_own_symbol_on_the_timeline(keys, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await keys(pilot, "c", "space", "space", "escape")
        timeline = app.screen.query_one(Timeline)
        rows = [timeline.render_line(y).text for y in range(timeline.size.height)]
        ticked = next(row for row in rows if "Checked: " in row and "Unchecked" not in row)
        unticked = next(row for row in rows if "Unchecked: " in row)
        assert "✓ check" in ticked and "✗ check" in unticked
