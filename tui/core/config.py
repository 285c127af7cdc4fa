"""Settings in $SCRIBE_HOME/config.toml: theme, key remaps and author name (tomllib in, tomli-w out)."""

from __future__ import annotations

import getpass
import os
import re
import stat
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from tui.core import toml_files
from tui.core.errors import ScribeError
from tui.core.paths import config_path


class ConfigError(ScribeError):
    """config.toml cannot be read or holds a value of the wrong shape; the message names the file."""


HOOK_EXPORTS = ("kept", "all", "none")


@dataclass(frozen=True)
class HookConfig:
    """The `[hook]` table: shell commands never recorded (glob patterns), and which recorded ones
    the exported timeline shows (every one is listed in the postmortem's appendix)."""

    ignore: tuple[str, ...] = ()
    export: str = "kept"


@dataclass(frozen=True)
class ExportSettings:
    """`[export]`: the postmortem template used when none is asked for (a name or a path; empty: jwt-pizza)."""

    template: str = ""


@dataclass(frozen=True)
class ServeSettings:
    """`[serve]`: what `scribe serve` reads. The hook token is a secret: never shown, never logged."""

    hook_token: str = field(default="", repr=False)
    zone: str = "UTC"  # the zone of a session an alert opens
    # A Grafana contact point's HMAC timestamp header, when it is configured to send one.
    timestamp_header: str = ""
    # [serve.runbooks]: label -> label value -> runbook, for a session an alert opens.
    runbooks: dict[str, dict[str, str]] = field(default_factory=dict)
    # Where stakeholders reach `scribe serve` (the start of a page's link); empty: http://127.0.0.1:8765.
    public_url: str = ""
    # Minutes until the next status update is due, as the composer proposes it.
    update_minutes: int = 30


@dataclass(frozen=True)
class Config:
    """What Scribe understands of config.toml. Keys it does not know stay in the file untouched."""

    theme: str = ""  # empty: the built-in default
    keys: dict[str, str] = field(default_factory=dict)  # binding id -> "key,key"
    author: str = ""
    hook: HookConfig = field(default_factory=HookConfig)
    serve: ServeSettings = field(default_factory=ServeSettings)
    export: ExportSettings = field(default_factory=ExportSettings)


def load_config(path: Path | None = None) -> Config:
    """Read config.toml; a missing file means defaults, a broken one raises ConfigError (one line)."""
    path = path or config_path()
    document = _read(path)
    return _interpret(document, path)


def current_author() -> str:
    """Who writes: $SCRIBE_AUTHOR, else `author` in config.toml, else the login name.

    A broken config.toml stops the command with its one-line error rather than guessing.
    """
    return os.environ.get("SCRIBE_AUTHOR") or load_config().author or _login()


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def update_config(changes: dict[str, Any], path: Path | None = None) -> Path:
    """Write top-level settings into config.toml, keeping every key and table it does not know.

    The file is read again right before writing, so a hand edit made while the app runs is kept,
    and it is replaced in one rename so a crash never leaves half a file. A broken file is refused
    (ConfigError) rather than overwritten: the user's text is worth more than a remembered theme.
    """
    path = path or config_path()
    document = _read(path)
    merged = {**document, **changes}
    _interpret(merged, path)  # never write what we could not read back
    text = _edited_in_place(path, changes, merged) or tomli_w.dumps(merged)
    _replace(path, text.encode("utf-8"))
    return path


