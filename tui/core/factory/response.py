"""An HTTP response, pasted or fetched, read for what matters in a chaos incident: status, JSON, report URLs."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

# Every name the service or the factory has given the link that ends the chaos, newest first.
REPORT_FIELDS: tuple[str, ...] = (
    "followLinkToEndChaos",
    "reportUrl",
    "reportErrorToPizzaFactoryUrl",
    "reportPizzaCreationErrorToPizzaFactoryUrl",
    "reportSlowPizzaToFactoryUrl",
)
_REPORT_FIELDS_FOLDED = {name.lower(): name for name in REPORT_FIELDS}
_MESSAGE_FIELDS = ("message", "msg", "error")
_STATUS_FIELDS = ("statusCode", "status", "status_code")

# Status as browsers' dev tools and curl -i show it. Chrome copies "Status Code" and its value on
# separate lines, Firefox writes "Status 500", so whitespace (newlines too) may sit between.
_STATUS_LINES = (
    re.compile(r"^[ \t]*HTTP/\d(?:\.\d)?[ \t]+(\d{3})\b[ \t]*([^\r\n]*)", re.MULTILINE),
    re.compile(r"^[ \t]*Status(?:[ \t]+Code)?[ \t]*:?\s*(\d{3})\b[ \t]*([^\r\n]*)", re.MULTILINE | re.IGNORECASE),
)

# URLs found by their shape, for text where no JSON survived the copy (a log line cut short, a
# Markdown note). The fix code is alphanumeric, which ends the match before quotes or punctuation.
_URL_CHARS = r"[^\s\"'<>\\`]"
# A URL is a scheme, then URL characters, then one of these tails. As one pattern
# (`https?://[...]+?/api/...`) each `http://` would rescan the rest of its run, quadratic on a
# paste of `http://http://...`; found in two linear steps instead (see _shaped).
_URL_RUN = re.compile(rf"{_URL_CHARS}+")
_SUPPORT_SCHEME = re.compile(r"https?://")
_SUPPORT_TAIL = re.compile(r"/api/support/[^/\s\"'<>\\`]+/report/[A-Za-z0-9_\-]+")
_LEGACY_SCHEME = re.compile(r"https?://", re.IGNORECASE)
_LEGACY_TAIL = re.compile(rf"/api/report\?{_URL_CHARS}*", re.IGNORECASE)
_TRAILING_PUNCTUATION = ".,;:!?)"

# Loki keeps the service's response body as a JSON string inside the log line's JSON, and a copy
# from Grafana may escape that once more; three levels is more than any real paste has shown.
_MAX_UNESCAPE = 3
_ESCAPED_JSON_CHAR = re.compile(r"\\([\"\\/])")
# Bounds no real response comes near, so a broken or hostile paste stays fast and cannot exhaust
# the stack: JSON spanning lines is looked for in pastes up to this size, and nesting is followed
# this deep.
_MAX_MULTILINE = 1 << 20
_MAX_DEPTH = 64
_MAX_WALK = 4 * _MAX_DEPTH  # JSON in strings in JSON: each document is shallow, the chain is bounded too


@dataclass(frozen=True)
class ReportLink:
    """One URL that reports the fault to the factory, and how it was recognised."""

    url: str
    field: str | None  # the JSON field it was under; None when only its shape gave it away


@dataclass(frozen=True)
class Findings:
    """What a pasted response says. Anything it does not say is None or empty, never guessed."""

    status: int | None
    reason: str | None
    body: Any | None  # the JSON object that carries the report URL, else the first JSON found
    message: str | None
    report_links: tuple[ReportLink, ...] = field(default_factory=tuple)

    @property
    def report_url(self) -> str | None:
        """The first report URL: the one to follow when the paste holds several."""
        return self.report_links[0].url if self.report_links else None

    def summary(self) -> str:
        """Status and message in a few words, as a timeline event quotes them: "500 chaos monkey"."""
        parts = [str(self.status)] if self.status is not None else []
        if self.message:
            parts.append(self.message)
        return " ".join(parts) if parts else "no status or message found"

    def pretty_body(self) -> str | None:
        """The JSON body indented for reading, or None when the paste held no JSON."""
        if self.body is None:
            return None
        return json.dumps(self.body, indent=2, ensure_ascii=False)


@dataclass
class _Found:
    """Where a JSON field was met while walking: the object holding it and that object's parents."""

    link: ReportLink
    holder: dict[str, Any]
    lineage: tuple[dict[str, Any], ...]


