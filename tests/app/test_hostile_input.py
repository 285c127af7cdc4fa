"""Hostile input, broken files, a shrinking terminal, no colours and a wall clock that jumps."""

from __future__ import annotations

from datetime import timedelta

from rich.cells import cell_len
from textual import events
from textual.widgets import Digits

from tui.app.app import ScribeApp
from tui.app.widgets.clock import IncidentClock
from tui.app.widgets.entry_bar import EntryInput
from tui.app.widgets.timeline import Timeline
from tui.core.postmortem.export import export_session
from tui.core.session import journal
from tui.core.session import operations as ops

HOSTILE = "pasted log \x1b]0;pwned title\x07 then \x1b[2J\x1b[31mred\x1b[0m bell\x07 nul\x00 del\x7f csi\x9b2J end"
RAW_BYTES = ("\x1b", "\x07", "\x00", "\x7f", "\x9b")
WIDE = [
    "🔥🍕 pizza oven on fire 👩‍🚒 🇬🇧",
    "注文が失敗しています 订单失败 주문 실패",
    "الطلبات تفشل منذ العاشرة",
    "e\u0301 a\u0308 Z\u0335\u0321\u0322a\u0337lgo",
    "mixed: abc 🍕 中文 עברית 123",
    "plain ASCII, the width every other line must have",
]


async def paste(pilot, text: str) -> None:
    pilot.app.screen.query_one(EntryInput).post_message(events.Paste(text))
    await pilot.pause()


def saved_texts(path) -> list[str]:
    return [e.text for e in journal.load(path).session.events]


def event_rows(timeline: Timeline) -> list[str]:
    return [row.text for row in timeline.rows if hasattr(row, "text")]  # not the day headings


def row_cells(timeline: Timeline) -> list[int]:
    """The width in cells of each rendered timeline line, as the terminal would lay it out."""
    return [
        sum(cell_len(segment.text) for segment in timeline.render_line(y))
        for y in range(min(len(timeline.rows), timeline.size.height))
    ]


async def test_a_200_kb_paste_is_saved_whole_and_the_app_keeps_going(keys, make_app, session_path):
    words = " ".join(f"line{n:06d} upstream=pizza-oven status=503 retry=true" for n in range(4000))
    assert len(words.encode()) > 200_000
    app = make_app()
    async with app.run_test() as pilot:
        await keys(pilot, "n")
        await paste(pilot, words)
        await keys(pilot, "enter")
        await keys(pilot, "n", *"still responsive", "enter")
        assert app.screen.query_one(Timeline).rows[-1].text == "still responsive"
    assert saved_texts(session_path) == [words, "still responsive"]
    assert words.encode() in session_path.read_bytes()  # ASCII text is in the journal byte for byte


async def test_escape_sequences_are_stored_as_typed_but_never_reach_the_screen_or_an_export(
    keys, make_app, session_path
):
    app = make_app()
    async with app.run_test() as pilot:
        await keys(pilot, "n")
        await paste(pilot, HOSTILE)
        await keys(pilot, "enter")
        timeline = app.screen.query_one(Timeline)
        shown = "".join(segment.text for y in range(len(timeline.rows)) for segment in timeline.render_line(y))
        assert "pasted log  then red bell\u2407" in shown  # sequences removed whole, the rest shown
        assert not any(raw in shown for raw in RAW_BYTES)
        screen_text = "".join(segment.text for strip in app.screen._compositor.render_strips() for segment in strip)
        assert not any(raw in screen_text for raw in RAW_BYTES)
    session = journal.load(session_path).session
    assert [e.text for e in session.events] == [HOSTILE]  # stored as typed
    assert not any(raw.encode() in session_path.read_bytes() for raw in RAW_BYTES)  # escaped in the JSON
    for fmt in ("markdown", "json"):
        exported = export_session(session, fmt=fmt)
        assert not any(raw in exported for raw in RAW_BYTES), fmt


async def test_wide_and_right_to_left_text_keeps_every_line_its_width(keys, make_app, session_path, fake_clock):
    for n, text in enumerate(WIDE):
        journal.append(
            session_path, ops.add_event_op(fake_clock.now(), time=fake_clock.now() + timedelta(seconds=n), text=text)
        )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timeline = app.screen.query_one(Timeline)
        assert event_rows(timeline) == WIDE
        assert len(set(row_cells(timeline))) == 1  # every line exactly as wide as the ASCII one
        await pilot.resize_terminal(41, 20)
        await pilot.pause()
        assert len(set(row_cells(timeline))) == 1  # every line exactly as wide as the ASCII one


