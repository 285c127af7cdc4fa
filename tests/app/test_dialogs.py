"""The severity picker and the postmortem fields form, each pushed by a small host app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Input, Static, TextArea

from tui.app.dialogs.fields_form import ActionRow, FieldChanges, FieldsForm, record_changes
from tui.app.dialogs.severity import SeverityScreen
from tui.core.clock.source import FakeClock
from tui.core.session import journal
from tui.core.session.operations import create_op
from tui.core.session.recorder import Recorder


def make_recorder(tmp_path: Path, clock: FakeClock) -> Recorder:
    path = tmp_path / "incident.jsonl"
    journal.create(path, create_op(clock.now(), title="Pizza purchases failing", severity="SEV3"))
    return Recorder(path, clock=clock, author="tester")


class Host(App[None]):
    """Pushes one dialog and keeps what it answered, as the Scribe app's callbacks do."""

    def __init__(self, dialog: Screen[Any]) -> None:
        super().__init__()
        self.dialog = dialog
        self.answers: list[Any] = []

    def compose(self) -> ComposeResult:
        yield Static("main screen")

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.answers.append)


async def test_severity_picks_with_a_digit(tmp_path: Path, clock: FakeClock) -> None:
    host = Host(SeverityScreen("SEV3"))
    async with host.run_test() as pilot:
        await pilot.press("1")
        await pilot.pause()
    assert host.answers == ["SEV1"]


async def test_severity_picks_with_arrows_from_the_current_one(tmp_path: Path, clock: FakeClock) -> None:
    host = Host(SeverityScreen("SEV3"))
    async with host.run_test() as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
    assert host.answers == ["SEV4"]


async def test_severity_escape_changes_nothing(tmp_path: Path, clock: FakeClock) -> None:
    host = Host(SeverityScreen(""))
    async with host.run_test() as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert host.answers == [None]


async def test_fields_form_answers_only_what_changed(tmp_path: Path, clock: FakeClock) -> None:
    recorder = make_recorder(tmp_path, clock)
    recorder.set_field("impact.support_tickets", "2")
    recorder.set_field("fields.root_cause", "chaos monkey in the factory")
    recorder.add_action("Alert on the factory's error rate", "kgreen")
    recorder.add_action("Retry orders", "")
    keep, drop = recorder.session.action_items
    form = FieldsForm(recorder.session)
    host = Host(form)
    async with host.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert form.focused is form.query_one("#impact-users_affected")
        await pilot.press(*"3 users")
        form.query_one("#fields-prevention", TextArea).text = "Game days for the factory.\n\n"
        form.query_one("#fields-detection_source", Input).value = "  Grafana alert "
        rows = list(form.query(ActionRow))
        rows[0].query(Input)[1].value = "oncall-team"
        rows[1].query_one(".remove-action", Button).press()
        await pilot.press("ctrl+n", *"Runbook", "tab", *"sam")
        await pilot.press("ctrl+n")  # an empty new row is ignored
        await pilot.press("ctrl+s")
        await pilot.pause()
    [changes] = host.answers
    assert changes.fields == {
        "impact.users_affected": "3 users",
        "fields.detection_source": "Grafana alert",
        "fields.prevention": "Game days for the factory.",
    }
    assert changes.edited == [(keep.id, {"owner": "oncall-team"})]
    assert changes.deleted == [drop.id]
    assert changes.added == [("Runbook", "sam", False)]

    before = len(recorder.ops)
    assert record_changes(recorder, changes) == 6
    assert len(recorder.ops) == before + 6
    reloaded = journal.load(recorder.path).session
    assert reloaded.impact.users_affected == "3 users"
    assert reloaded.impact.support_tickets == "2"
    assert reloaded.fields.root_cause == "chaos monkey in the factory"
    assert reloaded.fields.prevention == "Game days for the factory."
    assert [(item.text, item.owner) for item in reloaded.action_items] == [
        ("Alert on the factory's error rate", "oncall-team"),
        ("Runbook", "sam"),
    ]


async def test_fields_form_escape_warns_once_then_discards(tmp_path: Path, clock: FakeClock) -> None:
    recorder = make_recorder(tmp_path, clock)
    host = Host(FieldsForm(recorder.session))
    async with host.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape")  # nothing typed: closes at once
        await pilot.pause()
        assert host.answers == [None]
        host.push_screen(FieldsForm(recorder.session), host.answers.append)
        await pilot.pause()
        await pilot.press(*"gone", "escape")
        await pilot.pause()
        assert len(host.answers) == 1 and isinstance(host.screen, FieldsForm)
        assert any("Escape again discards" in note.message for note in host._notifications)
        await pilot.press("escape")
        await pilot.pause()
    assert host.answers == [None, None]


