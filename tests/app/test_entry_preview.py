"""The entry bar shows what Enter will record: the time a back-dated note gets, and how many events a
pasted list makes."""

from __future__ import annotations

from textual import events

from tui.app.widgets.entry_bar import EntryInput


def prompt(app) -> str:
    return str(app.screen.query_one("#entry-prompt").render())


async def test_a_back_date_shows_the_time_the_note_will_get(keys, make_app):
    app = make_app()  # the fake clock stands at 10:24:00
    async with app.run_test(size=(120, 40)) as pilot:
        await keys(pilot, "n")
        assert prompt(app).startswith("10:24:00 note")
        await keys(pilot, *"-2m alert fired")
        assert prompt(app).startswith("10:22:00 note")
        await keys(pilot, *["backspace"] * len("-2m alert fired"), *"10:15:30 deploy")
        assert prompt(app).startswith("10:15:30 note")
        await keys(pilot, *["backspace"] * len("10:15:30 deploy"), *"no time here")
        assert prompt(app).startswith("10:24:00 note")


async def test_a_pasted_list_shows_how_many_events_it_makes(keys, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await keys(pilot, "n")
        pasted = "10:01 orders fail\n10:03 paged\n10:05 acked\n10:09 report URL followed\n10:12 orders back\n"
        app.screen.query_one(EntryInput).post_message(events.Paste(pasted))
        await pilot.pause()
        assert prompt(app).startswith("5 notes from 10:01")


async def test_a_milestone_text_opening_with_a_time_previews_the_new_time(keys, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await keys(pilot, "d", *"-5m Grafana alert")
        assert prompt(app).startswith("10:19:00 detected")
