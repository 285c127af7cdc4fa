"""A program the tests start that is not installed: its tests skip, except in CI (CI=true), where
a missing program must fail the run rather than pass it quietly."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def missing(message: str) -> NoReturn:
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)
