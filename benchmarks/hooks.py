"""What the alert and page paths send: an Alertmanager webhook, and a timed POST."""

from __future__ import annotations

import http.client
import json
import time
from datetime import UTC, datetime
from urllib.parse import urlsplit

TIMEOUT = 20.0


def post(base: str, path: str, body: bytes, headers: dict[str, str]) -> float:
    """POST `body`; return when the request started going out. A non-200 answer is an error."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=TIMEOUT)
    try:
        sent = time.perf_counter()
        connection.request("POST", path, body=body, headers={"Content-Type": "application/json", **headers})
        answer = connection.getresponse()
        text = answer.read()
        if answer.status != 200:
            raise RuntimeError(f"POST {path} answered {answer.status}: {text[:200]!r}")
        return sent
    finally:
        connection.close()


def alertmanager_payload(name: str) -> bytes:
    """One firing alert of Alertmanager's version 4 webhook, starting now, with its own fingerprint."""
    now = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    alert = {
        "status": "firing",
        "labels": {"alertname": name, "severity": "critical"},
        "annotations": {},
        "startsAt": now,
        "endsAt": "0001-01-01T00:00:00Z",
        "fingerprint": name[-16:],
    }
    group = {"receiver": "scribe", "status": "firing", "alerts": [alert], "version": "4", "groupKey": name}
    return json.dumps(group).encode()