def inspect_text(text: str) -> Findings:
    """Read pasted text (a JSON body, headers and body from dev tools, or log lines) for its findings."""
    status, reason = _status_line(text)
    documents = _documents(text)

    found: list[_Found] = []
    dicts: list[dict[str, Any]] = []
    for document in documents:
        _walk(document, (), found, dicts)

    links: list[ReportLink] = []
    known: set[str] = set()
    for item in found:
        if item.link.url not in known:
            known.add(item.link.url)
            links.append(item.link)
    for url in _urls_by_shape(text):
        # Part of a URL already found by its field (its shape stops at a placeholder's bracket): not new.
        if url not in known and not any(url in link.url for link in links):
            known.add(url)
            links.append(ReportLink(url=url, field=None))

    first = found[0] if found else None
    if status is None:
        status = _status_from_json(first, dicts)
    body = first.holder if first else (documents[0] if documents else None)
    message = _message(first.holder) if first else None
    if message is None:
        message = next((m for m in map(_message, dicts) if m is not None), None)
    return Findings(status=status, reason=reason, body=body, message=message, report_links=tuple(links))


def _status_line(text: str) -> tuple[int | None, str | None]:
    """The status from an HTTP status line, which is the most direct statement of it."""
    for pattern in _STATUS_LINES:
        match = pattern.search(text)
        if match:
            code = int(match.group(1))
            if 100 <= code <= 599:
                return code, (match.group(2).strip() or None)
    return None, None


def _documents(text: str) -> list[Any]:
    """Every JSON object in the text, including ones only readable after removing a level of escaping."""
    documents: list[Any] = []
    seen: set[str] = set()
    variant = text
    for _ in range(_MAX_UNESCAPE + 1):
        for document in _json_objects(variant):
            key = json.dumps(document, sort_keys=True)
            if key not in seen:
                seen.add(key)
                documents.append(document)
                _remember_nested(document, seen)
        if "\\" not in variant:
            break
        unescaped = _ESCAPED_JSON_CHAR.sub(r"\1", variant)
        if unescaped == variant:
            break
        variant = unescaped
    return documents


