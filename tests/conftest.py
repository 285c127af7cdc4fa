"""Shared fixtures: every test runs with its own empty $SCRIBE_HOME."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from slow_files import SLOW_FILES

from tui.core.clock.source import FakeClock


@pytest.fixture(autouse=True)
def scribe_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "scribe-home"
    monkeypatch.setenv("SCRIBE_HOME", str(home))
    monkeypatch.setenv("SCRIBE_AUTHOR", "tester")
    return home


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2025, 4, 8, 10, 24, tzinfo=UTC))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark what a marker can be told from: a picture comparison is a `snapshot` test."""
    root = config.rootpath
    for item in items:
        if "snap_compare" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.snapshot)
        if item.path.relative_to(root).as_posix() in SLOW_FILES:
            item.add_marker(pytest.mark.slow)
