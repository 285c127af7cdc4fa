"""The postmortem preview: the palette opens it, it renders the export, saves through the app, copies."""

from __future__ import annotations

import pyperclip

from tui.app.screens.export_preview import ExportPreview, MarkdownView
from tui.core.postmortem.files import postmortem_path

URL = "https://pizza-factory.cs329.click/api/support/0123456789abcdef0123/report/fix42code"


def no_backend(text: str) -> None:
    raise pyperclip.PyperclipException("no copy/paste mechanism")


async def test_preview_renders_saves_and_copies(make_app, session_path, monkeypatch):
    monkeypatch.setattr(pyperclip, "copy", no_backend)
    app = make_app()
    app.recorder.add_event(f"report URL {URL}")
    async with app.run_test() as pilot:
        app.action_export_preview()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportPreview)
        assert screen.query_one("#export-markdown", MarkdownView).source.startswith("# Incident: 2025-04-08")
        assert "fix42code" not in screen.text

        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard == screen.text  # OSC 52 through the driver; pyperclip had no backend
        said = [note.message for note in app._notifications]
        assert any(m.startswith("Postmortem copied to the terminal clipboard (OSC 52); the system") for m in said)

        await pilot.press("s")
        await pilot.pause()
        written = postmortem_path(session_path)
        assert written.read_text(encoding="utf-8") == screen.text
        assert oct(written.stat().st_mode & 0o777) == "0o644"

        await pilot.press("r")  # unredacted: the file that holds the key is private
        await pilot.pause()
        assert URL in screen.query_one("#export-markdown", MarkdownView).source
        await pilot.press("s")
        await pilot.pause()
        assert URL in written.read_text(encoding="utf-8")
        assert oct(written.stat().st_mode & 0o777) == "0o600"

        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportPreview)


async def test_palette_lists_the_export_commands(make_app):
    from tui.app.commands import ScribeCommands

    app = make_app()
    async with app.run_test():
        provider = ScribeCommands(app.screen)
        titles = [command.title for command in provider.commands()]
    assert {"export: preview postmortem", "export: copy postmortem", "export: save postmortem"} <= set(titles)


async def test_copy_failure_is_shown(make_app, monkeypatch):
    monkeypatch.setattr(pyperclip, "copy", no_backend)
    app = make_app()
    notes: list[tuple[str, str]] = []
    monkeypatch.setattr(app, "copy_to_clipboard", lambda text: (_ for _ in ()).throw(OSError("no driver")))
    monkeypatch.setattr(app, "notify", lambda message, **kw: notes.append((message, kw.get("severity", ""))))
    async with app.run_test():
        app.action_export_copy()
    assert notes and notes[-1][1] == "error" and "Could not copy" in notes[-1][0]


async def test_the_preview_is_a_handful_of_widgets_however_long_the_postmortem(make_app):
    """A widget per Markdown block made the preview take over a second to open; it is one widget."""
    app = make_app()
    for n in range(60):
        app.recorder.add_event(f"note {n}: orders still failing")
    async with app.run_test() as pilot:
        app.action_export_preview()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportPreview)
        view = screen.query_one("#export-markdown", MarkdownView)
        assert "note 59" in view.source
        assert not view.children and len(list(screen.query("*"))) < 30  # a widget per block was hundreds


async def test_the_template_picker_rewrites_the_preview_and_what_is_saved(make_app, session_path):
    from textual.widgets import Select

    app = make_app()
    async with app.run_test() as pilot:
        app.action_export_preview()
        await pilot.pause()
        screen = app.screen
        assert "## Root cause\n" in screen.text
        await pilot.press("t")
        assert isinstance(app.focused, Select)
        app.focused.value = "google-sre"
        await pilot.pause()
        assert "## Root Causes\n" in screen.text
        assert "## Root Causes" in screen.query_one("#export-markdown", MarkdownView).source
        await pilot.press("s")
        await pilot.pause()
        assert "## Trigger\n" in postmortem_path(session_path).read_text(encoding="utf-8")


async def test_the_preview_shows_the_shell_commands_scribe_export_would(make_app, scribe_home, fake_clock):
    from tui.core.session import operations as ops

    scribe_home.mkdir(parents=True, exist_ok=True)
    (scribe_home / "config.toml").write_text('[hook]\nexport = "all"\n')
    app = make_app()
    now = fake_clock.now()
    op = ops.add_event_op(now, time=now, kind="command", text="systemctl restart pizza", source="shell")
    op["event"]["run"] = {"status": 0, "ms": 300, "cwd": "/srv"}
    app.recorder.record(op)  # not kept: only `export = "all"` puts it on the timeline
    async with app.run_test() as pilot:
        app.action_export_preview()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportPreview)
        timeline = screen.text.split("## Timeline", 1)[1].split("\n## ", 1)[0]
        assert "systemctl restart pizza" in timeline
        assert screen.text == app.exports.postmortem()  # what the palette's copy and save write
