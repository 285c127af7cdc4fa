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
    "\u200d",
    "\u00ad",
    "\u3164",
    "\u2060",
    "\U000e0041",
    "\ufe0f",
    "\ufe00",
    "\ud800",
    "\u2029",
    "👩",
    "🚒",
    "❤",
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


def test_bidi_invisible_and_tag_characters_are_named_and_emoji_sequences_kept():
    assert printable("a\u202eb\u2066c\u2069d\u200e\u200f\u061c") == "a<RLO>b<LRI>c<PDI>d<LRM><RLM><ALM>"
    assert printable("x\u200by\u200dz\u2060\u00ad\ufeff") == "x<ZWSP>y<ZWJ>z<WJ><SHY><BOM>"
    assert printable("\u3164\u115f\u1160\uffa0\u2062") == "<U+3164><U+115F><U+1160><U+FFA0><U+2062>"
    assert printable("flag\U000e0067\U000e007f") == "flag<U+E0067><U+E007F>"
    assert printable("\ud800 lone") == "<U+D800> lone"  # could not even be encoded for a terminal
    assert printable("👩\u200d🚒 ❤\ufe0f") == "👩\u200d🚒 ❤\ufe0f"  # what draws the emoji stays
    assert printable("❤\ufe0f\ufe0f\ufe01") == "❤\ufe0f<U+FE0F><U+FE01>"  # a run of selectors smuggles data
    assert printable("line\u2028next") == "line\nnext"


def test_shown_whole_keeps_every_character_of_a_url_visible():
    from tui.core.safe_text import shown_whole

    assert shown_whole("http://h/a\x1b[2Jb\u202e") == "http://h/a\u241b[2Jb<RLO>"
    assert shown_whole("http://h/plain") == "http://h/plain"
    assert is_printable(shown_whole("a\x1b]0;t\x07\u200d\ufe0f"))
