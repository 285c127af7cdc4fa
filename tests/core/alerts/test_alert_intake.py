"""Notices into a session: the session in progress or a new one, one event per alert state,
*detected* stamped once, and a repeated delivery appending nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from testdata import DATA

from tui.core.alerts.alertmanager import parse_alertmanager
from tui.core.alerts.grafana import parse_grafana
from tui.core.alerts.intake import record_notices, runbook_for
from tui.core.alerts.oncall import parse_oncall
from tui.core.paths import sessions_dir
from tui.core.postmortem.export import export_session
from tui.core.session import folder as sessions
from tui.core.session import journal
from tui.core.session import operations as ops

HOOKS = DATA / "webhooks"
RUNBOOKS = {"alertname": {"Pizza Purchase Alert": "pizza-factory-chaos"}}


def notices(name: str, parse=parse_grafana, now=datetime(2025, 4, 8, 12, tzinfo=UTC)):
    return parse(json.loads((HOOKS / name).read_text()), now)


def test_the_first_alert_opens_a_session_titled_from_it_with_the_mapped_runbook(clock):
    outcome = record_notices(notices("grafana_firing.json"), runbook_map=RUNBOOKS, zone="America/Denver", clock=clock)
    assert outcome.opened and outcome.path.parent == sessions_dir()
    session = journal.load(outcome.path).session
    assert (session.title, session.runbook, session.zone) == (
        "Pizza Purchase Alert",
        "pizza-factory-chaos",
        "America/Denver",
    )
    assert session.checklist  # the runbook's steps
    assert session.milestones()["detected"] == datetime(2025, 4, 8, 11, 23, 0, 157000, tzinfo=UTC)
    timeline = export_session(session, fmt="markdown").split("## Timeline", 1)[1]
    # 11:23 UTC is 05:23 in Denver (MDT) on 8 April, the session's zone
    assert "- _05:23:00_ - Alert firing: Pizza Purchase Alert: 2+ failed pizza purchases a minute" in timeline
    assert "- _05:23:00_ - Detected: Alert firing: Pizza Purchase Alert" in timeline


def test_the_same_delivery_twice_appends_nothing(clock):
    first = record_notices(notices("grafana_firing.json"), clock=clock)
    before = first.path.read_bytes()
    again = record_notices(notices("grafana_firing.json"), clock=clock)
    assert again.path == first.path and again.recorded == [] and again.repeated == 1
    assert first.path.read_bytes() == before


def test_the_resolved_form_is_an_event_at_its_end_and_leaves_the_incident_open(clock):
    path = record_notices(notices("grafana_firing.json"), clock=clock).path
    outcome = record_notices(notices("grafana_resolved.json"), clock=clock)
    assert outcome.path == path and len(outcome.recorded) == 1
    session = journal.load(path).session
    resolved = [event for event in session.events if event.text.startswith("Alert resolved")]
    assert [event.time for event in resolved] == [datetime(2025, 4, 8, 11, 41, tzinfo=UTC)]
    assert resolved[0].kind == "alert" and session.status == "investigating"


def test_a_group_of_one_firing_and_one_resolved_records_both(clock):
    outcome = record_notices(notices("alertmanager_group.json", parse_alertmanager), clock=clock)
    texts = [event.text for event in journal.load(outcome.path).session.events]
    assert any(text.startswith("Alert firing: PizzaFactoryErrors") for text in texts)
    assert any(text.startswith("Alert resolved: PizzaLatencyHigh") for text in texts)
    assert outcome.opened and len(outcome.recorded) == 3  # detected, firing, resolved


def test_the_session_in_progress_takes_the_alert_and_keeps_its_own_detection(clock):
    path = sessions.start_session("Pizza purchases failing", clock=clock)
    recorder_op = ops.add_event_op(clock.now(), time=clock.now(), kind="detected", text="paged")
    journal.append(path, recorder_op)
    outcome = record_notices(notices("grafana_firing.json"), clock=clock)
    assert outcome.path == path and not outcome.opened
    session = journal.load(path).session
    assert [event.text for event in session.events if event.kind == "detected"] == ["paged"]


def test_a_pinned_session_takes_it_even_when_another_is_newer(clock):
    pinned = sessions.start_session("first", clock=clock)
    sessions.start_session("second", clock=clock)
    outcome = record_notices(notices("grafana_firing.json"), pinned=pinned, clock=clock)
    assert outcome.path == pinned


def test_oncall_acknowledge_and_resolve_stamp_the_milestones_with_the_responder(clock):
    path = record_notices(notices("oncall_created.json", parse_oncall), clock=clock).path
    record_notices(notices("oncall_acknowledge.json", parse_oncall), clock=clock)
    record_notices(notices("oncall_resolve.json", parse_oncall), clock=clock)
    session = journal.load(path).session
    assert session.milestone("acknowledged").text.startswith("OnCall acknowledged by kgreen")
    assert session.milestone("resolved").time == datetime(2025, 4, 8, 11, 41, 21, 714000, tzinfo=UTC)
    assert session.status == "resolved"


def test_an_escalation_step_retried_later_is_still_one_event(clock):
    path = record_notices(notices("oncall_created.json", parse_oncall), clock=clock).path
    record_notices(notices("oncall_escalation.json", parse_oncall), clock=clock)
    later = datetime(2025, 4, 8, 12, 5, tzinfo=UTC)
    again = record_notices(notices("oncall_escalation.json", parse_oncall, now=later), clock=clock)
    assert again.repeated == 1
    session = journal.load(path).session
    assert [event.text for event in session.events].count(
        "OnCall escalation step: Pizza Purchase Alert: notified kgreen | oncall https://pizza.grafana.net/a/grafana-oncall-app/alert-groups/I6HNZGUFG4K11"
    ) == 1


def test_a_resolved_alert_with_no_session_in_progress_opens_none(clock):
    outcome = record_notices(notices("grafana_resolved.json"), clock=clock)
    assert outcome.path is None and outcome.skipped == ["no session in progress to add to"]
    assert not sessions_dir().exists() or list(sessions_dir().glob("*.jsonl")) == []


def test_a_repeat_after_its_session_was_resolved_opens_no_new_one(clock):
    path = record_notices(notices("grafana_firing.json"), clock=clock).path
    journal.append(path, ops.add_event_op(clock.now(), time=clock.now(), kind="resolved", text="fixed"))
    again = record_notices(notices("grafana_firing.json"), clock=clock)
    assert again.path is None and again.repeated == 1
    assert list(sessions_dir().glob("*.jsonl")) == [path]


def test_an_unknown_mapped_runbook_opens_the_session_without_one(clock):
    outcome = record_notices(
        notices("grafana_firing.json"), runbook_map={"alertname": {"Pizza Purchase Alert": "nope"}}, clock=clock
    )
    assert journal.load(outcome.path).session.runbook == ""
    assert any("unknown runbook" in reason for reason in outcome.skipped)


def test_runbook_for_matches_a_label_value():
    assert runbook_for({"team": "pizza"}, {"alertname": {"x": "a"}, "team": {"pizza": "b"}}) == "b"
    assert runbook_for({"team": "other"}, {"team": {"pizza": "b"}}) == ""


def test_append_absent_appends_only_new_ids(tmp_path, clock):
    path = sessions.start_session("t", clock=clock, path=tmp_path / "s.jsonl")
    first = ops.add_event_op(clock.now(), time=clock.now(), text="one")
    second = ops.add_event_op(clock.now(), time=clock.now(), text=f'mentions "id":"{first["id"]}" in its text')
    assert journal.append_absent(path, [second]) == [second]
    assert journal.append_absent(path, [first, second]) == [first]  # second's text naming first's id is not first
    assert journal.append_absent(path, [first, second]) == []
    assert len(journal.load(path).ops) == 3
