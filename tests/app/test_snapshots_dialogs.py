"""Snapshots of the key help and the postmortem fields form: fixed clock, scribe-dark, 120x40."""

from __future__ import annotations

from pathlib import Path

from tui.app.app import ScribeApp
from tui.core.clock.source import FakeClock
from tui.core.config import Config
from tui.core.session.recorder import Recorder

SIZE = (120, 40)


def fixed_app(path: Path, clock: FakeClock) -> ScribeApp:
    return ScribeApp(path, clock=clock, author="tester", config=Config(theme="scribe-dark"))


def test_help_screen(snap_compare, session_path: Path, fake_clock: FakeClock) -> None:
    assert snap_compare(fixed_app(session_path, fake_clock), press=["question_mark"], terminal_size=SIZE)


def test_fields_form(snap_compare, session_path: Path, fake_clock: FakeClock) -> None:
    recorder = Recorder(session_path, clock=fake_clock, author="tester")
    recorder.set_field("impact.users_affected", "all 3 current users")
    recorder.set_field("impact.share_of_users", "100%")
    recorder.set_field("fields.detection_source", "Grafana alert: Pizza Purchase")
    recorder.set_field("fields.summary", "Pizza purchases failed: the factory answered 500 to every order.")
    recorder.add_action("Alert on the factory's error rate, not only on purchases", "kgreen")
    assert snap_compare(fixed_app(session_path, fake_clock), press=["f"], terminal_size=SIZE)
