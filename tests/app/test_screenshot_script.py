"""The README picture's script: it renders a sample session and never writes to the sample."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

from testdata import REPO


def load_script():
    spec = importlib.util.spec_from_file_location("screenshot", REPO / "scripts" / "screenshot.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


async def test_screenshot_shows_the_sample_and_leaves_it_alone(tmp_path: Path) -> None:
    script = load_script()
    before = hashlib.sha256(script.SAMPLE.read_bytes()).hexdigest()
    output = await script.render(script.SAMPLE, tmp_path / "shot.svg")
    picture = output.read_text(encoding="utf-8")
    assert picture.startswith("<svg") and "RESOLVED" in picture
    assert "Pizza&#160;purchases&#160;failing" in picture
    assert hashlib.sha256(script.SAMPLE.read_bytes()).hexdigest() == before
