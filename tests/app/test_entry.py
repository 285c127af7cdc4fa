"""Notes and milestones from the keyboard: what reaches the session file, at which time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from textual import events

from tui.app.widgets.entry_bar import EntryBar, EntryInput
from tui.app.widgets.key_footer import KeyFooter
from tui.app.widgets.timeline import Timeline
from tui.core.session import journal
from tui.core.session.model import MILESTONE_KINDS, MILESTONE_LABELS

MILESTONE_KEYS = {"impact_started": "i", "detected": "d", "acknowledged": "a", "mitigated": "m", "resolved": "r"}


def saved(path):
    """The session as the file holds it: the real proof that a key press was recorded."""
    return journal.load(path).session


def op_names(path):
    return [op["op"] for op in journal.load(path).ops]


async def test_note_is_timed_at_the_n_press_and_saved_on_enter(keys, make_app, session_path, fake_clock):
    app = make_app()
    async with app.run_test() as pilot:
        pressed_at = fake_clock.now()
        await keys(pilot, "n")
        assert app.screen.query_one(EntryBar).is_open
        fake_clock.advance(42)  # typing takes a while; the note keeps the moment n was pressed
        await keys(pilot, *"factory returns 500", "enter")
        assert not app.screen.query_one(EntryBar).is_open
        assert app.focused is app.screen.query_one(Timeline)
    notes = [e for e in saved(session_path).events if e.kind == "note"]
    assert [(n.text, n.time) for n in notes] == [("factory returns 500", pressed_at)]


async def test_footer_keys_are_clickable_and_follow_focus_and_the_closed_bar_takes_no_typing(
    keys, make_app, session_path
):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        footer = app.screen.query_one(KeyFooter)
        bar = app.screen.query_one(EntryBar)
        assert [key.display for key in footer.keys][:2] == ["n", "d"]
        # A click on the closed bar does not focus its input: nothing typed there could be saved.
        await pilot.click(EntryInput)
        assert app.focused is not bar.input and not bar.is_open
        note_x = next(start for start, _end, key in footer._spans if key.key == "n")
        await pilot.click(KeyFooter, offset=(note_x + 1, 0))
        assert bar.is_open and app.focused is bar.input
        await pilot.pause()
        # While typing, the footer lists what works in the bar (the letters are letters now).
        assert "escape" in [key.key for key in footer.keys] and "n" not in [key.key for key in footer.keys]
        await pilot.hover(KeyFooter, offset=(2, 0))
        assert footer.tooltip
        await keys(pilot, *"clicked", "enter")
        await pilot.pause()
        assert [key.display for key in footer.keys][:2] == ["n", "d"]
    assert [e.text for e in saved(session_path).events] == ["clicked"]


async def test_enter_on_the_timeline_opens_a_note(keys, make_app, session_path):
    app = make_app()
    async with app.run_test() as pilot:
        await keys(pilot, "enter", *"paged", "enter")
    assert [e.text for e in saved(session_path).events] == ["paged"]


async def test_the_timelines_own_enter_opens_the_note_at_once(keys, session_path, fake_clock):
    """With the screen's Enter remapped away, the timeline's (timeline.note) runs the same action, as
    the key is read: the note typed right behind it lands in the bar, and its "q" does not quit."""
    from tui.app.app import ScribeApp
    from tui.core.config import Config

    app = ScribeApp(session_path, clock=fake_clock, author="tester", config=Config(keys={"note.enter": "ctrl+e"}))
    async with app.run_test() as pilot:
        await keys(pilot, "enter", *"quick note", "enter")
        assert app.is_running
    assert [e.text for e in saved(session_path).events] == ["quick note"]


async def test_escape_on_an_empty_note_records_nothing(keys, make_app, session_path):
    app = make_app()
    async with app.run_test() as pilot:
        await keys(pilot, "n", "escape")
        assert not app.screen.query_one(EntryBar).is_open
        await keys(pilot, "n")
        assert app.screen.query_one(EntryInput).value == ""
        await keys(pilot, "escape")
    assert saved(session_path).events == []
    assert op_names(session_path) == ["create"]


async def test_empty_note_records_nothing(keys, make_app, session_path):
    app = make_app()
    async with app.run_test() as pilot:
        await keys(pilot, "n", "enter")
    assert saved(session_path).events == []


@pytest.mark.parametrize("kind", MILESTONE_KINDS)
async def test_milestone_key_stamps_at_the_press_and_enter_keeps_the_default(
    keys, make_app, session_path, fake_clock, kind
):
    app = make_app()
    async with app.run_test() as pilot:
        pressed_at = fake_clock.now()
        await keys(pilot, MILESTONE_KEYS[kind])
        # On record before Enter: a crash while the text is being typed keeps the stamp.
        assert saved(session_path).milestones() == {kind: pressed_at}
        assert app.screen.query_one(EntryInput).value == MILESTONE_LABELS[kind]
        fake_clock.advance(10)
        await keys(pilot, "enter")
    session = saved(session_path)
    assert session.milestones() == {kind: pressed_at}
    assert session.milestone(kind).text == MILESTONE_LABELS[kind]
    assert "event.edit" not in op_names(session_path)  # unchanged text writes nothing more


async def test_milestone_text_typed_after_the_stamp_is_an_edit(keys, make_app, session_path, fake_clock):
    app = make_app()
    async with app.run_test() as pilot:
        pressed_at = fake_clock.now()
        await keys(pilot, "d")
        fake_clock.advance(5)
        await keys(pilot, *"Grafana alert: purchases failing", "enter")
    session = saved(session_path)
    detected = session.milestone("detected")
    # Typed as it was stamped: part of the stamp, not shown as "(edited)" (see test_milestone_stamping).
    assert (detected.text, detected.time, detected.edited) == ("Grafana alert: purchases failing", pressed_at, False)
    assert op_names(session_path) == ["create", "event.add", "event.edit"]


async def test_escape_on_a_milestone_keeps_the_stamp(keys, make_app, session_path):
    app = make_app()
    async with app.run_test() as pilot:
        await keys(pilot, "m", *"oops", "escape")
    assert saved(session_path).milestone("mitigated").text == "Mitigated"


async def test_milestone_keys_work_from_the_checklist(keys, make_app, session_path):
    app = make_app()
    async with app.run_test() as pilot:
        await keys(pilot, "c", "a", "enter")
        assert app.focused is app.screen.query_one("Checklist")  # focus returns where it was
    assert "acknowledged" in saved(session_path).milestones()


async def test_note_starting_with_a_time_is_back_dated(keys, make_app, session_path, fake_clock):
    app = make_app()
    async with app.run_test() as pilot:
        await keys(pilot, "n", *"10:20 factory went down", "enter")
        await keys(pilot, "n", *"-3m alert fired", "enter")
    events_ = {e.text: e.time for e in saved(session_path).events}
    assert events_["factory went down"] == datetime(2025, 4, 8, 10, 20, tzinfo=UTC)
    assert events_["alert fired"] == fake_clock.now() - timedelta(minutes=3)


async def test_milestone_text_with_a_time_moves_the_milestone(keys, make_app, session_path):
    app = make_app()
    async with app.run_test() as pilot:
        await keys(pilot, "i", *"10:05:30 first failed order", "enter")
    impact = saved(session_path).milestone("impact_started")
    assert impact.time == datetime(2025, 4, 8, 10, 5, 30, tzinfo=UTC)
    assert impact.text == "first failed order"


async def paste(pilot, text: str) -> None:
    pilot.app.screen.query_one(EntryInput).post_message(events.Paste(text))
    await pilot.pause()


async def test_pasted_timed_lines_become_one_event_each(keys, make_app, session_path):
    app = make_app()
    async with app.run_test() as pilot:
        await keys(pilot, "n")
        await paste(pilot, "10:01 orders start failing\n10:03 Grafana pages on-call\n- 10:09 report URL followed\n")
        assert "⏎" in app.screen.query_one(EntryInput).value  # the paste is visible before saving
        await keys(pilot, "enter")
    session = saved(session_path)
    assert [(e.time.strftime("%H:%M"), e.text) for e in session.events] == [
        ("10:01", "orders start failing"),
        ("10:03", "Grafana pages on-call"),
        ("10:09", "report URL followed"),
    ]


async def test_pasted_untimed_lines_are_one_note_each_at_the_n_press(keys, make_app, session_path, fake_clock):
    app = make_app()
    async with app.run_test() as pilot:
        pressed_at = fake_clock.now()
        await keys(pilot, "n")
        fake_clock.advance(30)
        await paste(pilot, "first line\nsecond line")
        await keys(pilot, "enter")
    assert [(e.text, e.time) for e in saved(session_path).events] == [
        ("first line", pressed_at),
        ("second line", pressed_at),
    ]


async def test_single_line_paste_goes_in_as_typed(keys, make_app, session_path):
    app = make_app()
    async with app.run_test() as pilot:
        await keys(pilot, "n")
        await paste(pilot, "just one line")
        await keys(pilot, "enter")
    assert [e.text for e in saved(session_path).events] == ["just one line"]


def typed_ahead(app, keys: list[str]) -> None:
    """Keys that reach the app together, as from a fast typist or tmux send-keys, before any is handled."""
    names = {" ": "space"}
    for key in keys:
        if len(key) == 1:
            app.post_message(events.Key(names.get(key, key), key))
        else:
            app.post_message(events.Key(key, "\r" if key == "enter" else None))


async def test_keys_typed_ahead_land_where_the_previous_key_sent_focus(make_app, session_path):
    app = make_app()
    async with app.run_test() as pilot:
        typed_ahead(
            app,
            [
                "d",
                "enter",
                "n",
                *"quick note",
                "enter",
                "a",
                *" by me",
                "enter",
                "c",
                "down",
                "space",
                "escape",
                "m",
                "enter",
            ],
        )
        await pilot.pause()
        await pilot.pause()
        assert app.is_running  # the q of "quick" was typed, not taken as quit
    session = saved(session_path)
    assert [(e.kind, e.text) for e in session.events] == [
        ("detected", "Detected"),
        ("note", "quick note"),
        ("acknowledged", "by me"),
        ("check", f"Checked: {session.checklist[0].text}"),  # ticked by the acknowledged stamp
        ("check", f"Checked: {session.checklist[1].text}"),
        ("mitigated", "Mitigated"),
    ]


async def test_a_half_written_note_is_kept_when_focus_wandered_off(keys, make_app, session_path):
    app = make_app()
    async with app.run_test() as pilot:
        await keys(pilot, "n", *"half written")
        app.screen.set_focus(app.screen.query_one(Timeline))  # a mouse click on the timeline
        await keys(pilot, "n")  # back to the bar, text intact
        assert app.focused is app.screen.query_one(EntryInput)
        assert app.screen.query_one(EntryInput).value == "half written"
        app.screen.set_focus(app.screen.query_one(Timeline))
        await keys(pilot, "d", "enter")  # a milestone meanwhile: the note is saved, not dropped
    assert sorted((e.kind, e.text) for e in saved(session_path).events) == [
        ("detected", "Detected"),
        ("note", "half written"),
    ]
