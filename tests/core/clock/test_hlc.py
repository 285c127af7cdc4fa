"""Hybrid logical clock stamps: they sort as text in (ms, counter, node) order and never go back."""

from __future__ import annotations

import pytest

from tui.core.clock.hlc import MAX_COUNTER, HybridClock, format_stamp, parse_stamp


def test_stamps_sort_as_text_in_clock_order():
    stamps = [format_stamp(ms, counter, node) for ms, counter, node in [(5, 0, "b"), (5, 1, "a"), (40, 0, "a")]]
    assert sorted(stamps) == stamps
    assert format_stamp(5, 0, "a") < format_stamp(5, 0, "b")


def test_a_clock_never_goes_back_and_moves_past_what_it_sees():
    clock = HybridClock("n1")
    first = clock.stamp(1000)
    assert clock.stamp(900) > first  # the wall clock stepped back
    clock.observe(format_stamp(5000, 7, "zz"))
    after = clock.stamp(1000)
    assert parse_stamp(after) == (5000, 8, "n1")
    clock.observe("not a stamp")  # ignored
    assert clock.stamp(6000) == format_stamp(6000, 0, "n1")


def test_a_full_counter_moves_to_the_next_millisecond():
    clock = HybridClock("n1", ms=10, counter=MAX_COUNTER)
    assert parse_stamp(clock.stamp(10)) == (11, 0, "n1")


@pytest.mark.parametrize(
    "text", [None, 12, "", "1-2-n", "000000000000001-000000-NODE", "000000000000001-000000-" + "a" * 33]
)
def test_what_is_not_a_stamp(text):
    assert parse_stamp(text) is None


def test_a_node_id_is_checked():
    with pytest.raises(ValueError):
        HybridClock("../x")
