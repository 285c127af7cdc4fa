"""Grafana unified alerting's webhook contact point: Alertmanager's group of alerts with
Grafana's links (dashboard, panel) beside the rule's own."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tui.core.alerts.alertmanager import alerts_of, read_alert
from tui.core.alerts.notice import Notice, PayloadError, document_of


def parse_grafana(payload: Any, now: datetime) -> list[Notice]:
    """The notices of one delivery; PayloadError when it is not Grafana's webhook payload."""
    document = document_of(payload)
    if "receiver" not in document and "orgId" not in document:
        raise PayloadError("not a Grafana alerting webhook payload (no receiver or orgId)")
    notices = []
    for number, item in enumerate(alerts_of(document), 1):
        extra: tuple[tuple[str, str], ...] = ()
        if isinstance(item, dict):
            extra = tuple(
                (what, value)
                for what, key in (("dashboard", "dashboardURL"), ("panel", "panelURL"))
                if isinstance(value := item.get(key), str)
            )
        notices.append(read_alert(item, number, now, source="grafana", extra_links=extra))
    return notices
