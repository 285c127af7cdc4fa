"""Who may write: the hook token as a bearer token, as basic auth's password, or as the key of
Grafana's HMAC-SHA256 signature of the body. Every comparison takes constant time."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from collections.abc import Mapping

# Grafana's header, and the name its own source gave it before (a contact point may say either).
SIGNATURE_HEADERS = ("X-Grafana-Alerting-Signature", "X-Grafana-Alert-Signature")
# A signed timestamp further than this from our clock is a replay, or a clock to fix.
MAX_SKEW_SECONDS = 300


def new_token() -> str:
    return secrets.token_urlsafe(32)


def _same(given: str, token: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), token.encode("utf-8", "surrogateescape"))


def authorised(headers: Mapping[str, str], body: bytes, token: str, *, timestamp_header: str = "", now: float) -> bool:
    """Whether the request carries the token (or signs its body with it)."""
    if not token:
        return False
    scheme, _, credentials = headers.get("Authorization", "").strip().partition(" ")
    credentials = credentials.strip()
    if scheme.lower() == "bearer" and credentials:
        return _same(credentials, token)
    if scheme.lower() == "basic" and credentials:
        try:
            decoded = base64.b64decode(credentials, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return False
        return _same(decoded.partition(":")[2], token)
    for name in SIGNATURE_HEADERS:
        signature = headers.get(name)
        if signature:
            return _signed(signature.strip().lower(), headers, body, token, timestamp_header, now)
    return False


def _signed(
    signature: str, headers: Mapping[str, str], body: bytes, token: str, timestamp_header: str, now: float
) -> bool:
    """Grafana signs `body`, or `timestamp:body` when its contact point names a timestamp header."""
    message = body
    if timestamp_header:
        stamp = headers.get(timestamp_header, "").strip()
        if not stamp.isdigit() or len(stamp) > 12 or abs(now - int(stamp)) > MAX_SKEW_SECONDS:
            return False
        message = stamp.encode("ascii") + b":" + body
    expected = hmac.new(token.encode("utf-8"), message, hashlib.sha256).hexdigest()
    return _same(signature, expected)


def signature_for(body: bytes, token: str, timestamp: str = "") -> str:
    """The signature Grafana would send: for the README's curl line and the tests."""
    message = (timestamp.encode("ascii") + b":" + body) if timestamp else body
    return hmac.new(token.encode("utf-8"), message, hashlib.sha256).hexdigest()
