"""The URL-shape scan on hostile pastes: the same URLs the plain pattern finds, in linear time."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.factory.response import (
    _LEGACY_SCHEME,
    _LEGACY_TAIL,
    _SUPPORT_SCHEME,
    _SUPPORT_TAIL,
    _URL_CHARS,
    _shaped,
    inspect_text,
)

# The one-pattern forms, quadratic on `http://http://...`: the reference for what _shaped must find.
SUPPORT = re.compile(rf"https?://{_URL_CHARS}+?/api/support/[^/\s\"'<>\\`]+/report/[A-Za-z0-9_\-]+")
LEGACY = re.compile(rf"https?://{_URL_CHARS}+?/api/report\?{_URL_CHARS}*", re.IGNORECASE)

PIECES = st.sampled_from(
    ["http://", "https://", "HTTP://", "/api/support/", "/report/", "/api/report?", "x", "7", "/", " ", '"', "-", "\n"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=24).map("".join))
def test_shaped_finds_what_the_single_pattern_finds(text):
    assert list(_shaped(text, _SUPPORT_SCHEME, _SUPPORT_TAIL)) == [m.group(0) for m in SUPPORT.finditer(text)]
    assert list(_shaped(text, _LEGACY_SCHEME, _LEGACY_TAIL)) == [m.group(0) for m in LEGACY.finditer(text)]


def test_a_long_run_of_schemes_is_read_whole():
    # 140 KB: the single pattern took over a minute on this; a linear scan takes milliseconds.
    text = "http://" * 20_000 + "http://factory/api/support/pizza/report/FIX42"
    findings = inspect_text(text)
    assert findings.report_url is not None and findings.report_url.endswith("/api/support/pizza/report/FIX42")
