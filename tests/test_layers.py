"""tui.core stays headless: importing all of it never imports Textual, aiohttp or redis."""

import pkgutil
import subprocess
import sys

import tui.core

ADAPTER_LIBRARIES = ("textual", "aiohttp", "redis")


def test_importing_all_of_core_never_imports_an_adapter_library():
    modules = [m.name for m in pkgutil.walk_packages(tui.core.__path__, prefix="tui.core.")]
    assert "tui.core.session.journal" in modules and "tui.core.factory.follow" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {ADAPTER_LIBRARIES!r})\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_slow_file_named_in_conftest_exists():
    from pathlib import Path

    from slow_files import SLOW_FILES

    root = Path(__file__).resolve().parents[1]
    assert [name for name in SLOW_FILES if not (root / name).is_file()] == []
