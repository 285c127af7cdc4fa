"""Links to the stakeholder page. The link is the secret: a random token of 192 bits, shown once
when made; the session keeps only its sha256, so a copy of the file never grants the page."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from tui.core.errors import ScribeError

DEFAULT_PUBLIC_URL = "http://127.0.0.1:8765"
TOKEN_BYTES = 24  # 192 bits
# What a token may look like in a URL; anything else is refused before any hash is made.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{22,86}")


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def matches(token: str, digests: list[str]) -> bool:
    """Whether the token is one of the session's links; every digest is compared in constant time,
    so the answer's timing says nothing about how close a guess came."""
    if not TOKEN_SHAPE.fullmatch(token):
        return False
    wanted = digest(token).encode("ascii")
    found = False
    for known in digests:
        found |= hmac.compare_digest(wanted, known.encode("ascii", "replace"))
    return found


def page_url(public_url: str, token: str) -> str:
    base = (public_url or DEFAULT_PUBLIC_URL).rstrip("/")
    return f"{base}/incident/{token}"


def check_public_url(text: str) -> str:
    """`[serve] public_url` as given, or why it cannot start a link."""
    if text and not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", text):
        raise ScribeError(f"[serve] public_url {text[:80]!r} is not an http(s) address like https://scribe.example.com")
    return text
