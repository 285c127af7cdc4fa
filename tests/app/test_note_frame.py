"""What Enter does before the note's frame: the note first, the bar's close after it, nothing laid out.

These are the causes the benchmark's note-commit figure found (`python -m benchmarks`): restyling
the bar and moving focus before the note was drawn, and a whole-screen layout for one more row.
They are checked here by what is asked of Textual, never by time.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tui.app.widgets.entry_bar import EntryBar, EntryInput
from tui.app.widgets.timeline import Timeline
from tui.core.session import journal
from tui.core.session.recorder import Recorder

START = datetime(2025, 4, 8, 10, 24, tzinfo=UTC)  # the session fixture's start


def _long_session(path, events: int = 120) -> None:
    recorder = Recorder(path, author="tester")
    for number in range(events):
        recorder.add_event(f"earlier note {number}", time=START + timedelta(seconds=number))


async def test_the_bar_closes_only_after_the_note_is_drawn(make_app, keys):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        timeline = app.screen.query_one(Timeline)
        bar = app.screen.query_one(EntryBar)
        drawn: list[str] = []
        at_close: list[list[str]] = []
        draw_row, close = timeline.lines._render_row, bar.close

        def recording_render(row, width, *, selected):
            drawn.append(getattr(row, "text", ""))
            return draw_row(row, width, selected=selected)

        def recording_close():
            at_close.append(list(drawn))
            close()

        timeline.lines._render_row = recording_render
        bar.close = recording_close
        await keys(pilot, "n", *"factory answers 500", "enter")
        await pilot.pause()
        assert at_close, "the bar never closed"
        assert "factory answers 500" in at_close[0], "the bar closed before the note was drawn"
        assert not bar.is_open and isinstance(app.focused, Timeline)
        assert bar.input.value == ""


async def test_a_key_typed_before_the_notes_frame_closes_the_bar_first(make_app, session_path, keys):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        bar = app.screen.query_one(EntryBar)
        # All at once: the second `n` reaches the app before the first note's frame is drawn.
        await keys(pilot, "n", *"first", "enter", "n", *"second")
        await pilot.pause()
        await pilot.pause()
        assert bar.is_open and isinstance(app.focused, EntryInput)
        assert bar.input.value == "second"  # the late close of the first note left the second alone
        await keys(pilot, "enter")
        await pilot.pause()
        assert not bar.is_open
    assert [event.text for event in journal.load(session_path).session.events] == ["first", "second"]


async def test_escape_right_after_enter_holds_nothing_and_loses_nothing(make_app, session_path, keys):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        bar = app.screen.query_one(EntryBar)
        await keys(pilot, "n", *"saved note", "enter", "escape")
        await pilot.pause()
        assert not bar.is_open and bar.held is None
        assert app.screen.unsent_draft() == ""
    assert [event.text for event in journal.load(session_path).session.events] == ["saved note"]


async def test_a_note_on_a_long_timeline_lays_nothing_out(make_app, session_path):
    _long_session(session_path)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        timeline = app.screen.query_one(Timeline)
        layouts: list[bool] = []
        refresh = timeline.refresh

        def recording_refresh(*regions, **kwargs):
            layouts.append(bool(kwargs.get("layout")))
            return refresh(*regions, **kwargs)

        timeline.refresh = recording_refresh
        app.recorder.add_event("one more row", time=START + timedelta(hours=1))
        app._changed()
        await pilot.pause()
        assert layouts and not any(layouts), "one more row laid the screen out again"
        assert timeline.virtual_size.height >= len(timeline.rows)
        assert timeline.vertical_scrollbar.window_virtual_size == timeline.virtual_size.height
        last = app.screen.query_one(Timeline).rows[-1]
        assert last.text == "one more row" and timeline.following


async def test_the_first_row_past_the_window_brings_the_scrollbar(make_app, session_path):
    _long_session(session_path, events=3)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        timeline = app.screen.query_one(Timeline)
        assert not timeline.show_vertical_scrollbar
        for number in range(40):  # one note at a time, past the window's height
            app.recorder.add_event(f"note {number}", time=START + timedelta(hours=1, seconds=number))
            app._changed()
            await pilot.pause()
        assert timeline.show_vertical_scrollbar
        assert timeline.following and timeline.rows[-1].text == "note 39"
        assert timeline.scroll_offset.y == timeline.max_scroll_y > 0


async def test_typing_in_the_bar_and_closing_it_lay_nothing_out(make_app, keys):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await keys(pilot, "n")
        entry = app.screen.query_one(EntryInput)
        layouts: list[bool] = []
        refresh = entry.refresh

        def recording_refresh(*regions, **kwargs):
            layouts.append(bool(kwargs.get("layout")))
            return refresh(*regions, **kwargs)

        entry.refresh = recording_refresh
        await keys(pilot, *"a longer note, typed one key at a time", "enter")
        await pilot.pause()
        assert layouts and not any(layouts), "a typed key laid the screen out again"
        assert entry.value == ""


async def test_a_note_past_the_bottom_scrolls_a_quarter_and_the_next_ones_fill_the_room(make_app, session_path):
    _long_session(session_path)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        timeline = app.screen.query_one(Timeline)
        height = timeline.scrollable_content_region.height
        assert timeline.scroll_offset.y == len(timeline.rows) - height  # opened: the end at the bottom
        tops = []
        for number in range(height // 4 + 1):
            app.recorder.add_event(f"new note {number}", time=START + timedelta(hours=1, seconds=number))
            app._changed()
            await pilot.pause()
            tops.append(timeline.scroll_offset.y)
            last = len(timeline.rows) - 1
            assert timeline.following and tops[-1] <= last < tops[-1] + height  # the newest is in view
        step = height // 4
        assert tops[0] == len(timeline.rows) - len(tops) - height + step  # one scroll, by a quarter
        assert tops[1:step] == [tops[0]] * (step - 1)  # the next notes are written into the room
        assert tops[step] == tops[0] + step  # the room used up: another quarter


async def test_the_room_outlives_the_detail_line_coming_and_going(make_app, session_path):
    """A cut row selected shows the detail line under the timeline; a short note selected hides it.
    The timeline's height changes each time, and the room under the newest note must stay."""
    recorder = Recorder(session_path, author="tester")
    for number in range(120):
        text = f"earlier note {number}" + (" and a very long tail" * 20 if number % 2 else "")
        recorder.add_event(text, time=START + timedelta(seconds=number))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        timeline = app.screen.query_one(Timeline)
        for number in range(3):
            long = " and a very long tail" * 20 if number % 2 == 0 else ""
            app.recorder.add_event(f"new note {number}{long}", time=START + timedelta(hours=1, seconds=number))
            app._changed()
            await pilot.pause()
            await pilot.pause()
        height = timeline.scrollable_content_region.height
        last = len(timeline.rows) - 1
        assert timeline.following and timeline.scroll_offset.y <= last < timeline.scroll_offset.y + height
        assert timeline.virtual_size.height > len(timeline.rows), "the room under the newest note was dropped"
