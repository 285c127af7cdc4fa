"""Which hub, and its password: from the command, `[share] hub` in config.toml, or
$SCRIBE_HUB_PASSWORD. Only `shown` (the URL without its password) is ever stored or printed."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlsplit

from tui.core import toml_files
from tui.core.errors import ScribeError
from tui.core.paths import config_path

SCHEMES = ("redis", "rediss")
PASSWORD_VARIABLE = "SCRIBE_HUB_PASSWORD"


class HubError(ScribeError):
    """The hub cannot be reached or refused us; the message names the hub, never its password."""

    exit_code = 1


@dataclass(frozen=True)
class Hub:
    shown: str  # scheme://[user@]host:port/db, never the password
    password: str = field(default="", repr=False)

    @property
    def url(self) -> str:
        """The URL to connect with (the password travels apart, as redis-py's `password`)."""
        return self.shown

    def scrub(self, text: str) -> str:
        """`text` (an error from the client, say) with the password taken out wherever it appears."""
        if self.password:
            for spelling in {self.password, quote(self.password, safe="")}:
                text = text.replace(spelling, "***")
        return text


def parse_hub(text: str) -> Hub:
    """A hub URL, checked: redis://[:password@]host[:port][/db] or rediss://... (TLS)."""
    try:
        parts = urlsplit(text.strip())
        port = parts.port
    except ValueError:
        raise ScribeError("not a hub URL (expected redis://[:password@]host[:port][/db])") from None
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise ScribeError("not a hub URL (expected redis://[:password@]host[:port][/db] or rediss://...)")
    database = parts.path.strip("/") or "0"
    if not database.isdigit() or parts.query or parts.fragment:
        raise ScribeError("not a hub URL: the part after the host is a database number (redis://host:6379/0)")
    user = f"{parts.username}@" if parts.username else ""
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    shown = f"{parts.scheme}://{user}{host}:{port or 6379}/{int(database)}"
    password = unquote(parts.password or "") or os.environ.get(PASSWORD_VARIABLE, "") or _configured_password(shown)
    return Hub(shown, password)


def configured_hub() -> str:
    """`[share] hub` from config.toml, or empty."""
    share = _share_table()
    hub = share.get("hub", "")
    if not isinstance(hub, str):
        raise ScribeError(f'{config_path()}: [share] hub must be a URL in quotes, e.g. hub = "redis://host:6379"')
    return hub


def resolve(text: str | None) -> Hub:
    """The hub named on the command line, else the configured one; an error saying how to name one."""
    chosen = text or configured_hub()
    if not chosen:
        raise ScribeError(f"no hub: pass one (redis://host:6379) or set [share] hub in {config_path()}")
    return parse_hub(chosen)


def _configured_password(shown: str) -> str:
    hub = _share_table().get("hub", "")
    if not isinstance(hub, str) or not hub:
        return ""
    try:
        parts = urlsplit(hub.strip())
        configured = parse_hub_without_password(hub)
    except (ValueError, ScribeError):
        return ""
    return unquote(parts.password or "") if configured == shown else ""


def parse_hub_without_password(text: str) -> str:
    parts = urlsplit(text.strip())
    user = f"{parts.username}@" if parts.username else ""
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host
    database = parts.path.strip("/") or "0"
    return f"{parts.scheme}://{user}{host}:{parts.port or 6379}/{int(database) if database.isdigit() else database}"


def _share_table() -> dict[str, object]:
    path = config_path()
    try:
        document = toml_files.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ScribeError(f"{path}: cannot read the [share] table: {type(exc).__name__}") from None
    share = document.get("share", {})
    return share if isinstance(share, dict) else {}
