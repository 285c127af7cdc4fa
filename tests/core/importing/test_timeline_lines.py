"""Timeline lines read in one step where they can be: the same answers the general patterns give."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui.core.importing import timeline as timeline_parse
from tui.core.importing.sections import ADMONITION, FENCE, TABLE_SEPARATOR, is_markup, is_prompt
from tui.core.importing.timeline import read_head

# Characters the general reader acts on after a time: markup, digits, separators, zone letters,
# "+1 day", dates in brackets, meridiems and whitespace.
TRICKY = "_*`[]()~ \t-–—:|,.>=→+0123456789aApPmMZUTCGMSnextdyAprDc/"
hours = st.integers(0, 99).map(lambda n: f"{n:02d}")
stamp = st.one_of(
    st.tuples(hours, hours).map(":".join),
    st.tuples(hours, hours, hours).map(":".join),
)
text = st.one_of(st.text(TRICKY, max_size=20), st.text(max_size=20))


@settings(max_examples=400, deadline=None)
@given(stamp, text)
@example("10:24", "10:30 deploy")  # a range
@example("24:00", "midnight")
@example("25:00", "out of range")
@example("10:24", "_Traffic stopped._")
@example("10:24", "**Paged** on-call **")
@example("10:24", "`**")
@example("10:24:61", "no such second")
@example("09:30", "(#5) request logs ")
@example("10:24", "\\")  # a Markdown line break, read alike on both paths
@example("10:24", "Alert fired.\\")
def test_an_exported_line_reads_as_the_general_reader_reads_it(clock, words):
    line = f"- _{clock}_ - {words}"
    assert read_head(line) == timeline_parse._read_any_head(line)


def test_the_exported_line_keeps_every_part_of_its_head():
    head = read_head("- _23:59:07_ - Rolled back the _deploy_")
    assert head is not None
    assert (head.hour, head.minute, head.second, head.meridiem, head.padded) == (23, 59, 7, None, True)
    assert (head.day, head.next_day, head.zone, head.text) == (None, False, None, "Rolled back the _deploy_")


def test_a_range_in_the_exported_shape_is_still_a_range():
    head = read_head("- _10:24_ - 10:26 PM outage")
    assert head is not None
    assert (head.hour, head.meridiem, head.text) == (10, "p", "outage")


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(" |:-", max_size=8), st.text(" \t`~[]!|:-TODO NTEabc", max_size=12)))
@example("  ```md")
@example(" :---:")
@example("[!NOTE]")
@example("[TODO: who was paged]")
@example(" |:---|---:|")
@example("--|--")
@example("- -")
def test_markup_lines_are_told_apart_as_the_patterns_tell_them(line):
    expected = bool(FENCE.match(line) or ADMONITION.match(line) or TABLE_SEPARATOR.match(line) or is_prompt(line))
    assert is_markup(line) == expected
