"""Scribe's app with its dialogs, palette, themes and keymap: keys in, journal out, fake clock."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.command import CommandList

from tui.app.commands import ScribeCommands
from tui.app.dialogs.fields_form import FieldsForm
from tui.app.dialogs.help import HelpScreen
from tui.app.dialogs.severity import SeverityScreen
from tui.app.screens.main import MainScreen
from tui.app.widgets.entry_bar import EntryBar
from tui.core.config import Config, load_config
from tui.core.session import journal


def saved(path: Path):
    return journal.load(path).session


async def run_from_palette(pilot, query: str, title: str) -> None:
    """Search the palette, wait until the best match is the command meant, and run it."""
    await pilot.press("ctrl+p", *query)
    found = pilot.app.screen.query_one(CommandList)

    def best() -> str:  # the prompt is the title, then the help on the next line
        return str(found.get_option_at_index(0).prompt).split("\n")[0] if found.option_count else ""

    for _ in range(300):
        await pilot.pause(0.01)
        if best() == title:
            break
    assert best() == title
    await pilot.press("enter")
    await pilot.pause()


def help_rows(app) -> dict[str, tuple[list[str], str, str]]:
    return {
        remap_id: (keys, what, remap_id)
        for group in app.screen.groups
        for keys, what, remap_id in group.rows.values()
        if remap_id
    }


async def test_question_mark_and_f1_show_every_key_grouped(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        for key in ("question_mark", "f1"):
            await pilot.press(key)
            assert isinstance(app.screen, HelpScreen)
            titles = [group.title for group in app.screen.groups]
            assert titles[0] == "Main screen" and titles[-1] == "Anywhere"
            assert {"Timeline", "Checklist", "Entry bar"} <= set(titles)
            rows = help_rows(app)
            assert rows["milestone.detected"][0] == ["d"]
            assert rows["view.help"][0] == ["?", "F1"]
            assert rows["checklist.toggle"][0] == ["Space"]
            assert rows["fields.save"][0] == ["Ctrl+S"] and rows["severity.cancel"][0] == ["Escape"]
            await pilot.press("escape")
            assert not isinstance(app.screen, HelpScreen)


async def test_keymap_from_config_moves_a_key_and_help_follows(make_app, session_path: Path) -> None:
    app = make_app()
    app.preferences.config = Config(keys={"note": "w", "milestone.detected": "ctrl+d,D", "fields.save": "ctrl+w"})
    async with app.run_test(size=(120, 40)) as pilot:
        bar = app.screen.query_one(EntryBar)
        await pilot.press("n")
        assert not bar.is_open  # n no longer writes a note
        await pilot.press("w")
        assert bar.is_open
        await pilot.press(*"hi", "enter")
        await pilot.press("D", "enter")
        await pilot.press("question_mark")
        rows = help_rows(app)
        assert rows["note"][0] == ["w"]
        assert rows["milestone.detected"][0] == ["Ctrl+D", "D"]
        assert rows["fields.save"][0] == ["Ctrl+W"]  # a dialog's key, shown before it opens
    events = saved(session_path).events
    assert [(event.kind, event.text) for event in events] == [("note", "hi"), ("detected", "Detected")]


async def test_unknown_key_id_in_config_is_named_in_a_notification(make_app) -> None:
    app = make_app()
    app.preferences.config = Config(keys={"note": "w", "notes.new": "x", "fields.save": "ctrl+w"})
    async with app.run_test() as pilot:
        await pilot.pause()
        messages = [note.message for note in app._notifications]
        assert any("notes.new" in message for message in messages)
        assert not any("fields.save" in message for message in messages)  # the form's key is known


async def test_s_sets_severity_and_only_a_change_is_recorded(make_app, session_path: Path) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SeverityScreen)
        await pilot.press("s")  # a second press does not stack another dialog
        assert len(app.screen_stack) == 2
        await pilot.press("1")
        await pilot.press("s", "enter")  # SEV1 again: nothing new to record
        await pilot.pause()
        assert "SEV1" in str(app.screen.query_one("#masthead").render())
    ops = journal.load(session_path).ops
    assert [(op["field"], op["value"]) for op in ops if op["op"] == "field.set"] == [("severity", "SEV1")]


async def test_palette_runs_namespaced_commands(make_app, session_path: Path, fake_clock) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await run_from_palette(pilot, "detected", "milestone: detected")
        await pilot.press("enter")  # the entry bar opened by the milestone keeps its default text
        await run_from_palette(pilot, "light", "theme: scribe-light")
        assert app.theme == "scribe-light"
        await pilot.press("n")  # typing a note: f is a letter there, but the palette still opens the form
        await run_from_palette(pilot, "fields", "fields: edit")
        assert isinstance(app.screen, FieldsForm)
    session = saved(session_path)
    assert [(event.kind, event.time) for event in session.events] == [("detected", fake_clock.now())]
    assert load_config().theme == "scribe-light"


async def test_palette_lists_every_action_by_namespace(make_app, session_path: Path) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        provider = ScribeCommands(app.screen)
        hits = {str(hit.display): hit async for hit in provider.discover()}
        for title in (
            "note: new",
            "milestone: impact started",
            "milestone: resolved",
            "checklist: focus",
            "event: edit",
            "event: delete",
            "event: undo delete",
            "severity: set",
            "severity: SEV1",
            "fields: edit",
            "view: help",
            "theme: scribe-dark",
            "theme: scribe-high-contrast",
            "app: quit",
        ):
            assert title in hits, title
        assert all(": " in title for title in hits)
        await hits["severity: SEV5"].command()
        await pilot.pause()
        await hits["view: help"].command()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        # Screen actions are offered only where they exist: not over the help screen.
        over_help = [str(hit.display) async for hit in ScribeCommands(app.screen).discover()]
        assert "note: new" not in over_help and "app: quit" in over_help
    assert saved(session_path).severity == "SEV5"


def typed_ahead(app, keys: list[str]) -> None:
    """Keys that reach the app together (a fast typist, tmux send-keys) before any is handled."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else ("\r" if key == "enter" else None)))


async def test_keys_typed_right_after_s_and_f_land_in_the_dialog(make_app, session_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        typed_ahead(
            app, ["s", "down", "enter", "f", *"all 3 users", "ctrl+n", *"Alert", "tab", *"kg", "ctrl+s", "m", "enter"]
        )  # keys after Ctrl+S are the main screen's again
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        typed_ahead(app, ["n", *"fast fix", "enter"])  # in a note, s and f are letters
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    session = saved(session_path)
    assert session.severity == "SEV3"  # SEV2 was current; one down
    assert session.impact.users_affected == "all 3 users"
    assert [(item.text, item.owner) for item in session.action_items] == [("Alert", "kg")]
    assert [(event.kind, event.text) for event in session.events] == [("mitigated", "Mitigated"), ("note", "fast fix")]
    assert [op["op"] for op in journal.load(session_path).ops].count("field.set") == 2  # severity, users


def test_quitting_leaves_the_file_and_the_export_command_on_the_terminal(tmp_path) -> None:
    from tui.app import closing_words

    path = tmp_path / "2026 pizza\x1b[31m.jsonl"
    words = closing_words(path)
    assert words.splitlines()[0].startswith("Session saved in ")
    assert "\x1b" not in words
    assert words.splitlines()[1].startswith("Write the postmortem: scribe export '")
