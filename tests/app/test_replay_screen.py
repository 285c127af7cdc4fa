"""The replay screen: every control on a fake clock, the timer that drives it, and the file left untouched."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from testdata import SAMPLES
from textual.widgets import ProgressBar, Static

from tui.app.replay_app import ReplayApp
from tui.app.screens.replay import ReplayScreen, describe_op
from tui.app.widgets.checklist import Checklist
from tui.app.widgets.milestones import MilestoneStrip
from tui.app.widgets.phase_chart import PhaseChart
from tui.app.widgets.timeline import Timeline
from tui.core.clock.source import FakeClock
from tui.core.config import Config
from tui.core.importing.to_session import import_postmortem
from tui.core.metrics import phases
from tui.core.session import journal
from tui.core.session.folder import start_session
from tui.core.session.recorder import Recorder

SAMPLE = SAMPLES / "2025-04-08-pizza-factory-chaos.jsonl"


def typed_live(start_clock: FakeClock) -> Path:
    """A session typed live on the pizza runbook: a tick, a field change and a 20-minute lull.

    Journal offsets: 0 create, 60 impact, 120 detected, 180 tick, 200 severity, 230 acknowledged,
    1430 note (after the lull), 1490 mitigated, 1550 resolved.
    """
    clock = start_clock
    path = start_session(
        "Pizza purchases failing", runbook="pizza-factory-chaos", zone="GMT", severity="SEV3", clock=clock
    )
    recorder = Recorder(path, clock=clock, author="kgreen")
    for seconds, step in [
        (60, lambda: recorder.add_event("factory returns 500", kind="impact_started")),
        (60, lambda: recorder.add_event("Grafana paged", kind="detected")),
        (60, lambda: recorder.toggle_check(recorder.session.checklist[0].id)),
        (20, lambda: recorder.set_field("severity", "SEV2")),
        (30, lambda: recorder.add_event("kgreen on it", kind="acknowledged")),
        (1200, lambda: recorder.add_event("report URL found in the logs")),
        (60, lambda: recorder.add_event("orders go through", kind="mitigated")),
        (60, lambda: recorder.add_event("all clear", kind="resolved")),
    ]:
        clock.advance(seconds)
        step()
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def session_file(tmp_path: Path) -> Path:
    return typed_live(FakeClock())


def replay_app(path: Path, clock: FakeClock, **options) -> ReplayApp:
    return ReplayApp(journal.load(path).ops, clock=clock, config=Config(theme="textual-dark"), **options)


def texts(screen: ReplayScreen) -> list[str]:
    return [event.text for event in screen.query_one(Timeline).session.events]


def state(screen: ReplayScreen) -> str:
    return str(screen.query_one("#replay-state", Static).render())


def play(screen: ReplayScreen, clock: FakeClock, seconds: float) -> None:
    """Real time passes, then the screen's timer fires (called here so no test waits on it)."""
    clock.advance(seconds)
    screen.advance()


async def test_the_timer_plays_the_session_from_the_clock(session_file, fake_clock):
    app = replay_app(session_file, fake_clock, speed=60, skip_idle=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReplayScreen) and texts(screen) == []
        assert "▶ playing" in state(screen) and "60x" in state(screen)
        fake_clock.advance(1.5)  # 90 incident seconds: the impact is in, detection is not
        for _ in range(100):  # wait for the screen's own timer, however slow this machine is
            if texts(screen):
                break
            await pilot.pause(0.05)
        assert texts(screen) == ["factory returns 500"]
        assert screen.player.position == pytest.approx(90)
        strip = str(screen.query_one(MilestoneStrip).render())
        assert "Impact 10:25:00" in strip and "Detected --:--:--" in strip