def _remember_nested(value: Any, seen: set[str], depth: int = 0) -> None:
    """Mark objects already reached through an embedded JSON string, so a less-escaped copy is not a new one."""
    if depth > _MAX_WALK:
        return
    if isinstance(value, dict):
        for item in value.values():
            _remember_nested(item, seen, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _remember_nested(item, seen, depth + 1)
    elif isinstance(value, str):
        embedded = _embedded_json(value)
        if embedded is not None:
            seen.add(json.dumps(embedded, sort_keys=True))
            _remember_nested(embedded, seen, depth + 1)


_OBJECT_START = re.compile(r"\{\s*[\"}]")


def _json_objects(text: str) -> list[Any]:
    """The outermost JSON objects in free text, left to right, skipping whatever is not JSON.

    Each try decodes a slice: in place, a failed decode costs time in proportion to all the text
    before it (the error counts lines), which makes a long log quadratic. Most JSON in logs sits on
    one line, so a try reads to the end of its line, and only a value still open there (a
    pretty-printed body) is retried on the rest. A budget of characters tried keeps broken pastes
    (thousands of unclosed objects) fast; the URL-shape search still covers what it leaves.
    """
    decoder = json.JSONDecoder()
    objects: list[Any] = []
    budget = 20 * len(text) + (1 << 22)
    match = _OBJECT_START.search(text)
    while match is not None and budget > 0:
        position = match.start()
        decoded = None
        line_end = text.find("\n", position)
        ends = [len(text) if line_end == -1 else line_end]
        if ends[0] < len(text) and len(text) - position <= _MAX_MULTILINE:
            ends.append(len(text))
        for end in ends:
            chunk = text[position:end]
            budget -= len(chunk)
            try:
                value, used = decoder.raw_decode(chunk)
            except json.JSONDecodeError as error:
                if error.pos < len(chunk.rstrip()):
                    break  # wrong before its line ended: more text cannot make it JSON
                continue
            except RecursionError:
                break
            decoded = value, position + used
            break
        if decoded is None:
            match = _OBJECT_START.search(text, position + 1)
            continue
        value, end = decoded
        if _shallow(value):
            objects.append(value)
        match = _OBJECT_START.search(text, end)
    return objects


def _shallow(value: Any) -> bool:
    """Nested no deeper than any real response, so walking and printing it cannot exhaust the stack."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > _MAX_DEPTH:
            return False
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
    return True


def _embedded_json(value: str, level: int = 0) -> Any | None:
    """A string field that is itself JSON (Loki's resBody), decoded; None when it is just a string."""
    stripped = value.strip()
    if not stripped or stripped[0] not in '{["' or level > _MAX_UNESCAPE:
        return None
    try:
        decoded = json.loads(stripped)
    except (ValueError, RecursionError):
        return None
    if isinstance(decoded, str):  # JSON.stringify applied to a string that was already JSON
        return _embedded_json(decoded, level + 1)
    return decoded if isinstance(decoded, (dict, list)) and _shallow(decoded) else None


def _walk(
    value: Any, lineage: tuple[dict[str, Any], ...], found: list[_Found], dicts: list[dict[str, Any]], depth: int = 0
) -> None:
    """Visit objects depth-first in document order, noting report fields and descending into embedded JSON."""
    if depth > _MAX_WALK:
        return
    if isinstance(value, list):
        for item in value:
            _walk(item, lineage, found, dicts, depth + 1)
        return
    if not isinstance(value, dict):
        return
    dicts.append(value)
    for key, item in value.items():
        name = _REPORT_FIELDS_FOLDED.get(str(key).lower())
        if name is not None and isinstance(item, str) and item.strip():
            found.append(_Found(ReportLink(url=item.strip(), field=str(key)), value, lineage))
            continue
        if isinstance(item, str):
            embedded = _embedded_json(item)
            if embedded is not None:
                _walk(embedded, lineage + (value,), found, dicts, depth + 1)
        else:
            _walk(item, lineage + (value,), found, dicts, depth + 1)


def _urls_by_shape(text: str) -> list[str]:
    """Report URLs recognised by their path, in the text as pasted and with escaping removed."""
    urls: dict[str, None] = {}  # a set that keeps the order they were met in
    variant = text
    for _ in range(_MAX_UNESCAPE + 1):
        for scheme, tail in ((_SUPPORT_SCHEME, _SUPPORT_TAIL), (_LEGACY_SCHEME, _LEGACY_TAIL)):
            for found in _shaped(variant, scheme, tail):
                url = found.rstrip(_TRAILING_PUNCTUATION)
                if tail is _LEGACY_TAIL and not _is_legacy_report(url):
                    continue
                urls.setdefault(url)
        unescaped = _ESCAPED_JSON_CHAR.sub(r"\1", variant)
        if unescaped == variant:
            break
        variant = unescaped
    return list(urls)


def _shaped(text: str, scheme: re.Pattern[str], tail: re.Pattern[str]) -> Iterator[str]:
    """What `scheme + URL characters (lazily) + tail` would match, left to right, in linear time.

    Within one run of URL characters the lazy match from the first scheme ends at the first tail
    after it; when no tail follows, no later scheme in the run can have one either.
    """
    for run in _URL_RUN.finditer(text):
        cursor, end = run.start(), run.end()
        while True:
            head = scheme.search(text, cursor, end)
            if head is None:
                break
            found = tail.search(text, head.end() + 1, end)  # at least one character after the scheme
            if found is None:
                break
            yield text[head.start() : found.end()]
            cursor = found.end()


def _is_legacy_report(url: str) -> bool:
    """The older factory URL carries both its key and its fix code in the query."""
    query = url.lower()
    return "apikey=" in query and "fixcode=" in query


def _status_from_json(first: _Found | None, dicts: list[dict[str, Any]]) -> int | None:
    """A log line's statusCode, preferring the record that carries the report URL."""
    candidates: list[dict[str, Any]] = []
    if first is not None:
        candidates.append(first.holder)
        candidates.extend(reversed(first.lineage))
    candidates.extend(dicts)
    for candidate in candidates:
        for name in _STATUS_FIELDS:
            code = _as_status(candidate.get(name))
            if code is not None:
                return code
    return None


def _as_status(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and 100 <= value <= 599:
        return value
    return None


def _message(obj: dict[str, Any]) -> str | None:
    for name in _MESSAGE_FIELDS:
        value = obj.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None
