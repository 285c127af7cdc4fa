"""The fuzz targets, run by hypothesis: a short run in every test run, a long one with `make fuzz`
(SCRIBE_FUZZ_EXAMPLES). An input that fails is written to crashers/<target>/ first: kept there, it
is replayed by every later run (test_crashers_stay_fixed), whatever hypothesis's own database holds."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import INPUTS
from targets import BINARY, TARGETS

CRASHERS = Path(__file__).parent / "crashers"
EXAMPLES = int(os.environ.get("SCRIBE_FUZZ_EXAMPLES", "30"))


def _keep(name: str, data: bytes | str) -> None:
    raw = data if isinstance(data, bytes) else data.encode("utf-8", errors="surrogatepass")
    folder = CRASHERS / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{hashlib.sha256(raw).hexdigest()[:16]}.input").write_bytes(raw)


def _run(name: str, data: bytes | str) -> None:
    try:
        TARGETS[name](data)
    except Exception:
        _keep(name, data)
        raise


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_fuzz(name):
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None if EXAMPLES <= 30 else settings.default.database,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(INPUTS[name])
    def run(data):
        _run(name, data)

    run()


def _crashers() -> list[tuple[str, Path]]:
    return [(folder.name, path) for folder in sorted(CRASHERS.iterdir()) for path in sorted(folder.glob("*.input"))]


@pytest.mark.parametrize(("name", "path"), _crashers(), ids=lambda value: getattr(value, "name", value))
def test_crashers_stay_fixed(name, path):
    raw = path.read_bytes()
    TARGETS[name](raw if name in BINARY else raw.decode("utf-8", errors="surrogateescape"))
