"""safe_text's quick answers: `is_printable` says exactly when `printable` leaves text as it is."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.safe_text import is_printable, one_line, printable

# Plain words, every kind of control and invisible character, and the whitespace between them.
PIECES = [
    "word",
    "Zoë",
    " ",
    "  ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\x00",
    "\x07",
    "\x1b",
    "\x1b[31m",
    "\x1b]0;t\x07",
    "\x7f",
    "\x85",
    "\x9b",
    "\u200b",
    "\u202e",
    "\ufeff",
    "\u00a0",
    "\u2028",
    "—",
    "~",
]
texts = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


@settings(max_examples=1_000, deadline=None)
@given(texts)
def test_is_printable_exactly_when_printable_changes_nothing(text):
    assert is_printable(text) == (printable(text) == text)


@settings(max_examples=1_000, deadline=None)
@given(texts)
def test_what_printable_returns_is_printable(text):
    assert is_printable(printable(text))
    assert is_printable(one_line(text)) and "\n" not in one_line(text)


def test_plain_ascii_passes_and_tabs_newlines_are_kept_or_joined():
    assert printable("  a plain line ~ ") == "  a plain line ~ "
    assert one_line("  a plain line ~ ") == "a plain line ~"
    assert printable("a\tb\nc") == "a\tb\nc"
    assert one_line(" a\tb \n c ") == "a\tb c"
    assert one_line("bell\x07") == "bell\u2407"