async def test_fields_form_saved_unchanged_is_empty(tmp_path: Path, clock: FakeClock) -> None:
    recorder = make_recorder(tmp_path, clock)
    recorder.set_field("fields.summary", "Orders failed.")
    host = Host(FieldsForm(recorder.session))
    async with host.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
    [changes] = host.answers
    assert isinstance(changes, FieldChanges) and not changes and len(changes) == 0


async def test_fields_typed_ahead_land_where_tab_sent_them(tmp_path: Path, clock: FakeClock) -> None:
    """Keys that arrive together (a fast typist, tmux send-keys) before any is handled."""
    recorder = make_recorder(tmp_path, clock)
    host = Host(FieldsForm(recorder.session))
    async with host.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for key in [*"3 users", "tab", *"100%", "ctrl+n", *"Alert", "tab", *"kg", "ctrl+s"]:
            host.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause()
        await pilot.pause()
    [changes] = host.answers
    assert changes.fields == {"impact.users_affected": "3 users", "impact.share_of_users": "100%"}
    assert changes.added == [("Alert", "kg", False)]


async def test_fields_form_shows_a_title_with_brackets_as_typed(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "brackets.jsonl"
    journal.create(path, create_op(clock.now(), title="API [prod] down [/b]"))
    form = FieldsForm(Recorder(path, clock=clock).session)
    host = Host(form)
    async with host.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        heading = form.query_one(".heading", Static)
        assert "API [prod] down [/b]" in str(heading.render())


def fully_shown(widget, form: FieldsForm) -> bool:
    """The widget is drawn whole: inside every container around it and inside the screen."""
    region = widget.region
    if region.height == 0 or region.width == 0:
        return False
    for ancestor in widget.ancestors:
        if ancestor is form:
            break
        if not ancestor.region.contains_region(region):
            return False
    return form.region.contains_region(region)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_action_items_are_seen_whole_typed_into_and_reopened(
    tmp_path: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    recorder = make_recorder(tmp_path, clock)
    form = FieldsForm(recorder.session)
    host = Host(form)
    async with host.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n", *"Alert on errors", "tab", *"kg")
        await pilot.pause()
        [row] = form.query(ActionRow)
        text, owner = row.query(Input)
        assert (text.value, owner.value) == ("Alert on errors", "kg")
        for part in (text, owner, row.query_one(Checkbox), row.query_one(".remove-action", Button)):
            assert fully_shown(part, form), f"{part} is cut: {part.region} in {form.region}"
        done = row.query_one(Checkbox)
        drawn = ["".join(segment.text for segment in line) for line in done.render_lines(done.region.reset_offset)]
        assert "▐X▌ done" in drawn[1]  # its label whole, not "d…"
        await pilot.press("ctrl+s")
        await pilot.pause()
    [changes] = host.answers
    record_changes(recorder, changes)

    again = FieldsForm(recorder.session)
    host = Host(again)
    async with host.run_test(size=size) as pilot:
        await pilot.pause()
        [row] = again.query(ActionRow)
        again.scroll_to_widget(row, animate=False, immediate=True)
        await pilot.pause()
        assert row.query(Input)[0].value == "Alert on errors"
        assert fully_shown(row.query_one(".remove-action", Button), again)
        row.query_one(Checkbox).value = True  # the follow-up is done
        await pilot.press("ctrl+s")
        await pilot.pause()
    [changes] = host.answers
    [item] = recorder.session.action_items
    assert changes.edited == [(item.id, {"done": True})]
    record_changes(recorder, changes)
    assert journal.load(recorder.path).session.action_items[0].done is True


async def test_a_new_action_item_may_be_added_already_done(tmp_path: Path, clock: FakeClock) -> None:
    recorder = make_recorder(tmp_path, clock)
    form = FieldsForm(recorder.session)
    host = Host(form)
    async with host.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n", *"Restart the factory", "tab", *"sam", "tab", "space", "ctrl+s")
        await pilot.pause()
    [changes] = host.answers
    assert changes.added == [("Restart the factory", "sam", True)]
    record_changes(recorder, changes)
    [item] = journal.load(recorder.path).session.action_items
    assert (item.text, item.owner, item.done) == ("Restart the factory", "sam", True)
