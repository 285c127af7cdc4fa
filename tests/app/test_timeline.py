"""The timeline: order, times in the session's zone, days, safe text, following, and 10,000 events."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from tui.app.display import printable
from tui.app.widgets.timeline import Timeline
from tui.core.clock.source import FakeClock
from tui.core.session import operations as ops
from tui.core.session.folder import start_session


def line_text(timeline: Timeline, y: int) -> str:
    return "".join(segment.text for segment in timeline.render_line(y))


def visible_lines(timeline: Timeline) -> list[str]:
    return [line_text(timeline, y) for y in range(timeline.scrollable_content_region.height)]


def write_session(path, clock: FakeClock, events: list[tuple[datetime, str, str]]) -> None:
    """Append events in one write (the journal's format, without an fsync per line) for big sessions."""
    with open(path, "ab") as file:
        for time, kind, text in events:
            op = ops.add_event_op(clock.now(), time=time, kind=kind, text=text, source="cli")
            file.write(json.dumps(op, separators=(",", ":")).encode() + b"\n")


def test_control_characters_are_shown_not_sent():
    assert printable("red \x1b[31mALERT\x1b[0m") == "red ALERT"  # sequences removed whole
    assert printable("bell\x07 del\x7f csi\x9b") == "bell\u2407 del\u2421 csi<U+009B>"
    assert printable("two\nlines\ttab") == "two ⏎ lines tab"
    assert printable("evil \u202egnp.exe \u2066x\u2069 zw\u200bj") == "evil <RLO>gnp.exe <LRI>x<PDI> zw<ZWSP>j"
    assert printable("plain, ünïcode ✓") == "plain, ünïcode ✓"


async def test_escape_sequences_in_event_text_never_reach_the_terminal(make_app, session_path, fake_clock):
    nasty = "curl says \x1b[2J\x1b]0;owned\x07 done \x9b31m"
    write_session(session_path, fake_clock, [(fake_clock.now(), "note", nasty)])
    app = make_app()
    async with app.run_test(size=(120, 40)):
        timeline = app.screen.query_one(Timeline)
        rendered = "".join(visible_lines(timeline))
        assert "curl says  done" in rendered and "owned" not in rendered  # sequences removed whole
        assert not any(ch in rendered for ch in "\x1b\x07\x9b")
        assert app.screen.session.events[0].text == nasty  # shown safely, stored exactly


async def test_rows_show_time_in_the_session_zone_kind_and_text(make_app, home, fake_clock):
    path = start_session("Mountain", zone="MST", clock=fake_clock)
    write_session(
        path,
        fake_clock,
        [
            (fake_clock.now(), "detected", "Grafana paged"),
            (fake_clock.now() - timedelta(minutes=4), "impact_started", "orders fail"),
        ],
    )
    app = make_app(path)
    async with app.run_test(size=(120, 40)):
        lines = visible_lines(app.screen.query_one(Timeline))
        assert "03:20:00 ▼ impact" in lines[0] and "orders fail" in lines[0]
        assert "03:24:00 ◆ detected" in lines[1] and "Grafana paged" in lines[1]


async def test_the_date_shows_where_the_day_changes(make_app, home):
    clock = FakeClock(datetime(2025, 4, 8, 23, 50, tzinfo=UTC))
    path = start_session("Midnight", zone="UTC", clock=clock)
    write_session(
        path, clock, [(clock.now(), "note", "before"), (clock.now() + timedelta(minutes=20), "note", "after")]
    )
    app = make_app(path, clock=clock)
    async with app.run_test(size=(120, 40)):
        lines = visible_lines(app.screen.query_one(Timeline))
        assert "Tue 08 Apr 2025" in lines[0]  # the first row's day too, once the timeline spans two
        assert "before" in lines[1]
        assert "Wed 09 Apr 2025" in lines[2]
        assert "00:10:00" in lines[3] and "after" in lines[3]


async def test_long_text_is_cut_with_an_ellipsis(make_app, session_path, fake_clock):
    write_session(session_path, fake_clock, [(fake_clock.now(), "note", "word " * 100)])
    app = make_app()
    async with app.run_test(size=(80, 24)):
        line = line_text(app.screen.query_one(Timeline), 0)
        assert line.rstrip().endswith("…")


async def test_ten_thousand_events_open_at_the_newest_and_take_a_note(keys, make_app, session_path, fake_clock):
    start = fake_clock.now() - timedelta(hours=3)
    write_session(
        session_path, fake_clock, [(start + timedelta(seconds=i), "note", f"event number {i}") for i in range(10_000)]
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        timeline = app.screen.query_one(Timeline)
        await pilot.pause()
        assert len(timeline.rows) == 10_000
        assert "event number 9999" in "".join(visible_lines(timeline))
        await keys(pilot, "n", *"still quick", "enter")
        await pilot.pause()
        assert "still quick" in "".join(visible_lines(timeline))
        await keys(pilot, "home")
        assert "event number 0" in line_text(timeline, 0)
        assert len(timeline.lines) <= timeline.lines.cache_size  # lines are drawn on demand


async def test_reading_older_events_is_not_interrupted_by_new_ones(keys, make_app, session_path, fake_clock):
    start = fake_clock.now() - timedelta(hours=1)
    write_session(session_path, fake_clock, [(start + timedelta(seconds=i), "note", f"old {i}") for i in range(200)])
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        timeline = app.screen.query_one(Timeline)
        await keys(pilot, "home")
        reading = timeline.selected_event.text
        app.post_message  # noqa: B018 - the next line is the other writer
        write_session(session_path, fake_clock, [(fake_clock.now(), "note", "newer")])
        app.poll()
        await pilot.pause()
        assert timeline.selected_event.text == reading
        assert "old 0" in line_text(timeline, 0)
        await keys(pilot, "end")
        app.poll()
        write_session(session_path, fake_clock, [(fake_clock.now(), "note", "newest")])
        app.poll()
        await pilot.pause()
        assert timeline.selected_event.text == "newest"


async def test_a_cut_line_is_shown_in_full_under_the_timeline(keys, make_app, session_path, fake_clock):
    long_text = "factory returns 500 " + "and a long tail of words " * 8 + "THE END"
    write_session(
        session_path, fake_clock, [(fake_clock.now(), "note", long_text), (fake_clock.now(), "note", "short")]
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        detail = app.screen.query_one("#detail")
        assert not detail.display  # "short" is selected and fits
        await keys(pilot, "up")
        assert detail.display
        assert long_text in str(detail.render())


async def test_rows_name_their_writer_once_a_second_one_writes(make_app, session_path, fake_clock):
    from waiting import wait_until

    def note(author: str, text: str) -> None:
        op = ops.add_event_op(fake_clock.now(), time=fake_clock.now(), kind="note", text=text, author=author)
        with open(session_path, "ab") as file:
            file.write(json.dumps(op, separators=(",", ":")).encode() + b"\n")

    note("ann", "factory returns 500")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        timeline = app.screen.query_one(Timeline)
        alone = [line for line in visible_lines(timeline) if "factory returns 500" in line]
        assert alone and "ann" not in alone[0]  # one writer: nobody to tell apart
        note("bea", "found the report URL")  # a peer's op, as sync or `scribe note` append it
        app.poll()
        await wait_until(pilot, lambda: any("found the report URL" in line for line in visible_lines(timeline)))
        lines = visible_lines(timeline)
        assert any("ann" in line and "factory returns 500" in line for line in lines)
        assert any("bea" in line and "found the report URL" in line for line in lines)
