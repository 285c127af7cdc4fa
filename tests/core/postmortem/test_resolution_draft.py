"""The drafted Resolution states a restoration only where the session records the factory's success answer."""

from __future__ import annotations

import socket
from datetime import UTC, datetime

import pytest
from factory_standin import RESOLVED, FactoryStandIn

from tui.core.clock.source import FakeClock
from tui.core.factory.follow import follow
from tui.core.factory.inspection import follow_restored, record_follow
from tui.core.postmortem.markdown import render_postmortem
from tui.core.session import folder as sessions
from tui.core.session.recorder import Recorder

T0 = datetime(2025, 4, 8, 18, 40, tzinfo=UTC)


def resolution(text: str) -> str:
    return text.split("## Resolution\n\n", 1)[1].split("\n\n## ", 1)[0]


@pytest.fixture
def recorder(tmp_path):
    clock = FakeClock(T0)
    path = sessions.start_session("Pizza orders failing", clock=clock, path=tmp_path / "s.jsonl")
    return Recorder(path, clock=clock, author="oncall")


def closed_port() -> int:
    with socket.socket() as probe:  # a port that was free a moment ago refuses connections
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_follow_that_could_not_reach_the_factory_restores_nothing(recorder):
    recorder.clock.advance(13 * 60 + 11)
    failed = follow(f"http://127.0.0.1:{closed_port()}/api/support/k/report/c")
    record_follow(recorder, failed, source="cli")
    text = resolution(render_postmortem(recorder.session))
    assert "restored" not in text.split("[TODO")[0]
    assert text.startswith("The report URL was followed at 18:53:11 UTC (could not reach 127.0.0.1:")
    assert "the session records no success answer from the factory" in text
    assert "[TODO: how the service was restored]" in text


def test_the_success_answer_is_stated_at_its_own_time_after_a_failed_try(recorder):
    with FactoryStandIn() as factory:
        recorder.clock.advance(10 * 60)
        record_follow(recorder, follow(factory.report_url(fix_code="stale000")), source="cli")
        recorder.clock.advance(2 * 60 + 30)
        record_follow(recorder, follow(factory.report_url()), source="cli")
    text = resolution(render_postmortem(recorder.session))
    assert text.startswith(
        "The service was restored by following the report URL from the factory response "
        f"at 18:52:30 UTC: the factory answered “200 {RESOLVED}”."
    )
    assert "[TODO: how the service was restored]" not in text


@pytest.mark.parametrize(
    "text,restored",
    [
        (f"Followed report URL: 200 {RESOLVED}", True),
        ("Followed report URL: 200 No chaos currently executing", False),
        ("Followed report URL: 400 Problem unresolved", False),
        ("Followed report URL: could not reach localhost:9: Connection refused", False),
        ("Followed report URL: no answer from localhost:9 within 5 s", False),
        ("Kristian Green sent a report to the pizza factory", False),
    ],
)
def test_only_the_factorys_success_answer_counts_as_restored(text, restored):
    assert follow_restored(text) is restored
