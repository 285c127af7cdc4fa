"""A notice: one thing an alerting system said (an alert firing or resolved, an OnCall step),
read from its payload and checked like a line of a session file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from tui.core.clock.typed import EARLIEST, LATEST
from tui.core.errors import ScribeError
from tui.core.session.operations import stamp

# Longest name, summary or link kept from a payload: a timeline line, not a document. The body
# itself is at most 1 MB (the server refuses more), so this bounds each event's text well below it.
MAX_FIELD = 2000
MAX_LINKS = 8


class PayloadError(ScribeError):
    """A body that is not the endpoint's format; the message is one line for the sender."""


@dataclass(frozen=True)
class Notice:
    """One alert state or OnCall step, ready to become a timeline event.

    `key` and `status` with `time` identify it: a sender that retries or repeats a delivery sends
    the same three, and the same three make the same operation id, so they make one event.
    """

    key: str  # the alert's fingerprint, or "oncall:<alert group id>"
    status: str  # firing, resolved, or OnCall's event type
    time: datetime
    name: str
    summary: str = ""
    links: tuple[tuple[str, str], ...] = ()  # (what, url)
    labels: dict[str, str] = field(default_factory=dict)
    kind: str = "alert"  # the event kind: alert, or the milestone an OnCall step stamps
    who: str = ""  # the responder OnCall names
    source: str = ""  # grafana, alertmanager, oncall
    opens: bool = False  # may open a new session when none is in progress
    detects: bool = False  # stamps *detected* at its time when the session has none
    timed: bool = True  # False: the sender gave no time; `time` is when it arrived

    def identity(self) -> tuple[str, ...]:
        """What makes two deliveries the same: fingerprint, status and time (or, without a time
        of the sender's, what it said)."""
        return (self.key, self.status, stamp(self.time) if self.timed else f"{self.who}|{self.summary}")

    def text(self) -> str:
        """The event's text: what happened, the alert's summary, then its links."""
        parts = [self.headline()]
        if self.summary and self.summary != self.name:
            parts[0] += f": {self.summary}"
        parts.extend(f"{what} {url}" for what, url in self.links)
        return " | ".join(parts)

    def headline(self) -> str:
        if self.source == "oncall":
            by = f" by {self.who}" if self.who else ""
            return f"OnCall {self.status}{by}: {self.name}"
        return f"Alert {self.status}: {self.name}"


def text_of(data: dict[str, Any], name: str, default: str = "") -> str:
    """A string field, trimmed and bounded; anything else (a number, a list) is refused."""
    value = data.get(name, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise PayloadError(f"{name} is not text")
    return value.strip()[:MAX_FIELD]


def table_of(data: dict[str, Any], name: str) -> dict[str, str]:
    """A map of string to string (labels, annotations); other values are left out, not refused:
    senders put numbers in annotations."""
    value = data.get(name)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise PayloadError(f"{name} is not an object")
    return {str(key)[:200]: item.strip()[:MAX_FIELD] for key, item in value.items() if isinstance(item, str)}


def object_of(data: dict[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise PayloadError(f"{name} is not an object")
    return value


def moment_of(value: Any, name: str, *, required: bool = True) -> datetime | None:
    """An RFC 3339 time (Go writes nanoseconds, Python keeps microseconds). Go's zero time
    "0001-01-01T00:00:00Z" means unset: None, or refused when `required`."""
    if value in (None, ""):
        if required:
            raise PayloadError(f"{name} is missing")
        return None
    if not isinstance(value, str):
        raise PayloadError(f"{name} is not a time")
    try:
        moment = datetime.fromisoformat(value.strip()[:64])
    except ValueError:
        raise PayloadError(f"{name} is not a time ({value[:40]!r})") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    if moment.year <= 1:
        if required:
            raise PayloadError(f"{name} is unset")
        return None
    if not EARLIEST <= moment <= LATEST:
        raise PayloadError(f"{name} is outside 1970-9000 ({value[:40]!r})")
    return moment.astimezone(UTC)


def link(what: str, url: str) -> tuple[str, str] | None:
    """A link worth keeping: one line of http(s), or nothing."""
    url = url.strip()
    if not url.startswith(("http://", "https://")) or any(ch.isspace() for ch in url):
        return None
    return (what, url[:MAX_FIELD])


def links_of(*pairs: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    kept = [found for what, url in pairs if (found := link(what, url)) is not None]
    return tuple(kept[:MAX_LINKS])


def document_of(payload: Any) -> dict[str, Any]:
    if not isinstance(payload, dict):
        raise PayloadError("the body is not a JSON object")
    return payload
