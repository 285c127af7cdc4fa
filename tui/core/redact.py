"""Secrets out of anything exported: report URL keys and fix codes, JWTs, bearer tokens."""

from __future__ import annotations

import re

MASK = "[REDACTED]"

_RULES: list[tuple[re.Pattern[str], str]] = [
    # https://HOST/api/support/<API KEY>/report/<FIX CODE>
    (re.compile(r"(/api/support/)[^/\s\"'<>)\]]+(/report/)[^/\s\"'<>?#)\]]+", re.IGNORECASE),
     rf"\g<1>{MASK}\g<2>{MASK}"),
    # ?apiKey=...&fixCode=... (and the usual spellings of keys and tokens in query strings)
    (re.compile(r"([?&](?:api[_-]?key|fix[_-]?code|access[_-]?token|token|key|code)=)[^&\s\"'<>#)\]]+",
                re.IGNORECASE), rf"\g<1>{MASK}"),
    # Authorization: Bearer <token>
    (re.compile(r"\b(Bearer\s+)[A-Za-z0-9\-._~+/]+=*", re.IGNORECASE), rf"\g<1>{MASK}"),
    # A JWT anywhere: three base64url parts, the first of which decodes to '{"'.
    (re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*"), MASK),
    # apiKey: ... / x-api-key=... in pasted headers and log lines (quoted JSON has its own rule below)
    (re.compile(r"(?<![\w\"'-])((?:x-)?api[_-]?key|fix[_-]?code|(?:access|auth)[_-]?token|secret|password)"
                r"(\s*[:=]\s*)(?![\"\[])[^\s\"',;&<>)\]]+", re.IGNORECASE), rf"\g<1>\g<2>{MASK}"),
    # "apiKey": "..." in pasted JSON
    (re.compile(r"(\"(?:api[_-]?key|fix[_-]?code|token|password|secret)\"\s*:\s*\")[^\"]*(\")", re.IGNORECASE),
     rf"\g<1>{MASK}\g<2>"),
]


def redact(text: str) -> str:
    """The text with every secret it holds masked; the rest untouched."""
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text
