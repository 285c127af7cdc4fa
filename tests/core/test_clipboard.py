"""Copying: pyperclip first; OSC 52 to the terminal when it has no backend; and what the user is told."""

from __future__ import annotations

import base64
import io
import re
from datetime import UTC, datetime

import pyperclip
import pytest

from tui import cli
from tui.core import clipboard
from tui.core.errors import ScribeError
from tui.core.safe_text import one_line, printable, strip_escapes
from tui.core.session import journal
from tui.core.session import operations as ops

T0 = datetime(2025, 4, 8, 10, 24, tzinfo=UTC)


class Terminal(io.StringIO):
    def close(self) -> None:  # keep the text readable after `with`
        pass


def no_backend(text: str) -> None:
    raise pyperclip.PyperclipException("Pyperclip could not find a copy/paste mechanism for your system.")


def decode(sequence: str) -> str:
    match = re.fullmatch(r"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07", sequence)
    assert match, repr(sequence[:40])
    return base64.b64decode(match.group(1)).decode("utf-8")


def test_pyperclip_is_used_when_it_works():
    taken: list[str] = []
    result = clipboard.copy("hello", system=taken.append, open_terminal=lambda: pytest.fail("no OSC 52"))
    assert taken == ["hello"] and result.method == clipboard.PYPERCLIP
    assert result.describe() == "copied to the system clipboard (pyperclip)"


def test_falls_back_to_osc52_on_the_terminal(monkeypatch):
    monkeypatch.delenv("TMUX", raising=False)
    terminal = Terminal()
    result = clipboard.copy("# Incident ✓\n", system=no_backend, open_terminal=lambda: terminal)
    assert decode(terminal.getvalue()) == "# Incident ✓\n"
    assert result.method == clipboard.OSC52
    assert "OSC 52" in result.describe() and "not available" in result.describe()


def test_no_terminal_sends_the_escape_to_the_fallback_stream(monkeypatch):
    monkeypatch.delenv("TMUX", raising=False)

    def no_tty():
        raise OSError(6, "No such device or address")

    stream = io.StringIO()
    result = clipboard.copy("text", system=no_backend, open_terminal=no_tty, fallback=stream)
    assert decode(stream.getvalue()) == "text"
    assert "stderr" in result.describe()
    with pytest.raises(ScribeError):
        clipboard.copy("text", system=no_backend, open_terminal=no_tty)


def test_inside_tmux_the_sequence_is_passed_through():
    wrapped = clipboard.osc52_sequence("hi", tmux=True)
    assert wrapped.startswith("\x1bPtmux;\x1b\x1b]52;c;") and wrapped.endswith("\x07\x1b\\")


def test_too_long_for_a_terminal_is_refused_not_cut():
    with pytest.raises(ScribeError, match="too long"):
        clipboard.copy("x" * clipboard.OSC52_LIMIT, system=no_backend, open_terminal=Terminal)


def test_export_copy_falls_back_when_pyperclip_raises(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("TMUX", raising=False)
    monkeypatch.setattr(pyperclip, "copy", no_backend)
    terminal = Terminal()
    monkeypatch.setattr(clipboard, "_open_tty", lambda: terminal)
    path = tmp_path / "s.jsonl"
    journal.create(path, ops.create_op(T0, title="Pizza", zone="UTC"))
    journal.append(path, ops.add_event_op(T0, time=T0, text="factory down"))
    assert cli.main(["export", str(path), "--copy"]) == 0
    out, err = capsys.readouterr()
    assert out == ""  # the report went to the clipboard, not the screen
    assert "OSC 52" in err and err.count("\n") == 1
    assert "- _10:24_ - factory down" in decode(terminal.getvalue())


def test_export_copy_uses_pyperclip_when_it_has_a_backend(tmp_path, monkeypatch, capsys):
    taken: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", taken.append)
    path = tmp_path / "s.jsonl"
    journal.create(path, ops.create_op(T0, title="Pizza", zone="UTC"))
    assert cli.main(["export", str(path), "--copy"]) == 0
    assert taken and taken[0].startswith("# Incident: 2025-04-08 10-24-00")
    assert "pyperclip" in capsys.readouterr().err


def test_safe_text_removes_sequences_and_shows_stray_controls():
    assert strip_escapes("\x1b[1;31mbold red\x1b[0m") == "bold red"
    assert printable("a\tb\nc\x1b") == "a\tb\nc\u241b"
    assert printable("x\x1bPq#0;2;0;0;0\x1b\\y") == "xy"  # a sixel (DCS) image: gone
    assert one_line("one\r\ntwo\n three") == "one two three"
    assert printable("\u200bhidden\u202e") == "<ZWSP>hidden<RLO>"
    assert printable("caf\u00e9 ✓ 日本") == "caf\u00e9 ✓ 日本"


# -- from the app, which owns the terminal -------------------------------------------------------


def test_the_app_sends_osc52_through_its_own_writer_and_tries_pyperclip_too():
    sent: list[str] = []
    taken: list[str] = []
    result = clipboard.copy_with_terminal("# Incident", terminal=sent.append, system=taken.append)
    assert sent == taken == ["# Incident"]
    assert result.describe() == "copied to the terminal clipboard (OSC 52) and the system clipboard (pyperclip)"


def test_the_app_says_which_clipboard_took_the_text_and_why_the_other_did_not():
    sent: list[str] = []
    result = clipboard.copy_with_terminal("url", terminal=sent.append, system=no_backend)
    assert sent == ["url"] and result.method == clipboard.OSC52
    assert result.describe().startswith("copied to the terminal clipboard (OSC 52); the system clipboard is not")

    def broken_driver(text: str) -> None:
        raise OSError("no driver\x1b[2J")

    result = clipboard.copy_with_terminal("url", terminal=broken_driver, system=lambda text: None)
    assert result.method == clipboard.PYPERCLIP
    assert result.fallback_reason == "the terminal clipboard is not available (no driver)"  # no escape shown


def test_the_app_copy_fails_only_when_neither_clipboard_takes_it():
    def broken_driver(text: str) -> None:
        raise OSError("no driver")

    with pytest.raises(ScribeError, match="no clipboard available: the terminal clipboard is not available"):
        clipboard.copy_with_terminal("url", terminal=broken_driver, system=no_backend)
