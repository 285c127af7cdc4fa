"""Each sender's payload read into notices: names, summaries, links, each alert's own status and
time; anything that is not the format refused with one line."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from testdata import DATA

from tui.core.alerts.alertmanager import parse_alertmanager
from tui.core.alerts.grafana import parse_grafana
from tui.core.alerts.notice import PayloadError
from tui.core.alerts.oncall import parse_oncall

HOOKS = DATA / "webhooks"
NOW = datetime(2025, 4, 8, 12, tzinfo=UTC)


def payload(name: str) -> dict:
    return json.loads((HOOKS / name).read_text())


def test_a_grafana_firing_alert_has_its_name_summary_start_and_links():
    [notice] = parse_grafana(payload("grafana_firing.json"), NOW)
    assert (notice.status, notice.name, notice.key) == ("firing", "Pizza Purchase Alert", "7d3ae2a3c1c0a6d1")
    assert notice.time == datetime(2025, 4, 8, 11, 23, 0, 157076, tzinfo=UTC)
    assert [what for what, _ in notice.links] == ["source", "dashboard", "panel", "runbook"]
    assert notice.text().startswith(
        "Alert firing: Pizza Purchase Alert: 2+ failed pizza purchases a minute | source https://"
    )
    assert notice.opens and notice.detects


def test_a_grafana_resolved_alert_is_at_its_end():
    [notice] = parse_grafana(payload("grafana_resolved.json"), NOW)
    assert notice.status == "resolved" and notice.time == datetime(2025, 4, 8, 11, 41, tzinfo=UTC)
    assert not notice.opens and not notice.detects


def test_an_alertmanager_group_keeps_each_alerts_own_status():
    firing, resolved = parse_alertmanager(payload("alertmanager_group.json"), NOW)
    assert (firing.status, firing.time) == ("firing", datetime(2025, 4, 8, 11, 24, 5, 828000, tzinfo=UTC))
    assert (resolved.status, resolved.time) == ("resolved", datetime(2025, 4, 8, 11, 22, 30, 511000, tzinfo=UTC))
    assert resolved.name == "PizzaLatencyHigh"


def test_oncall_steps_name_the_responder_and_the_milestone():
    [created] = parse_oncall(payload("oncall_created.json"), NOW)
    [ack] = parse_oncall(payload("oncall_acknowledge.json"), NOW)
    [resolved] = parse_oncall(payload("oncall_resolve.json"), NOW)
    [escalation] = parse_oncall(payload("oncall_escalation.json"), NOW)
    assert (created.kind, created.opens, created.detects) == ("alert", True, True)
    assert (ack.kind, ack.who, ack.time.minute) == ("acknowledged", "kgreen", 25)
    assert (resolved.kind, resolved.who) == ("resolved", "kgreen")
    assert resolved.text().startswith("OnCall resolved by kgreen: Pizza Purchase Alert")
    assert escalation.time == NOW and not escalation.timed and escalation.summary == "notified kgreen"
    assert (
        escalation.identity()
        == parse_oncall(payload("oncall_escalation.json"), datetime(2026, 1, 1, tzinfo=UTC))[0].identity()
    )


@pytest.mark.parametrize(
    ("parser", "body", "reason"),
    [
        (parse_grafana, [], "not a JSON object"),
        (parse_grafana, {"receiver": "x", "alerts": []}, "no alerts"),
        (
            parse_grafana,
            {"receiver": "x", "alerts": [{"status": "pending", "startsAt": "2025-04-08T10:00:00Z"}]},
            "alert 1: status",
        ),
        (parse_grafana, {"receiver": "x", "alerts": [{"status": "firing", "startsAt": "yesterday"}]}, "not a time"),
        (
            parse_grafana,
            {"receiver": "x", "alerts": [{"status": "firing", "startsAt": "0001-01-01T00:00:00Z"}]},
            "unset",
        ),
        (
            parse_grafana,
            {"receiver": "x", "alerts": [{"status": "firing", "startsAt": "9999-01-01T00:00:00Z"}]},
            "outside",
        ),
        (
            parse_grafana,
            {"receiver": "x", "alerts": [{"status": "firing", "labels": [], "startsAt": "2025-04-08T10:00:00Z"}]},
            "labels is not an object",
        ),
        (parse_grafana, {"alerts": [{"status": "firing"}]}, "not a Grafana"),
        (parse_alertmanager, {"version": "3", "alerts": [{}]}, "not an Alertmanager version 4"),
        (parse_oncall, {"event": {"type": "teleport"}, "alert_group_id": "I1"}, "unknown OnCall event type"),
        (parse_oncall, {"event": {"type": "resolve"}}, "no alert_group_id"),
        (parse_oncall, {"event": "resolve"}, "event is not an object"),
    ],
)
def test_what_is_not_the_format_is_refused_in_one_line(parser, body, reason):
    with pytest.raises(PayloadError) as refused:
        parser(body, NOW)
    assert reason in str(refused.value) and "\n" not in str(refused.value)


def test_a_link_that_is_not_http_is_left_out():
    body = payload("grafana_firing.json")
    body["alerts"][0]["generatorURL"] = "javascript:alert(1)"
    body["alerts"][0]["panelURL"] = "https://x.example/a b"
    [notice] = parse_grafana(body, NOW)
    assert [what for what, _ in notice.links] == ["dashboard", "runbook"]
