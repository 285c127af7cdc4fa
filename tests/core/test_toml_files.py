"""Deeply nested or huge TOML in config.toml, a theme or a runbook: one line naming the file, never
a RecursionError."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app.themes import load_themes
from tui.cli.entry import main

DEEP_ARRAY = "x = " + "[" * 5000 + "]" * 5000 + "\n"
DEEP_TABLE = "x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n"
MODERATE = "x = " + "[" * 40 + "]" * 40 + "\n"  # parses, but deeper than any settings file


CASES = pytest.mark.parametrize("text", [DEEP_ARRAY, DEEP_TABLE, MODERATE], ids=["arrays", "tables", "moderate"])


@CASES
def test_config_is_one_line_and_exit_2(scribe_home: Path, capsys, monkeypatch, text):
    monkeypatch.delenv("SCRIBE_AUTHOR")  # else the author is not read from config.toml
    assert main(["new", "x", "--headless"]) == 0  # a session for the note to go to
    capsys.readouterr()
    (scribe_home / "config.toml").write_text(text)
    assert main(["note", "x"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "config.toml" in err and "nested more than" in err


@CASES
def test_a_theme_is_skipped_with_its_name(tmp_path: Path, text):
    (tmp_path / "deep.toml").write_text(text)
    themes, problems = load_themes([tmp_path])
    assert themes == [] and len(problems) == 1 and problems[0].startswith("deep.toml:")


@pytest.mark.parametrize("text", [DEEP_ARRAY, DEEP_TABLE], ids=["arrays", "tables"])
def test_a_runbook_is_one_line(scribe_home: Path, capsys, text):
    folder = scribe_home / "runbooks"
    folder.mkdir(parents=True)
    (folder / "deep.toml").write_text(text)
    assert main(["new", "x", "--runbook", "deep", "--headless"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "runbook deep.toml" in err


def test_a_huge_config_is_refused(scribe_home: Path, capsys, monkeypatch):
    monkeypatch.delenv("SCRIBE_AUTHOR")
    assert main(["new", "x", "--headless"]) == 0
    capsys.readouterr()
    (scribe_home / "config.toml").write_text("# " + "x" * (2 << 20) + "\n")
    assert main(["note", "x"]) == 2
    assert "too large" in capsys.readouterr().err