async def test_space_pauses_and_resumes_without_a_jump(session_file, fake_clock):
    app = replay_app(session_file, fake_clock, speed=60, skip_idle=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        play(screen, fake_clock, 1)
        await pilot.press("space")
        assert "paused" in state(screen) and not screen.player.playing
        play(screen, fake_clock, 100)
        assert screen.player.position == pytest.approx(60)
        await pilot.press("space")
        play(screen, fake_clock, 1)  # the 100 s spent paused are not played
        assert screen.player.position == pytest.approx(120)
        assert texts(screen) == ["factory returns 500", "Grafana paged"]


async def test_plus_and_minus_change_the_speed_on_screen_within_1_to_600(session_file, fake_clock):
    app = replay_app(session_file, fake_clock, speed=2, skip_idle=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await pilot.press("minus", "minus")
        assert screen.player.speed == 1 and "1x" in state(screen)
        await pilot.press("plus")
        assert screen.player.speed == 2 and "2x" in state(screen)
        play(screen, fake_clock, 30)
        assert screen.player.position == pytest.approx(60)
        await pilot.press(*["plus"] * 7)
        assert screen.player.speed == 600 and "600x" in state(screen)


async def test_arrows_step_through_changes_and_pause(session_file, fake_clock):
    app = replay_app(session_file, fake_clock, speed=60, skip_idle=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await pilot.press("right", "right")
        assert texts(screen) == ["factory returns 500", "Grafana paged"] and not screen.player.playing
        await pilot.press("right")  # the checklist tick: the item is ticked, and the change line says so
        assert screen.query_one(Checklist).session.checklist[0].checked
        assert "ticked" in str(screen.query_one("#replay-change", Static).render())
        await pilot.press("right")
        assert screen.session.severity == "SEV2" and "SEV2" in str(screen.query_one("#masthead").render())
        await pilot.press("left", "left")
        assert not screen.query_one(Checklist).session.checklist[0].checked
        assert screen.session.severity == "SEV3"
        play(screen, fake_clock, 60)
        assert screen.player.position == pytest.approx(120)  # stepping paused the replay


async def test_home_end_and_the_progress_bar(session_file, fake_clock):
    app = replay_app(session_file, fake_clock, speed=60, skip_idle=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        bar = screen.query_one(ProgressBar)
        assert bar.percentage == 0
        await pilot.press("end")
        assert screen.player.finished and bar.percentage == 1
        assert texts(screen)[-1] == "all clear" and "■ end" in state(screen)
        await pilot.press("home")
        assert texts(screen) == [] and bar.percentage == 0
        play(screen, fake_clock, 1550 / 60 / 2)
        assert bar.percentage == pytest.approx(0.5)


async def test_digits_jump_to_milestones_and_say_when_one_is_missing(tmp_path, fake_clock):
    clock = FakeClock()
    path = start_session("no ack", zone="GMT", clock=clock)
    recorder = Recorder(path, clock=clock)
    clock.advance(60)
    recorder.add_event("paged", kind="detected")
    clock.advance(600)
    recorder.add_event("fixed", kind="mitigated")
    app = replay_app(path, fake_clock, skip_idle=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await pilot.press("4")
        assert screen.player.position == 660 and screen.session.status == "mitigated"
        await pilot.press("2")
        assert screen.player.position == 60 and texts(screen) == ["paged"]
        await pilot.press("3")
        await pilot.pause()
        assert screen.player.position == 60  # nothing to jump to, and the user is told
        assert any("never stamped" in str(n.message) for n in app._notifications)


async def test_the_phase_chart_opens_at_the_end_and_on_p(session_file, fake_clock):
    app = replay_app(session_file, fake_clock, speed=600)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        chart = screen.query_one(PhaseChart)
        assert not chart.display
        await pilot.press("p")
        assert chart.display  # on demand, mid-way: the whole incident's phases
        assert [p.label for p in phases(chart.session.milestones())] == [
            "Detection",
            "Acknowledgement",
            "Mitigation",
            "Resolution",
        ]
        await pilot.press("p")
        assert not chart.display
        for _ in range(40):
            play(screen, fake_clock, 0.5)
        assert screen.player.finished and chart.display
        await pilot.press("space")  # play again from the start: the chart steps aside
        assert screen.player.position == 0 and not chart.display


async def test_idle_stretches_are_shortened_and_marked_unless_asked_not_to(session_file, fake_clock):
    for skip in (True, False):
        app = replay_app(session_file, fake_clock, speed=60, skip_idle=skip)
        async with app.run_test(size=(120, 40)):
            screen = app.screen
            play(screen, fake_clock, 0)
            for _ in range(8):
                play(screen, fake_clock, 1)  # 8 s of real time at 60x: 480 s if nothing is skipped
            mark = str(screen.query_one("#replay-skip", Static).render())
            if skip:
                assert "report URL found in the logs" in texts(screen)
                assert "⏩ skipped" in mark and "idle" in mark
            else:
                assert screen.player.position == pytest.approx(480) and mark == ""


async def test_a_replay_never_writes_even_when_keys_ask_to(session_file, fake_clock):
    before = sha(session_file)
    app = replay_app(session_file, fake_clock, speed=600)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert not screen.query_one(Checklist).can_focus
        await pilot.click(Checklist)
        await pilot.press("space", "enter", "n", "d", "right", "left", "end", "home", "1", "plus", "minus", "p")
        for _ in range(40):
            play(screen, fake_clock, 0.5)
        await pilot.press("q")
    assert app.return_code in (0, None)
    assert sha(session_file) == before
    assert journal.load(session_file).session.checklist[0].checked  # the file's own tick, still there


async def test_a_session_imported_from_markdown_replays_on_its_event_times(tmp_path, fake_clock):
    report = tmp_path / "postmortem.md"
    report.write_text(
        "# Incident: 2025-04-08 10-24-00\n\n## Timeline\n\nAll times are GMT.\n\n"
        "- _10:24_ - factory went down\n- _10:26_ - Grafana paged the on-call\n"
        "- _10:44_ - report URL followed, orders go through\n\n"
        "## Root cause\n\nA chaos monkey in the factory.\n",
        encoding="utf-8",
    )
    imported_later = FakeClock(datetime(2025, 5, 2, 9, 0, tzinfo=UTC))  # as imports are
    path = import_postmortem(report, tmp_path / "imported.jsonl", clock=imported_later).path
    app = replay_app(path, fake_clock, speed=60)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert texts(screen) == ["factory went down"]  # the first entry opens the replay
        await pilot.press("right")
        assert texts(screen)[-1] == "Grafana paged the on-call"
        assert screen.player.now - screen.player.origin == timedelta(minutes=2)
        await pilot.press("end")
        assert screen.session.fields.root_cause.startswith("A chaos monkey")


def test_field_changes_read_as_one_line(session_file):
    loaded = journal.load(session_file)
    lines = [describe_op(op, loaded.session) for op in loaded.ops]
    assert lines[0] == "session opened: Pizza purchases failing"
    assert "✎ Severity: SEV2" in lines
    assert any(line.startswith("✓ ticked: ") for line in lines)


async def test_the_2025_04_08_sample_plays_to_its_last_event_by_itself(fake_clock):
    before = sha(SAMPLE)
    last = journal.load(SAMPLE).session.events[-1].text
    app = replay_app(SAMPLE, fake_clock, speed=600)
    async with app.run_test(size=(120, 40)):
        screen = app.screen
        assert last not in texts(screen)
        for _ in range(100):  # 10 s of real time at 600x
            play(screen, fake_clock, 0.1)
        assert last in texts(screen) and screen.player.finished
    assert sha(SAMPLE) == before


# -- snapshots (plain functions: snap_compare runs the app itself) ----------------------------------


def test_snapshot_replay_mid_way(snap_compare, fake_clock):
    app = replay_app(typed_live(FakeClock()), fake_clock, speed=60, skip_idle=True, name_shown="incident.jsonl")

    async def run_before(pilot) -> None:
        await pilot.pause()
        play(pilot.app.screen, fake_clock, 0)
        play(pilot.app.screen, fake_clock, 4)  # 240 s in: acknowledged, one step ticked, SEV2
        play(pilot.app.screen, fake_clock, 1)  # the lull is skipped and marked
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_snapshot_phase_chart_at_the_end(snap_compare, fake_clock):
    app = replay_app(typed_live(FakeClock()), fake_clock, speed=600, name_shown="incident.jsonl")
    assert snap_compare(app, terminal_size=(120, 40), press=["end"])