async def test_a_40x12_terminal_and_back_keeps_the_app_and_the_half_typed_entry(keys, make_app, session_path):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await keys(pilot, "n", *"half typed while resizing")
        for size in [(40, 12), (20, 6), (120, 40), (40, 12), (120, 40)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert app.screen.query_one(EntryInput).value == "half typed while resizing"
        await keys(pilot, "enter")
    assert saved_texts(session_path) == ["half typed while resizing"]


async def test_no_color_still_records(keys, session_path, fake_clock, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    app = ScribeApp(session_path, clock=fake_clock, author="tester")
    async with app.run_test() as pilot:
        assert app.no_color
        await keys(pilot, "n", *"monochrome", "enter", "d", "enter")
    assert saved_texts(session_path) == ["monochrome", "Detected"]


async def test_the_wall_clock_jumping_never_runs_elapsed_backwards_or_reorders_notes(
    keys, make_app, session_path, fake_clock
):
    app = make_app()
    async with app.run_test() as pilot:
        clock = app.screen.query_one(IncidentClock)
        elapsed = app.screen.query_one("#elapsed", Digits)
        fake_clock.advance(60)
        await keys(pilot, "n", *"before the jump", "enter")
        clock.tick()
        assert elapsed.value == "00:01:00"
        fake_clock.jump_wall(-3600)  # NTP steps the clock back an hour
        fake_clock.advance(5)
        await keys(pilot, "n", *"after the backward jump", "enter")
        clock.tick()
        assert elapsed.value == "00:01:05"
        fake_clock.jump_wall(7200)  # and forward two hours
        fake_clock.advance(5)
        await keys(pilot, "n", *"after the forward jump", "enter")
        clock.tick()
        assert elapsed.value == "00:01:10"
        assert event_rows(app.screen.query_one(Timeline)) == [
            "before the jump",
            "after the backward jump",
            "after the forward jump",
        ]
    events_ = journal.load(session_path).session.events
    assert [e.text for e in events_] == ["before the jump", "after the backward jump", "after the forward jump"]
    assert events_[1].time - events_[0].time == timedelta(seconds=5)


BROKEN_MIDDLE = b'{"this is": "not an operation"}\n\x00\xff\xfe garbage \x1b[2J\n'


async def test_a_file_with_bad_lines_opens_names_them_and_is_never_rewritten(make_app, session_path, fake_clock):
    journal.append(session_path, ops.add_event_op(fake_clock.now(), time=fake_clock.now(), text="before"))
    with open(session_path, "ab") as handle:
        handle.write(BROKEN_MIDDLE)
    journal.append(session_path, ops.add_event_op(fake_clock.now(), time=fake_clock.now(), text="after"))
    with open(session_path, "ab") as handle:
        handle.write(b'{"v":1,"op":"add_ev')  # torn last line
    before = session_path.read_bytes()
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert event_rows(app.screen.query_one(Timeline)) == ["before", "after"]
        [note] = [n for n in app._notifications if "problem" in (n.title or "")]
        assert "line 3, 4, 6" in note.message and note.markup is False
        assert note.title == "3 problems in the session file"
    assert session_path.read_bytes() == before


async def test_bidi_overrides_and_invisible_characters_never_reach_the_screen_raw(make_app, session_path, fake_clock):
    sneaky = "refund \u202egnp.exe\u202c \u2066x\u2069 zw\u200b\u200d\u2060\u00ad\u3164 tag\U000e0041 done"
    journal.append(session_path, ops.add_event_op(fake_clock.now(), time=fake_clock.now(), text=sneaky))
    journal.append(session_path, ops.set_field_op(fake_clock.now(), "fields.summary", sneaky))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen_text = "".join(segment.text for strip in app.screen._compositor.render_strips() for segment in strip)
        assert "refund <RLO>gnp.exe<PDF> <LRI>x<PDI>" in screen_text
        invisible = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u200d\u2060\u00ad\u3164\U000e0041"
        assert not any(char in screen_text for char in invisible)
    for fmt in ("markdown", "json"):
        exported = export_session(journal.load(session_path).session, fmt=fmt)
        assert not any(char in exported for char in invisible), fmt
