"""The timeline's rows kept in step with the session: appends extend them, anything else rebuilds."""

from __future__ import annotations

from datetime import timedelta

from tui.app.widgets.timeline import Timeline
from tui.core.session.recorder import Recorder


def rebuilt(timeline: Timeline) -> list[object]:
    """The rows a timeline built from scratch would show (a fresh instance on the same session)."""
    fresh = Timeline(timeline.session)
    fresh._rows_from_session()
    return fresh.rows


def shown_texts(timeline: Timeline) -> list[str]:
    lines = [
        "".join(segment.text for segment in timeline.render_line(y))
        for y in range(timeline.scrollable_content_region.height)
    ]
    return [line.rstrip() for line in lines if line.strip()]


async def test_appends_edits_deletes_retimes_and_earlier_inserts_all_show(make_app, fake_clock):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        timeline = app.screen.query_one(Timeline)
        recorder = app.recorder

        def change() -> None:
            app._changed()
            assert timeline.rows == rebuilt(timeline)

        first = recorder.add_event("first")
        change()
        fake_clock.advance(60)
        second = recorder.add_event("second")
        change()
        fake_clock.advance(86_400)  # a new day: its day line, and the first day's above the first row
        third = recorder.add_event("third, next day")
        change()
        assert sum(not hasattr(row, "id") for row in timeline.rows) == 2
        assert not hasattr(timeline.rows[0], "id")

        recorder.edit_event(second.id, text="second, edited")
        change()
        await pilot.pause()
        assert any("second, edited (edited)" in line for line in shown_texts(timeline))

        recorder.add_event("back-dated", time=first.time + timedelta(seconds=30))
        change()
        recorder.edit_event(third.id, time=first.time - timedelta(minutes=5))  # retimed to the top
        change()
        recorder.delete_event(first.id)
        change()
        recorder.add_event("newest")
        change()
        await pilot.pause()
        texts = [row.text for row in timeline.rows if hasattr(row, "text")]
        assert texts == ["third, next day", "back-dated", "second, edited", "newest"]
        shown = shown_texts(timeline)
        assert [next(i for i, line in enumerate(shown) if text in line) for text in texts] == [1, 2, 3, 5]
        assert shown[0].startswith("── ") and shown[4].startswith("── ")  # "newest" is on the next day


async def test_several_changes_from_another_writer_between_redraws(make_app, session_path, fake_clock):
    app = make_app()
    async with app.run_test(size=(120, 40)):
        timeline = app.screen.query_one(Timeline)
        a = app.recorder.add_event("a")
        fake_clock.advance(60)
        app.recorder.add_event("c")
        app._changed()
        other = Recorder(session_path, clock=fake_clock)
        other.delete_event(a.id)
        other.add_event("b", time=a.time + timedelta(seconds=30))  # between a and c
        fake_clock.advance(60)
        other.add_event("d")  # last, so the end alone looks like an append
        app.poll()
        assert [row.text for row in timeline.rows] == ["b", "c", "d"]
        assert timeline.rows == rebuilt(timeline)


async def test_a_back_date_onto_yesterday_has_its_date_above_it(make_app, fake_clock):
    """23:50 typed in the evening is yesterday's 23:50: the first row gets its day, then today's."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        timeline = app.screen.query_one(Timeline)
        app.recorder.add_event("session note")  # today, 10:24 GMT: one day, no date line yet
        app._changed()
        await pilot.pause()
        assert not shown_texts(timeline)[0].startswith("── ")
        app.recorder.add_event("late order seen", time=fake_clock.now().replace(hour=23, minute=50) - timedelta(days=1))
        app._changed()
        await pilot.pause()
        shown = shown_texts(timeline)
        assert shown[0].startswith("── Mon 07 Apr 2025")
        assert "late order seen" in shown[1]
        assert shown[2].startswith("── Tue 08 Apr 2025")
        assert "session note" in shown[3]
        assert timeline.rows == rebuilt(timeline)
