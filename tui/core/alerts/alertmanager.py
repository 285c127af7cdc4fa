"""Prometheus Alertmanager's webhook payload, version 4: a group of alerts, each with its own
status, labels, annotations, startsAt/endsAt and fingerprint. Grafana's payload extends it."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from tui.core.alerts.notice import (
    Notice,
    PayloadError,
    document_of,
    links_of,
    moment_of,
    table_of,
    text_of,
)

STATUSES = ("firing", "resolved")


def parse_alertmanager(payload: Any, now: datetime) -> list[Notice]:
    """The notices of one delivery; PayloadError when it is not Alertmanager's version 4."""
    document = document_of(payload)
    version = document.get("version")
    if version != "4":
        raise PayloadError(f"not an Alertmanager version 4 payload (version {str(version)[:20]!r})")
    return [read_alert(item, n, now, source="alertmanager") for n, item in enumerate(alerts_of(document), 1)]


def alerts_of(document: dict[str, Any]) -> list[dict[str, Any]]:
    alerts = document.get("alerts")
    if not isinstance(alerts, list) or not alerts:
        raise PayloadError("no alerts in the payload (expected a non-empty 'alerts' list)")
    return alerts


def read_alert(item: Any, number: int, now: datetime, *, source: str, extra_links: tuple = ()) -> Notice:
    """One alert of a group: firing at its startsAt, resolved at its endsAt."""
    if not isinstance(item, dict):
        raise PayloadError(f"alert {number} is not an object")
    try:
        status = text_of(item, "status")
        if status not in STATUSES:
            raise PayloadError(f"status {status[:20]!r} is neither firing nor resolved")
        labels = table_of(item, "labels")
        annotations = table_of(item, "annotations")
        starts = moment_of(item.get("startsAt"), "startsAt")
        ends = moment_of(item.get("endsAt"), "endsAt", required=False)
        fingerprint = text_of(item, "fingerprint")[:64] or _fingerprint(labels)
        generator = text_of(item, "generatorURL")
    except PayloadError as exc:
        raise PayloadError(f"alert {number}: {exc}") from None
    assert starts is not None
    name = labels.get("alertname") or "unnamed alert"
    summary = annotations.get("summary") or annotations.get("description") or ""
    return Notice(
        key=fingerprint,
        status=status,
        # A resolved alert without its end (never seen from Alertmanager) is stamped on arrival.
        time=starts if status == "firing" else (ends or now),
        name=name,
        summary=summary,
        links=links_of(("source", generator), *extra_links, ("runbook", annotations.get("runbook_url", ""))),
        labels=labels,
        source=source,
        opens=status == "firing",
        detects=status == "firing",
    )


def _fingerprint(labels: dict[str, str]) -> str:
    """Alertmanager always sends one; for a sender that leaves it out, the labels stand in."""
    text = "\x1f".join(f"{key}={value}" for key, value in sorted(labels.items()))
    return "labels:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