def _replace(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write the file whole, in one rename. A symlinked config.toml (kept with the dotfiles) is
    written through: the link stays, its target gets the new text and keeps its mode."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    target.parent.mkdir(parents=True, exist_ok=True)
    if mode is None:
        try:
            mode = stat.S_IMODE(target.stat().st_mode)
        except FileNotFoundError:
            mode = 0o644
    fd, partial = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(data)
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def _edited_in_place(path: Path, changes: dict[str, Any], expected: dict[str, Any]) -> str | None:
    """The file's own text with only the changed top-level lines rewritten, so comments survive.

    Each `name = value` line before the first [table] is replaced (or added at the top) with the
    tomli-w spelling of the new value. None when that does not read back as `expected` (a value
    spread over several lines, say): the caller then writes the whole document with tomli-w.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for name, value in changes.items():
        spelled = tomli_w.dumps({name: value}).strip()
        if "\n" in spelled:
            return None  # a table or a long array: not a single line
        assignment = re.compile(rf"\s*[\"']?{re.escape(name)}[\"']?\s*=")
        last_setting = -1  # a new line goes after the settings above the first table
        for number, line in enumerate(lines):
            if line.lstrip().startswith("["):
                lines.insert(last_setting + 1, spelled)
                break
            if assignment.match(line):
                lines[number] = spelled
                break
            if "=" in line and not line.lstrip().startswith("#"):
                last_setting = number
        else:
            lines.insert(last_setting + 1, spelled)
    text = "\n".join(lines) + "\n"
    try:
        return text if tomllib.loads(text) == expected else None
    except tomllib.TOMLDecodeError:
        return None


def _read(path: Path) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return toml_files.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def _interpret(document: dict[str, Any], path: Path) -> Config:
    theme = document.get("theme", "")
    if not isinstance(theme, str):
        raise ConfigError(f'{path}: theme must be a name in quotes, e.g. theme = "scribe-light"')
    author = document.get("author", "")
    if not isinstance(author, str):
        raise ConfigError(f'{path}: author must be a name in quotes, e.g. author = "kgreen"')
    keys = _flatten(document.get("keys", {}))
    if not isinstance(keys, dict):
        raise ConfigError(f'{path}: keys must be a table: [keys] then lines like note = "n,enter"')
    cleaned: dict[str, str] = {}
    for binding_id, value in keys.items():
        listed = [key.strip() for key in value.split(",") if key.strip()] if isinstance(value, str) else []
        if not listed:
            raise ConfigError(f'{path}: [keys] {binding_id} must be keys in quotes, e.g. "n" or "n,ctrl+n"')
        cleaned[binding_id] = ",".join(listed)
    serve = _interpret_serve(document.get("serve", {}), path)
    hook = _hook(document.get("hook", {}), path)
    export = _export(document.get("export", {}), path)
    return Config(theme=theme.strip(), keys=cleaned, author=author.strip(), hook=hook, serve=serve, export=export)


def _export(table: Any, path: Path) -> ExportSettings:
    template = table.get("template", "") if isinstance(table, dict) else None
    if not isinstance(template, str):
        raise ConfigError(f'{path}: [export] template must be a name or a path in quotes, e.g. template = "google-sre"')
    return ExportSettings(template=template.strip())


def _hook(table: Any, path: Path) -> HookConfig:
    if not isinstance(table, dict):
        raise ConfigError(f'{path}: hook must be a table: [hook] then ignore = ["vault *"], export = "kept"')
    ignore = table.get("ignore", [])
    if not isinstance(ignore, list) or not all(isinstance(pattern, str) and pattern for pattern in ignore):
        raise ConfigError(f'{path}: [hook] ignore must be a list of patterns in quotes, e.g. ["vault *", "*secret*"]')
    export = table.get("export", "kept")
    if export not in HOOK_EXPORTS:
        raise ConfigError(f"{path}: [hook] export must be one of {', '.join(map(repr, HOOK_EXPORTS))}")
    return HookConfig(ignore=tuple(ignore), export=export)


def _interpret_serve(table: Any, path: Path) -> ServeSettings:
    if not isinstance(table, dict):
        raise ConfigError(f'{path}: serve must be a table: [serve] then lines like zone = "UTC"')
    texts = {}
    for name in ("hook_token", "zone", "timestamp_header", "public_url"):
        value = table.get(name, "")
        if not isinstance(value, str):
            raise ConfigError(f'{path}: [serve] {name} must be text in quotes, e.g. {name} = "..."')
        texts[name] = value.strip()
    mapping = table.get("runbooks", {})
    if not isinstance(mapping, dict) or not all(
        isinstance(values, dict) and all(isinstance(v, str) for v in values.values()) for values in mapping.values()
    ):
        raise ConfigError(
            f"{path}: [serve.runbooks] maps a label's values to runbooks, "
            'e.g. alertname."Pizza Purchase Alert" = "pizza-factory-chaos"'
        )
    minutes = table.get("update_minutes", 30)
    if type(minutes) is not int or not 1 <= minutes <= 1440:
        raise ConfigError(f"{path}: [serve] update_minutes must be a whole number of minutes, 1 to 1440")
    return ServeSettings(
        public_url=texts["public_url"].rstrip("/"),
        update_minutes=minutes,
        hook_token=texts["hook_token"],
        zone=texts["zone"] or "UTC",
        timestamp_header=texts["timestamp_header"],
        runbooks={str(label): dict(values) for label, values in mapping.items()},
    )


def store_hook_token(token: str, path: Path | None = None) -> Path:
    """Keep a generated hook token as `[serve] hook_token` in config.toml, which then holds a
    secret and is made 0600. The rest of the file, comments included, is kept as it was."""
    path = path or config_path()
    document = _read(path)
    serve = document.get("serve", {})
    if not isinstance(serve, dict):
        raise ConfigError(f"{path}: serve must be a table")
    expected = {**document, "serve": {**serve, "hook_token": token}}
    _interpret(expected, path)
    spelled = tomli_w.dumps({"hook_token": token}).strip()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lines = []
    header = next((n for n, line in enumerate(lines) if re.fullmatch(r"\s*\[\s*serve\s*\]\s*(#.*)?", line)), None)
    if header is None:
        lines += ["", "[serve]", spelled] if lines else ["[serve]", spelled]
    else:
        lines.insert(header + 1, spelled)
    text = "\n".join(lines) + "\n"
    try:
        readable = tomllib.loads(text) == expected
    except tomllib.TOMLDecodeError:
        readable = False
    _replace(path, (text if readable else tomli_w.dumps(expected)).encode("utf-8"), mode=0o600)
    return path


def _flatten(table: Any, prefix: str = "") -> Any:
    """`milestone.detected = "D"` written bare is a nested table in TOML; binding ids are dotted."""
    if not isinstance(table, dict):
        return table
    flat: dict[str, Any] = {}
    for name, value in table.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{name}."))
        else:
            flat[f"{prefix}{name}"] = value
    return flat
