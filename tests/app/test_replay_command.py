"""`scribe replay FILE [--speed N] [--no-skip-idle]`: options reach the replay; mistakes are one line, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

import tui.app.replay_app as replay_app
from tui.cli.entry import main
from tui.core.clock.source import FakeClock
from tui.core.session.folder import start_session


def test_options_reach_the_replay(monkeypatch: pytest.MonkeyPatch) -> None:
    path = start_session("t", clock=FakeClock())
    calls = []
    monkeypatch.setattr(replay_app, "run_replay", lambda *args, **kwargs: calls.append((args, kwargs)) or 0)
    assert main(["replay", str(path), "--speed", "600", "--no-skip-idle"]) == 0
    assert main(["replay", str(path)]) == 0
    assert main(["replay", str(path), "--no-redact"]) == 0
    assert calls == [
        ((path,), {"speed": 600, "skip_idle": False, "redact": True}),
        ((path,), {"speed": 60, "skip_idle": True, "redact": True}),
        ((path,), {"speed": 60, "skip_idle": True, "redact": False}),
    ]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--speed", "0"], "--speed 0: give a speed from 1 to 600"),
        (["--speed", "601"], "--speed 601: give a speed from 1 to 600"),
        (["--speed", "fast"], "invalid int value: 'fast'"),
    ],
)
def test_a_bad_speed_is_one_line_and_exit_2(argv: list[str], message: str, capsys) -> None:
    path = start_session("t", clock=FakeClock())
    assert main(["replay", str(path), *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_a_missing_or_foreign_file_is_one_line_and_exit_2(tmp_path: Path, capsys) -> None:
    assert main(["replay", str(tmp_path / "nope.jsonl")]) == 2
    foreign = tmp_path / "notes.txt"
    foreign.write_text("just some notes\n", encoding="utf-8")
    assert main(["replay", str(foreign)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and all(line.startswith("scribe: ") for line in lines)
    assert foreign.read_text(encoding="utf-8") == "just some notes\n"


async def test_the_live_apps_palette_replays_this_session_and_escape_returns(make_app, session_path, fake_clock):
    import hashlib

    from tui.app.screens.main import MainScreen
    from tui.app.screens.replay import ReplayScreen
    from tui.app.widgets.timeline import Timeline

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        fake_clock.advance(60)
        await pilot.press("d")  # a milestone, stamped live a minute in
        await pilot.press("enter")
        before = hashlib.sha256(session_path.read_bytes()).digest()
        await pilot.press("ctrl+p", *"replay: this", "enter")
        await pilot.pause()
        replay = app.screen
        assert isinstance(replay, ReplayScreen)
        assert replay.query_one(Timeline).session.events == []  # from the start of the incident
        await pilot.press("end")
        assert [e.kind for e in replay.query_one(Timeline).session.events] == ["detected"]
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
    assert hashlib.sha256(session_path.read_bytes()).digest() == before


async def test_question_mark_lists_the_replay_keys_with_their_ids(fake_clock):
    from tui.app.dialogs.help import HelpScreen
    from tui.app.replay_app import ReplayApp
    from tui.core.session import journal

    path = start_session("t", clock=FakeClock())
    app = ReplayApp(journal.load(path).ops, clock=fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        ids = {row[2] for group in help_screen.groups for row in group.rows.values()}
        assert {
            "replay.toggle",
            "replay.faster",
            "replay.slower",
            "replay.next",
            "replay.back",
            "replay.start",
            "replay.end",
            "replay.milestone.1",
            "replay.phases",
            "replay.close",
        } <= ids
        await pilot.press("escape", "q")
    assert app.return_code in (0, None) and not app.is_running


PGPASSWORD = "PGPASSWORD=r3plicaPa55"
GH_TOKEN = "ghp_D3let3dN0teT0kenV4lu3F0rReplay0000001"


def secret_session(clock: FakeClock) -> Path:
    """A PGPASSWORD fixed by an edit, and a deleted note holding a GitHub token."""
    from tui.core.session import journal
    from tui.core.session import operations as ops

    path = start_session("replayed", clock=clock)
    edited = ops.add_event_op(clock.now(), time=clock.now(), text=f"psql with {PGPASSWORD}")
    gone = ops.add_event_op(clock.now(), time=clock.now(), text=f"pushed with {GH_TOKEN}")
    for op in (edited, gone):
        journal.append(path, op)
        clock.advance(30)
    journal.append(path, ops.edit_event_op(clock.now(), edited["event"]["id"], text="psql with the vault password"))
    clock.advance(30)
    journal.append(path, ops.delete_event_op(clock.now(), gone["event"]["id"]))
    return path


async def frames(monkeypatch, argv: list[str]) -> str:
    """Everything the replay screen draws, stepping through every change of the file."""
    started = []
    monkeypatch.setattr(replay_app.ReplayApp, "run", lambda app, **kwargs: started.append(app))
    assert main(["replay", *argv]) == 0
    (app,) = started
    shown = []
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        for _ in range(len(screen.player.steps) + 1):
            shown.append("".join(s.text for strip in screen._compositor.render_strips() for s in strip))
            await pilot.press("right")
    return "\n".join(shown)


async def test_replay_masks_secrets_in_every_frame_unless_told_not_to(monkeypatch) -> None:
    path = secret_session(FakeClock())
    shown = await frames(monkeypatch, [str(path)])
    assert "r3plicaPa55" not in shown and GH_TOKEN not in shown
    assert "PGPASSWORD=[REDACTED]" in shown and "pushed with [REDACTED]" in shown
    assert GH_TOKEN in path.read_text(encoding="utf-8")  # the file itself is only read
    unmasked = await frames(monkeypatch, [str(path), "--no-redact"])
    assert "r3plicaPa55" in unmasked and GH_TOKEN in unmasked
